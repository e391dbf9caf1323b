import Backprop
import Foundation

/// A small regression, y = sin(kπx) on [−1, 1], learned by a 1-H-1 network (tanh, then linear):
/// small enough to train for thousands of epochs in a moment, and harder as k grows.
public struct SineProblem: Sendable {
    public let frequency: Int
    public let hidden: Int
    public let examples: [Example]

    public init(frequency: Int, hidden: Int, points: Int = 32) {
        self.frequency = frequency
        self.hidden = hidden
        examples = (0..<points).map { i in
            let x = -1 + 2 * Double(i) / Double(points - 1)
            return Example(input: [x], target: [sin(Double(frequency) * .pi * x)])
        }
    }

    /// What one training run did: the average cost after every epoch, and when it stopped.
    public struct Run: Sendable {
        public let learningRate: Double
        /// The average cost before training (epoch 0) and after every epoch.
        public let losses: [Double]
        /// The first epoch whose cost was at or below the target, if any.
        public let reachedTarget: Int?
        public let stop: Stop
        /// The loss after the epoch that blew up, the one after the last loss kept; nil unless
        /// the run blew up.
        public var passed: Double? = nil
    }

    /// Why a run stopped.
    public enum Stop: String, Sendable {
        case reachedTarget = "reached the target"
        case stoppedChanging = "stopped changing"
        case blewUp = "blew up"
        case ranOut = "ran out of epochs"
    }

    /// A run whose cost passes this is stopped and said to have blown up.
    public static let divergenceBound = 1e6

    /// Mini-batch SGD (batches of 8, shuffled every epoch) until the cost reaches `target`, stops
    /// changing (its best is less than 1% better than 300 epochs before), blows up, or `maxEpochs`
    /// pass.
    public func train(
        learningRate: Double, maxEpochs: Int, target: Double, seed: UInt64,
        progress: (Double) -> Void = { _ in }
    ) -> Run {
        var network = Network(
            sizes: [1, hidden, 1], activations: [.tanh, .linear], seed: seed,
            initialisation: .scaled)
        var generator = SeededGenerator(seed: seed)
        var losses = [network.averageCost(examples)]
        // Already there before training: epoch 0 reached the target.
        if losses[0] <= target {
            return Run(
                learningRate: learningRate, losses: losses, reachedTarget: 0, stop: .reachedTarget)
        }
        var best = losses
        for epoch in 1...maxEpochs {
            network.trainEpoch(
                examples, batchSize: 8, learningRate: learningRate, generator: &generator)
            let loss = network.averageCost(examples)
            progress(Double(epoch) / Double(maxEpochs))
            guard loss.isFinite, loss <= Self.divergenceBound else {
                return Run(
                    learningRate: learningRate, losses: losses, reachedTarget: nil, stop: .blewUp,
                    passed: loss)
            }
            losses.append(loss)
            best.append(min(loss, best.last ?? loss))
            if loss <= target {
                return Run(
                    learningRate: learningRate, losses: losses, reachedTarget: epoch,
                    stop: .reachedTarget)
            }
            if epoch > 300, best[epoch] > 0.99 * best[epoch - 300] {
                return Run(
                    learningRate: learningRate, losses: losses, reachedTarget: nil,
                    stop: .stoppedChanging)
            }
        }
        return Run(learningRate: learningRate, losses: losses, reachedTarget: nil, stop: .ranOut)
    }
}
