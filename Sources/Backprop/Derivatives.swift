/// Derivatives two ways: by the formula, and by measuring the slope numerically.
///
/// 3Blue1Brown (02:05) reads a derivative as *sensitivity*: nudge the input a little,
/// and see how much the output moves. A central finite difference does exactly that,
/// once to each side, and divides by the size of the nudge:
///
///     f′(x) ≈ (f(x + h) − f(x − h)) / 2h
///
/// Its error shrinks like h², much faster than the one-sided (f(x + h) − f(x)) / h.
/// Too small an h loses digits to rounding, so 1e-5 is a good default in Double.

/// The default step for central differences in Double precision.
public let defaultDifferenceStep = 1e-5

/// The slope of `f` at `x`, measured by a central finite difference with step `h`.
public func centralDifference(
    _ f: (Double) -> Double, at x: Double, step h: Double = defaultDifferenceStep
) -> Double {
    (f(x + h) - f(x - h)) / (2 * h)
}

/// The slope of `f` at `x` from the five-point central stencil:
///
///     f′(x) ≈ (−f(x + 2h) + 8f(x + h) − 8f(x − h) + f(x − 2h)) / 12h
///
/// Its error shrinks like h⁴, so a larger h (1e-3) can be used and rounding hurts less:
/// about 1e-12 instead of 1e-10. Used where gradients are checked to 1e-6 relative error.
public func fivePointDifference(
    _ f: (Double) -> Double, at x: Double, step h: Double = 1e-3
) -> Double {
    (-f(x + 2 * h) + 8 * f(x + h) - 8 * f(x - h) + f(x - 2 * h)) / (12 * h)
}

/// How many points a numeric derivative samples.
public enum DifferenceStencil: Sendable {
    /// (f(x + h) − f(x − h)) / 2h, by default with h = 1e-5: error about 1e-10.
    case threePoint(step: Double = defaultDifferenceStep)
    /// The five-point stencil, by default with h = 1e-3: error about 1e-12, at twice the cost.
    case fivePoint(step: Double = 1e-3)
}

/// The gradient of `f` at `point`, one central difference per coordinate.
///
/// Costs 2·n (or 4·n) evaluations of `f` for n parameters: this is why backpropagation,
/// which gets every partial derivative from one backward pass, matters.
public func numericGradient(
    _ f: ([Double]) -> Double, at point: [Double], stencil: DifferenceStencil = .threePoint()
) -> [Double] {
    point.indices.map { i in
        // The loss along coordinate i alone, all others held still.
        let along: (Double) -> Double = { t in
            var moved = point
            moved[i] = t
            return f(moved)
        }
        switch stencil {
        case .threePoint(let h): return centralDifference(along, at: point[i], step: h)
        case .fivePoint(let h): return fivePointDifference(along, at: point[i], step: h)
        }
    }
}

/// The relative error |a − b| / max(|a|, |b|, floor), the usual way to compare two gradients.
///
/// The floor keeps the ratio meaningful when both values are close to zero.
public func relativeError(_ a: Double, _ b: Double, floor: Double = 1e-12) -> Double {
    abs(a - b) / max(abs(a), abs(b), floor)
}

/// The cosine similarity of two vectors, cos θ = u·v / (|u|·|v|): 1 when they point the same way,
/// 0 when they are unrelated (at right angles), −1 when opposite.
public func cosine(_ u: [Double], _ v: [Double]) -> Double {
    var dot = 0.0
    var uu = 0.0
    var vv = 0.0
    for i in u.indices {
        dot += u[i] * v[i]
        uu += u[i] * u[i]
        vv += v[i] * v[i]
    }
    return dot / max((uu * vv).squareRoot(), .leastNormalMagnitude)
}
