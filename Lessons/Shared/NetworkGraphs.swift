import Backprop
import LessonKit
import Plotting

/// One layer of one example's backward pass, for `--step`: the layer's activations, its errors δ,
/// its strongest weight's slope and nudge, and what one step of η = 1 on this layer alone would do.
func layerUpdate(_ network: Network, _ example: Example, _ backward: BackwardPass, layer l: Int) -> [String] {
    let a = backward.forward.activations[l], delta = backward.errors[l - 1], gradient = backward.gradient.weights[l - 1]
    let j = delta.indices.max { abs(delta[$0]) < abs(delta[$1]) } ?? 0
    let k = (0..<gradient.columns).max { abs(gradient[j, $0]) < abs(gradient[j, $1]) } ?? 0
    var stepped = network
    stepped.weights[l - 1].values = zip(network.weights[l - 1].values, gradient.values).map(-)
    stepped.biases[l - 1] = zip(network.biases[l - 1], backward.gradient.biases[l - 1]).map(-)
    let top = a.indices.sorted { a[$0] > a[$1] }.prefix(3).map { "a[\($0)] = \(Format.number(a[$0], digits: 3))" }
    return ["forward: the most active of its \(a.count) neurons: \(top.joined(separator: ", "))",
            "error δ = ∂C₀/∂z: largest at neuron \(j), δ = \(Format.number(delta[j], digits: 4))",
            "its strongest weight w\(superscript(l))[\(j),\(k)] = \(Format.number(network.weights[l - 1][j, k], digits: 4)): ∂C₀/∂w = δ·a = "
                + "\(Format.number(gradient[j, k], digits: 4)), nudge −η·∂C₀/∂w = \(Format.number(-gradient[j, k], digits: 4)) with η = 1",
            "one step of η = 1 on this layer alone: w\(superscript(l))[\(j),\(k)] → \(Format.number(stepped.weights[l - 1][j, k], digits: 4)), "
                + "this example's cost \(Format.number(network.cost(example), digits: 5)) → \(Format.number(stepped.cost(example), digits: 5))"]
}

