import Backprop
import Foundation

/// A small regression, y = sin(kπx) on [−1, 1], learned by a 1-H-1 network (tanh, then linear):
/// small enough to train for thousands of epochs in a moment, and harder as k grows.
struct SineProblem {
    let frequency: Int
    let hidden: Int
    let examples: [Example]

    init(frequency: Int, hidden: Int, points: Int = 32) {
        self.frequency = frequency
        self.hidden = hidden
        examples = (0..<points).map { i in
            let x = -1 + 2 * Double(i) / Double(points - 1)
            return Example(input: [x], target: [sin(Double(frequency) * .pi * x)])
        }
    }

    /// What one training run did: the average cost after every epoch, and when it stopped.
    struct Run {
        let learningRate: Double
        let losses: [Double]
        /// The first epoch whose cost was at or below the target, if any.
        let reachedTarget: Int?
        /// Why it stopped: reached the target, stopped changing, blew up, or ran out of epochs.
        let stop: String
    }

    /// Mini-batch SGD (batches of 8, shuffled every epoch) until the cost reaches `target`, stops
    /// changing (its best is less than 1% better than 300 epochs before), blows up, or `maxEpochs` pass.
    func train(learningRate: Double, maxEpochs: Int, target: Double, seed: UInt64) -> Run {
        var network = Network(sizes: [1, hidden, 1], activations: [.tanh, .linear], seed: seed, initialisation: .scaled)
        var generator = SeededGenerator(seed: seed)
        var losses: [Double] = [], best: [Double] = []
        for epoch in 1...maxEpochs {
            network.trainEpoch(examples, batchSize: 8, learningRate: learningRate, generator: &generator)
            let loss = network.averageCost(examples)
            guard loss.isFinite, loss < 1e6 else { return Run(learningRate: learningRate, losses: losses, reachedTarget: nil, stop: "blew up") }
            losses.append(loss)
            best.append(min(loss, best.last ?? loss))
            if loss <= target { return Run(learningRate: learningRate, losses: losses, reachedTarget: epoch, stop: "reached the target") }
            if epoch > 300, best[epoch - 1] > 0.99 * best[epoch - 301] {
                return Run(learningRate: learningRate, losses: losses, reachedTarget: nil, stop: "stopped changing")
            }
        }
        return Run(learningRate: learningRate, losses: losses, reachedTarget: nil, stop: "ran out of epochs")
    }
}
