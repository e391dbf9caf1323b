import Backprop
import Claims
import Experiments
import TestSupport

// The checker for lesson 8, from the raw numbers: the three gradients each run kept, their
// times, and the network's sizes; a few slopes are measured again here by nudging.

/// Whether a claim of lesson 8 is true of its run.
func holds(_ claim: GradientClaim, in result: GradientComparison.Result) -> Bool {
    let last = result.checked[result.checked.count - 1]
    let sizes = last.check.network.sizes
    let parameters = zip(sizes, sizes.dropFirst()).map { $0 * $1 + $1 }.reduce(0, +)
    switch claim {
    case .agree(let finite, let automatic, let faint, let rounding):
        let autos = result.checked.compactMap { c in c.automatic.map { worstError(c, $0) } }
        let layers = result.checked.flatMap(layerGaps)
        let seen = layers.filter { !$0.faint }
        let lost = layers.filter(\.faint)
        return layers.allSatisfy { $0.gap <= 1e-5 * $0.largest + $0.rounding }
            && finite == (seen.map { $0.gap / $0.largest }.max() ?? 0)
            && faint == lost.count && rounding == (lost.map(\.gap).max() ?? 0)
            && automatic == autos.max() && result.checked.allSatisfy(backpropIsRight)
    case .differ(let finite):
        // Beyond what nudging and the cost's rounding allow, in some layer: the first such.
        let beyond = result.checked.flatMap(layerGaps).first {
            $0.gap > 1e-5 * $0.largest + $0.rounding
        }
        return beyond.map { finite == $0.gap / $0.largest } ?? false
    case .backwardWork(let counted):
        return counted == backwardInForwardPasses(sizes)
    case .backwardTime(let measured):
        return measured == last.seconds.backprop / last.seconds.forward
    case .finitePasses(let passes, let backprop):
        return passes == 2 * parameters && backprop == 1 + backwardInForwardPasses(sizes)
    case .finiteTime(let times):
        return times == last.seconds.finite / last.seconds.backprop
    case .automaticCost(let times):
        return times == last.seconds.automatic.map { $0 / last.seconds.backprop }
    }
}

/// The backward pass's multiply-adds over the forward pass's: each layer's weights once to
/// find its nudges, and once more to pass δ back, except into the input layer.
func backwardInForwardPasses(_ sizes: [Int]) -> Double {
    var forward = 0
    var backward = 0
    for l in 0..<(sizes.count - 1) {
        forward += sizes[l] * sizes[l + 1]
        backward += sizes[l] * sizes[l + 1] + (l > 0 ? sizes[l] * sizes[l + 1] : 0)
    }
    return Double(backward) / Double(forward)
}

/// The largest |backprop − other| in any layer, relative to that layer's largest |backprop|.
func worstError(_ checked: GradientComparison.Checked, _ other: [Double]) -> Double {
    let network = checked.check.network
    var start = 0
    var worst = 0.0
    for l in network.weights.indices {
        let end = start + network.weights[l].values.count + network.biases[l].count
        let largest = (start..<end).map { abs(checked.backprop[$0]) }.max()!
        let gap = (start..<end).map { abs(checked.backprop[$0] - other[$0]) }.max()!
        worst = max(worst, gap / max(largest, .leastNormalMagnitude))
        start = end
    }
    return worst
}

/// Backprop's three largest slopes match slopes measured here by nudging, in every network.
func backpropIsRight(_ checked: GradientComparison.Checked) -> Bool {
    largestSlopesMatchNudges(
        checked.backprop, of: checked.check.network, on: checked.check.example)
}

/// The three largest of `slopes` (one per parameter of `network`, in its order) match the slopes
/// of one example's cost measured here by nudging each parameter.
func largestSlopesMatchNudges(
    _ slopes: [Double], of network: Network, on example: Example
) -> Bool {
    let largest = slopes.indices.sorted { abs(slopes[$0]) > abs(slopes[$1]) }
    return largest.prefix(3).allSatisfy { p in
        let w = network.parameters[p]
        let h = 1e-5 * max(1, abs(w))
        func cost(_ value: Double) -> Double {
            var nudged = network
            nudged.parameters[p] = value
            return squaredError(sigmoidOutput(nudged, example.input), example.target)
        }
        let measured = (cost(w + h) - cost(w - h)) / (2 * h)
        return abs(measured - slopes[p]) <= 1e-5 * max(1, abs(measured))
    }
}

/// Each layer of a checked network: its largest |backprop| entry, the largest gap to finite
/// differences, what the cost's rounding can take with a nudge of 1e-5 (ε·|C| on each side, over
/// 2h, with room), and whether the layer is faint: all its entries too small to see past that.
func layerGaps(
    _ checked: GradientComparison.Checked
) -> [(largest: Double, gap: Double, rounding: Double, faint: Bool)] {
    let network = checked.check.network
    let example = checked.check.example
    let cost = squaredError(sigmoidOutput(network, example.input), example.target)
    let rounding = 4 * Double.ulpOfOne * abs(cost) / 1e-5
    var start = 0
    return network.weights.indices.map { l in
        let end = start + network.weights[l].values.count + network.biases[l].count
        defer { start = end }
        let largest = (start..<end).map { abs(checked.backprop[$0]) }.max()!
        let gap = (start..<end).map { abs(checked.backprop[$0] - checked.finite[$0]) }.max()!
        return (max(largest, .leastNormalMagnitude), gap, rounding, 1e-5 * largest < rounding)
    }
}
