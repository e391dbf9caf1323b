import Backprop
import Foundation
import TunedNetwork

/// 100 noisy points around y = 2x + 1: descent in two parameters, small enough to draw.
public struct NoisyLine: Sendable {
    public let data: LineFitData

    public init(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let x = (0..<100).map { _ in 2 * random.nextUnit() - 1 }
        data = LineFitData(x: x, y: x.map { 2 * $0 + 1 + 0.3 * random.nextGaussian() })
    }

    /// Mini-batch descent on (m, b) from (−2, −2): shuffle, split, one step per mini-batch.
    /// The path, one point per step, the start first.
    public func descend(
        batchSize: Int, epochs: Int, learningRate: Double, seed: UInt64
    ) -> [[Double]] {
        var generator = SeededGenerator(seed: seed &+ 1)
        var point = [-2.0, -2.0]
        var path = [point]
        for _ in 0..<epochs {
            for batch in miniBatches(
                shuffledIndices(data.x.count, using: &generator), size: batchSize)
            {
                let subset = LineFitData(x: batch.map { data.x[$0] }, y: batch.map { data.y[$0] })
                let g = subset.gradient(m: point[0], b: point[1])
                point = [point[0] - learningRate * g.dm, point[1] - learningRate * g.db]
                path.append(point)
            }
        }
        return path
    }
}

/// One network trained with several mini-batch sizes from the same start, the cost measured on a
/// fixed probe set as the examples go by: the careful man against the drunk man, counted fairly.
public struct BatchSizeRace: Sendable {
    public let training: TrainingSet
    public let probe: TrainingSet
    public let network: Network
    public let learningRate: Float
    public let epochs: Int
    public let seed: UInt64

    public init(
        training: TrainingSet, probeSize: Int = 1000, network: Network, learningRate: Float,
        epochs: Int, seed: UInt64
    ) {
        self.training = training
        probe = training.prefix(min(probeSize, training.count))
        self.network = network
        self.learningRate = learningRate
        self.epochs = epochs
        self.seed = seed
    }

    /// What one batch size did.
    public struct Run: Sendable {
        public let batchSize: Int
        public let steps: Int
        /// Seconds spent training, without the measurements.
        public let seconds: Double
        /// (examples processed so far, cost on the probe set), starting at (0, the untrained cost).
        public let points: [(examples: Int, cost: Double)]

        /// Examples processed when the cost first came down to `target`.
        public func examples(toReach target: Double) -> Int? {
            points.first { $0.cost <= target }?.examples
        }
    }

    /// Trains with `batchSize`, measuring about 200 times in all (and after every step of a
    /// large batch), so a long run on a small set is not mostly measurement.
    public func run(batchSize: Int) -> Run {
        run(batchSize: batchSize) { _ in }
    }

    /// The work of one batch size: its training, and its measurements on the probe set.
    public func work(batchSize: Int) -> Work {
        Work.training(
            parameters: network.parameterCount, examples: training.count, epochs: epochs,
            batchSize: batchSize)
            + Work.forward(parameters: network.parameterCount, examples: probe.count, times: 200)
    }

    /// Trains with `batchSize`, telling `progress` the fraction of the epochs done.
    public func run(batchSize: Int, progress: (Double) -> Void) -> Run {
        var fast = FastNetwork(network)
        var generator = SeededGenerator(seed: seed)
        var workspace = Workspace()
        var points = [(0, fast.evaluate(probe, using: &workspace).cost)]
        var seen = 0
        var steps = 0
        var measuring = 0.0
        let every = max(batchSize, training.count * epochs / 200)
        let clock = ContinuousClock()
        let began = clock.now
        for _ in 0..<epochs {
            let before = seen
            fast.trainEpoch(
                training, batchSize: batchSize, learningRate: learningRate, generator: &generator
            ) { now, done, _ in
                steps += 1
                progress(Double(before + done) / Double(training.count * epochs))
                let total = before + done
                guard total % every < batchSize || done == training.count else { return }
                let start = clock.now
                points.append((total, now.evaluate(probe, using: &workspace).cost))
                measuring += seconds(clock.now - start)
            }
            seen += training.count
        }
        return Run(
            batchSize: batchSize, steps: steps, seconds: seconds(clock.now - began) - measuring,
            points: points)
    }
}
