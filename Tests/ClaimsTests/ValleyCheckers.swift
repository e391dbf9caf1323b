import Backprop
import Claims
import Experiments
import Foundation
import TestSupport

// The checkers for lesson 13, from the raw numbers: each run's start, its last w and whether it
// passed the bound, and each noisy run's distances to the best fit, step by step.

/// What the census's raw numbers say about one run, worked out here.
struct RawEnd {
    let start: Double
    /// Where an infinitely careful descent from the start goes: the minimum on the start's side
    /// of the hump (nil on the hump itself).
    let downhill: Double?
    /// The minimum the run ended within the tolerance of, unless it ran away.
    let settled: Double?

    init(_ end: ValleyCensus.End, curve: LossCurve, tolerance: Double, bound: Double, hump: Double)
    {
        start = end.start
        let (left, right) = (curve.minima[0], curve.minima[curve.minima.count - 1])
        downhill = end.start < hump ? left : (end.start > hump ? right : nil)
        let ranAway = abs(end.finalW) > bound || !end.finalW.isFinite
        settled = ranAway ? nil : curve.minima.first { abs(end.finalW - $0) <= tolerance }
    }

    var jumped: Bool { settled != nil && downhill != nil && settled != downhill }
}

/// The top of the hump between the two valleys: where L′ changes sign from + to −, by bisection.
func hump(of curve: LossCurve) -> Double {
    var (low, high) = (curve.minima[0], curve.minima[curve.minima.count - 1])
    for _ in 0..<200 {
        let middle = (low + high) / 2
        if curve.derivative(middle) > 0 { low = middle } else { high = middle }
    }
    return (low + high) / 2
}

/// Whether a claim of lesson 13 is true of its census and noisy runs.
func holds(
    _ claim: ValleyClaim, census: [ValleyCensus.Row], noisy: [NoisyAccuracy.Run], curve: LossCurve,
    tolerance: Double, bound: Double
) -> Bool {
    let top = hump(of: curve)
    let deep = curve.minima.min { curve.value($0) < curve.value($1) }!
    let rows = census.map { row in
        (
            rate: row.learningRate,
            ends: row.ends.map {
                RawEnd($0, curve: curve, tolerance: tolerance, bound: bound, hump: top)
            }
        )
    }
    // The last epoch's mean distance, or nil when some epoch's mean passed the bound.
    func lastEpoch(_ run: NoisyAccuracy.Run) -> Double? {
        let n = run.stepsPerEpoch
        let epochs = (run.distances.count - 1) / n
        let means = (1...epochs).map { e in
            run.distances[(n * (e - 1) + 1)...(n * e)].reduce(0, +) / Double(n)
        }
        guard run.distances[0] <= bound, means.allSatisfy({ $0.isFinite && $0 <= bound }) else {
            return nil
        }
        return means[means.count - 1]
    }
    switch claim {
    case .holdingLimits(let minima, let limits):
        // 2/L″ at each minimum, L″ measured here by a second difference; deepest first.
        let byDepth = curve.minima.sorted { curve.value($0) < curve.value($1) }
        let measured = byDepth.map { m in
            let h = 1e-4
            let second = (curve.value(m + h) - 2 * curve.value(m) + curve.value(m - h)) / (h * h)
            return 2 / second
        }
        return minima == byDepth && limits.count == measured.count
            && zip(limits, measured).allSatisfy { abs($0 - $1) <= 1e-5 * abs($1) }
    case .census(let rate, let starts, let downhill, let jumped, let intoDeep, let unsettled):
        let matching = rows.filter { $0.rate == rate }
        return !matching.isEmpty
            && matching.allSatisfy { row in
                row.ends.count == starts
                    && row.ends.filter { $0.settled != nil && $0.settled == $0.downhill }.count
                        == downhill
                    && row.ends.filter(\.jumped).count == jumped
                    && row.ends.filter { $0.jumped && $0.settled == deep }.count == intoDeep
                    && row.ends.filter { $0.settled == nil }.count == unsettled
            }
    case .smallRateKeepsLocalMinima(let rate, let inShallow):
        guard let smallest = rows.map(\.rate).min(), smallest == rate else { return false }
        guard let row = rows.first(where: { $0.rate == rate }) else { return false }
        let settled = row.ends.filter { $0.settled != nil }
        // Smallest of two rates or more, and most of its runs settled.
        return Set(rows.map(\.rate)).count >= 2 && settled.count * 2 >= row.ends.count
            && settled.allSatisfy { $0.settled == $0.downhill }
            && settled.filter { $0.settled != deep }.count == inShallow && inShallow > 0
    case .jumpsOnlyToShallow(let jumps, let deepLimit):
        // 2/L″ at the deep minimum, with L″ from the curve's slope at both sides.
        let h = 1e-5
        let curvature = (curve.derivative(deep + h) - curve.derivative(deep - h)) / (2 * h)
        let all = rows.flatMap { row in row.ends.filter(\.jumped).map { (row.rate, $0) } }
        return all.count == jumps && jumps > 0 && all.allSatisfy { $0.1.settled != deep }
            && abs(deepLimit - 2 / curvature) <= 1e-6 && all.contains { $0.0 > deepLimit }
    case .noisyEnds(let rates, let distances):
        // Each rate once, smallest first: a rate given twice ran the same walk twice.
        var seen: Set<Double> = []
        let ended = noisy.sorted { $0.learningRate < $1.learningRate }.compactMap { run in
            seen.insert(run.learningRate).inserted
                ? lastEpoch(run).map { (run.learningRate, $0) } : nil
        }
        return ended.map(\.0) == rates && ended.map(\.1) == distances
    case .smallerIsCloser:
        let ended = noisy.compactMap { run in lastEpoch(run).map { (run.learningRate, $0) } }
        return Set(ended.map(\.0)).count >= 2
            && ended.allSatisfy { a in
                ended.allSatisfy { b in !(a.0 < b.0) || a.1 < b.1 }
            }
    case .smallerNotYetCloser(let rate, let distance, let largerRate, let largerDistance):
        let ended = noisy.compactMap { run in lastEpoch(run).map { (run.learningRate, $0) } }
        return rate < largerRate && distance > largerDistance
            && ended.contains { $0 == (rate, distance) }
            && ended.contains { $0 == (largerRate, largerDistance) }
    case .noisyRanAway(let rate, let epoch, let bound):
        return noisy.contains { run in
            guard run.learningRate == rate else { return false }
            let n = run.stepsPerEpoch
            let means =
                [run.distances[0]]
                + (1...((run.distances.count - 1) / n)).map { e in
                    run.distances[(n * (e - 1) + 1)...(n * e)].reduce(0, +) / Double(n)
                }
            let first = means.firstIndex { !$0.isFinite || $0 > bound }
            return first == epoch
        }
    }
}
