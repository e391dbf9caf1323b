import Backprop
import Claims
import Experiments
import Plotting

/// The figures of lesson 7: the wish lists, one neuron's incoming nudges, the strongest pulls.
extension WishListExperiment.Result {
    /// Each layer's wish list as bars: red where the activation should rise, blue where it should
    /// fall.
    public func wishLists() -> Chart {
        let layers = [
            (3, "layer 3: output (digit)"), (2, "layer 2: hidden"), (1, "layer 1: hidden"),
        ]
        let plots = layers.map { l, name in
            Plot(
                x: Axis("neuron of \(name)", wholeNumbers: true), y: Axis("wished change of aⱼ"),
                series: [
                    Series(
                        nil, bars(story.activationNudges[l], shift: 0), look: .bars(width: 0.7),
                        colour: .bySign)
                ],
                marks: [.level(0, "")], title: name)
        }
        return .panels(
            "wish-lists", title: "What one \(label) wants from each layer", plots, columns: 1,
            notes: ["each layer's wish list (−∂C₀/∂a) for one \(label); red: up, blue: down"],
            width: 900, panelHeight: 280)
    }

    /// The nudges of the 784 weights into neuron `hidden` of layer 1, as a picture.
    public func incomingNudgePicture() -> Chart {
        let nudges = incomingNudges
        return .pictures(
            "weight-nudges", title: "Nudges to the 784 weights into neuron \(hidden) of layer 1",
            [Picture("w¹[\(hidden),k] for every pixel k", values: nudges)], columns: 1,
            colourBar: signedBar("wished nudge −∂C₀/∂w", nudges),
            notes: ["the nudge each weight into neuron \(hidden) of layer 1 wants, by pixel"])
    }

    /// The strongest pulls into the right output neuron, and into those, as a graph.
    public func strongestPulls() -> Chart {
        let graph = networkGraph(
            experiment.network, pass, backward.gradient, layers: [1, 2, 3], shown: strongestPaths,
            names: { "neuron \($1)" }, biases: false, labelEdges: false)
        return .network(
            "network",
            title: "What matters for the \(label): the strongest pulls into output neuron "
                + "\(label), and into them", graph,
            notes: [
                "the 5 strongest edges into output neuron \(label), and the 2 strongest into "
                    + "each of those"
            ])
    }
}
