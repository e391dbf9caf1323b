import Backprop
import Datasets

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
    public func run(progress: (Double) -> Void = { _ in }) -> Result {
        let training = digits.training.trainingSet()
        let test = digits.test.trainingSet()
        var fast = FastNetwork(network, threads: threads)
        var generator = SeededGenerator(seed: seed)
        var workspace = Workspace()
        // The test images a network reads wrong, with its guesses, in double precision: before
        // training and at the end, where the lesson tells them, so the accuracy said is the one
        // the readable network gives. Between the epochs the tuned network's own guesses (in
        // Float, on the tuned kernels) give the accuracy, about a hundred times faster.
        func mistakes(_ network: Network) -> [(index: Int, guess: Int)] {
            (0..<digits.test.count).compactMap { i in
                let guess = network.prediction(for: digits.test.image(i))
                return guess == digits.test.labels[i] ? nil : (i, guess)
            }
        }
        func fastMistakes() -> [(index: Int, guess: Int)] {
            zip(digits.test.labels, fast.guesses(test, using: &workspace)).enumerated()
                .compactMap { i, pair in pair.0 == pair.1 ? nil : (i, pair.1) }
        }
        func accuracy(_ wrong: [(index: Int, guess: Int)]) -> Double {
            Double(digits.test.count - wrong.count) / Double(digits.test.count)
        }
        var costs = [fast.evaluate(training, using: &workspace).cost]
        var accuracies = [accuracy(mistakes(network))]
        var wrong: [(index: Int, guess: Int)] = []
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
            seconds += Backprop.seconds(clock.now - began)
            costs.append(fast.evaluate(training, using: &workspace).cost)
            wrong = epoch == epochs ? mistakes(fast.network) : fastMistakes()
            accuracies.append(accuracy(wrong))
        }
        return Result(
            experiment: self, costs: costs, accuracies: accuracies, trained: fast.network,
            mistakes: wrong, seconds: seconds)
    }
}
