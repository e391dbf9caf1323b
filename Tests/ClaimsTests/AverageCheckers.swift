import Backprop
import Claims
import Experiments
import Foundation
import TestSupport

// The checker for lesson 9, from the raw numbers: the network and the images. Each example's
// wish for an output weight is written out here, −2(aⱼ − yⱼ)·aⱼ(1 − aⱼ)·hₖ; the average cost and
// its slopes are measured here by hand.

/// What the checker works out once per run.
struct AverageFacts {
    let result: WishAverage.Result
    let data: [Example]
    let outputs: [[Double]]
    let hidden: [[Double]]

    init(_ result: WishAverage.Result) {
        self.result = result
        data = result.experiment.digits.examples(limit: result.experiment.count)
        let network = result.experiment.network
        // One forward pass per example serves both the outputs and the last hidden layer.
        let layers = data.map { sigmoidLayers(network, $0.input) }
        outputs = layers.map { $0[$0.count - 1] }
        hidden = layers.map { $0[$0.count - 2] }
    }

    /// Each example's wish −∂C₀/∂w for the output weight into neuron j from hidden neuron k.
    func wishes(j: Int, k: Int) -> [Double] {
        data.indices.map { e in
            let a = outputs[e][j]
            return -2 * (a - data[e].target[j]) * a * (1 - a) * hidden[e][k]
        }
    }

    /// The average cost with the parameters moved to `parameters`.
    func averageCost(_ parameters: [Double]) -> Double {
        var network = result.experiment.network
        network.parameters = parameters
        let costs = data.map { squaredError(sigmoidOutput(network, $0.input), $0.target) }
        return costs.reduce(0, +) / Double(data.count)
    }

    /// How much a step of `length` against `direction` lowers the average cost.
    func fall(along direction: [Double], length: Double) -> Double {
        let start = result.experiment.network.parameters
        let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return averageCost(start)
            - averageCost(zip(start, direction).map { $0 - length * $1 / norm })
    }

    /// (j, k) of an output weight given as a parameter index.
    func place(_ parameter: Int) -> (j: Int, k: Int) {
        let offset = parameter - result.experiment.outputStart
        return (offset / 16, offset % 16)
    }
}

/// Whether a claim of lesson 9 is true of its run.
func holds(_ claim: AverageClaim, _ facts: AverageFacts) -> Bool {
    let result = facts.result
    let labels = facts.data.map { $0.target.firstIndex(of: 1)! }
    func name(_ p: Int) -> String { "w³[\(facts.place(p).j),\(facts.place(p).k)]" }
    switch claim {
    case .pullApart(let weight, let up, let upOfDigit, let digit, let down):
        let (j, k) = facts.place(result.chosen[0])
        let wishes = facts.wishes(j: j, k: k)
        let ups = wishes.indices.filter { wishes[$0] > 0 }
        return weight == name(result.chosen[0]) && digit == j && up == ups.count && up > 0
            && upOfDigit == ups.filter { labels[$0] == j }.count
            && down == wishes.filter { $0 < 0 }.count && down > 0
    case .oneWay(let weight, let up, let down, let still):
        let (j, k) = facts.place(result.chosen[0])
        let wishes = facts.wishes(j: j, k: k)
        return weight == name(result.chosen[0]) && up == wishes.filter { $0 > 0 }.count
            && down == wishes.filter { $0 < 0 }.count && (up == 0 || down == 0)
            && still == wishes.filter { $0 == 0 }.count
    case .agreement(let agreeing, let count, let meanCosine):
        let network = result.experiment.network
        let full = network.gradient(over: facts.data).flattened
        let cosines = facts.data.map { example -> Double in
            let g = network.backpropagate(example).gradient.flattened
            let dot = zip(g, full).reduce(0) { $0 + $1.0 * $1.1 }
            let norms = g.reduce(0) { $0 + $1 * $1 } * full.reduce(0) { $0 + $1 * $1 }
            return dot / norms.squareRoot()
        }
        return count == facts.data.count && agreeing == cosines.filter { $0 > 0 }.count
            && close(meanCosine, cosines.reduce(0, +) / Double(count), 1e-9)
    case .wrongOutputs(let mean):
        let wrong = facts.data.indices.flatMap { e in
            facts.outputs[e].indices.filter { $0 != labels[e] }.map { facts.outputs[e][$0] }
        }
        return close(mean, wrong.reduce(0, +) / Double(wrong.count), 1e-9)
    case .averageIsSlope(let gap), .averageIsNotSlope(let gap):
        let start = result.experiment.network.parameters
        var worst = 0.0
        var scale = 1.0
        for p in result.chosen {
            let (j, k) = facts.place(p)
            let average = facts.wishes(j: j, k: k).reduce(0, +) / Double(facts.data.count)
            let h = 1e-5 * max(1, abs(start[p]))
            var up = start
            var down = start
            up[p] += h
            down[p] -= h
            let measured = -(facts.averageCost(up) - facts.averageCost(down)) / (2 * h)
            worst = max(worst, abs(average - measured))
            scale = max(scale, abs(average))
        }
        let said = zip(result.averageWish, result.measured).map { abs($0 - $1) }.max()!
        if case .averageIsSlope = claim { return gap == said && worst <= 1e-5 * scale }
        return gap == said && worst > 1e-7 * scale
    case .steps(let length, let full, let single, let best, let cosine):
        let network = result.experiment.network
        let fullGradient = network.gradient(over: facts.data).flattened
        let bestIndex = result.best
        let bestGradient = network.backpropagate(facts.data[bestIndex]).gradient.flattened
        let fallFull = facts.fall(along: fullGradient, length: length)
        let fallSingle = facts.fall(along: bestGradient, length: length)
        return abs(full - fallFull) <= 1e-9 && abs(single - fallSingle) <= 1e-9
            && best == imageName(bestIndex, label: labels[bestIndex])
            && result.cosines.allSatisfy { $0 <= cosine } && cosine == result.cosines[bestIndex]
    case .fullIsSteeper(let full, let single):
        return full == result.fullFall && single == result.singleFall && full > 0 && full >= single
    case .singleWasSteeper(let full, let single):
        return full == result.fullFall && single == result.singleFall && single > 0 && single > full
    case .strongest(let weight, let digit):
        let start = result.experiment.outputStart
        let averages = (start..<(start + 160)).map { p in
            let (j, k) = facts.place(p)
            return abs(facts.wishes(j: j, k: k).reduce(0, +))
        }
        let top = start + averages.indices.max { averages[$0] < averages[$1] }!
        return weight == name(top) && digit == facts.place(top).j
    }
}
