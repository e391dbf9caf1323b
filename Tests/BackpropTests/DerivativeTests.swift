import Experiments
import TestSupport
import Testing

@testable import Backprop

/// Central differences against the derivatives written by hand.
///
/// With h = 1e-5 the truncation error is about h²·|L‴|/6 ≈ 1e-10 for these curves, and
/// rounding adds about ε·|L|/h ≈ 1e-11, so 1e-7 leaves a wide margin while still failing
/// for any wrong formula (a wrong coefficient is off by far more than 1e-3).
struct DerivativeTests {
    static let points: [Double] = [-2.5, -1, -0.3, 0, 0.7, 1.5, 3]

    @Test(
        "Every built-in curve's derivative matches central differences",
        arguments: LossCurve.builtIn.map(\.name), points)
    func curveDerivative(_ name: String, at w: Double) throws {
        let curve = try #require(LossCurve.named(name))
        #expect(abs(centralDifference(curve.value, at: w) - curve.derivative(w)) < 1e-7)
    }

    @Test("Central differences are exact for a quadratic, up to rounding")
    func exactForQuadratic() {
        // (a(x+h)² − a(x−h)²) / 2h = 2ax exactly: no truncation error at all.
        #expect(abs(centralDifference({ 3 * $0 * $0 }, at: 1.25) - 7.5) < 1e-9)
    }

    @Test(
        "The numeric gradient matches the partial derivatives of a surface",
        arguments: [[1.0, 2.0], [-0.5, 0.25], [3, -1]])
    func surfaceGradient(at point: [Double]) {
        let surface = LossSurface(
            value: { x, y in x * x * y + 3 * y * y },
            gradient: { x, y in (2 * x * y, x * x + 6 * y) })
        let numeric = numericGradient({ surface.value($0[0], $0[1]) }, at: point)
        let exact = surface.gradient(point[0], point[1])
        #expect(relativeError(numeric[0], exact.0) < 1e-8)
        #expect(relativeError(numeric[1], exact.1) < 1e-8)
    }

    @Test(
        "The line fit's gradient matches central differences",
        arguments: [[0.0, 0.0], [-1.3, 10.0], [0.5, 2.0]])
    func lineFitGradient(at point: [Double]) {
        let data = StudentsData.packageByCGPA
        let numeric = numericGradient({ data.cost(m: $0[0], b: $0[1]) }, at: point)
        let exact = data.gradient(m: point[0], b: point[1])
        #expect(relativeError(numeric[0], exact.dm) < 1e-8)
        #expect(relativeError(numeric[1], exact.db) < 1e-8)
    }

    @Test(
        "The line fit's curvatures are the Hessian's eigenvalues, measured by nudging the gradient")
    func lineFitCurvatures() {
        // Along an eigenvector v of the Hessian H, the gradient changes by λ·v per unit step.
        let data = StudentsData.packageByCGPA
        let (high, low) = data.curvatures
        for lambda in [high, low] {
            // (H − λI)v = 0 for H = [[87, 13], [13, 2]] gives v = (13, λ − 87).
            let v = [13, lambda - 87]
            let length = (v[0] * v[0] + v[1] * v[1]).squareRoot()
            let step = 1e-3 / length
            let g0 = data.gradient(m: 0, b: 0)
            let g1 = data.gradient(m: step * v[0], b: step * v[1])
            #expect(relativeError((g1.dm - g0.dm) / step, lambda * v[0]) < 1e-6)
        }
        #expect(high / low > 1500 && high / low < 1600)
    }

    @Test("Relative error is symmetric and floored near zero")
    func relativeErrorBehaves() {
        #expect(relativeError(1, 1.001) == relativeError(1.001, 1))
        #expect(abs(relativeError(100, 101) - 1.0 / 101) < 1e-15)
        #expect(relativeError(0, 0) == 0)
    }
}

struct CurveTests {
    @Test("The double well's minima are where its slope vanishes and it curves upward")
    func doubleWellMinima() {
        let curve = LossCurve.doubleWell
        #expect(curve.minima.count == 2)
        for w in curve.minima {
            #expect(abs(curve.derivative(w)) < 1e-12)
            #expect(centralDifference(curve.derivative, at: w) > 0)
        }
        // The left valley is the deeper one.
        #expect(curve.value(curve.minima[0]) < curve.value(curve.minima[1]) - 1)
    }

    @Test(
        "The valley below a point is the nearest minimum downhill",
        arguments: [(-2.0, 0), (-0.5, 0), (0.5, 1), (2.2, 1)])
    func valleyBelow(_ w: Double, _ valley: Int) {
        #expect(LossCurve.doubleWell.valleyBelow(w) == LossCurve.doubleWell.minima[valley])
    }

    @Test("quadratic is exactly L(w) = w²")
    func quadraticIsTextbook() {
        for w in [-3.0, 0.5, 2] { #expect(LossCurve.quadratic.value(w) == w * w) }
        #expect(LossCurve.quadratic.bowlCurvature == 1)
        #expect(LossCurve.quadratic.minima == [0])
    }
}

struct LineFitTests {
    @Test("The closed form fits the students data exactly: package = 12 − cgpa")
    func closedForm() {
        let data = StudentsData.packageByCGPA
        let fit = data.closedFormFit()
        #expect(abs(fit.m + 1) < 1e-12)
        #expect(abs(fit.b - 12) < 1e-12)
        #expect(data.cost(m: fit.m, b: fit.b) < 1e-24)
        let gradient = data.gradient(m: fit.m, b: fit.b)
        #expect(abs(gradient.dm) < 1e-12 && abs(gradient.db) < 1e-12)
    }

    @Test("A noisy fit's closed form is where both partial derivatives vanish")
    func closedFormZeroesGradient() {
        let data = LineFitData(x: [1, 2, 3, 4, 5], y: [1.2, 1.9, 3.2, 3.8, 5.1])
        let fit = data.closedFormFit()
        let gradient = data.gradient(m: fit.m, b: fit.b)
        #expect(abs(gradient.dm) < 1e-12 && abs(gradient.db) < 1e-12)
        // Any nudge away from it costs more.
        for (dm, db) in [(0.01, 0.0), (0.0, -0.01), (-0.01, 0.01)] {
            #expect(data.cost(m: fit.m + dm, b: fit.b + db) > data.cost(m: fit.m, b: fit.b))
        }
    }
}
