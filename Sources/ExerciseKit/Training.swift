import Backprop
import CheckChannel
import Datasets
import Foundation
import Processes

/// The payoff: the digit network trained twice from the same start, in the same order, once with
/// the learner's own backward pass (exercises 4–9) and once with the library's.
public struct TrainingRace {
    public let sizes = [784, 16, 16, 10]
    public let epochs: Int
    public let batchSize = 10
    public let learningRate = 3.0
    public let seed: UInt64 = 5

    public init(epochs: Int) {
        self.epochs = epochs
    }

    /// Test accuracy after each epoch, for one way of training an epoch.
    public func run(
        _ mnist: MNIST,
        epoch: (inout Network, [Example], Int, Double, inout SeededGenerator) throws -> Void,
        progress: (Int, Double) -> Void = { _, _ in }
    ) throws -> [Double] {
        var network = Network(sizes: sizes, activation: .sigmoid, seed: seed)
        var generator = SeededGenerator(seed: seed)
        let training = mnist.training.examples()
        let test = mnist.test.examples()
        var accuracies: [Double] = []
        for index in 1...epochs {
            try epoch(&network, training, batchSize, learningRate, &generator)
            accuracies.append(network.accuracy(test))
            progress(index, accuracies[accuracies.count - 1])
        }
        return accuracies
    }
}

extension TrainingRace {
    /// Test accuracy after each epoch, with the learner's own `trainEpoch`, run in the check child
    /// `helper`: the digits are sent once, then each epoch's network goes there and back. The
    /// learner's code never runs in this process; if it crashes, hangs or ends the child, the
    /// error says so.
    public func runInChild(
        _ mnist: MNIST, helper: URL, progress: (Int, Double) -> Void = { _, _ in }
    ) throws -> [Double] {
        let session = try CheckSession(
            helper: helper, limit: Double(epochs) * 600, substitute: [])
        defer { _ = session.finish() }
        var network = Network(sizes: sizes, activation: .sigmoid, seed: seed)
        var generator = SeededGenerator(seed: seed)
        let test = mnist.test.examples()
        var accuracies: [Double] = []
        do {
            let training = mnist.training
            _ = try session.numbers(
                .keepDigits(
                    pixels: training.pixelsPerImage, images: Data(training.bytes),
                    labels: training.labels))
            for index in 1...epochs {
                let answer = try session.answer(
                    .trainKeptEpoch(
                        network, batchSize: batchSize, eta: learningRate, generator: generator))
                switch answer {
                case .epoch(let parameters, let next):
                    try network.take(parameters)
                    generator = next
                case .notYet: throw NotYetMarker()
                case .threw(let error): throw Said(sentence: "it threw an error: \(visible(error))")
                default: throw CheckSession.Stopped()
                }
                accuracies.append(network.accuracy(test))
                progress(index, accuracies[accuracies.count - 1])
            }
        } catch let said as Said {
            throw TrainingStopped(reason: "your trainEpoch " + said.sentence)
        } catch {
            let ending = session.finish()
            let reason =
                session.stopped?.sentence(
                    ending: ending, errors: session.errors.text, progress: CaseProgress(),
                    exercise: Exercise.numbered(9)?.file) ?? "your trainEpoch stopped"
            throw TrainingStopped(reason: reason)
        }
        return accuracies
    }
}

/// Training with the learner's code stopped: why, in the learner's terms.
public struct TrainingStopped: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { "the training stopped: " + reason }
}
