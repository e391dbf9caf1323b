import Backprop
import Claims
import Experiments
import TestSupport

// The checker for lesson 6, from the raw numbers: the network's weights and the image's pixels,
// pushed through the network here, and the training set's labels.

/// Whether a claim of lesson 6 is true of its run.
func holds(_ claim: CostClaim, in result: DigitCost.Result) -> Bool {
    let digits = result.experiment.digits
    let index = result.experiment.index
    let label = digits.labels[index]
    let output = sigmoidOutput(result.experiment.network, digits.image(index))
    let target = (0..<10).map { $0 == label ? 1.0 : 0 }
    let cost = squaredError(output, target)
    // The average cost over the set: the squares summed here, each image's output from the
    // network's own forward pass (compiled optimised; the one written out above, in a debug test
    // build, would take minutes over hundreds of runs), which must match it on the image followed.
    func average() -> Double {
        let network = result.experiment.network
        let same = zip(network.output(for: digits.image(index)), output).allSatisfy {
            close($0, $1)
        }
        guard same else { return .nan }
        let all = (0..<digits.count).map { i in
            squaredError(
                network.output(for: digits.image(i)),
                (0..<10).map { $0 == digits.labels[i] ? 1.0 : 0 })
        }
        return all.reduce(0, +) / Double(all.count)
    }
    switch claim {
    case .cost(let said, let guess, let saidLabel):
        let brightest = output.max()!
        return close(said, cost) && saidLabel == label && output[guess] == brightest
    case .average(let count, let said):
        return count == digits.count && close(said, average(), 1e-9)
    case .farOff(let far, let worst, let square):
        let squares = zip(output, target).map { ($0 - $1) * ($0 - $1) }
        return far == zip(output, target).filter { abs($0 - $1) > 0.5 }.count
            && close(square, squares[worst]) && squares.allSatisfy { $0 <= squares[worst] + 1e-15 }
    case .againstAverage(let said, let saidAverage):
        return close(said, cost) && close(saidAverage, average(), 1e-9)
    }
}
