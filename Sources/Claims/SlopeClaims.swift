import Backprop
import Experiments

/// What can be said about slopes measured by nudging (lesson 1).
public enum SlopeClaim: Claim, Equatable {
    /// The measured slopes agree with the formula to `error`, relative to the largest |slope|
    /// (or 1).
    case agrees(error: Double)
    /// They disagree by `error`, and rounding explains it: L(w + h) and L(w − h) share almost
    /// every digit, what rounding can take, ε·|L|/h, is at least half the error, and more than
    /// what the curve's bend can (h²·|L‴|/6).
    case lostToRounding(nudge: Double, error: Double)
    /// They disagree by `error`, and the bend of the curve within the nudge explains it: rounding
    /// cannot take that much, or the bend can take more.
    case curveBends(nudge: Double, error: Double)
    /// The bowl's gradient (`g1`, `g2`) at (−1, 1): the loss is |g2/g1| times more sensitive to
    /// w₂ than to w₁ there.
    case sensitivity(g1: Double, g2: Double)
    /// Of the points, the curve is steepest at `steepest` (all with the same |slope|) and
    /// flattest at `flattest`.
    case steepestAndFlattest(
        steepest: [Double], steepSlope: Double, flattest: [Double], flatSlope: Double)

    public var sentence: String {
        func n(_ x: Double, _ digits: Int = 3) -> String { Format.number(x, digits: digits) }
        switch self {
        case .sensitivity(let g1, let g2):
            return
                "At (−1, 1) the gradient is (\(Format.number(g1)), \(Format.number(g2))): the loss "
                + "is \(Format.number(abs(g2 / g1), digits: 3)) times more sensitive to w₂ than to "
                + "w₁ there. The arrows stand across the contour lines and point uphill; descent "
                + "walks against them."
        case .agrees(let error):
            return "The measured slope agrees with the formula to \(n(error, 2)) (each difference "
                + "divided by the largest |slope|, or by 1 when every slope is below 1) at every "
                + "point: nudging and dividing is a fine way to check a derivative, which is how "
                + "lesson 8 checks backpropagation."
        case .lostToRounding(let nudge, let error):
            return "With h = \(n(nudge)) the measured slope is off by up to \(n(error, 2)) of the "
                + "largest |slope| (or of 1, when every slope is below 1): L(w + h) and L(w − h) "
                + "agree in almost every digit a Double keeps (about 16), so their difference is "
                + "mostly rounding, which grows like 1/h: a larger nudge loses less."
        case .curveBends(let nudge, let error):
            return "With h = \(n(nudge)) the measured slope is off by up to \(n(error, 2)) of the "
                + "largest |slope| (or of 1, when every slope is below 1): the curve bends within "
                + "the nudge (the error of a central difference grows like h²)."
        case .steepestAndFlattest(let steepest, let steepSlope, let flattest, let flatSlope):
            let points = Format.distinct(steepest + flattest, digits: 4).map { "w = \($0)" }
            let and = { (names: ArraySlice<String>) in names.joined(separator: " and ") }
            let (steepW, flatW) = (
                and(points.prefix(steepest.count)), and(points.dropFirst(steepest.count))
            )
            let (steepS, flatS) = Format.distinct(abs(steepSlope), abs(flatSlope))
            let start =
                "Of these points the curve is steepest at \(steepW) (|dL/dw| = \(steepS)), "
                + "where a nudge moves the loss most, and flattest at \(flatW) (|dL/dw| = "
                + "\(flatS))"
            guard flatSlope != 0 else {
                return start
                    + ", where the slope is zero: a small nudge leaves the loss where it is."
            }
            let times = Format.ratio(abs(steepSlope / flatSlope))
            return start + ", where the same nudge moves it \(times) times less."
        }
    }
}

extension SlopeMeasurement.Result {
    /// The largest |by hand − measured|, relative to the largest |slope| (or 1).
    public var relativeError: Double {
        let largest = slopes.map { abs($0.exact) }.max() ?? 0
        return (slopes.map { abs($0.exact - $0.measured) }.max() ?? 0) / max(1, largest)
    }

    /// Whether nudging agreed with the formula, and if not, why not: the cause that can take
    /// more, the bend or rounding.
    public var agreement: SlopeClaim {
        let error = relativeError
        if error < 1e-7 { return .agrees(error: error) }
        let nudge = experiment.nudge
        // Rounding is named only when it can account for the error: an error more than twice
        // what rounding can take is the bend's, whatever the local estimate of L‴ says (it
        // misses a bend spread across a wide nudge).
        let causes = SlopeCauses(self)
        return error <= 2 * causes.rounding && causes.rounding >= causes.bend
            ? .lostToRounding(nudge: nudge, error: error)
            : .curveBends(nudge: nudge, error: error)
    }

    /// Where the curve is steepest and flattest, among points of different steepness.
    public var steepness: [SlopeClaim] {
        guard let steepest = slopes.max(by: { abs($0.exact) < abs($1.exact) }),
            let flattest = slopes.min(by: { abs($0.exact) < abs($1.exact) }),
            // Two slopes that differ only by rounding (both 0 at two minima, say) rank nothing.
            !SlopeCauses.same(abs(steepest.exact), abs(flattest.exact))
        else { return [] }
        let (steep, flat) = Mutant.slopeLabelsSwapped.apply((steepest, flattest)) { ($1, $0) }
        // Every point with the same |slope| is named: a tie is said as one.
        let at = { (size: Double) in
            var seen: Set<Double> = []
            return self.slopes.filter {
                SlopeCauses.same(abs($0.exact), size) && seen.insert($0.w).inserted
            }.map(\.w)
        }
        return [
            .steepestAndFlattest(
                steepest: at(abs(steep.exact)), steepSlope: steep.exact,
                flattest: at(abs(flat.exact)), flatSlope: flat.exact)
        ]
    }

    /// The slopes, both ways, and their difference.
    public func slopeTable() -> Table {
        var table = Table(["w", "L(w)", "dL/dw by hand", "measured slope", "difference"])
        for s in slopes {
            table.add([
                Format.number(s.w), Format.number(s.loss), Format.number(s.exact, digits: 8),
                Format.number(s.measured, digits: 8),
                Format.number(abs(s.exact - s.measured), digits: 2),
            ])
        }
        return table
    }

    /// The bowl's gradient at its points, both ways, and which weight the loss is more
    /// sensitive to.
    public func gradientTable() -> Table {
        var table = Table([
            "w₁", "w₂", "L", "∂L/∂w₁", "measured", "∂L/∂w₂", "measured", "more sensitive to",
        ])
        for g in gradients {
            let (d1, d2) = g.exact
            let more = abs(d1) > abs(d2) ? "w₁" : (abs(d2) > abs(d1) ? "w₂" : "equal")
            table.add([
                Format.number(g.w.0), Format.number(g.w.1), Format.number(g.loss),
                Format.number(d1),
                Format.number(g.measured.0, digits: 8), Format.number(d2),
                Format.number(g.measured.1, digits: 8), more,
            ])
        }
        return table
    }
}

extension SlopeMeasurement {
    /// What the lesson measures, in words.
    public var plan: [String] {
        [
            "A loss of one parameter, \(curve.formula). Its derivative dL/dw (the slope of the "
                + "curve) written out by hand, next to the slope measured by nudging w by h = "
                + "\(Format.number(nudge)) to each side: (L(w + h) − L(w − h)) / 2h.",
            "Then a loss of two parameters, \(Self.bowlFormula). Its gradient is the pair of "
                + "partial derivatives (∂L/∂w₁, ∂L/∂w₂): a partial derivative is the slope along "
                + "one parameter with the other held still.",
        ]
    }

    /// What the bowl's gradient shows at (−1, 1): the same whatever the options.
    public static var sensitivity: SlopeClaim {
        let (g1, g2) = bowl.gradient(-1, 1)
        return .sensitivity(g1: g1, g2: g2)
    }
}

/// What each cause can take from a central difference, at most, over the points (relative to the
/// largest |slope|, or 1): the bend of the curve, h²·|L‴(w)|/6, with L‴ from the hand-written
/// slope's own differences; and rounding, ε·max|L(w ± h)|/h.
public struct SlopeCauses {
    public let bend: Double
    public let rounding: Double

    public init(_ result: SlopeMeasurement.Result) {
        let curve = result.experiment.curve
        let h = result.experiment.nudge
        let largest = max(1, result.slopes.map { abs($0.exact) }.max() ?? 0)
        let bends =
            result.slopes.map { point in
                let k = 1e-3 * max(1, abs(point.w))
                let third =
                    (curve.derivative(point.w + k) - 2 * curve.derivative(point.w)
                        + curve.derivative(point.w - k)) / (k * k)
                return h * h * abs(third) / 6
            }
        let roundings = result.slopes.map { point in
            Double.ulpOfOne * max(abs(curve.value(point.w + h)), abs(curve.value(point.w - h))) / h
        }
        bend = (bends.max() ?? 0) / largest
        rounding = (roundings.max() ?? 0) / largest
    }

    /// Two sizes that differ only by rounding: within a billionth of the larger (or of 1).
    public static func same(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    }
}
