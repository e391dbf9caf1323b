import Backprop
import Experiments

/// What can be said about one descent on a curve (lessons 3, 4 and 14). Each case carries the
/// numbers it states; `sentence(subject:)` is the only place they become words.
public enum DescentClaim: SubjectClaim, Equatable {
    /// It came within `tolerance` of the minimum at `step` and stayed within it to the end.
    case converged(RunName, step: Int, tolerance: Double, minimum: Double)
    /// w equalled the minimum exactly at `step`, for the first time, and stayed within the
    /// tolerance from there on.
    case landedExactly(RunName, step: Int, minimum: Double)
    /// In all its `steps` it never came within `tolerance`; it ended `distance` from the minimum.
    case stillAway(
        RunName, steps: Int, distance: Double, began: Double, tolerance: Double, minimum: Double)
    /// |w| passed `bound` at `step`, where w was `w`; the run stopped there.
    case passedBound(RunName, step: Int, bound: Double, w: Double)
    /// The step after `step` would have made w or the loss infinite; the run stopped at `step`.
    case blewUp(RunName, step: Int)
    /// w − w* changed sign `times` times over the run (0: it never crossed the minimum).
    case crossings(RunName, times: Int, minimum: Double)
    /// w stayed where it began, to rounding, for all `steps` steps.
    case neverMoved(RunName, steps: Int, w: Double, slope: Double)
    /// It ended `distance` from the minimum, farther than the `began` it started at.
    case endedFarther(RunName, distance: Double, began: Double)
    /// It ended exactly as far from the minimum as it began.
    case endedAsFar(RunName, distance: Double, steps: Int)
    /// Every step was no longer than the one before, the first `from` long and the last `to`.
    case stepsShrank(RunName, from: Double, to: Double)
    /// Every step was no shorter than the one before.
    case stepsGrew(RunName, from: Double, to: Double)
    /// Every step had the same length.
    case stepsEqual(RunName, length: Double, count: Int)
    /// Steps neither only shrank nor only grew: the first, the longest (at `at`) and the last.
    case stepsVaried(RunName, first: Double, longest: Double, at: Int, last: Double)
    /// On a bowl, every step multiplied w − w* by `factor` = 1 − 2aη.
    case stepFactor(RunName, factor: Double)
    /// Where it ended, and the minimum nearest to there.
    case endedAt(RunName, w: Double, loss: Double, minimum: Double)
    /// The minimum it ended nearest is the deepest of the curve's minima.
    case deepestValley(RunName, minimum: Double, loss: Double)
    /// The minimum it ended nearest is not the deepest.
    case shallowerValley(
        RunName, minimum: Double, loss: Double, deepest: Double, deepestLoss: Double)

    public var run: RunName {
        switch self {
        case .converged(let run, _, _, _), .landedExactly(let run, _, _),
            .stillAway(let run, _, _, _, _, _), .passedBound(let run, _, _, _), .blewUp(let run, _),
            .crossings(let run, _, _), .neverMoved(let run, _, _, _), .endedFarther(let run, _, _),
            .endedAsFar(let run, _, _),
            .stepsShrank(let run, _, _), .stepsGrew(let run, _, _), .stepsEqual(let run, _, _),
            .stepsVaried(let run, _, _, _, _), .stepFactor(let run, _), .endedAt(let run, _, _, _),
            .deepestValley(let run, _, _), .shallowerValley(let run, _, _, _, _):
            return run
        }
    }

    public var subject: String { run.label }

    public func sentence(subject s: String) -> String {
        func n(_ x: Double, _ digits: Int = 4) -> String { Format.number(x, digits: digits) }
        switch self {
        case .converged(_, let step, let tolerance, let minimum):
            return
                "\(s) came within \(n(tolerance)) of the minimum w* = \(n(minimum)) at step "
                + "\(step) and stayed there."
        case .landedExactly(_, let step, let minimum):
            return "\(s) landed exactly on the minimum w* = \(n(minimum)) at step \(step)."
        case .stillAway(_, let steps, let distance, let began, let tolerance, let minimum):
            let (left, _) = Format.distinct(distance, began)
            return "\(s) was still \(left) from w* = \(n(minimum)) after "
                + "\(Format.count(steps, "step")), not settled within \(n(tolerance)) of it."
        case .passedBound(_, let step, let bound, let w):
            return
                "\(s) ran away: |w| passed \(Format.bound(bound)) at step \(step) (w = "
                + "\(n(w, 5))), where the run was stopped. More steps cannot help."
        case .blewUp(_, let step):
            return "\(s) ran away: the step after step \(step) would have made the loss infinite, "
                + "so the run stopped there."
        case .neverMoved(_, let steps, let w, let slope):
            let why =
                slope == 0
                ? "the slope there is exactly 0, so every step η·dL/dw was 0"
                : "each step η·dL/dw was no bigger than rounding, four units in w's last digit"
            return
                "\(s) left w at \(n(w, 6)), to rounding, for all \(Format.count(steps, "step")): "
                + why + "."
        case .crossings(_, let times, let minimum):
            guard times > 0 else {
                return
                    "\(s) never jumped across w* = \(n(minimum)): no step went past it."
            }
            return "\(s) jumped across w* = \(n(minimum)) \(Format.count(times, "time")): those "
                + "steps were longer than the distance to the minimum."
        case .endedFarther(_, let distance, let began):
            let (far, start) = Format.distinct(distance, began)
            return "\(s) ended \(far) from w*, farther than the \(start) it began at."
        case .endedAsFar(_, let distance, let steps):
            return
                "\(s) ended after \(Format.count(steps, "step")) exactly as far from w* as it "
                + "began, \(n(distance)): the jumps neither grew nor shrank."
        case .stepsShrank(_, let from, let to):
            let (a, b) = Format.distinct(from, to)
            return "\(s) took steps that shrank from \(a) to \(b) with η unchanged: the step is η "
                + "times the slope, and the slope flattened."
        case .stepsGrew(_, let from, let to):
            let (a, b) = Format.distinct(from, to)
            return "\(s) took steps that grew from \(a) to \(b) with η unchanged: each step landed "
                + "where the curve is steeper than where it left."
        case .stepsEqual(_, let length, let count):
            return "\(s) took \(Format.count(count, "step")), every one \(n(length)) long: the "
                + "slope had the same size wherever w landed."
        case .stepsVaried(_, let first, let longest, let at, let last):
            return "\(s) took steps of \(n(first, 3)) at first, \(n(longest, 3)) at the longest "
                + "(step \(at + 1)) and \(n(last, 3)) at the end: the step follows the slope, "
                + "gentle on flat ground and steep on a wall."
        case .stepFactor(_, let factor):
            // As many digits as it takes not to print a factor near −1, 0 or 1 as that number.
            let (shown, _) = Format.distinct(factor, factor.rounded(), digits: 4)
            return "\(s) multiplied w − w* by 1 − 2aη = \(shown) at every step."
        case .endedAt(_, let w, let loss, let minimum):
            return "\(s) ended at w = \(n(w, 6)), L = \(n(loss, 6)), \(n(abs(w - minimum), 6)) "
                + "from the minimum at w* = \(n(minimum, 6))."
        case .deepestValley(_, let minimum, let loss):
            return "\(s) ended in the deepest valley, w* = \(n(minimum)) with L = \(n(loss))."
        case .shallowerValley(_, let minimum, let loss, let deepest, let deepestLoss):
            return "\(s) ended in a valley that is not the deepest: L = \(n(loss)) at w* = "
                + "\(n(minimum)), but L = \(n(deepestLoss)) at w = \(n(deepest)). Descent only "
                + "sees the local slope."
        }
    }
}

extension Format {
    /// A divergence bound as the lessons state it: 1,000 or 1e6.
    public static func bound(_ bound: Double) -> String {
        bound < 1e5 ? count(Int(bound)) : number(bound)
    }
}

/// Choosing what to say about descents on a curve: only what the run's numbers support.
extension CurveDescentResult {
    /// The name of run `index`.
    public func name(_ index: Int) -> RunName {
        RunName(index: index, label: label(index))
    }

    /// How the run ended: converged, landed exactly, still away, ran away, or ended as far or
    /// farther.
    public func outcome(_ index: Int) -> DescentClaim {
        let run = runs[index]
        let path = run.path
        let name = name(index)
        let bound = experiment.divergenceBound
        if path.diverged {
            guard path.passedBound(bound) else { return .blewUp(name, step: path.final.index) }
            return .passedBound(name, step: path.final.index, bound: bound, w: path.final.w)
        }
        let minimum = run.target
        let distance = abs(path.final.w - minimum)
        let began = abs(experiment.start - minimum)
        if let exact = path.steps.first(where: { $0.w == minimum }), exact.index > 0,
            path.settledStep(within: experiment.tolerance, of: minimum) == exact.index
        {
            return .landedExactly(name, step: exact.index, minimum: minimum)
        }
        if case .converged(let step) = run.outcome {
            return .converged(
                name, step: Mutant.convergedStepOffByOne.apply(step) { $0 + 1 },
                tolerance: experiment.tolerance, minimum: minimum)
        }
        // "The jumps neither grew nor shrank" needs jumps: a run that never moved, or moved
        // without crossing w*, is still away.
        if distance == began, path.final.index > 0, path.moved,
            path.crossings(of: minimum) > 0
        {
            return .endedAsFar(name, distance: distance, steps: path.final.index)
        }
        if distance > began { return .endedFarther(name, distance: distance, began: began) }
        return .stillAway(
            name, steps: path.final.index, distance: distance, began: began,
            tolerance: experiment.tolerance, minimum: minimum)
    }

    /// The step at which run `index` converged (or landed on w*), nil when it did not.
    public func arrival(_ index: Int) -> Int? {
        switch outcome(index) {
        case .converged(_, let step, _, _), .landedExactly(_, let step, _): return step
        default: return nil
        }
    }

    /// How many times the run jumped across the minimum it ended nearest.
    public func crossings(_ index: Int) -> DescentClaim {
        let run = runs[index]
        guard run.path.moved else {
            let start = run.path.steps[0].w
            return .neverMoved(
                name(index), steps: run.path.final.index, w: start,
                slope: experiment.curve.derivative(start))
        }
        let times = Mutant.crossingsToleranceWrong.apply(run.path.crossings(of: run.target)) {
            _ in run.path.crossings(of: run.target, share: 0)
        }
        return .crossings(name(index), times: times, minimum: run.target)
    }

    /// How the lengths of the steps taken changed; none for fewer than two steps.
    public func stepLengths(_ index: Int) -> [DescentClaim] {
        [stepLengthClaim(index)].compactMap { $0 }
    }

    func stepLengthClaim(_ index: Int) -> DescentClaim? {
        let ws = runs[index].path.steps.map(\.w)
        let lengths = zip(ws, ws.dropFirst()).map { abs($1 - $0) }
        guard runs[index].path.moved, lengths.count > 1, let first = lengths.first,
            let last = lengths.last,
            let longest = lengths.indices.max(by: { lengths[$0] < lengths[$1] })
        else { return nil }
        let name = name(index)
        // Lengths that differ by a billionth or less are the same length: rounding, not a trend.
        let slack = 1e-9 * (lengths.max() ?? 0)
        if lengths.allSatisfy({ abs($0 - first) <= slack }) {
            return .stepsEqual(name, length: first, count: lengths.count)
        }
        let pairs = zip(lengths, lengths.dropFirst())
        if pairs.allSatisfy({ $1 <= $0 + slack }), last < first - slack {
            return .stepsShrank(name, from: first, to: last)
        }
        if pairs.allSatisfy({ $1 >= $0 - slack }), last > first + slack {
            return .stepsGrew(name, from: first, to: last)
        }
        return .stepsVaried(
            name, first: first, longest: lengths[longest], at: longest, last: last)
    }

    /// On a bowl, for plain descent: the factor 1 − 2aη that every step multiplied w − w* by.
    public func stepFactor(_ index: Int) -> DescentClaim? {
        guard let bowl, runs[index].path.momentum == nil else {
            return nil
        }
        return .stepFactor(name(index), factor: bowl.stepFactor(runs[index].path.learningRate))
    }

    /// Where a run that did not run away ended, and on a curve of several valleys, which one.
    public func ending(_ index: Int) -> [DescentClaim] {
        let run = runs[index]
        guard !run.path.diverged else { return [] }
        let name = name(index)
        var claims: [DescentClaim] = [
            .endedAt(name, w: run.path.final.w, loss: run.path.final.loss, minimum: run.target)
        ]
        guard curve.minima.count > 1, let deepest = curve.deepestMinimum else { return claims }
        if run.target == deepest {
            claims.append(.deepestValley(name, minimum: deepest, loss: curve.value(deepest)))
        } else {
            claims.append(
                .shallowerValley(
                    name, minimum: run.target, loss: curve.value(run.target), deepest: deepest,
                    deepestLoss: curve.value(deepest)))
        }
        return claims
    }

    /// Everything lesson 4 says about one rate: its outcome, its crossings and, on a bowl, its
    /// factor.
    public func verdict(_ index: Int) -> ClaimParagraph {
        ClaimParagraph([outcome(index), crossings(index)] + [stepFactor(index)].compactMap { $0 })
    }
}
