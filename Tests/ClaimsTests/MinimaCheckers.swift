import Backprop
import Claims
import Experiments
import Foundation
import TestSupport

/// Whether a claim of lesson 2 is true: the quadratic evaluated here, the line fit solved here
/// from its normal equations, the valley's curvatures from its 2 × 2 matrix of second derivatives,
/// and descent read from its recorded points and losses.
func holds(_ claim: MinimaClaim, in result: MinimaByCalculus.Result) -> Bool {
    let e = result.experiment
    let wStar = -e.b / (2 * e.a)
    let quadratic = { (w: Double) in e.a * w * w + e.b * w + e.c }
    let slope = (quadratic(wStar + 1e-5) - quadratic(wStar - 1e-5)) / 2e-5
    // The students: cgpa x, package y. Normal equations for y = m·x + b.
    let (x, y) = ([8.0, 7, 6, 5], [4.0, 5, 6, 7])
    let (sx, sy) = (x.reduce(0, +), y.reduce(0, +))
    let sxx = x.map { $0 * $0 }.reduce(0, +)
    let sxy = zip(x, y).map(*).reduce(0, +)
    let m = (4 * sxy - sx * sy) / (4 * sxx - sx * sx)
    let b = (sy - m * sx) / 4
    // Second derivatives of (1/4)Σ(y − m·x − b)²: [[2·mean x², 2·mean x], [2·mean x, 2]].
    let (p, q, r) = (2 * sxx / 4, 2 * sx / 4, 2.0)
    let spread = (((p - r) / 2) * ((p - r) / 2) + q * q).squareRoot()
    let (high, low) = ((p + r) / 2 + spread, (p + r) / 2 - spread)
    let points = result.descent.points
    let last = points.count - 1
    let distance = hypot(points[last][0] - m, points[last][1] - b)
    let close = { (a: Double, b: Double) in abs(a - b) <= 1e-9 * max(1, abs(b)) }
    switch claim {
    case .valley(let h, let l):
        return close(h, high) && close(l, low)
    case .minimumAt(let w, let loss, let measured, let left, let right):
        return w == wStar && loss == quadratic(wStar) && close(measured, slope)
            && left == quadratic(wStar - 0.1) && right == quadratic(wStar + 0.1)
    case .noSearchNeeded(let measured):
        return close(measured, slope) && abs(slope) < 1e-6
            && quadratic(wStar - 0.1) > quadratic(wStar)
            && quadratic(wStar + 0.1) > quadratic(wStar)
    case .roundingHidesBottom(let measured):
        let higher =
            quadratic(wStar - 0.1) > quadratic(wStar) && quadratic(wStar + 0.1) > quadratic(wStar)
        return close(measured, slope) && (abs(slope) >= 1e-6 || !higher)
    case .closedForm(let fitM, let fitB, let loss):
        return abs(fitM - m) <= 1e-12 && abs(fitB - b) <= 1e-12 && loss <= 1e-20
    case .descentDiverged(let step, let loss, let bound, let eta, let limit):
        // Past the bound at the last step, or within it there and the next step (by the rule,
        // from the gradient of the mean squared error) overflowing.
        let point = points[last]
        let (gm, gb) = zip(x, y).reduce((0.0, 0.0)) { sums, pair in
            let error = point[0] * pair.0 + point[1] - pair.1
            return (sums.0 + error * pair.0 / 2, sums.1 + error / 2)
        }
        let next = (point[0] - eta * gm, point[1] - eta * gb)
        let nextLoss = zip(x, y).map { pow(next.0 * $0 + next.1 - $1, 2) }.reduce(0, +) / 4
        let stopped = loss > bound || !nextLoss.isFinite
        return step == last && loss == result.descent.losses[last] && stopped
            && result.descent.losses.dropLast().allSatisfy { $0 <= bound } && eta == e.learningRate
            && close(limit, 2 / high) && eta > limit
    case .descentUnsettled(let steps, let said, let eta, let limit):
        return steps == last && close(said, distance) && eta == e.learningRate
            && close(limit, 2 / high)
            && eta >= limit * (1 - 1e-12)
            && result.descent.losses.allSatisfy { $0 <= e.divergenceBound }
    case .descentArrived(let steps, let said, let factor):
        return steps == last && close(said, distance) && distance < 1e-3
            && close(factor, 1 - e.learningRate * low) && e.learningRate < 2 / high
    case .descentCrawling(let steps, let said, let factor):
        // The floor is the slower way: its factor nearer 1 than the other's is to −1.
        return steps == last && close(said, distance) && distance >= 1e-3
            && close(factor, 1 - e.learningRate * low) && e.learningRate < 2 / high
            && abs(1 - e.learningRate * low) >= abs(1 - e.learningRate * high)
            && 1 - e.learningRate * high != 1
    case .descentSwinging(let steps, let said, let factor):
        return steps == last && close(said, distance) && distance >= 1e-3
            && close(factor, 1 - e.learningRate * high) && e.learningRate < 2 / high
            && abs(1 - e.learningRate * high) > abs(1 - e.learningRate * low)
    case .descentStill(let steps, let said, let began):
        let eta = e.learningRate
        let start = hypot(points[0][0] - m, points[0][1] - b)
        return steps == last && close(said, distance) && close(began, start)
            && 1 - eta * high == 1 && 1 - eta * low == 1 && said <= began
    }
}
