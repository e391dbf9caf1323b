/// A matrix of Doubles stored row after row in one contiguous array.
///
/// A layer's weights are a matrix of shape (next layer × previous layer), so that
/// z = W·a + b: row j holds the weights into neuron j, column k those out of neuron k.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// The entries, row by row: entry (j, k) is at j·columns + k.
    public var values: [Double]

    @inlinable
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(
            values.count == rows * columns,
            "a \(rows)×\(columns) matrix needs \(rows * columns) values")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix of zeros.
    @inlinable
    public init(rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, values: Array(repeating: 0, count: rows * columns))
    }

    /// Entry (row, column); one outside the matrix stops the program and says so, instead of
    /// quietly reading the next row.
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get {
            if !contains(row, column) { outside(row, column) }
            return values[row * columns + column]
        }
        set {
            if !contains(row, column) { outside(row, column) }
            values[row * columns + column] = newValue
        }
    }

    /// Stops the program with a message that survives an optimised build, where a precondition's
    /// would not.
    @usableFromInline
    func outside(_ row: Int, _ column: Int) -> Never {
        fatalError("[\(row), \(column)] is outside a \(shape) matrix")
    }

    /// "3 × 5": rows × columns.
    public var shape: String { "\(rows) × \(columns)" }

    @inlinable
    func contains(_ row: Int, _ column: Int) -> Bool {
        row >= 0 && row < rows && column >= 0 && column < columns
    }

    /// W·v: entry j is Σₖ W[j, k]·v[k].
    @inlinable
    public func times(_ vector: [Double]) -> [Double] {
        precondition(vector.count == columns, "W·v needs \(columns) values, got \(vector.count)")
        return (0..<rows).map { j in
            var sum = 0.0
            for k in 0..<columns { sum += values[j * columns + k] * vector[k] }
            return sum
        }
    }

    /// Wᵀ·v: entry k is Σⱼ W[j, k]·v[j]. This is how a wish list travels backward.
    @inlinable
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
    @inlinable
    public static func outer(_ u: [Double], _ v: [Double]) -> Matrix {
        var m = Matrix(rows: u.count, columns: v.count)
        for j in u.indices { for k in v.indices { m.values[j * v.count + k] = u[j] * v[k] } }
        return m
    }
}
