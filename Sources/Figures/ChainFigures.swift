import Backprop
import Claims
import Experiments
import Plotting

/// The figures of lesson 15: the chain as a graph, its local derivative on every link, and each
/// layer's δ in the digit network.
extension ChainRule.Result {
    /// w¹ → z¹ → a¹ → z² → a² → C, each arrow labelled with its local derivative and its value.
    public func chainGraph() -> Chart {
        let names = ["w¹", "z¹", "a¹", "z²", "a²", "C"]
        let values = [experiment.chain.weights[0], z[0], a[0], z[1], a[1], cost]
        let graph = ChainGraph(
            nodes: zip(names, values).map { ChainGraph.Node($0, value: $1) },
            links: links.map { link in
                ChainGraph.Link(
                    link.name,
                    equals: "= \(link.formula) = \(Format.number(link.value, digits: 4))")
            })
        return .chain(
            "chain", title: "∂C/∂w¹, link by link: the local derivative on every arrow", graph,
            notes: [
                "∂C/∂w¹ = the product of the five links = \(Format.number(product, digits: 6)); "
                    + "nudging w¹ measures \(Format.number(finiteDifference, digits: 6))",
                "Circles: each value of the chain for x = "
                    + "\(Format.number(experiment.chain.input)) and y = "
                    + "\(Format.number(experiment.chain.target)).",
            ])
    }

    /// Each layer's δ = ∂C/∂z for the digit, from the output back: the errors the formulas pass
    /// back, one panel a layer.
    public func errorsByLayer() -> Chart {
        let errors = byFormula.errors
        let plots = errors.indices.reversed().map { index in
            let l = index + 1
            let name = index == errors.count - 1 ? "layer \(l): output (digit)" : "layer \(l)"
            return Plot(
                x: Axis("neuron j of \(name)", wholeNumbers: true),
                y: Axis("δ\(superscript(l))[j]"),
                series: [
                    Series(
                        nil, errors[index].indices.map { [Double($0), errors[index][$0]] },
                        look: .bars(width: 0.7), colour: .bySign)
                ],
                marks: [.level(0, "")], title: name)
        }
        return .panels(
            "deltas", title: "δ = ∂C/∂z, layer by layer, for one \(label)", plots, columns: 1,
            notes: ["δ of each neuron, passed back from the output; red: positive, blue: negative"],
            width: 900, panelHeight: 240)
    }
}
