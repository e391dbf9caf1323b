/// A chain of values drawn as a graph: each value a circle in a row, named above and with its
/// number inside, and each arrow between two values labelled with its local derivative, the
/// name above the arrow and what it equals below.
public struct ChainGraph: Sendable {
    /// One value of the chain: "z¹", with its number.
    public struct Node: Sendable {
        public let name: String
        public let value: Double
        public init(_ name: String, value: Double) {
            self.name = name
            self.value = value
        }
    }

    /// One link, from node `index` to the next: "∂a¹/∂z¹", "= σ′(z¹) = 0.197".
    public struct Link: Sendable {
        public let name: String
        public let equals: String
        public init(_ name: String, equals: String) {
            self.name = name
            self.equals = equals
        }
    }

    public let nodes: [Node]
    public let links: [Link]

    public init(nodes: [Node], links: [Link]) {
        precondition(links.count == nodes.count - 1, "one link between each two nodes")
        self.nodes = nodes
        self.links = links
    }

    /// The distance between two nodes' centres.
    static let spacing = 3.0
}

extension Chart {
    /// The chain as a graph (see `ChainGraph`), with the footnotes the lesson gives.
    public static func chain(
        _ name: String, title: String, _ graph: ChainGraph, notes: [String] = [],
        width: Int = 1100, height: Int = 420
    ) -> Chart {
        var data = DataFile(
            columns: ["x", "y", "value"],
            notes: ["one row a value of the chain, left to right; the links are the arrows between"]
        )
        data.add(
            "values",
            rows: graph.nodes.indices.map {
                [Double($0) * ChainGraph.spacing, 0, graph.nodes[$0].value]
            })
        var chart = Chart(
            name: name, title: title, data: data, width: width, height: height, commands: [])
        let file = gnuplotQuoted(chart.dataFileName)
        let radius = 0.55
        let names = graph.nodes.indices.map { index in
            "set label \(gnuplotQuoted(graph.nodes[index].name)) at "
                + "\(formatForData(Double(index) * ChainGraph.spacing)), 0.85 center "
                + "font \",13\" front"
        }
        let arrows = graph.links.indices.flatMap { index -> [String] in
            let from = Double(index) * ChainGraph.spacing + radius + 0.05
            let middle = (Double(index) + 0.5) * ChainGraph.spacing
            return [
                "set arrow from \(formatForData(from)), 0 to "
                    + "\(formatForData(from + ChainGraph.spacing - 2 * radius - 0.1)), 0 "
                    + "head filled size 0.15,20 lw 1.5 lc rgb \"#555555\" back",
                "set label \(gnuplotQuoted(graph.links[index].name)) at "
                    + "\(formatForData(middle)), 0.3 center font \",11\" front",
                "set label \(gnuplotQuoted(graph.links[index].equals)) at "
                    + "\(formatForData(middle)), -0.85 center font \",10\" front",
            ]
        }
        let right = Double(graph.nodes.count - 1) * ChainGraph.spacing
        chart.commands =
            [
                "unset key", "unset border", "unset tics", "unset grid", "set size ratio -1",
                "set xrange [-1:\(formatForData(right + 1))]", "set yrange [-1.3:1.3]",
                "set style fill solid 1.0 border lc rgb \"#333333\"",
            ] + arrows + names + footnoteCommands(notes) + [
                "plot \(file) index 0 using 1:2:(\(formatForData(radius))) with circles "
                    + "fc rgb \"#ffffff\", \\",
                "     \(file) index 0 using 1:2:(sprintf(\"%.4g\", $3)) with labels font \",10\"",
            ]
        return chart
    }
}
