import Experiments
import Foundation

/// What can be said about training the digit recogniser (lesson 12).
public enum TrainingClaim: Claim, Equatable {
    /// The test accuracy at the end, the best on the way, and before training.
    case accuracy(final: Double, epochs: Int, best: Double, untrained: Double)
    /// The accuracy ended within 10 points of chance.
    case didNotLearn(final: Double)
    /// `steps` small steps an epoch; the accuracy after the first epoch against before.
    case firstEpoch(steps: Int, first: Double, untrained: Double)
    /// The accuracy fell in these epochs, with `steps` steps an epoch.
    case fell(epochs: [Int], steps: Int)
    /// It read `wrong` of `test` test images wrong; the first `drawn` are drawn.
    case mistakes(wrong: Int, test: Int, drawn: Int)
    /// Training took `seconds`, measured with a clock.
    case took(seconds: Double)

    public var measured: Bool {
        if case .took = self { return true }
        return false
    }

    public var sentence: String {
        func p(_ x: Double) -> String { percent(x, decimals: 2) }
        switch self {
        case .accuracy(let final, let epochs, let best, let untrained):
            return "Test accuracy \(p(final)) after \(Format.count(epochs, "epoch")) (best "
                + "\(p(best))), from \(p(untrained)) untrained; chance is 10%."
        case .didNotLearn(let final):
            return "The network did not learn: \(p(final)) is within 10 points of chance (10%). "
                + "Too small an η barely moves the weights; too large a one saturates the "
                + "sigmoids (outputs stuck near 0 or 1, where σ′ is almost 0 and the nudges "
                + "vanish). Try another --lr or --seed."
        case .firstEpoch(let steps, let first, let untrained):
            let (a, b) = (p(first), p(untrained))
            let change =
                first > untrained
                ? "\(a), up from \(b)"
                : first < untrained ? "\(a), down from \(b)" : "\(a), no better than before"
            let epoch =
                steps == 1
                ? "Each epoch takes one careful step over the whole training set"
                : "Each epoch takes \(Format.count(steps, "small step")) instead of one careful one"
            return epoch + "; after the first epoch the test accuracy was \(change)."
        case .fell(let epochs, let steps):
            let list = Format.summary(epochs.map(String.init))
            let fell = "The accuracy fell in epoch\(epochs.count == 1 ? "" : "s") \(list)"
            guard steps > 1 else {
                return fell + ", though each step followed the whole training set: a step aims "
                    + "at the training cost, not the test accuracy, and a large η can overshoot."
            }
            return fell + ": each step follows one mini-batch, not the whole set, so progress "
                + "stumbles."
        case .mistakes(let wrong, let test, let drawn):
            guard wrong > 0 else {
                return "It read every one of the \(Format.count(test)) test images right."
            }
            return "It got \(Format.count(wrong)) of the \(Format.count(test)) test images wrong; "
                + "the first \(Format.count(drawn)) \(drawn == 1 ? "is" : "are") drawn. Which of "
                + "them would you have read differently yourself?"
        case .took(let seconds):
            return "Training took \(Format.number(seconds, digits: 3)) s."
        }
    }
}

extension DigitTraining.Result {
    /// How many test images drawn among the mistakes, at most.
    public static let drawnMistakes = 24

    /// The accuracy reached.
    public var outcome: [TrainingClaim] {
        [
            .accuracy(
                final: final, epochs: experiment.epochs, best: accuracies.max()!,
                untrained: Mutant.trainingUntrainedSwapped.apply(accuracies[0]) { _ in final })
        ]
    }

    /// Whether it learned, the first epoch, the epochs it stumbled, and its mistakes.
    public var progress: [TrainingClaim] {
        let fell = accuracies.indices.dropFirst().filter { accuracies[$0] < accuracies[$0 - 1] }
        return (final <= 0.2 ? [.didNotLearn(final: final)] : [])
            + [
                .firstEpoch(
                    steps: experiment.stepsPerEpoch, first: accuracies[1], untrained: accuracies[0])
            ]
            + (fell.isEmpty ? [] : [.fell(epochs: fell, steps: experiment.stepsPerEpoch)])
            + [
                .mistakes(
                    wrong: mistakes.count, test: experiment.digits.test.count,
                    drawn: min(mistakes.count, Self.drawnMistakes))
            ]
    }

    /// Cost and accuracy, epoch by epoch.
    public func epochTable() -> Table {
        var table = Table(["epoch", "training cost", "test accuracy"])
        for epoch in costs.indices {
            table.add([
                String(epoch), Format.number(costs[epoch], digits: 4),
                percent(accuracies[epoch], decimals: 2),
            ])
        }
        return table
    }
}

extension DigitTraining {
    /// The work it does, in words, for an estimate of its time.
    public var workInWords: String {
        "\(Format.count(epochs, "epoch")) of \(Format.count(digits.training.count)) digits "
            + "through \(Format.count(network.parameterCount)) weights and biases, in mini-batches "
            + "of \(Format.count(batchSize))"
    }

    /// What the experiment computes, in words.
    public func plan(source: String) -> String {
        let sizes = network.sizes.map(String.init).joined(separator: ",")
        return "The \(sizes) sigmoid network (\(Format.count(network.parameterCount)) parameters, "
            + "seed \(seed)) trained on \(source) for \(Format.count(epochs, "epoch")): "
            + "mini-batches of \(batchSize), η = \(Format.number(learningRate)), the examples "
            + "shuffled every epoch. Before training and after each epoch, the average cost C₀ on "
            + "the training set and the accuracy on \(Format.count(digits.test.count)) test "
            + "images it never trains on."
    }

    /// How long training took, measured: said in the terminal, left out of the book.
    public func took(_ result: Result) -> TrainingClaim {
        .took(seconds: result.seconds)
    }
}
