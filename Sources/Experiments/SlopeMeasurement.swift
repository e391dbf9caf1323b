import Backprop

/// The slope of a curve worked out by hand and measured by nudging, at several points; and the
/// gradient of a two-parameter bowl, both ways. The experiment of lesson 1.
public struct SlopeMeasurement: Sendable {
    public let curve: LossCurve
    public let points: [Double]
    /// The nudge h of the central difference (L(w + h) − L(w − h)) / 2h.
    public let nudge: Double

    public init(curve: LossCurve, points: [Double], nudge: Double) {
        self.curve = curve
        self.points = points
        self.nudge = nudge
    }

    /// The two-parameter loss of the second half: an oval bowl, four times steeper along w₂.
    public static let bowl = LossSurface(
        value: { w1, w2 in (w1 - 1) * (w1 - 1) + 4 * (w2 + 0.5) * (w2 + 0.5) },
        gradient: { w1, w2 in (2 * (w1 - 1), 8 * (w2 + 0.5)) })
    public static let bowlFormula = "L(w₁, w₂) = (w₁ − 1)² + 4·(w₂ + 0.5)²"
    /// Where the bowl's gradient is read.
    public static let gradientPoints: [(Double, Double)] = [(-1, 1), (3, 0), (0, -1.5), (2.5, 0.5)]

    /// One point's slope, both ways.
    public struct Slope: Sendable {
        public let w: Double
        public let loss: Double
        /// dL/dw from the formula written by hand.
        public let exact: Double
        /// (L(w + h) − L(w − h)) / 2h.
        public let measured: Double
    }

    /// The bowl's gradient at one point, both ways.
    public struct Gradient: Sendable {
        public let w: (Double, Double)
        public let loss: Double
        public let exact: (Double, Double)
        public let measured: (Double, Double)
    }

    public struct Result: Sendable {
        public let experiment: SlopeMeasurement
        public let slopes: [Slope]
        public let gradients: [Gradient]
    }

    public func run() -> Result {
        let slopes = points.map { w in
            Slope(
                w: w, loss: curve.value(w), exact: curve.derivative(w),
                measured: centralDifference(curve.value, at: w, step: nudge))
        }
        let bowl = Self.bowl
        let gradients = Self.gradientPoints.map { w1, w2 in
            let measured = numericGradient(
                { bowl.value($0[0], $0[1]) }, at: [w1, w2], stencil: .threePoint(step: nudge))
            return Gradient(
                w: (w1, w2), loss: bowl.value(w1, w2), exact: bowl.gradient(w1, w2),
                measured: (measured[0], measured[1]))
        }
        return Result(experiment: self, slopes: slopes, gradients: gradients)
    }
}
