import Backprop
import Claims
import Experiments
import Foundation
import TestSupport

// The checker for lesson 7, from the raw numbers: the network, the image, and backpropagation's
// gradient and errors; activations and measured slopes are recomputed here.

/// Whether a claim of lesson 7 is true of its run.
func holds(_ claim: WishClaim, in result: WishListExperiment.Result) -> Bool {
    let network = result.experiment.network
    let pixels = result.experiment.digits.image(result.experiment.index)
    let gradient = result.backward.gradient
    let largest = gradient.flattened.map(abs).max() ?? 0
    switch claim {
    case .storyIsBackprop(let parameters, let mismatch):
        let gap = zip(result.story.parameterNudges, gradient.flattened).map { abs($0 + $1) }.max()!
        return parameters == network.parameterCount && mismatch == gap
            && gap <= 1e-12 * max(1, largest)
    case .storyDiffers(let parameters, let mismatch):
        let gap = zip(result.story.parameterNudges, gradient.flattened).map { abs($0 + $1) }.max()!
        return parameters == network.parameterCount && mismatch == gap
            && gap > 1e-12 * max(1, largest)
    case .measuredAgrees(let checks):
        return checks.count == 3
            && checks.allSatisfy { spotCheckIsRight($0, result) && measuredGap($0, result) <= 1e-5 }
    case .measuredDiffers(let checks):
        return checks.count == 3 && checks.allSatisfy { spotCheckIsRight($0, result) }
            && checks.contains { measuredGap($0, result) > 1e-7 }
    case .fireTogether(let label, let ranks):
        let activations = hiddenActivations(network, pixels)[1]
        let nudges = (0..<16).map { -gradient.weights[2][label, $0] }
        // Each nudge is −δ·aₖ: in proportion to the activation it carries.
        let delta = result.backward.errors[2][label]
        let proportional = zip(nudges, activations).allSatisfy { close($0, -delta * $1, 1e-9) }
        let top = (0..<16).sorted { abs(nudges[$0]) > abs(nudges[$1]) }.prefix(5)
        let expected = top.map { k in activations.filter { $0 > activations[k] }.count + 1 }
        let tied = nudges.allSatisfy { $0 == 0 }
        return label == result.label && proportional && (ranks == expected || tied)
    case .inkOnly(let neuron, let delta, let nonzero, let inked):
        let nudges = (0..<784).map { -gradient.weights[0][neuron, $0] }
        let moved = nudges.indices.filter { nudges[$0] != 0 }
        return close(delta, -result.backward.errors[0][neuron]) && delta != 0
            && moved.count == nonzero && inked == pixels.filter { $0 != 0 }.count
            && moved.allSatisfy { pixels[$0] != 0 && (nudges[$0] > 0) == (delta > 0) }
    case .noNudges(let neuron):
        return result.backward.errors[0][neuron] == 0
            && (0..<784).allSatisfy { gradient.weights[0][neuron, $0] == 0 }
    }
}

/// The activations of the hidden layers, σ(W·a + b) written out here.
func hiddenActivations(_ network: Network, _ input: [Double]) -> [[Double]] {
    Array(sigmoidLayers(network, input).dropLast())
}

/// The spot check names the weight of its layer with the largest nudge, and its nudge is minus
/// backpropagation's slope there.
func spotCheckIsRight(
    _ check: WishListExperiment.SpotCheck, _ result: WishListExperiment.Result
)
    -> Bool
{
    let slopes = result.backward.gradient.weights[check.layer]
    let biggest = slopes.values.map(abs).max()!
    return close(check.nudge, -slopes[check.j, check.k], 1e-12)
        && abs(slopes[check.j, check.k]) == biggest
}

/// How far the check's nudge is from minus the slope measured here, relative to its size.
func measuredGap(
    _ check: WishListExperiment.SpotCheck, _ result: WishListExperiment.Result
)
    -> Double
{
    let network = result.experiment.network
    let example = result.example
    let w = network.weights[check.layer][check.j, check.k]
    let h = 1e-5 * max(1, abs(w))
    func cost(_ value: Double) -> Double {
        var nudged = network
        nudged.weights[check.layer][check.j, check.k] = value
        return squaredError(sigmoidOutput(nudged, example.input), example.target)
    }
    let measured = -(cost(w + h) - cost(w - h)) / (2 * h)
    return abs(check.nudge - measured) / max(1, abs(check.nudge))
}
