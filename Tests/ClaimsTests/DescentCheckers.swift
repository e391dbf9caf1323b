import Backprop
import Claims
import Experiments
import Foundation
import TestSupport

// The checkers: whether a claim about a descent is true, decided from the raw numbers alone.
// They read the recorded w and L(w) of every step, the options, and the curve's minima and
// formula; never the verdicts, outcomes or regimes that the library computed.

/// The raw numbers of one run.
struct RawDescent {
    let ws: [Double]
    let losses: [Double]
    let learningRate: Double
    let momentum: Double?
    let curve: LossCurve
    let start: Double
    let tolerance: Double
    let bound: Double

    init(_ result: CurveDescentResult, _ index: Int) {
        let path = result.runs[index].path
        ws = path.steps.map(\.w)
        losses = path.steps.map(\.loss)
        learningRate = path.learningRate
        momentum = path.momentum
        curve = result.curve
        start = result.experiment.start
        tolerance = result.experiment.tolerance
        bound = result.experiment.divergenceBound
    }

    /// The minimum nearest to where the run ended.
    var nearest: Double {
        curve.minima.min { abs($0 - ws[ws.count - 1]) < abs($1 - ws[ws.count - 1]) }!
    }

    /// Whether w ever left its start by more than four units in the start's last place.
    var moved: Bool {
        ws.contains { abs($0 - ws[0]) > 4 * max(abs(ws[0]), Double.leastNormalMagnitude).ulp }
    }

    /// Whether |w| ever went past the bound.
    var passedBound: Bool { ws.contains { abs($0) > bound } }

    /// The length of every step taken.
    var lengths: [Double] { zip(ws, ws.dropFirst()).map { abs($1 - $0) } }

    /// How often w − m changed sign (see `crossingCount`).
    func crossings(of m: Double) -> Int { crossingCount(ws, of: m) }

    /// Whether the bowl's theory forbids a jump across w*: plain descent on a bowl with
    /// η ≤ 1/(2a) multiplies w − w* by 1 − 2aη ≥ 0, so w never changes side.
    var cannotSwing: Bool {
        guard momentum == nil || momentum == 0, let a = curve.bowlCurvature else { return false }
        return learningRate <= 1 / (2 * a)
    }

    /// The step from which every w is within the tolerance of m, to the end.
    func arrival(at m: Double) -> Int? {
        var step: Int?
        for (index, w) in ws.enumerated() {
            if abs(w - m) > tolerance {
                step = nil
            } else if step == nil {
                step = index
            }
        }
        return step
    }

}

/// Whether `name` names its run: its η (or β) to some number of digits, and a name no run with
/// another setting goes by.
func names(_ name: RunName, in result: CurveDescentResult) -> Bool {
    let setting = { (path: DescentPath) in path.momentum ?? path.learningRate }
    let path = result.runs[name.index].path
    let prefix = path.momentum == nil ? "η = " : "β = "
    let shown = name.label.dropFirst(prefix.count).replacing(" (plain)", with: "")
    guard name.label.hasPrefix(prefix),
        (1...17).contains(where: { Format.number(setting(path), digits: $0) == shown })
    else { return false }
    return result.runs.indices.allSatisfy { other in
        setting(result.runs[other].path) == setting(path) || result.label(other) != name.label
    }
}

/// Whether `claim` is true of `result`.
func holds(_ claim: DescentClaim, in result: CurveDescentResult) -> Bool {
    let run = RawDescent(result, claim.run.index)
    guard names(claim.run, in: result) else { return false }
    let ws = run.ws
    let last = ws.count - 1
    let lengths = run.lengths
    // The stated slack between step lengths: a billionth of the longest is rounding.
    let slack = (lengths.max() ?? 0) / 1e9
    switch claim {
    case .converged(_, let step, let tolerance, let minimum):
        return tolerance == run.tolerance && minimum == run.nearest && !run.passedBound
            && run.arrival(at: minimum) == step
    case .landedExactly(_, let step, let minimum):
        return minimum == run.nearest && step > 0 && ws[step] == minimum
            && run.arrival(at: minimum) == step
    case .stillAway(_, let steps, let distance, let began, let tolerance, let minimum):
        return began == abs(run.start - minimum) && tolerance == run.tolerance
            && minimum == run.nearest && !run.passedBound
            && steps == last && run.arrival(at: minimum) == nil
            && distance == abs(ws[last] - minimum) && distance <= abs(run.start - minimum)
    case .passedBound(_, let step, let bound, let w):
        return bound == run.bound && step == last && w == ws[last] && abs(w) > bound
            && ws.dropLast().allSatisfy { abs($0) <= bound }
    case .blewUp(_, let step):
        // The rule's next w from the last one recorded: w − η·L′(w), plus β times the last step.
        let velocity = last > 0 ? ws[last] - ws[last - 1] : 0
        let next =
            ws[last] + (run.momentum ?? 0) * velocity
            - run.learningRate * run.curve.derivative(ws[last])
        return step == last && (!next.isFinite || !run.curve.value(next).isFinite)
    case .neverMoved(_, let steps, let w, let slope):
        let rounding = 4 * max(abs(ws[0]), Double.leastNormalMagnitude).ulp
        return steps == last && w == ws[0] && ws.allSatisfy { abs($0 - ws[0]) <= rounding }
            && slope == run.curve.derivative(w)
    case .crossings(_, let times, let minimum):
        // A jump its own theory forbids is a false sentence, however the count came out.
        if run.cannotSwing && times > 0 { return false }
        return minimum == run.nearest && run.crossings(of: minimum) == times
    case .endedFarther(_, let distance, let began):
        let m = run.nearest
        return !run.passedBound && distance == abs(ws[last] - m) && began == abs(run.start - m)
            && distance > began && run.arrival(at: m) == nil
    case .endedAsFar(_, let distance, let steps):
        let m = run.nearest
        return steps == last && distance == abs(ws[last] - m) && distance == abs(run.start - m)
            && run.arrival(at: m) == nil && run.moved && run.crossings(of: m) > 0
    case .stepsShrank(_, let from, let to):
        return run.moved && from == lengths.first && to == lengths.last && to < from - slack
            && zip(lengths, lengths.dropFirst()).allSatisfy { $1 <= $0 + slack }
    case .stepsGrew(_, let from, let to):
        return run.moved && from == lengths.first && to == lengths.last && to > from + slack
            && zip(lengths, lengths.dropFirst()).allSatisfy { $1 >= $0 - slack }
    case .stepsEqual(_, let length, let count):
        return run.moved && count == lengths.count && length == lengths.first
            && lengths.allSatisfy { abs($0 - length) <= slack }
    case .stepsVaried(_, let first, let longest, let at, let final):
        let shrinking =
            zip(lengths, lengths.dropFirst()).allSatisfy { $1 <= $0 + slack }
            && final < first - slack
        let growing =
            zip(lengths, lengths.dropFirst()).allSatisfy { $1 >= $0 - slack }
            && final > first + slack
        let equal = lengths.allSatisfy { abs($0 - first) <= slack }
        return run.moved && !shrinking && !growing && !equal && first == lengths.first
            && final == lengths.last
            && longest == lengths.max() && at == lengths.firstIndex(of: longest)
    case .stepFactor(_, let factor):
        guard let a = run.curve.bowlCurvature, run.momentum == nil else { return false }
        let c = run.curve.minima[0]
        guard factor == 1 - 2 * a * run.learningRate else { return false }
        // Each step maps w − c to factor·(w − c), to rounding: w is stored to about 1e-16 of |w|.
        return zip(ws, ws.dropFirst()).allSatisfy { w, next in
            let gap = abs((next - c) - factor * (w - c))
            return gap <= 1e-9 * abs(factor * (w - c)) + 1e-14 * (abs(w) + abs(next) + abs(c) + 1)
        }
    case .endedAt(_, let w, let loss, let minimum):
        return !run.passedBound && w == ws[last] && loss == run.losses[last]
            && minimum == run.nearest
    case .deepestValley(_, let minimum, let loss):
        return minimum == run.nearest && loss == run.curve.value(minimum)
            && run.curve.minima.allSatisfy { run.curve.value($0) >= loss }
    case .shallowerValley(_, let minimum, let loss, let deepest, let deepestLoss):
        return minimum == run.nearest && loss == run.curve.value(minimum)
            && deepestLoss == run.curve.value(deepest) && deepestLoss < loss
            && run.curve.minima.contains(deepest)
            && run.curve.minima.allSatisfy { run.curve.value($0) >= deepestLoss }
    }
}

/// Whether a claim about the heavy ball is true of `result`.
func holds(_ claim: MomentumClaim, in result: CurveDescentResult) -> Bool {
    let run = RawDescent(result, claim.run.index)
    guard names(claim.run, in: result), let beta = run.momentum else { return false }
    let plain = RawDescent(result, 0)
    switch claim {
    case .theory(_, let radius, let swings, let limit):
        guard let a = run.curve.bowlCurvature else { return false }
        // The roots of r² − p·r + β = 0, found here on their own.
        let p = 1 + beta - 2 * a * run.learningRate
        let discriminant = p * p - 4 * beta
        let largest =
            discriminant < 0
            ? beta.squareRoot()
            : max(abs(p + discriminant.squareRoot()), abs(p - discriminant.squareRoot())) / 2
        let meeting = abs(discriminant) <= 1e-9 * max(1, p * p)
        return abs(radius - largest) <= 1e-6 * max(1, largest)
            && (meeting || swings == (discriminant < 0))
            && abs(limit - (1 + beta) / a) <= 1e-12 * limit
    case .closedFormMatches(_, let steps, let within):
        guard let a = run.curve.bowlCurvature else { return false }
        // The recurrence eₜ₊₁ = (1 + β − 2aη)·eₜ − β·eₜ₋₁ from rest, stepped here in the widest
        // floating point there is, so that its own rounding is far below the bound.
        #if arch(x86_64) && !os(Windows)
        typealias Wide = Float80
        #else
        typealias Wide = Double
        #endif
        let c = Wide(run.curve.minima[0])
        let (eta, b, aa) = (Wide(run.learningRate), Wide(beta), Wide(a))
        let p = 1 + b - 2 * aa * eta
        var e = [Wide(run.start) - c, (1 - 2 * aa * eta) * (Wide(run.start) - c)]
        while e.count < run.ws.count {
            e.append(p * e[e.count - 1] - b * e[e.count - 2])
        }
        let gaps = zip(run.ws, e).map { abs(Double((Wide($0) - c) - $1)) }
        let scale = max(abs(run.start - run.curve.minima[0]), 1)
        return steps == run.ws.count - 1 && within == 1e-9 * scale
            && gaps.allSatisfy { $0 <= within }
    case .comparedWithPlain(_, let steps, let plainSteps):
        return !run.passedBound && !plain.passedBound && plain.momentum == 0
            && run.arrival(at: run.nearest) == steps
            && plain.arrival(at: plain.nearest) == plainSteps
    case .convergedWherePlainDidNot(_, let steps, let ranAway, let budget):
        let plainRanAway = plain.passedBound || plain.ws.count - 1 < result.stepsTaken
        return !run.passedBound && run.arrival(at: run.nearest) == steps && plain.momentum == 0
            && plain.arrival(at: plain.nearest) == nil && ranAway == plainRanAway
            && budget == result.stepsTaken
    }
}

/// Whether a sweep's claim is true: every rate of the sweep classified here from its raw path.
func holds(
    _ claim: SweepClaim, sweep: LearningRateSweep, curve: LossCurve, tolerance: Double,
    bound: Double
) -> Bool {
    if case .bowlRegimes(let said, let oscillation, let divergence) = claim {
        // L = a·(w − w*)² has L″ = 2a: a measured here by a second difference at the minimum.
        let (m, h) = (curve.minima[0], 1e-4)
        let a = (curve.value(m + h) - 2 * curve.value(m) + curve.value(m - h)) / (2 * h * h)
        let near = { (x: Double, y: Double) in abs(x - y) <= 1e-6 * abs(y) }
        return near(said, a) && near(oscillation, 1 / (2 * a)) && near(divergence, 1 / a)
    }
    guard case .matchedTheory(let agreeing, let count, let top) = claim,
        let a = curve.bowlCurvature
    else { return false }
    let c = curve.minima[0]
    let agreed = sweep.trials.filter { trial in
        let ws = trial.path.steps.map(\.w)
        let factor = 1 - 2 * a * trial.path.learningRate
        // Started on w*, the theory says w stays there: (1 − 2aη)·0 = 0.
        if ws[0] == c {
            return ws.allSatisfy { abs($0 - c) <= 4 * max(abs(c), Double.leastNormalMagnitude).ulp }
        }
        let crossed = crossingCount(ws, of: c) > 0
        let farther = abs(ws[ws.count - 1] - c) > abs(ws[0] - c)
        let ranAway = ws.contains { abs($0) > bound } || farther
        // Within the tolerance at the end means the run settled; then it did not run away.
        let settled = abs(ws[ws.count - 1] - c) <= tolerance
        let away = ranAway && !settled
        if factor >= 0 { return !crossed && !away }
        if factor >= -1 { return crossed && !away }
        return away
    }.count
    return count == sweep.trials.count && top == sweep.trials.last?.path.learningRate
        && agreeing == agreed
}

/// How often w − m changed sign along `ws`, counting only the points farther from m than a
/// billionth of the start's distance from it (the lessons' stated tolerance for a jump; nearer
/// is rounding).
func crossingCount(_ ws: [Double], of m: Double) -> Int {
    let margin = abs(ws[0] - m) / 1e9
    var sides: [Bool] = []
    for w in ws where abs(w - m) > margin { sides.append(w > m) }
    return zip(sides, sides.dropFirst()).filter { $0 != $1 }.count
}
