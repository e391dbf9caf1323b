/// Gradient descent, the update rule of both videos:
///
///     w ← w − η · dL/dw
///
/// The sign of the slope picks the direction (CampusX): a positive slope means the loss
/// rises to the right, so we step left, and the other way round. The size of the step
/// is the learning rate η times the slope, so steps shrink by themselves near a minimum,
/// where the slope flattens out.

/// One moment of a one-parameter descent: where we stand and the step we take from here.
public struct DescentStep: Sendable, Equatable {
    /// The step number, 0 for the start.
    public let index: Int
    /// The parameter w at this step.
    public let w: Double
    /// The loss L(w).
    public let loss: Double
    /// The slope dL/dw here.
    public let slope: Double
    /// The step taken from here, −η·dL/dw.
    public let change: Double
}

/// What became of a descent, judged against the minimum it was heading for.
public enum DescentOutcome: Sendable, Equatable {
    /// It came within the tolerance of the minimum at this step.
    case converged(atStep: Int)
    /// The parameter ran away past the divergence bound at this step.
    case diverged(atStep: Int)
    /// It neither converged nor diverged in the steps it had.
    case notConverged(after: Int)
}

/// The recorded path of a one-parameter descent: the start, then one entry per step.
public struct DescentPath: Sendable {
    public let learningRate: Double
    /// The momentum β of a heavy-ball descent; nil for plain descent.
    public var momentum: Double? = nil
    /// Step 0 is the start; the last entry is where the descent stopped.
    public let steps: [DescentStep]
    /// True when the descent stopped early: w ran past the bound (the last step is the one that
    /// passed it), or the next step would have been infinite (the last step is the one before).
    public let diverged: Bool

    /// Whether the last step recorded is the one that passed the divergence bound.
    public func passedBound(_ bound: Double) -> Bool { diverged && abs(final.w) > bound }

    /// Where the descent ended.
    public var final: DescentStep { steps[steps.count - 1] }

    /// How many times w jumped across `target`: the sign of w − w* changed, counting only the
    /// steps that sit farther from `target` than `crossingShare` of where the descent began.
    ///
    /// That is overshooting: the step was so long that it landed on the other side of the valley.
    /// Nearer than that, the other side is rounding (as w settles, w − w* can flip sign in its
    /// last digit), not a jump.
    public func crossings(of target: Double, share: Double = crossingShare) -> Int {
        let margin = share * abs(steps[0].w - target)
        let sides = steps.map { $0.w - target }.filter { abs($0) > margin }
        return zip(sides, sides.dropFirst()).filter { ($0 < 0) != ($1 < 0) }.count
    }

    /// Whether w ever moved from where it began by more than rounding: four units in the last
    /// place of the start. A run that starts on w*, where the slope is 0, or whose steps η·dL/dw
    /// are too small to change w's digits, never does.
    public var moved: Bool {
        let start = steps[0].w
        let rounding = 4 * max(abs(start), Double.leastNormalMagnitude).ulp
        return steps.contains { abs($0.w - start) > rounding }
    }

    /// A landing counts as a jump across w* when it is farther past it than this share of the
    /// start's distance from it: a billionth.
    public static let crossingShare = 1e-9

    /// Whether w jumped across `target` at least once.
    public func oscillated(around target: Double) -> Bool { crossings(of: target) > 0 }

    /// The step from which w stays within `tolerance` of `target` to the end, if any: the step
    /// at which the descent converged. A run that passes near w* and leaves again has not.
    public func settledStep(within tolerance: Double, of target: Double) -> Int? {
        let away = steps.lastIndex { abs($0.w - target) > tolerance }
        guard let away else { return 0 }
        return away == steps.count - 1 ? nil : steps[away + 1].index
    }

    /// Converged, diverged or neither, judged against `target` with `tolerance`.
    public func outcome(tolerance: Double, target: Double) -> DescentOutcome {
        if diverged { return .diverged(atStep: final.index) }
        if let step = settledStep(within: tolerance, of: target) { return .converged(atStep: step) }
        return .notConverged(after: final.index)
    }
}

/// Runs `steps` updates w ← w − η·L′(w) on `curve` from `start`, recording every step.
///
/// Stops early, marked as diverged, once |w| exceeds `divergenceBound`: the step that passed the
/// bound is the last one recorded, so a path that diverged shows where it went. A step that would
/// make w or the loss infinite is not recorded at all: a chart never receives an infinity.
public func descend(
    _ curve: LossCurve, from start: Double, learningRate: Double, steps: Int,
    divergenceBound: Double = 1e6
) -> DescentPath {
    descend(
        curve, from: start, learningRate: learningRate, momentum: nil, steps: steps,
        divergenceBound: divergenceBound)
}

/// Gradient descent with momentum, the "heavy ball": the step remembers the last one.
///
///     v ← β·v − η·dL/dw        w ← w + v
///
/// With β = 0 it is plain descent. With β near 1 the ball keeps rolling: on a gentle slope the
/// steps add up, and across a valley they cancel. A nil `momentum` is plain descent, recorded as
/// such.
public func descend(
    _ curve: LossCurve, from start: Double, learningRate: Double, momentum: Double?, steps: Int,
    divergenceBound: Double
) -> DescentPath {
    var path: [DescentStep] = []
    var w = start
    var velocity = 0.0
    let beta = momentum ?? 0
    for index in 0...max(steps, 0) {
        let loss = curve.value(w)
        let slope = curve.derivative(w)
        velocity = beta * velocity - learningRate * slope
        let change = velocity
        let escaped = abs(w) > divergenceBound
        path.append(DescentStep(index: index, w: w, loss: loss, slope: slope, change: change))
        if escaped { break }
        let next = w + change
        guard index < steps else { break }
        if !next.isFinite || !curve.value(next).isFinite || !curve.derivative(next).isFinite {
            return DescentPath(
                learningRate: learningRate, momentum: momentum, steps: path, diverged: true)
        }
        w = next
    }
    let diverged = abs(path[path.count - 1].w) > divergenceBound
    return DescentPath(
        learningRate: learningRate, momentum: momentum, steps: path, diverged: diverged)
}

/// The recorded path of a descent in several parameters at once.
public struct DescentPathND: Sendable {
    public let learningRate: Double
    /// The parameters at every step, starting point first.
    public let points: [[Double]]
    /// The loss at every point.
    public let losses: [Double]
    /// True when the descent stopped early because the loss stopped being finite.
    public let diverged: Bool
}

/// Runs `steps` updates w ← w − η·∇L(w) on every parameter at once, recording the path.
///
/// The same rule as in one dimension, applied to each coordinate with its own partial derivative.
/// Stops early, marked as diverged, once the loss passes `divergenceBound`: the step that passed it
/// is the last one recorded. A step whose loss or parameters are not finite is not recorded.
public func descend(
    loss: ([Double]) -> Double, gradient: ([Double]) -> [Double],
    from start: [Double], learningRate: Double, steps: Int, divergenceBound: Double = .infinity
) -> DescentPathND {
    var points = [start]
    var losses = [loss(start)]
    var w = start
    for _ in 0..<max(steps, 0) {
        let g = gradient(w)
        w = zip(w, g).map { $0 - learningRate * $1 }
        let l = loss(w)
        guard l.isFinite, w.allSatisfy(\.isFinite) else {
            return DescentPathND(
                learningRate: learningRate, points: points, losses: losses, diverged: true)
        }
        points.append(w)
        losses.append(l)
        if l > divergenceBound {
            return DescentPathND(
                learningRate: learningRate, points: points, losses: losses, diverged: true)
        }
    }
    return DescentPathND(
        learningRate: learningRate, points: points, losses: losses, diverged: false)
}
