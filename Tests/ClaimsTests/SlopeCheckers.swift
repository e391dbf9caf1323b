import Backprop
import Claims
import Experiments
import Foundation
import TestSupport

/// Whether a claim of lesson 1 is true: the slopes measured again here, by nudging the curve.
func holds(_ claim: SlopeClaim, in result: SlopeMeasurement.Result) -> Bool {
    let curve = result.experiment.curve
    let h = result.experiment.nudge
    let ws = result.experiment.points
    let exact = ws.map(curve.derivative)
    let measured = ws.map { (curve.value($0 + h) - curve.value($0 - h)) / (2 * h) }
    let largest = max(1, exact.map(abs).max() ?? 0)
    let error = zip(exact, measured).map { abs($0 - $1) }.max()! / largest
    switch claim {
    case .sensitivity(let g1, let g2):
        // The bowl's slopes at (−1, 1), measured here by nudging each parameter alone.
        let bowl = SlopeMeasurement.bowl.value
        let d1 = (bowl(-1 + 1e-6, 1) - bowl(-1 - 1e-6, 1)) / 2e-6
        let d2 = (bowl(-1, 1 + 1e-6) - bowl(-1, 1 - 1e-6)) / 2e-6
        return abs(g1 - d1) <= 1e-6 * abs(d1) && abs(g2 - d2) <= 1e-6 * abs(d2)
    case .agrees(let said):
        return said == error && error < 1e-7
    case .lostToRounding(let nudge, let said):
        let (bend, rounding) = causes(of: result)
        return nudge == h && said == error && error >= 1e-7 && rounding >= bend / 2
            && error <= 4 * rounding
    case .curveBends(let nudge, let said):
        let (bend, rounding) = causes(of: result)
        return nudge == h && said == error && error >= 1e-7
            && (bend >= rounding / 2 || error > rounding)
    case .steepestAndFlattest(let steepest, let steepSlope, let flattest, let flatSlope):
        let sizes = exact.map(abs)
        let (most, least) = (sizes.max()!, sizes.min()!)
        // Slopes within a billionth of each other are one size: a tie, and every point of it named.
        let tied = { (a: Double, b: Double) in abs(a - b) <= 1e-9 * max(1, a, b) }
        let steepAt = Set(ws.indices.filter { tied(sizes[$0], most) }.map { ws[$0] })
        let flatAt = Set(ws.indices.filter { tied(sizes[$0], least) }.map { ws[$0] })
        return Set(steepest) == steepAt && steepest.count == steepAt.count
            && Set(flattest) == flatAt && flattest.count == flatAt.count
            && steepest.allSatisfy { tied(abs(curve.derivative($0)), abs(steepSlope)) }
            && flattest.allSatisfy { tied(abs(curve.derivative($0)), abs(flatSlope)) }
            && tied(abs(steepSlope), most) && tied(abs(flatSlope), least)
            && abs(steepSlope) - abs(flatSlope) > 1e-9 * max(1, abs(steepSlope))
    }
}

/// What the bend of the curve and rounding can each take from a central difference, estimated
/// here from the curve's values alone: L‴ from four values around each point, and ε·|L|/h.
func causes(of result: SlopeMeasurement.Result) -> (bend: Double, rounding: Double) {
    let curve = result.experiment.curve
    let h = result.experiment.nudge
    let ws = result.experiment.points
    let largest = max(1, ws.map { abs(curve.derivative($0)) }.max() ?? 0)
    let bend = ws.map { w -> Double in
        let k = 1e-2 * max(1, abs(w))
        let values = [2, 1, -1, -2].map { curve.value(w + Double($0) * k) }
        let third = (values[0] - 2 * values[1] + 2 * values[2] - values[3]) / (2 * k * k * k)
        return h * h * abs(third) / 6
    }.max()!
    let rounding = ws.map { w in
        Double.ulpOfOne * max(abs(curve.value(w + h)), abs(curve.value(w - h))) / h
    }.max()!
    return (bend / largest, rounding / largest)
}
