/// A network drawn as a graph: neurons as circles labelled with their activation, edges as lines
/// whose width follows |w| and whose colour follows the sign of the wished change (red: grow,
/// blue: shrink), and, where the network is small enough to read them, ∂L/∂w on the edges.
public struct NetworkGraph: Sendable {
    /// One neuron, in a column of the drawing: its name and the value written in it.
    public struct Neuron: Sendable {
        public let name: String
        public let activation: Double
        /// A second line under the name, such as the bias and its slope.
        public let detail: String?
        public init(_ name: String, activation: Double, detail: String? = nil) {
            self.name = name
            self.activation = activation
            self.detail = detail
        }
    }

    /// One weight: from neuron `from` of column `column` to neuron `to` of the next column.
    public struct Edge: Sendable {
        public let column: Int, from: Int, to: Int
        public let weight: Double
        /// ∂L/∂w; the wished change is minus this.
        public let slope: Double
        public init(column: Int, from: Int, to: Int, weight: Double, slope: Double) {
            self.column = column
            self.from = from
            self.to = to
            self.weight = weight
            self.slope = slope
        }
    }

    public let columns: [[Neuron]]
    public let columnNames: [String]
    public let edges: [Edge]
    /// Write ∂L/∂w on every edge (a small network).
    public let labelEdges: Bool

    public init(columns: [[Neuron]], columnNames: [String], edges: [Edge], labelEdges: Bool) {
        self.columns = columns
        self.columnNames = columnNames
        self.edges = edges
        self.labelEdges = labelEdges
    }

    /// Where neuron `index` of column `column` is drawn: columns left to right, neurons centred top
    /// to bottom.
    func position(_ column: Int, _ index: Int) -> (x: Double, y: Double) {
        (Double(column) * 3, Double(columns[column].count - 1) / 2 - Double(index))
    }
}

extension Chart {
    /// The network as a graph (see `NetworkGraph`).
    public static func network(
        _ name: String, title: String, _ graph: NetworkGraph, notes: [String] = [],
        width: Int = 1000, height: Int = 650,
        widest: Double? = nil
    ) -> Chart {
        let widest = widest ?? max(graph.edges.map { abs($0.weight) }.max() ?? 1, 1e-12)
        var data = DataFile(
            columns: [
                "x", "y", "dx", "dy", "line width", "wished change −∂L/∂w", "weight w", "∂L/∂w",
            ],
            notes: notes + [
                "index 0: the edges (from x, y by dx, dy); index 1: the neurons (x, y, activation)"
            ])
        data.add(
            "edges",
            rows: graph.edges.map { edge in
                let a = graph.position(edge.column, edge.from)
                let b = graph.position(edge.column + 1, edge.to)
                return [
                    a.x, a.y, b.x - a.x, b.y - a.y, 0.6 + 5.4 * abs(edge.weight) / widest,
                    -edge.slope, edge.weight, edge.slope,
                ]
            })
        data.add(
            "neurons",
            rows: graph.columns.indices.flatMap { c in
                graph.columns[c].indices.map { i in
                    let p = graph.position(c, i)
                    return [p.x, p.y, graph.columns[c][i].activation]
                }
            })
        let tallest = Double(graph.columns.map(\.count).max() ?? 1)
        var chart = Chart(
            name: name, title: title, data: data, width: width, height: height, commands: [])
        let file = gnuplotQuoted(chart.dataFileName)
        // The name under its circle, and the bias (if any) on a line of its own below: two labels,
        // so the gap between them does not depend on how tall a terminal's font draws ŷ.
        let names = graph.columns.indices.flatMap { c in
            graph.columns[c].indices.flatMap { i -> [String] in
                let p = graph.position(c, i)
                let neuron = graph.columns[c][i]
                return zip([neuron.name] + (neuron.detail.map { [$0] } ?? []), [0.42, 0.6]).map {
                    text, below in
                    "set label \(gnuplotQuoted(text)) at \(formatForData(p.x)), "
                        + "\(formatForData(p.y - below)) center font \",9\" front"
                }
            }
        }
        // Each edge is an arrow without a head, its width and colour its own (gnuplot 5.4 has no
        // variable line width).
        let edges = data.blocks[0].rows.map { row in
            "set arrow from \(formatForData(row[0])), \(formatForData(row[1])) rto "
                + "\(formatForData(row[2])), \(formatForData(row[3])) nohead "
                + "lw \(String(format: "%.2f", row[4])) lc rgb "
                + "\(row[5] >= 0 ? "\"#b2182b\"" : "\"#2166ac\"") back"
        }
        let headings = graph.columnNames.indices.map { c in
            "set label \(gnuplotQuoted(graph.columnNames[c])) at \(formatForData(Double(c) * 3)), "
                + "\(formatForData(tallest / 2 + 0.2)) center font \",11\" front"
        }
        chart.commands =
            [
                "unset key", "unset border", "unset tics", "unset grid", "set size ratio -1",
                "set xrange [-1:\(formatForData(Double(graph.columns.count - 1) * 3 + 1))]",
                "set yrange "
                    + "[\(formatForData(-tallest / 2 - 0.3)):\(formatForData(tallest / 2 + 0.5))]",
                "set style fill solid 1.0 border lc rgb \"#333333\"",
            ] + edges + names + headings
            + footnoteCommands([
                "Line width: |w| (the widest is |w| = \(String(format: "%.3g", widest))). Colour: "
                    + "red where the weight wants to grow (−∂L/∂w\u{00A0}>\u{00A0}0), blue where "
                    + "it wants to shrink.",
                "Circles: neurons, with their activation written in them."
                    + (graph.labelEdges ? " Numbers on the edges: ∂L/∂w." : ""),
            ]) + [
                "plot \(file) index 1 using 1:2:(0.3) with circles fc rgb \"#ffffff\", \\",
                "     \(file) index 1 using 1:2:(sprintf(\"%.2f\", $3)) with labels font \",9\""
                    + (graph.labelEdges
                        ? ", \\\n     \(file) index 0 using ($1 + 0.62 * $3):($2 + 0.62 * $4 + "
                            + "0.12):(sprintf(\"%.3g\", $8)) with labels font \",9\" tc rgb "
                            + "\"#333333\""
                        : ""),
            ]
        chart.printsAtSize = false
        return chart
    }
}

extension Chart {
    /// The network graph changing update by update: one frame per graph, drawn like `network`.
    public static func networkAnimation(
        _ name: String, title: String, _ frames: [(title: String, graph: NetworkGraph)], delay: Int,
        notes: [String] = [], width: Int = 1000, height: Int = 650
    ) -> Chart {
        // One scale of widths for every frame, so a weight that grows is seen to grow.
        let widest = max(frames.flatMap { $0.graph.edges.map { abs($0.weight) } }.max() ?? 1, 1e-12)
        let stills = frames.map {
            network(name, title: $0.title, $0.graph, width: width, height: height, widest: widest)
        }
        var data = DataFile(
            columns: stills.first?.data.columns ?? [],
            notes: notes + ["two blocks a frame: its edges, then its neurons"])
        var chart = Chart(
            name: name, title: title, data: data, width: width, height: height, commands: [])
        var commands = ["unset title"]
        for (index, still) in stills.enumerated() {
            data.add("frame \(index): edges", rows: still.data.blocks[0].rows)
            data.add("frame \(index): neurons", rows: still.data.blocks[1].rows)
            // Each frame: the still's own commands, reading this frame's blocks, then a pause when
            // playing live.
            let body = still.commands.map {
                $0.replacingOccurrences(of: "index 0 using", with: "index \(2 * index) using")
                    .replacingOccurrences(of: "index 1 using", with: "index \(2 * index + 1) using")
                    .replacingOccurrences(
                        of: gnuplotQuoted(still.dataFileName),
                        with: gnuplotQuoted(chart.dataFileName))
            }
            commands +=
                [
                    "# Frame \(index + 1): \(frames[index].title)", "unset arrow", "unset label",
                    "set title \(gnuplotQuoted(frames[index].title)) font \",14\"",
                    "if (exists(\"live\") && !exists(\"window\")) { print \"\\033[H\\033[2J\" }",
                ] + body + ["if (exists(\"live\")) { pause live }"]
        }
        chart.data = data
        chart.commands = commands
        chart.animation = Animation(frames: frames.count, delay: delay)
        return chart
    }
}
