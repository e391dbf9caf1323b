import Backprop
import Foundation

/// Many starts across a curve with several valleys, each run with several learning rates: which
/// valley does each run end in? The experiment of lesson 13, on the double well.
public struct ValleyCensus: Sendable {
    public let curve: LossCurve
    public let starts: [Double]
    public let learningRates: [Double]
    public let steps: Int
    /// A run has settled when it ends within this of a minimum.
    public let tolerance: Double
    public let divergenceBound: Double

    public init(
        curve: LossCurve, starts: [Double], learningRates: [Double], steps: Int, tolerance: Double,
        divergenceBound: Double
    ) {
        self.curve = curve
        self.starts = starts
        self.learningRates = learningRates
        self.steps = steps
        self.tolerance = tolerance
        self.divergenceBound = divergenceBound
    }

    /// Where one run ended.
    public struct End: Sendable {
        public let start: Double
        /// The valley an infinitely careful descent from the start reaches; nil on a hump top.
        public let downhill: Double?
        /// The last w of the run.
        public let finalW: Double
        /// The minimum it ended within the tolerance of; nil when it diverged or never settled.
        public let settledIn: Double?

        /// It settled in the valley downhill of its start.
        public var stayedDownhill: Bool { settledIn != nil && settledIn == downhill }
        /// It settled in a valley that is not downhill of its start: it jumped a hump.
        public var jumped: Bool { settledIn != nil && downhill != nil && settledIn != downhill }
    }

    /// Every start's end for one learning rate.
    public struct Row: Sendable {
        public let learningRate: Double
        public let ends: [End]
    }

    public func run() -> [Row] {
        learningRates.map { rate in
            Row(learningRate: rate, ends: starts.map { end(from: $0, rate: rate) })
        }
    }

    func end(from start: Double, rate: Double) -> End {
        let path = descend(
            curve, from: start, learningRate: rate, steps: steps, divergenceBound: divergenceBound)
        let final = path.final.w
        let nearest = curve.nearestMinimum(to: final)
        let settled = !path.diverged && abs(final - nearest) <= tolerance
        return End(
            start: start, downhill: curve.valleyBelow(start), finalW: final,
            settledIn: settled ? nearest : nil)
    }
}

/// Single-example SGD on the noisy line of lesson 10, one run per learning rate: how far from the
/// best fit does each end? The second experiment of lesson 13.
public struct NoisyAccuracy: Sendable {
    public let learningRates: [Double]
    public let epochs: Int
    public let seed: UInt64
    /// A run whose distance passes this is stopped and called divergent.
    public let divergenceBound: Double

    public init(learningRates: [Double], epochs: Int, seed: UInt64, divergenceBound: Double) {
        self.learningRates = learningRates
        self.epochs = epochs
        self.seed = seed
        self.divergenceBound = divergenceBound
    }

    /// One rate's run.
    public struct Run: Sendable {
        public let learningRate: Double
        /// The distance from the best fit (m, b) before every step and after the last, as run.
        public let distances: [Double]
        /// Steps in one epoch: one per example.
        public let stepsPerEpoch: Int
        /// A run whose mean distance passes this is called divergent.
        public let divergenceBound: Double

        /// The epochs run.
        public var epochs: Int { (distances.count - 1) / stepsPerEpoch }

        /// The start, then the mean distance over each epoch's steps; cut where a mean is no
        /// longer finite or passes the bound.
        public var epochMeans: [Double] {
            let means = (0...epochs).map { epoch -> Double in
                guard epoch > 0 else { return distances[0] }
                let slice = distances[(stepsPerEpoch * (epoch - 1) + 1)...(stepsPerEpoch * epoch)]
                return slice.reduce(0, +) / Double(stepsPerEpoch)
            }
            return Array(means.prefix { $0.isFinite && $0 <= divergenceBound })
        }

        /// The mean distance over the last epoch; nil when the run passed the bound before.
        public var lastEpochMean: Double? {
            let means = epochMeans
            return means.count == epochs + 1 ? means.last : nil
        }
    }

    public func run() -> [Run] {
        let line = NoisyLine(seed: seed)
        let best = line.data.closedFormFit()
        return learningRates.map { rate in
            let path = line.descend(batchSize: 1, epochs: epochs, learningRate: rate, seed: seed)
            let distances = path.map { hypot($0[0] - best.m, $0[1] - best.b) }
            return Run(
                learningRate: rate, distances: distances, stepsPerEpoch: line.data.x.count,
                divergenceBound: divergenceBound)
        }
    }
}
