import Foundation

/// A loss of one parameter, L(w), with its derivative written out by hand.
///
/// Each curve states its own derivative next to its value, so a lesson can compare
/// the formula against a numeric slope, and descent can follow it downhill.
public struct LossCurve: Sendable {
    /// The short name used on the command line (`--curve double-well`).
    public let name: String
    /// L(w).
    public let value: @Sendable (Double) -> Double
    /// dL/dw, worked out by hand.
    public let derivative: @Sendable (Double) -> Double
    /// Every local minimum w*, from left to right.
    public let minima: [Double]
    /// A starting point that shows the curve's story.
    public let defaultStart: Double
    /// The range of w worth drawing.
    public let plotRange: ClosedRange<Double>
    /// For a bowl L = a·(w − w*)² + c, its curvature a; nil for other shapes.
    ///
    /// Only a bowl has the exact learning-rate thresholds 1/(2a) and 1/a.
    public let bowlCurvature: Double?

    /// The minimum that an infinitely careful descent from `w` reaches: the nearest one downhill. A
    /// positive slope leads left, a negative one right; nil on a flat top (a hump) or past every
    /// minimum.
    public func valleyBelow(_ w: Double) -> Double? {
        let slope = derivative(w)
        if slope > 0 { return minima.last { $0 <= w } }
        if slope < 0 { return minima.first { $0 >= w } }
        return minima.first { $0 == w }
    }

    /// The deepest of the minima: the one with the lowest loss.
    public var deepestMinimum: Double? { minima.min { value($0) < value($1) } }

    /// The minimum nearest to `w`: where descent that ends near `w` has settled.
    public func nearestMinimum(to w: Double) -> Double {
        minima.min { abs($0 - w) < abs($1 - w) } ?? 0
    }
}

extension LossCurve {
    /// A bowl L(w) = a·(w − center)², the textbook case with exact answers.
    public static func bowl(
        name: String, curvature a: Double, center: Double, start: Double
    ) -> LossCurve {
        LossCurve(
            name: name,
            value: { a * ($0 - center) * ($0 - center) },
            derivative: { 2 * a * ($0 - center) },
            minima: [center],
            defaultStart: start,
            plotRange: (center - 3)...(center + 3),
            bowlCurvature: a
        )
    }

    /// L(w) = w², exactly, so results can be compared with any textbook.
    public static let quadratic = bowl(name: "quadratic", curvature: 1, center: 0, start: 2)

    /// L(w) = 5·(w − 1)²: the same bowl, five times as steep, so every threshold is five times
    /// lower.
    public static let steep = bowl(name: "steep", curvature: 5, center: 1, start: 2)

    /// L(w) = w⁴/4 − w² + 0.4·w: two valleys of different depth.
    ///
    /// Descent only ever sees the local slope, so where it starts decides where it ends.
    public static let doubleWell: LossCurve = {
        let value: @Sendable (Double) -> Double = { w in 0.25 * w * w * w * w - w * w + 0.4 * w }
        let derivative: @Sendable (Double) -> Double = { w in w * w * w - 2 * w + 0.4 }
        // The minima are roots of w³ − 2w + 0.4 = 0 (the outer two); Newton finds them.
        let minima = [-1.6, 1.3].map {
            newtonRoot(of: derivative, slope: { 3 * $0 * $0 - 2 }, from: $0)
        }
        return LossCurve(
            name: "double-well",
            value: value, derivative: derivative, minima: minima,
            defaultStart: 2.2, plotRange: -2.4...2.4, bowlCurvature: nil)
    }()

    /// L(w) = 1 − e^(−w²/2): a well with flat shoulders.
    ///
    /// Far from the minimum the slope is almost zero, so the steps are tiny and descent crawls:
    /// the same trouble a saturated sigmoid neuron gives a network.
    public static let plateau = LossCurve(
        name: "plateau",
        value: { 1 - exp(-$0 * $0 / 2) },
        derivative: { $0 * exp(-$0 * $0 / 2) },
        minima: [0],
        defaultStart: 3, plotRange: -4...4, bowlCurvature: nil)

    /// Every built-in curve, in the order `--help` lists them.
    public static let builtIn: [LossCurve] = [.quadratic, .doubleWell, .plateau, .steep]

    /// The built-in curve with this name, or nil.
    public static func named(_ name: String) -> LossCurve? {
        builtIn.first { $0.name == name }
    }
}

/// Newton's method for a root of f, used to place the double well's minima exactly.
func newtonRoot(of f: (Double) -> Double, slope: (Double) -> Double, from start: Double) -> Double {
    var x = start
    for _ in 0..<50 { x -= f(x) / slope(x) }
    return x
}
