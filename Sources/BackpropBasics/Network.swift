/// A dense feed-forward network: every neuron of a layer takes every activation of the
/// layer before it.
///
/// Layer l+1 computes z = W·a + b and then a′ = f(z), where W has shape
/// (size of layer l+1 × size of layer l) and f is the layer's activation.
public struct Network: Sendable, Equatable {
    /// Neurons per layer, input first: [784, 16, 16, 10] is the 3Blue1Brown network.
    public let sizes: [Int]
    /// The activation of each layer after the input.
    public let activations: [Activation]
    /// weights[l] takes layer l to layer l + 1.
    public var weights: [Matrix]
    /// biases[l] belongs to layer l + 1.
    public var biases: [[Double]]

    /// How the starting weights and biases are drawn.
    public enum Initialisation: String, Sendable, CaseIterable {
        /// Every weight and bias from N(0, 1), as in Nielsen's book.
        case gaussian
        /// Weights from N(0, 1/n) for a neuron with n inputs, so weighted inputs start near ±1
        /// and sigmoids are not saturated; biases from N(0, 1).
        case scaled
    }

    /// A network with the given weights and biases; their shapes must match `sizes`.
    public init(sizes: [Int], activations: [Activation], weights: [Matrix], biases: [[Double]]) {
        precondition(
            sizes.count >= 2 && sizes.allSatisfy { $0 > 0 },
            "a network needs at least two layers of positive size")
        precondition(
            activations.count == sizes.count - 1, "one activation per layer after the input")
        for l in 0..<(sizes.count - 1) {
            precondition(
                weights[l].rows == sizes[l + 1] && weights[l].columns == sizes[l],
                "weights[\(l)] must be \(sizes[l + 1])×\(sizes[l])")
            precondition(
                biases[l].count == sizes[l + 1], "biases[\(l)] must have \(sizes[l + 1]) entries")
        }
        self.sizes = sizes
        self.activations = activations
        self.weights = weights
        self.biases = biases
    }

    /// A network with every weight and every bias set to one value (CampusX starts from 0.1 and 0).
    public init(sizes: [Int], activations: [Activation], weight: Double, bias: Double) {
        self.init(
            sizes: sizes, activations: activations,
            weights: (0..<(sizes.count - 1)).map {
                Matrix(
                    rows: sizes[$0 + 1], columns: sizes[$0],
                    values: Array(repeating: weight, count: sizes[$0 + 1] * sizes[$0]))
            },
            biases: sizes.dropFirst().map { Array(repeating: bias, count: $0) })
    }

    /// A network with random starting values drawn from `seed`: the same seed, the same network.
    public init(
        sizes: [Int], activations: [Activation], seed: UInt64,
        initialisation: Initialisation = .gaussian
    ) {
        var random = SeededGenerator(seed: seed)
        var weights: [Matrix] = []
        var biases: [[Double]] = []
        for l in 0..<(sizes.count - 1) {
            let scale = initialisation == .scaled ? 1 / Double(sizes[l]).squareRoot() : 1
            weights.append(
                Matrix(
                    rows: sizes[l + 1], columns: sizes[l],
                    values: (0..<(sizes[l + 1] * sizes[l])).map { _ in scale * random.nextGaussian()
                    }))
            biases.append((0..<sizes[l + 1]).map { _ in random.nextGaussian() })
        }
        self.init(sizes: sizes, activations: activations, weights: weights, biases: biases)
    }

    /// The same activation on every layer.
    public init(
        sizes: [Int], activation: Activation, seed: UInt64,
        initialisation: Initialisation = .gaussian
    ) {
        self.init(
            sizes: sizes, activations: Array(repeating: activation, count: sizes.count - 1),
            seed: seed, initialisation: initialisation)
    }

    /// How many weights and biases can be trained: 13,002 for [784, 16, 16, 10].
    public var parameterCount: Int {
        zip(sizes, sizes.dropFirst()).map { $0 * $1 + $1 }.reduce(0, +)
    }

    /// Every weight and bias in one list, layer by layer, each layer's weights (row by row) before
    /// its biases.
    public var parameters: [Double] {
        get { (0..<weights.count).flatMap { weights[$0].values + biases[$0] } }
        set {
            precondition(newValue.count == parameterCount, "need \(parameterCount) parameters")
            var offset = 0
            for l in weights.indices {
                let w = weights[l].values.count
                let b = biases[l].count
                weights[l].values = Array(newValue[offset..<(offset + w)])
                biases[l] = Array(newValue[(offset + w)..<(offset + w + b)])
                offset += w + b
            }
        }
    }
}

/// Everything the forward pass computed, kept for the backward pass.
public struct ForwardPass: Sendable {
    /// z for every layer after the input: weightedInputs[l] belongs to layer l + 1.
    public let weightedInputs: [[Double]]
    /// a for every layer, the input first: activations[0] is the input, the last is the output.
    public let activations: [[Double]]

    /// The network's output aᴸ.
    public var output: [Double] { activations[activations.count - 1] }

    @inlinable
    public init(weightedInputs: [[Double]], activations: [[Double]]) {
        self.weightedInputs = weightedInputs
        self.activations = activations
    }
}

extension Network {
    /// Runs `input` through the network, layer by layer: z = W·a + b, a′ = f(z).
    @inlinable
    public func forward(_ input: [Double]) -> ForwardPass {
        precondition(
            input.count == sizes[0],
            "the input layer has \(sizes[0]) neurons, got \(input.count) values")
        var activations = [input]
        var weightedInputs: [[Double]] = []
        for l in weights.indices {
            let z = zip(weights[l].times(activations[l]), biases[l]).map { $0 + $1 }
            weightedInputs.append(z)
            activations.append(z.map(self.activations[l].value))
        }
        return ForwardPass(weightedInputs: weightedInputs, activations: activations)
    }

    /// The output for `input`, without keeping the layers.
    @inlinable
    public func output(for input: [Double]) -> [Double] {
        forward(input).output
    }
}
