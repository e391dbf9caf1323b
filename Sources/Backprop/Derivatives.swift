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

/// The gradient of `f` at `point`, one central difference per coordinate.
///
/// Costs 2·n evaluations of `f` for n parameters: this is why backpropagation,
/// which gets every partial derivative from one backward pass, matters.
public func numericGradient(
    _ f: ([Double]) -> Double, at point: [Double], step h: Double = defaultDifferenceStep
) -> [Double] {
    point.indices.map { i in
        var forward = point, backward = point
        forward[i] += h
        backward[i] -= h
        return (f(forward) - f(backward)) / (2 * h)
    }
}

/// The relative error |a − b| / max(|a|, |b|, floor), the usual way to compare two gradients.
///
/// The floor keeps the ratio meaningful when both values are close to zero.
public func relativeError(_ a: Double, _ b: Double, floor: Double = 1e-12) -> Double {
    abs(a - b) / max(abs(a), abs(b), floor)
}
