import Backprop
import Experiments
import Foundation

/// What can be said about minima found by calculus and by descent (lesson 2).
public enum MinimaClaim: Claim, Equatable {
    /// w* = −b/2a and the numbers around it: the loss there, the slope measured there, and the
    /// loss 0.1 to either side.
    /// The line fit's valley: its curvatures λmax = `high` across it and λmin = `low` along its
    /// floor (the eigenvalues of the cost's second derivatives).
    case valley(high: Double, low: Double)
    case minimumAt(wStar: Double, loss: Double, slope: Double, left: Double, right: Double)
    /// The slope there is below 1e-6 and the loss is higher to either side: a minimum, no search.
    case noSearchNeeded(slope: Double)
    /// The slope there is not below 1e-6, or the loss is not higher to either side: at this
    /// scale rounding hides the bottom of the curve.
    case roundingHidesBottom(slope: Double)
    /// The line fit in closed form, and its loss.
    case closedForm(m: Double, b: Double, loss: Double)
    /// Descent passed the bound at `step`, where the loss was `loss`; η is above 2/λmax = `limit`.
    case descentDiverged(
        step: Int, loss: Double, bound: Double, learningRate: Double, limit: Double)
    /// Descent has not passed the bound, but η is at or above 2/λmax: it can never settle.
    case descentUnsettled(steps: Int, distance: Double, learningRate: Double, limit: Double)
    /// After `steps` descent is within 0.001 of the closed form.
    case descentArrived(steps: Int, distance: Double, floorFactor: Double)
    /// After `steps` descent is still `distance` from the closed form, crawling along the floor.
    case descentCrawling(steps: Int, distance: Double, floorFactor: Double)
    /// Still `distance` away, most of it across the valley, which shrinks by `acrossFactor` a step
    /// (closer to −1 than the floor's factor is to 1).
    case descentSwinging(steps: Int, distance: Double, acrossFactor: Double)
    /// η·λmax is so small that 1 − η·λ is exactly 1 in floating point: after `steps` descent is
    /// `distance` from the closed form, having begun `began` away (the same, or a little more).
    case descentStill(steps: Int, distance: Double, began: Double)

    public var sentence: String {
        func n(_ x: Double, _ digits: Int = 3) -> String { Format.number(x, digits: digits) }
        switch self {
        case .valley(let high, let low):
            return "λ is the curvature of the loss along one of the valley's two principal "
                + "directions (an eigenvalue of its matrix of second derivatives): here λmax = "
                + "\(Format.number(high, digits: 4)) across the valley and λmin = "
                + "\(Format.number(low, digits: 3)) along its floor, a ratio of "
                + "\(Format.number(high / low, digits: 4)). Each step shrinks the distance along a "
                + "direction by the factor 1 − η·λ."
        case .minimumAt(let wStar, let loss, let slope, let left, let right):
            return "w* = −b / 2a = \(n(wStar, 8)), L(w*) = \(n(loss, 8)); the measured slope there "
                + "is \(n(slope)), and L(w* ∓ 0.1) = \(n(left, 6)), \(n(right, 6))."
        case .noSearchNeeded(let slope):
            return
                "At w* the measured slope is \(n(slope, 2)) and the loss is higher 0.1 to either "
                + "side: a minimum, found with no search at all."
        case .roundingHidesBottom(let slope):
            return "At w* the measured slope is \(n(slope, 2)), or the loss is no higher 0.1 to "
                + "either side: at this scale rounding hides the bottom of the curve."
        case .closedForm(let m, let b, let loss):
            let exact = loss < 1e-20 ? ": the four students lie exactly on the line" : ""
            return
                "The closed form is m = \(n(m, 6)), b = \(n(b, 6)) with loss \(n(loss, 2))\(exact)."
        case .descentDiverged(let step, let loss, let bound, let learningRate, let limit):
            let (eta, two) = Format.distinct(learningRate, limit, digits: 4)
            // Past the bound, or stopped one step before a loss too large for a Double.
            let stopped =
                loss > bound
                ? "at step \(step) the loss was \(n(loss)), past \(Format.bound(bound)), and it "
                    + "was stopped"
                : "the step after step \(step) (loss \(n(loss))) would have made the loss "
                    + "infinite, so it was stopped there"
            return "With η = \(eta) descent diverged: \(stopped). η is above 2/λmax "
                + "= \(two), so 1 − η·λmax is below −1 and every step across the valley "
                + "overshoots further than the last."
        case .descentUnsettled(let steps, let distance, let learningRate, let limit):
            let (eta, two) = Format.distinct(learningRate, limit, digits: 4)
            let rate =
                learningRate == limit
                ? "η is exactly 2/λmax = \(two)" : "η = \(eta) is not below 2/λmax = \(two)"
            return "After \(Format.count(steps, "step")) descent is \(n(distance)) from the closed "
                + "form, and it will never settle: \(rate), so the step across the valley does not "
                + "shrink."
        case .descentArrived(let steps, let distance, let floorFactor):
            return "After \(Format.count(steps, "step")) descent is \(n(distance)) from the closed "
                + "form: it got there. Along the floor it moves by the factor 1 − η·λmin = "
                + "\(n(floorFactor, 6)) per step."
        case .descentCrawling(let steps, let distance, let floorFactor):
            return "After \(Format.count(steps, "step")) descent is \(n(distance)) from the closed "
                + "form and still crawling: along the floor it moves by the factor 1 − η·λmin = "
                + "\(n(floorFactor, 6)) per step."
        case .descentSwinging(let steps, let distance, let acrossFactor):
            // Never printed as −1 when it is not: then it would not shrink at all.
            let (factor, _) = Format.distinct(acrossFactor, acrossFactor.rounded(), digits: 6)
            return "After \(Format.count(steps, "step")) descent is \(n(distance)) from the closed "
                + "form, still swinging across the valley: that way it moves by the factor 1 − "
                + "η·λmax = \(factor) per step, slower to shrink than the floor's."
        case .descentStill(let steps, let distance, let began):
            let why =
                "η·λ is so small that 1 − η·λ rounds to exactly 1 in the computer's numbers, in "
                + "both directions"
            guard distance < began else {
                return "After \(Format.count(steps, "step")) descent is still \(n(distance)) from "
                    + "the closed form, and no closer: " + why + "."
            }
            return "After \(Format.count(steps, "step")) descent is still \(n(distance)) from the "
                + "closed form, only \(n(began - distance, 2)) closer than it began: " + why
                + ", and each step moves the line by almost nothing."
        }
    }
}

extension MinimaByCalculus.Result {
    /// The quadratic's minimum, its numbers.
    public var minimum: MinimaClaim {
        .minimumAt(
            wStar: Mutant.minimumOffByOne.apply(wStar) { $0 + 1 }, loss: lossAtMinimum,
            slope: measuredSlope, left: lossBeside.left,
            right: lossBeside.right)
    }

    /// Whether the numbers show a minimum, or rounding hides it.
    public var minimumSeen: MinimaClaim {
        let higher = lossBeside.left > lossAtMinimum && lossBeside.right > lossAtMinimum
        return abs(measuredSlope) < 1e-6 && higher
            ? .noSearchNeeded(slope: measuredSlope) : .roundingHidesBottom(slope: measuredSlope)
    }

    /// The line fit in closed form.
    public var closedForm: MinimaClaim { .closedForm(m: fit.m, b: fit.b, loss: fitLoss) }

    /// What descent did: diverged, can never settle, got there, or still crawling.
    public var descentOutcome: MinimaClaim {
        let (high, low) = MinimaByCalculus.data.curvatures
        let limit = 2 / high
        let eta = experiment.learningRate
        let steps = descent.points.count - 1
        if descent.diverged {
            return .descentDiverged(
                step: steps, loss: descent.losses[steps], bound: experiment.divergenceBound,
                learningRate: eta, limit: limit)
        }
        if eta >= limit {
            return .descentUnsettled(
                steps: steps, distance: distance, learningRate: eta, limit: limit)
        }
        let (floor, across) = (1 - eta * low, 1 - eta * high)
        if floor == 1 && across == 1 {
            let first = descent.points[0]
            return .descentStill(
                steps: steps, distance: distance, began: hypot(first[0] - fit.m, first[1] - fit.b))
        }
        if distance < 1e-3 {
            return .descentArrived(steps: steps, distance: distance, floorFactor: floor)
        }
        return abs(across) > abs(floor)
            ? .descentSwinging(steps: steps, distance: distance, acrossFactor: across)
            : .descentCrawling(steps: steps, distance: distance, floorFactor: floor)
    }

    /// The closed form and descent side by side: descent at a few steps, with the gradient there.
    public func lineFitTable() -> Table {
        let data = MinimaByCalculus.data
        var table = Table(
            ["method", "m (slope)", "b (intercept)", "L(m, b)", "∂L/∂m", "∂L/∂b"], leftAligned: [0])
        let (dm, db) = data.gradient(m: fit.m, b: fit.b)
        table.add([
            "closed form", Format.number(fit.m, digits: 8), Format.number(fit.b, digits: 8),
            Format.number(fitLoss, digits: 3), Format.number(dm, digits: 3),
            Format.number(db, digits: 3),
        ])
        let last = descent.points.count - 1
        let shown = Set([1, 10, 100, 1000, 10_000, 100_000, last].filter { $0 <= last }).sorted()
        for k in shown {
            let point = descent.points[k]
            let g = data.gradient(m: point[0], b: point[1])
            table.add([
                "descent, step \(Format.count(k))", Format.number(point[0], digits: 6),
                Format.number(point[1], digits: 6), Format.number(descent.losses[k], digits: 3),
                Format.number(g.dm, digits: 3), Format.number(g.db, digits: 3),
            ])
        }
        return table
    }
}

extension MinimaByCalculus {
    /// The quadratic as a person writes it: L(w) = 2·w² − 8·w + 11.
    public var formula: String {
        let square = a == 1 ? "w²" : Format.number(a) + "·w²"
        let linear = b == 0 ? "" : " \(Format.term(b))·w"
        let constant = c == 0 ? "" : " \(Format.term(c))"
        return "L(w) = " + square + linear + constant
    }

    /// What the lesson computes, in words.
    public var plan: [String] {
        [
            "First the quadratic \(formula): dL/dw = \(Format.number(2 * a))·w \(Format.term(b)) = "
                + "0 gives w* = −b / 2a.",
            "Then the CampusX students data (cgpa 8, 7, 6, 5 → package 4, 5, 6, 7 lpa) fitted with "
                + "a line package = m·cgpa + b by least squares (the line whose average squared "
                + "error, L(m, b) = (1/4) Σ (y − m·x − b)², is smallest). Setting ∂L/∂m = 0 and "
                + "∂L/∂b = 0 gives two linear equations with one solution, a closed form: a "
                + "formula that gives the answer directly. Last, gradient descent finds the same "
                + "line by walking downhill, as a network must. A descent whose loss passes "
                + "\(Format.bound(divergenceBound)) is stopped and called divergent.",
        ]
    }

    /// The valley's two curvatures and what they do to descent: fixed by the data.
    public static var valley: MinimaClaim {
        let (high, low) = data.curvatures
        return .valley(high: high, low: low)
    }

    /// Why networks iterate: fixed text.
    public static let noClosedForm = Theory(
        "A network's equations ∂C/∂w = 0, one for each of its thousands of parameters, with "
            + "sigmoids inside, have no closed form: descent is how we solve them.")
}
