import Backprop
import Datasets
import Dispatch
import TunedNetwork

/// The digit recogniser trained with mini-batch SGD: the cost on the training set and the
/// accuracy on the test set before training and after every epoch, and the test images it still
/// gets wrong. The experiment of lesson 12.
public struct DigitTraining: Sendable {
    public let network: Network
    public let digits: MNIST
    public let epochs: Int
    public let batchSize: Int
    public let learningRate: Double
    public let threads: Int
    public let seed: UInt64

    public init(
        network: Network, digits: MNIST, epochs: Int, batchSize: Int, learningRate: Double,
        threads: Int, seed: UInt64
    ) {
        self.network = network
        self.digits = digits
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.threads = threads
        self.seed = seed
    }

    /// Mini-batch steps in one epoch.
    public var stepsPerEpoch: Int { (digits.training.count + batchSize - 1) / batchSize }

    public struct Result: Sendable {
        public let experiment: DigitTraining
        /// Before training (epoch 0) and after every epoch: the average cost C₀ on the training
        /// set and the fraction of test images read right.
        public let costs: [Double]
        public let accuracies: [Double]
        /// The trained network.
        public let trained: Network
        /// The test images the trained network reads wrong, with what it reads.
        public let mistakes: [(index: Int, guess: Int)]
        /// Seconds spent training, without the measurements.
        public let seconds: Double

        public var final: Double { accuracies[accuracies.count - 1] }
    }

    /// The work `run` does: training, and after each epoch (and before the first) the cost on
    /// every training digit and a guess for every test digit (the readable network's before the
    /// first epoch and after the last, the tuned network's between).
    public var work: Work {
        let parameters = network.parameterCount
        let measuring =
            Work.forward(parameters: parameters, examples: digits.training.count, times: epochs + 1)
            + Work.forward(parameters: parameters, examples: digits.test.count, times: epochs - 1)
            + Work.forward(
                parameters: parameters, examples: digits.test.count, times: 2, fast: false)
        return measuring
            + Work.training(
                parameters: parameters, examples: digits.training.count, epochs: epochs,
                batchSize: batchSize)
    }

    /// Trains, telling `progress` the fraction of the epochs done now and then.
    ///
    /// Measuring the network after an epoch needs only a copy of it, so each measurement runs on
    /// another core while the next epoch trains. The numbers are the same as one after the other;
    /// only the waiting is shorter.
    public func run(progress: (Double) -> Void = { _ in }) -> Result {
        let training = digits.training.trainingSet()
        let test = digits.test.trainingSet()
        var fast = FastNetwork(network, threads: threads)
        var generator = SeededGenerator(seed: seed)
        let untrained = fast
        let readable = network
        var pending = InBackground { measure(untrained, training, test, readable: readable) }
        var measurements: [Measurement] = []
        var seconds = 0.0
        let clock = ContinuousClock()
        for epoch in 1...epochs {
            let began = clock.now
            fast.trainEpoch(
                training, batchSize: batchSize, learningRate: Float(learningRate),
                generator: &generator
            ) { _, seen, _ in
                progress(
                    (Double(epoch - 1) + Double(seen) / Double(training.count)) / Double(epochs))
            }
            seconds += TunedNetwork.seconds(clock.now - began)
            measurements.append(pending.result())
            let trained = fast
            let last = epoch == epochs ? fast.network : nil
            pending = InBackground { measure(trained, training, test, readable: last) }
        }
        measurements.append(pending.result())
        let costs = measurements.map(\.cost)
        let accuracies = measurements.map {
            Double(digits.test.count - $0.wrong.count) / Double(digits.test.count)
        }
        let wrong = measurements[measurements.count - 1].wrong
        return Result(
            experiment: self, costs: costs, accuracies: accuracies, trained: fast.network,
            mistakes: wrong, seconds: seconds)
    }

    /// The average cost on the training digits, and the test digits read wrong with their
    /// guesses.
    struct Measurement: Sendable {
        let cost: Double
        let wrong: [(index: Int, guess: Int)]
    }

    /// Measures `network`. The guesses are those of `readable`, the same network in double
    /// precision, when there is one (before training and at the end, where the lesson tells them,
    /// so the accuracy said is the one the readable network gives); between the epochs they are
    /// the tuned network's own (in Float, on the tuned kernels), about a hundred times faster.
    func measure(
        _ network: FastNetwork, _ training: TrainingSet, _ test: TrainingSet, readable: Network?
    ) -> Measurement {
        var workspace = Workspace()
        let cost = network.evaluate(training, using: &workspace).cost
        let guesses: [Int]
        if let readable {
            guesses = (0..<digits.test.count).map {
                readable.prediction(for: digits.test.image($0))
            }
        } else {
            guesses = network.guesses(test, using: &workspace)
        }
        let wrong = zip(digits.test.labels, guesses).enumerated().compactMap { i, pair in
            pair.0 == pair.1 ? nil : (index: i, guess: pair.1)
        }
        return Measurement(cost: cost, wrong: wrong)
    }
}

/// Work started on another core; `result()` waits for it to end and gives what it returned.
private final class InBackground<Value: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    /// Written once by the work, read only after `finished` says it is there.
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.value = work()
            self.finished.signal()
        }
    }

    /// What the work returned; call it once.
    func result() -> Value {
        finished.wait()
        return value!
    }
}
