import Backprop
import Claims
import Datasets
import Experiments
import TestSupport

// The checker for lesson 12, from the raw numbers: the accuracies kept after every epoch, the
// trained network and the test images, read here by hand.

/// How many test images `network` reads right, its guess being its brightest output.
func rightCount(_ network: Network, _ test: Digits) -> Int {
    (0..<test.count).filter { i in
        let output = sigmoidOutput(network, test.image(i))
        let guess = output.indices.first { output[$0] == output.max() }!
        return guess == test.labels[i]
    }.count
}

/// Whether a claim of lesson 12 is true of its run.
func holds(_ claim: TrainingClaim, in result: DigitTraining.Result) -> Bool {
    let test = result.experiment.digits.test
    let a = result.accuracies
    let finalByHand = Double(rightCount(result.trained, test)) / Double(test.count)
    switch claim {
    case .accuracy(let final, let epochs, let best, let untrained):
        let untrainedByHand =
            Double(rightCount(result.experiment.network, test)) / Double(test.count)
        return final == finalByHand && final == a[a.count - 1] && epochs == a.count - 1
            && epochs == result.experiment.epochs && best == a.max()
            && untrained == untrainedByHand && untrained == a[0]
    case .didNotLearn(let final):
        return final == finalByHand && final <= 0.2
    case .firstEpoch(let steps, let first, let untrained):
        let count = result.experiment.digits.training.count
        let batch = result.experiment.batchSize
        return steps * batch >= count && (steps - 1) * batch < count && first == a[1]
            && untrained == a[0]
    case .fell(let epochs, let steps):
        let count = result.experiment.digits.training.count
        let batch = result.experiment.batchSize
        return epochs == (1..<a.count).filter { a[$0] < a[$0 - 1] } && !epochs.isEmpty
            && steps * batch >= count && (steps - 1) * batch < count
    case .mistakes(let wrong, let total, let drawn):
        return total == test.count && wrong == test.count - rightCount(result.trained, test)
            && drawn == min(wrong, 24) && Double(total - wrong) / Double(total) == finalByHand
    case .took(let seconds):
        return seconds == result.seconds && seconds > 0
    }
}
