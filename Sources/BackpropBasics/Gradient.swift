/// The gradient of the cost: one entry for every weight and every bias, shaped like the network.
public struct Gradient: Sendable, Equatable {
    /// ∂C/∂W for every layer, the same shape as the weights.
    public var weights: [Matrix]
    /// ∂C/∂b for every layer after the input.
    public var biases: [[Double]]

    /// A gradient of zeros, shaped like `network`.
    public init(zerosLike network: Network) {
        weights = network.weights.map { Matrix(rows: $0.rows, columns: $0.columns) }
        biases = network.biases.map { Array(repeating: 0, count: $0.count) }
    }

    public init(weights: [Matrix], biases: [[Double]]) {
        self.weights = weights
        self.biases = biases
    }

    /// Every entry in one list, in the same order as `Network.parameters`.
    public var flattened: [Double] {
        (0..<weights.count).flatMap { weights[$0].values + biases[$0] }
    }

    /// Adds `scale` times `other`, entry by entry.
    @inlinable
    public mutating func add(_ other: Gradient, scaledBy scale: Double = 1) {
        for l in weights.indices {
            for i in weights[l].values.indices {
                weights[l].values[i] += scale * other.weights[l].values[i]
            }
            for i in biases[l].indices { biases[l][i] += scale * other.biases[l][i] }
        }
    }
}
