import Backprop
import TunedNetwork

/// The careful man against the drunk man, twice: full-batch descent against mini-batches on a
/// line fit small enough to draw, then the digit network trained with several batch sizes from
/// the same start, the cost measured as the examples go by. The experiment of lesson 10.
public struct DrunkManRace: Sendable {
    public let seed: UInt64
    /// The digits, the untrained network, and how to train it.
    public let training: TrainingSet
    public let network: Network
    public let learningRate: Double
    public let epochs: Int
    /// The mini-batch sizes to race; the whole training set is one of them when it is given.
    public let batchSizes: [Int]

    /// The drunk man's mini-batch size on the line fit: one of `lineBatches`.
    public let lineBatch: Int

    /// The line fit: 100 noisy points, 10 epochs at η = 0.1, the drunk man's mini-batches of
    /// `lineBatch`.
    public static let lineEpochs = 10
    public static let lineRate = 0.1
    /// The line fit's mini-batch sizes: the sizes below 100 that cut its 100 points into whole
    /// mini-batches, so every epoch takes the same number of steps.
    public static let lineBatches = [1, 2, 4, 5, 10, 20, 25, 50]

    public init(
        seed: UInt64, training: TrainingSet, network: Network, learningRate: Double, epochs: Int,
        batchSizes: [Int], lineBatch: Int = 10
    ) {
        precondition(Self.lineBatches.contains(lineBatch), "a line batch that divides 100")
        self.lineBatch = lineBatch
        self.seed = seed
        self.training = training
        self.network = network
        self.learningRate = learningRate
        self.epochs = epochs
        self.batchSizes = batchSizes
    }

    /// The 100 noisy points around y = 2x + 1.
    public var line: NoisyLine { NoisyLine(seed: seed) }

    /// The drunk man's whole path on the line fit: one point per mini-batch step, start first.
    public var quickPath: [[Double]] {
        line.descend(
            batchSize: lineBatch, epochs: Self.lineEpochs, learningRate: Self.lineRate,
            seed: seed)
    }

    public struct Result: Sendable {
        public let experiment: DrunkManRace
        /// Both paths on the line fit, cut where the drunk man was stopped (with `--step`).
        public let careful: [[Double]]
        public let stumbling: [[Double]]
        /// Each batch size's run on the digits, in the order asked.
        public let runs: [BatchSizeRace.Run]

        public var line: LineFitData { experiment.line.data }
        public var trainingCount: Int { experiment.training.count }

        /// The least-squares line: the bottom of the line fit's bowl.
        public var best: (m: Double, b: Double) { line.closedFormFit() }

        /// How far a path ends from the best fit.
        public func distance(_ path: [[Double]]) -> Double {
            let end = path[path.count - 1]
            return ((end[0] - best.m) * (end[0] - best.m) + (end[1] - best.b) * (end[1] - best.b))
                .squareRoot()
        }

        /// A cost every mini-batch run reached: the highest final cost among them (among all
        /// runs when every run is the full batch).
        public var target: Double {
            let small = runs.filter { $0.batchSize < trainingCount }
            return (small.isEmpty ? runs : small).map { $0.points[$0.points.count - 1].cost }.max()!
        }

        /// The runs that reached `target` after the fewest examples.
        public var winners: [BatchSizeRace.Run] {
            let needed = runs.map { $0.examples(toReach: target) ?? .max }
            return runs.indices.filter { needed[$0] == needed.min() }.map { runs[$0] }
        }
    }

    /// Both races. With `stoppedAfter`, the drunk man's path ends after that many steps, and the
    /// careful man's after as many epochs as that makes.
    var race: BatchSizeRace {
        BatchSizeRace(
            training: training, network: network, learningRate: Float(learningRate),
            epochs: epochs, seed: seed)
    }

    /// The work `run` does: the digit network's race (the line fit takes a moment).
    public var work: Work {
        batchSizes.map { race.work(batchSize: $0) }.reduce(Work(), +)
    }

    /// Both races, the digits' told to `progress` as the fraction of their work done.
    public func run(
        stoppedAfter taken: Int? = nil, progress: (Double) -> Void = { _ in }
    )
        -> Result
    {
        let quick = quickPath
        let steps = taken ?? quick.count - 1
        let perEpoch = line.data.x.count / lineBatch
        let careful = line.descend(
            batchSize: line.data.x.count, epochs: Self.lineEpochs, learningRate: Self.lineRate,
            seed: seed)
        let race = self.race
        let total = work.fast
        var before = 0.0
        let runs = batchSizes.map { size in
            let share = race.work(batchSize: size).fast
            defer { before += share }
            return race.run(batchSize: size) { progress((before + $0 * share) / total) }
        }
        return Result(
            experiment: self, careful: Array(careful.prefix(steps / perEpoch + 1)),
            stumbling: Array(quick.prefix(steps + 1)), runs: runs)
    }
}
