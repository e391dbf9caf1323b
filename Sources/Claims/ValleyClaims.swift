import Backprop
import Experiments

/// What can be said about many starts on a curve of two valleys, and about noisy SGD (lesson 13).
public enum ValleyClaim: Claim, Equatable {
    /// With this rate, of `starts` starts: `downhill` settled in the valley downhill of their
    /// start; `jumped` settled in a valley that is not downhill of them, `intoDeep` of those in the
    /// deepest one; `unsettled` ran away or never came within the tolerance of a minimum.
    /// A valley holds a run only while η < 2/L″ at its bottom: `limits[i]` for the valley at
    /// `minima[i]`, deepest first.
    case holdingLimits(minima: [Double], limits: [Double])
    case census(
        rate: Double, starts: Int, downhill: Int, jumped: Int, intoDeep: Int, unsettled: Int)
    /// The smallest rate settled every start it settled downhill, `inShallow` of them in the
    /// valley that is not the deepest: a small rate does not avoid local minima.
    case smallRateKeepsLocalMinima(rate: Double, inShallow: Int)
    /// Every jump, over all rates, landed in the shallower valley, and some rate that jumped is
    /// above `deepLimit` = 2/L″ at the deep minimum, where no run can settle in it.
    case jumpsOnlyToShallow(jumps: Int, deepLimit: Double)
    /// With noisy single-example gradients, the mean distance to the best fit over the last epoch
    /// for each rate that did not run away, in order of rate.
    case noisyEnds(rates: [Double], distances: [Double])
    /// Those distances grow with the rate: the smaller rate ended closer.
    case smallerIsCloser
    /// They do not: some smaller rate ended farther than a larger one after the same epochs.
    case smallerNotYetCloser(
        rate: Double, distance: Double, largerRate: Double, largerDistance: Double)
    /// With this rate, noisy SGD ran away: the mean distance passed the bound in epoch `epoch`.
    case noisyRanAway(rate: Double, epoch: Int, bound: Double)

    public var sentence: String {
        func n(_ x: Double, _ digits: Int = 3) -> String { Format.number(x, digits: digits) }
        switch self {
        case .holdingLimits(let minima, let limits):
            let names =
                minima.count == 2
                ? ["the deep valley", "the shallow one"]
                : minima.map { "the valley at w* = \(Format.number($0, digits: 3))" }
            let each = zip(limits, names).map { "\(Format.number($0, digits: 3)) for \($1)" }
            return "A valley holds a run only while η < 2/L″ at its bottom, as a bowl of curvature "
                + "L″/2 would (lesson 4): \(each.joined(separator: ", "))."
        case .census(let rate, let starts, let downhill, let jumped, let intoDeep, let unsettled):
            let all = downhill == starts ? "all \(starts)" : "\(downhill) of the \(starts)"
            var parts = ["\(all) starts settled in the valley downhill of where they began"]
            if jumped > 0 {
                parts.append(
                    "\(Format.count(jumped, "start")) jumped the hump (\(intoDeep) into the deep "
                        + "valley, \(jumped - intoDeep) into the shallow one)")
            }
            if unsettled > 0 {
                parts.append("\(unsettled) ran away or never settled within the tolerance")
            }
            let last = parts.removeLast()
            let list = parts.isEmpty ? last : parts.joined(separator: ", ") + " and " + last
            return "With η = \(n(rate, 4)), \(list)."
        case .smallRateKeepsLocalMinima(let rate, let inShallow):
            return
                "With the smallest rate, η = \(n(rate, 4)), every run that settled stayed in the "
                + "valley downhill of its start, \(inShallow) of them in the shallow one: a small "
                + "rate does not avoid local minima, it settles in the valley it starts in."
        case .jumpsOnlyToShallow(let jumps, let deepLimit):
            return
                "All \(Format.count(jumps, "jump")) landed in the shallow valley: the deep one is "
                + "also the sharper, and above η = \(n(deepLimit)) no run can settle in it."
        case .noisyEnds(let rates, let distances):
            let pairs = zip(rates, distances).map { "η = \(n($0, 4)) ends \(n($1))" }
            return "With noisy single-example gradients, "
                + pairs.joined(separator: ", ") + " from the best fit (mean over the last epoch)."
        case .smallerIsCloser:
            return
                "Here a smaller rate ended closer, because each noisy step is shorter. With exact "
                + "gradients (lesson 4) every converging rate reaches the same minimum."
        case .smallerNotYetCloser(let rate, let distance, let largerRate, let largerDistance):
            return
                "Smaller is not yet closer here: η = \(n(rate, 4)) ended \(n(distance)) from the "
                + "best fit, farther than η = \(n(largerRate, 4)) at \(n(largerDistance)). A small "
                + "rate is slower to arrive."
        case .noisyRanAway(let rate, let epoch, let bound):
            return "With η = \(n(rate, 4)), noisy SGD ran away: the mean distance to the best fit "
                + "passed \(Format.bound(bound)) in epoch \(epoch)."
        }
    }
}

/// The limit 2/L″ at a minimum: a valley holds a run only while η is below it there, as a bowl of
/// curvature L″/2 would (lesson 4).
public func holdingLimit(_ curve: LossCurve, at minimum: Double) -> Double {
    2 / centralDifference(curve.derivative, at: minimum)
}

extension ValleyCensus.Row {
    /// This rate's census: where its runs ended, with `deep` the deepest minimum.
    func census(deep: Double?) -> ValleyClaim {
        let jumps = ends.filter(\.jumped)
        return .census(
            rate: learningRate, starts: ends.count, downhill: ends.filter(\.stayedDownhill).count,
            jumped: jumps.count, intoDeep: jumps.filter { $0.settledIn == deep }.count,
            unsettled: ends.filter { $0.settledIn == nil }.count)
    }
}

extension Array where Element == ValleyCensus.Row {
    /// What the census says, rate by rate, then what the smallest rate and the jumps show.
    public func claims(on curve: LossCurve) -> [ValleyClaim] {
        guard let deep = curve.deepestMinimum else { return [] }
        var claims = map { $0.census(deep: deep) }
        // "The smallest rate" needs two rates to compare, and a verdict on where runs settle needs
        // most of them to have settled.
        let rates = Set(map(\.learningRate))
        if rates.count >= 2, let smallest = self.min(by: { $0.learningRate < $1.learningRate }) {
            let settled = smallest.ends.filter { $0.settledIn != nil }
            let shallow = settled.filter { $0.settledIn != deep }.count
            if 2 * settled.count >= smallest.ends.count, settled.allSatisfy(\.stayedDownhill),
                shallow > 0
            {
                claims.append(
                    .smallRateKeepsLocalMinima(rate: smallest.learningRate, inShallow: shallow))
            }
        }
        let limit = holdingLimit(curve, at: deep)
        let jumps = flatMap { row in row.ends.filter(\.jumped).map { (row.learningRate, $0) } }
        if !jumps.isEmpty, jumps.allSatisfy({ $0.1.settledIn != deep }),
            jumps.contains(where: { $0.0 > limit })
        {
            claims.append(.jumpsOnlyToShallow(jumps: jumps.count, deepLimit: limit))
        }
        return claims
    }
}

extension Array where Element == NoisyAccuracy.Run {
    /// What noisy SGD shows: where each rate ended, and whether smaller was closer.
    public func claims() -> [ValleyClaim] {
        var claims: [ValleyClaim] = []
        var ended: [(rate: Double, distance: Double)] = []
        // One run for each rate: a rate given twice runs the same walk twice.
        var rates: Set<Double> = []
        let distinct = filter { rates.insert($0.learningRate).inserted }
        for run in distinct.sorted(by: { $0.learningRate < $1.learningRate }) {
            if let last = run.lastEpochMean {
                ended.append((run.learningRate, last))
            } else {
                claims.append(
                    .noisyRanAway(
                        rate: run.learningRate, epoch: run.epochMeans.count,
                        bound: run.divergenceBound))
            }
        }
        guard !ended.isEmpty else { return claims }
        claims.insert(.noisyEnds(rates: ended.map(\.rate), distances: ended.map(\.distance)), at: 0)
        guard ended.count > 1 else { return claims }
        let pairs = zip(ended, ended.dropFirst())
        let inverted = pairs.first {
            Mutant.valleyCloserFlipped.apply($0.0.distance > $0.1.distance) { !$0 }
        }
        if let inverted {
            claims.append(
                .smallerNotYetCloser(
                    rate: inverted.0.rate, distance: inverted.0.distance,
                    largerRate: inverted.1.rate, largerDistance: inverted.1.distance))
        } else if pairs.allSatisfy({ $0.0.distance < $0.1.distance }) {
            // Ties say neither: a smaller rate that ended as far is not closer.
            claims.append(.smallerIsCloser)
        }
        return claims
    }
}

extension LossCurve {
    /// The theory of which valley can hold a run: 2/L″ at each minimum, deepest first.
    public var holdingLimits: ValleyClaim {
        let byDepth = minima.sorted { value($0) < value($1) }
        return .holdingLimits(minima: byDepth, limits: byDepth.map { holdingLimit(self, at: $0) })
    }
}

extension ValleyCensus {
    /// What the census will do, in words.
    public var plan: String {
        let deep = Format.number(curve.minima[0], digits: 4)
        let shallow = Format.number(curve.minima[curve.minima.count - 1], digits: 4)
        let span = "[\(Format.number(starts.first ?? 0)), \(Format.number(starts.last ?? 0))]"
        return
            "First, \(curve.formula), a curve with a deep valley at w = \(deep) and a shallow one "
            + "at w = \(shallow): \(Format.count(steps, "step")) of descent from \(starts.count) "
            + "starts across \(span) with each η = \(Format.list(learningRates)), noting the "
            + "valley each run ends in (a run that never comes within \(Format.number(tolerance)) "
            + "of a minimum has not settled; one whose |w| passes \(Format.bound(divergenceBound)) "
            + "has diverged)."
    }
}

extension NoisyAccuracy {
    /// What the noisy runs will do, in words.
    public var plan: String {
        "Then accuracy: the noisy line fit of lesson 10 trained by SGD one example at a time (so "
            + "every gradient is noisy) for \(Format.count(epochs, "epoch")) with each η = "
            + "\(Format.list(learningRates)), measuring how far each ends from the best fit."
    }
}

extension Array where Element == ValleyCensus.Row {
    /// A row per rate: how many starts stayed downhill, jumped, reached the deep valley, or never
    /// settled; the numbers of each rate's census claim.
    public func table(on curve: LossCurve) -> Table {
        var table = Table([
            "η", "ended downhill of the start", "jumped to the other valley", "into the deep one",
            "diverged or not settled",
        ])
        for row in self {
            guard
                case .census(let rate, _, let downhill, let jumped, let intoDeep, let unsettled) =
                    row.census(deep: curve.deepestMinimum)
            else { continue }
            table.add(
                [Format.number(rate)] + [downhill, jumped, intoDeep, unsettled].map(Format.count))
        }
        return table
    }
}

extension Array where Element == NoisyAccuracy.Run {
    /// A row per rate: the mean distance to the best fit over the last epoch, or "diverged".
    public func table() -> Table {
        var table = Table(["η", "mean distance to the best fit over the last epoch"])
        for run in self {
            let last = run.lastEpochMean.map { Format.number($0, digits: 3) }
            table.add([Format.number(run.learningRate), last ?? "diverged"])
        }
        return table
    }
}
