/// A loss of two parameters, L(w₁, w₂), with its gradient written out by hand.
///
/// The gradient ∇L = (∂L/∂w₁, ∂L/∂w₂) is the vector of partial derivatives: how sensitive
/// the loss is to each parameter alone. It points uphill, across the contour lines;
/// descent walks the other way.
public struct LossSurface: Sendable {
    public let value: @Sendable (Double, Double) -> Double
    public let gradient: @Sendable (Double, Double) -> (Double, Double)

    public init(
        value: @escaping @Sendable (Double, Double) -> Double,
        gradient: @escaping @Sendable (Double, Double) -> (Double, Double)
    ) {
        self.value = value
        self.gradient = gradient
    }

    /// The loss sampled on a grid, row by row: (w₁, w₂, L) for contour plots.
    public func grid(
        _ w1Range: ClosedRange<Double>, _ w2Range: ClosedRange<Double>, samples: Int
    ) -> [[Double]] {
        let count = max(samples, 2)
        var rows: [[Double]] = []
        for i in 0..<count {
            let w1 =
                w1Range.lowerBound + (w1Range.upperBound - w1Range.lowerBound) * Double(i)
                / Double(count - 1)
            for j in 0..<count {
                let w2 =
                    w2Range.lowerBound + (w2Range.upperBound - w2Range.lowerBound) * Double(j)
                    / Double(count - 1)
                rows.append([w1, w2, value(w1, w2)])
            }
        }
        return rows
    }
}
