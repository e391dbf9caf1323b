import Backprop
import Foundation

/// Minima found by setting derivatives to zero: a quadratic's w* = −b/2a, the students line fit in
/// closed form, and gradient descent walking to the same line. The experiment of lesson 2.
public struct MinimaByCalculus: Sendable {
    /// The quadratic L(w) = a·w² + b·w + c.
    public let a: Double
    public let b: Double
    public let c: Double
    /// The descent on the line fit.
    public let learningRate: Double
    public let steps: Int
    /// A descent whose loss passes this is stopped and called divergent.
    public let divergenceBound: Double

    public init(
        a: Double, b: Double, c: Double, learningRate: Double, steps: Int, divergenceBound: Double
    ) {
        self.a = a
        self.b = b
        self.c = c
        self.learningRate = learningRate
        self.steps = steps
        self.divergenceBound = divergenceBound
    }

    /// Package against CGPA for the four students.
    public static let data = StudentsData.packageByCGPA

    public struct Result: Sendable {
        public let experiment: MinimaByCalculus
        /// w* = −b/2a, where dL/dw = 2a·w + b is zero.
        public let wStar: Double
        /// The slope measured there by nudging, the loss there, and 0.1 to either side.
        public let measuredSlope: Double
        public let lossAtMinimum: Double
        public let lossBeside: (left: Double, right: Double)
        /// The line fit where both partial derivatives vanish, and its loss.
        public let fit: (m: Double, b: Double)
        public let fitLoss: Double
        /// Descent on (m, b) from (0, 0).
        public let descent: DescentPathND

        /// The quadratic at w.
        public func quadratic(_ w: Double) -> Double { experiment.quadratic(w) }

        /// How far descent ended from the closed form.
        public var distance: Double {
            let last = descent.points[descent.points.count - 1]
            return hypot(last[0] - fit.m, last[1] - fit.b)
        }
    }

    /// The quadratic at w.
    public func quadratic(_ w: Double) -> Double { a * w * w + b * w + c }

    public func run() -> Result {
        let wStar = -b / (2 * a)
        let data = Self.data
        let fit = data.closedFormFit()
        let descent = descend(
            loss: { data.cost(m: $0[0], b: $0[1]) },
            gradient: { point in
                let g = data.gradient(m: point[0], b: point[1])
                return [g.dm, g.db]
            },
            from: [0, 0], learningRate: learningRate, steps: steps, divergenceBound: divergenceBound
        )
        return Result(
            experiment: self, wStar: wStar, measuredSlope: centralDifference(quadratic, at: wStar),
            lossAtMinimum: quadratic(wStar),
            lossBeside: (quadratic(wStar - 0.1), quadratic(wStar + 0.1)),
            fit: fit, fitLoss: data.cost(m: fit.m, b: fit.b), descent: descent)
    }
}
