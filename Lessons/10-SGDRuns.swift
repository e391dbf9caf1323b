import Backprop
import Datasets
import Foundation

/// 100 noisy points around y = 2x + 1, for descent in two parameters that can be drawn.
struct NoisyLine {
    let data: LineFitData

    init(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let x = (0..<100).map { _ in 2 * random.nextUnit() - 1 }
        data = LineFitData(x: x, y: x.map { 2 * $0 + 1 + 0.3 * random.nextGaussian() }, xName: "x", yName: "y")
    }

    /// Mini-batch descent on (m, b) from (−2, −2); the path, one point per step.
    func descend(batchSize: Int, epochs: Int, learningRate: Double, seed: UInt64) -> [[Double]] {
        var generator = SeededGenerator(seed: seed &+ 1)
        var point = [-2.0, -2.0], path = [point]
        for _ in 0..<epochs {
            for batch in miniBatches(shuffledIndices(data.x.count, using: &generator), size: batchSize) {
                let subset = LineFitData(x: batch.map { data.x[$0] }, y: batch.map { data.y[$0] }, xName: "x", yName: "y")
                let g = subset.gradient(m: point[0], b: point[1])
                point = [point[0] - learningRate * g.dm, point[1] - learningRate * g.db]
                path.append(point)
            }
        }
        return path
    }
}

/// The digit network trained with several mini-batch sizes from the same start, the cost
/// measured on 1,000 training images as the examples go by.
struct DigitRace {
    let training: TrainingSet
    let probe: TrainingSet
    let network: Network
    let lr: Double
    let epochs: Int
    let seed: UInt64

    init(mnist: MNIST, network: Network, lr: Double, epochs: Int, seed: UInt64) {
        training = mnist.training.trainingSet()
        probe = training.prefix(1000)
        self.network = network
        self.lr = lr
        self.epochs = epochs
        self.seed = seed
    }

    struct Run {
        let batchSize: Int
        let steps: Int
        let seconds: Double
        /// (examples processed so far, cost on the probe set), starting at (0, initial cost).
        let points: [(examples: Int, cost: Double)]

        /// Examples processed when the cost first came down to `target`.
        func examples(toReach target: Double) -> Int? {
            points.first { $0.cost <= target }?.examples
        }
    }

    func run(batchSize: Int) -> Run {
        var fast = FastNetwork(network), workspace = Workspace(), generator = SeededGenerator(seed: seed)
        var points = [(0, fast.evaluate(probe).cost)], seen = 0, steps = 0, training = 0.0
        // About 200 measurements per epoch, and one after every step of a large batch.
        let every = max(batchSize, self.training.count / 200)
        let clock = ContinuousClock()
        for _ in 0..<epochs {
            for batch in miniBatches(shuffledIndices(self.training.count, using: &generator), size: batchSize) {
                let began = clock.now
                fast.train(batch: batch, in: self.training, learningRate: Float(lr), workspace: &workspace)
                training += seconds(clock.now - began)
                seen += batch.count
                steps += 1
                if seen % every < batchSize || seen % self.training.count == 0 { points.append((seen, fast.evaluate(probe).cost)) }
            }
        }
        return Run(batchSize: batchSize, steps: steps, seconds: training, points: points)
    }
}
