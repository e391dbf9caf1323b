/// A matrix of Doubles stored row after row in one contiguous array.
///
/// A layer's weights are a matrix of shape (next layer × previous layer), so that
/// z = W·a + b: row j holds the weights into neuron j, column k those out of neuron k.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// The entries, row by row: entry (j, k) is at j·columns + k.
    public var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(
            values.count == rows * columns,
            "a \(rows)×\(columns) matrix needs \(rows * columns) values")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix of zeros.
    public init(rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, values: Array(repeating: 0, count: rows * columns))
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// W·v: entry j is Σₖ W[j, k]·v[k].
    public func times(_ vector: [Double]) -> [Double] {
        precondition(vector.count == columns, "W·v needs \(columns) values, got \(vector.count)")
        return (0..<rows).map { j in
            var sum = 0.0
            for k in 0..<columns { sum += values[j * columns + k] * vector[k] }
            return sum
        }
    }

    /// Wᵀ·v: entry k is Σⱼ W[j, k]·v[j]. This is how a wish list travels backward.
    public func transposeTimes(_ vector: [Double]) -> [Double] {
        precondition(vector.count == rows, "Wᵀ·v needs \(rows) values, got \(vector.count)")
        var result = Array(repeating: 0.0, count: columns)
        for j in 0..<rows {
            let vj = vector[j]
            for k in 0..<columns { result[k] += values[j * columns + k] * vj }
        }
        return result
    }

    /// The outer product u·vᵀ: entry (j, k) is u[j]·v[k].
    public static func outer(_ u: [Double], _ v: [Double]) -> Matrix {
        var m = Matrix(rows: u.count, columns: v.count)
        for j in u.indices { for k in v.indices { m.values[j * v.count + k] = u[j] * v[k] } }
        return m
    }
}
