/// A learner's right answers, file by file, written as a learner writes them: the checks of the
/// real check child are tried on these, and on these with one mistake planted.
public enum Solved {
    public static let files: [String: String] = [
        "01-Slope.swift": """
        public func slope(
            of f: (Double) -> Double, at w: Double, nudge h: Double
        ) throws -> Double {
            (f(w + h) - f(w - h)) / (2 * h)
        }

        """,
        "02-Step.swift": """
        public func descentStep(
            w: Double, slope: Double, learningRate eta: Double
        ) throws -> Double {
            w - eta * slope
        }

        """,
        "03-Cost.swift": """
        public func exampleCost(output a: [Double], desired y: [Double]) throws -> Double {
            var sum = 0.0
            for j in a.indices { sum += (a[j] - y[j]) * (a[j] - y[j]) }
            return sum
        }

        """,
        "04-OutputError.swift": """
        public func outputError(
            output a: [Double], desired y: [Double], weightedInputs z: [Double]
        ) throws -> [Double] {
            a.indices.map { 2 * (a[$0] - y[$0]) * sigmoidSlope(z[$0]) }
        }

        """,
        "05-LayerGradient.swift": """
        public func layerGradient(
            error delta: [Double], previousActivations a: [Double]
        ) throws -> (weights: Matrix, biases: [Double]) {
            var w = Matrix(rows: delta.count, columns: a.count)
            for j in delta.indices {
                for k in a.indices { w[j, k] = delta[j] * a[k] }
            }
            return (w, delta)
        }

        """,
        "06-PassBack.swift": """
        public func passBack(
            nextError deltaNext: [Double], weights: Matrix, weightedInputs z: [Double]
        ) throws -> [Double] {
            (0..<weights.columns).map { k in
                var sum = 0.0
                for j in 0..<weights.rows { sum += weights[j, k] * deltaNext[j] }
                return sum * sigmoidSlope(z[k])
            }
        }

        """,
        "07-Average.swift": """
        public func averageGradient(_ gradients: [Gradient]) throws -> Gradient {
            var sum = gradients[0]
            for g in gradients.dropFirst() { sum.add(g) }
            let n = Double(gradients.count)
            for l in sum.weights.indices {
                sum.weights[l].values = sum.weights[l].values.map { $0 / n }
                sum.biases[l] = sum.biases[l].map { $0 / n }
            }
            return sum
        }

        """,
        "08-MiniBatchStep.swift": """
        public func miniBatchStep(
            _ network: inout Network, batch: [Example], learningRate eta: Double
        ) throws {
            var gradients: [Gradient] = []
            for example in batch {
                let pass = network.forward(example.input)
                let last = network.weights.count - 1
                var g = Gradient(zerosLike: network)
                var delta = try outputError(
                    output: pass.activations[last + 1], desired: example.target,
                    weightedInputs: pass.weightedInputs[last])
                for l in stride(from: last, through: 0, by: -1) {
                    let layer = try layerGradient(
                        error: delta, previousActivations: pass.activations[l])
                    g.weights[l] = layer.weights
                    g.biases[l] = layer.biases
                    if l > 0 {
                        delta = try passBack(
                            nextError: delta, weights: network.weights[l],
                            weightedInputs: pass.weightedInputs[l - 1])
                    }
                }
                gradients.append(g)
            }
            let average = try averageGradient(gradients)
            for l in network.weights.indices {
                for i in network.weights[l].values.indices {
                    network.weights[l].values[i] = try descentStep(
                        w: network.weights[l].values[i], slope: average.weights[l].values[i],
                        learningRate: eta)
                }
                for j in network.biases[l].indices {
                    network.biases[l][j] = try descentStep(
                        w: network.biases[l][j], slope: average.biases[l][j], learningRate: eta)
                }
            }
        }

        """,
        "09-Epoch.swift": """
        public func trainEpoch(
            _ network: inout Network, examples: [Example], batchSize: Int, learningRate eta: Double,
            generator: inout SeededGenerator
        ) throws {
            let order = shuffledIndices(examples.count, using: &generator)
            for batch in miniBatches(order, size: batchSize) {
                try miniBatchStep(&network, batch: batch.map { examples[$0] }, learningRate: eta)
            }
        }

        """,
        "10-Prediction.swift": """
        public let largestSteadyRate: Double? = 0.2

        """,
    ]

    /// The solved files with `changes` in place of some: a file name, and its whole new text.
    public static func with(_ changes: [String: String]) -> [String: String] {
        files.merging(changes) { $1 }
    }
}
