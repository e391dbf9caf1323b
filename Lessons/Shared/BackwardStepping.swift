import Backprop
import Experiments
import LessonKit

extension LessonContext {
    /// `--step` on one example's backward pass: one layer at a time, from the output back.
    func stepBackward(_ result: WishListExperiment.Result) {
        guard let stepper else { return }
        for l in [3, 2, 1] {
            let lines = layerUpdate(result.experiment.network, result.example, result.backward, l)
            guard stepper.show("backward through layer \(l)", lines) else { return }
        }
    }
}

/// One layer of one example's backward pass: the layer's activations, its errors δ, its
/// strongest weight's slope and nudge, and what one step of η = 1 on this layer alone would do.
func layerUpdate(
    _ network: Network, _ example: Example, _ backward: BackwardPass, _ l: Int
) -> [String] {
    let a = backward.forward.activations[l]
    let delta = backward.errors[l - 1]
    let gradient = backward.gradient.weights[l - 1]
    let j = delta.indices.max { abs(delta[$0]) < abs(delta[$1]) } ?? 0
    let k = (0..<gradient.columns).max { abs(gradient[j, $0]) < abs(gradient[j, $1]) } ?? 0
    var stepped = network
    stepped.weights[l - 1].values = zip(network.weights[l - 1].values, gradient.values).map(-)
    stepped.biases[l - 1] = zip(network.biases[l - 1], backward.gradient.biases[l - 1]).map(-)
    let top = a.indices.sorted { a[$0] > a[$1] }.prefix(3).map {
        "a[\($0)] = \(Format.number(a[$0], digits: 3))"
    }
    let name = "w\(superscript(l))[\(j),\(k)]"
    func n(_ x: Double, _ digits: Int = 4) -> String { Format.number(x, digits: digits) }
    return [
        "forward: the most active of its \(a.count) neurons: \(top.joined(separator: ", "))",
        "error δ = ∂C₀/∂z: largest at neuron \(j), δ = \(n(delta[j]))",
        "its strongest weight \(name) = \(n(network.weights[l - 1][j, k])): ∂C₀/∂w = δ·a = "
            + "\(n(gradient[j, k])), nudge −η·∂C₀/∂w = \(n(-gradient[j, k])) with η = 1",
        "one step of η = 1 on this layer alone: \(name) → \(n(stepped.weights[l - 1][j, k])), "
            + "this example's cost \(n(network.cost(example), 5)) → "
            + n(stepped.cost(example), 5),
    ]
}
