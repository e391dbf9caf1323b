import Backprop

/// One answer to every exercise: the learner's (wired up by the `exercises` command from the
/// `Exercises` folder) or the library's own, which the checker compares them with.
public struct Solutions: Sendable {
    public var slope: @Sendable (_ f: (Double) -> Double, _ w: Double, _ h: Double) throws -> Double
    public var descentStep: @Sendable (_ w: Double, _ slope: Double, _ eta: Double) throws -> Double
    public var exampleCost: @Sendable (_ a: [Double], _ y: [Double]) throws -> Double
    public var outputError:
        @Sendable (_ a: [Double], _ y: [Double], _ z: [Double]) throws -> [Double]
    public var layerGradient:
        @Sendable (_ delta: [Double], _ a: [Double]) throws -> (weights: Matrix, biases: [Double])
    public var passBack:
        @Sendable (_ deltaNext: [Double], _ weights: Matrix, _ z: [Double]) throws -> [Double]
    public var averageGradient: @Sendable (_ gradients: [Gradient]) throws -> Gradient
    public var miniBatchStep:
        @Sendable (_ network: inout Network, _ batch: [Example], _ eta: Double) throws -> Void
    public var trainEpoch:
        @Sendable (
            _ network: inout Network, _ examples: [Example], _ batchSize: Int, _ eta: Double,
            _ generator: inout SeededGenerator
        ) throws -> Void
    public var largestSteadyRate: Double?

    public init(
        slope:
            @escaping @Sendable (_ f: (Double) -> Double, _ w: Double, _ h: Double) throws
            -> Double,
        descentStep: @escaping @Sendable (Double, Double, Double) throws -> Double,
        exampleCost: @escaping @Sendable ([Double], [Double]) throws -> Double,
        outputError: @escaping @Sendable ([Double], [Double], [Double]) throws -> [Double],
        layerGradient:
            @escaping @Sendable ([Double], [Double]) throws -> (weights: Matrix, biases: [Double]),
        passBack: @escaping @Sendable ([Double], Matrix, [Double]) throws -> [Double],
        averageGradient: @escaping @Sendable ([Gradient]) throws -> Gradient,
        miniBatchStep: @escaping @Sendable (inout Network, [Example], Double) throws -> Void,
        trainEpoch:
            @escaping @Sendable (inout Network, [Example], Int, Double, inout SeededGenerator)
            throws -> Void,
        largestSteadyRate: Double?
    ) {
        self.slope = slope
        self.descentStep = descentStep
        self.exampleCost = exampleCost
        self.outputError = outputError
        self.layerGradient = layerGradient
        self.passBack = passBack
        self.averageGradient = averageGradient
        self.miniBatchStep = miniBatchStep
        self.trainEpoch = trainEpoch
        self.largestSteadyRate = largestSteadyRate
    }
}

extension Solutions {
    /// The library's answers, written the way the exercises ask for them.
    public static var reference: Solutions {
        Solutions(
            slope: { f, w, h in centralDifference(f, at: w, step: h) },
            descentStep: { w, slope, eta in w - eta * slope },
            exampleCost: { a, y in QuadraticCost.cost(output: a, target: y) },
            outputError: { a, y, z in
                a.indices.map { 2 * (a[$0] - y[$0]) * Activation.sigmoid.derivative(z[$0]) }
            },
            layerGradient: { delta, a in
                var weights = Matrix(rows: delta.count, columns: a.count)
                for j in delta.indices { for k in a.indices { weights[j, k] = delta[j] * a[k] } }
                return (weights, delta)
            },
            passBack: { deltaNext, w, z in
                (0..<w.columns).map { k in
                    (0..<w.rows).map { j in w[j, k] * deltaNext[j] }.reduce(0, +)
                        * Activation.sigmoid.derivative(z[k])
                }
            },
            averageGradient: { gradients in
                var sum = gradients[0]
                for gradient in gradients.dropFirst() { sum.add(gradient) }
                sum.scale(by: 1 / Double(gradients.count))
                return sum
            },
            miniBatchStep: { network, batch, eta in
                network.train(miniBatch: batch, learningRate: eta)
            },
            trainEpoch: { network, examples, batchSize, eta, generator in
                network.trainEpoch(
                    examples, batchSize: batchSize, learningRate: eta, generator: &generator)
            },
            largestSteadyRate: 1 / (2 * 2.5))
    }
}

extension Gradient {
    /// Every entry multiplied by `factor`.
    mutating func scale(by factor: Double) {
        for l in weights.indices {
            weights[l].values = weights[l].values.map { $0 * factor }
            biases[l] = biases[l].map { $0 * factor }
        }
    }
}
