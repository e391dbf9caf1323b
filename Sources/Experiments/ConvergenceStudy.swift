import Backprop
import Foundation

/// How many epochs learning takes, and what decides it: the sine problem trained until it
/// reaches a target loss, stops changing, blows up or runs out of epochs, for several rates, a
/// sweep of rates, harder problems and bigger networks. The experiment of lesson 11.
public struct ConvergenceStudy: Sendable {
    /// The rates whose loss curves are drawn.
    public let rates: [Double]
    public let target: Double
    public let maxEpochs: Int
    /// The rate for the harder problems and the other network sizes.
    public let learningRate: Double
    public let seed: UInt64

    /// The swept rates: 13 from 0.003 to about 1.2, five to a decade.
    public static let sweptRates = (0..<13).map { 0.003 * pow(10, Double($0) / 5) }
    /// The harder problems, sin(kπx), and the hidden layer sizes tried on sin(2πx).
    public static let frequencies = [1, 2, 3]
    public static let hiddenSizes = [2, 4, 8, 16]

    public init(rates: [Double], target: Double, maxEpochs: Int, learningRate: Double, seed: UInt64)
    {
        self.rates = rates
        self.target = target
        self.maxEpochs = maxEpochs
        self.learningRate = learningRate
        self.seed = seed
    }

    public struct Result: Sendable {
        public let experiment: ConvergenceStudy
        /// One run for each of `rates`, on sin(πx) with 8 hidden neurons.
        public let curves: [SineProblem.Run]
        /// One run for each swept rate, on the same problem.
        public let sweep: [SineProblem.Run]
        /// sin(πx), sin(2πx), sin(3πx) with 8 hidden neurons, at `learningRate`.
        public let harder: [SineProblem.Run]
        /// sin(2πx) with 2, 4, 8 and 16 hidden neurons, at `learningRate`.
        public let bigger: [SineProblem.Run]
    }

    /// The runs `run` makes, each of at most `maxEpochs`.
    public var runCount: Int {
        rates.count + Self.sweptRates.count + Self.frequencies.count + Self.hiddenSizes.count
    }

    /// Every run, telling `progress` the fraction done: runs finished, and the epochs of the
    /// current one out of `maxEpochs` (a run that stops early skips the rest of its share).
    public func run(progress: (Double) -> Void = { _ in }) -> Result {
        var finished = 0
        func train(_ problem: SineProblem, _ rate: Double) -> SineProblem.Run {
            defer { finished += 1 }
            let key = TrainedRuns.Key(
                frequency: problem.frequency, hidden: problem.hidden, rate: rate,
                maxEpochs: maxEpochs, target: target, seed: seed)
            return TrainedRuns.shared.run(key) {
                problem.train(
                    learningRate: rate, maxEpochs: maxEpochs, target: target, seed: seed
                ) {
                    progress((Double(finished) + $0) / Double(runCount))
                }
            }
        }
        let easy = SineProblem(frequency: 1, hidden: 8)
        return Result(
            experiment: self, curves: rates.map { train(easy, $0) },
            sweep: Self.sweptRates.map { train(easy, $0) },
            harder: Self.frequencies.map {
                train(SineProblem(frequency: $0, hidden: 8), learningRate)
            },
            bigger: Self.hiddenSizes.map {
                train(SineProblem(frequency: 2, hidden: $0), learningRate)
            })
    }
}

/// The sine problem's runs trained so far in this process, by everything that decides them. A
/// run is the same every time (its start and its shuffles come from its seed), so a study that
/// meets one again (the lesson book runs lesson 11 at 20 more rates, each with the same sweep,
/// harder problems and bigger networks) takes it from here instead of training it again.
final class TrainedRuns: @unchecked Sendable {
    struct Key: Hashable {
        let frequency: Int
        let hidden: Int
        let rate: Double
        let maxEpochs: Int
        let target: Double
        let seed: UInt64
    }

    static let shared = TrainedRuns()
    private let lock = NSLock()
    private var runs: [Key: SineProblem.Run] = [:]

    /// The run for `key`: kept, or trained by `train` (outside the lock) and kept.
    func run(_ key: Key, _ train: () -> SineProblem.Run) -> SineProblem.Run {
        if let kept = lock.withLock({ runs[key] }) { return kept }
        let trained = train()
        lock.withLock { runs[key] = trained }
        return trained
    }
}
