import Backprop
import Datasets
import Foundation

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
