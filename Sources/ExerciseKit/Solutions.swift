import Backprop
import CheckChannel

/// One answer to every exercise, a slot each: the library's own answer is each slot's default, and
/// the `exercises` command puts the learner's answers (from the `Exercises` folder) in their place.
/// The checker compares the two; a test plants a classic mistake by replacing one slot.
public struct Solutions: Sendable {
    /// Exercise 1: the slope of `f` at `w` by central differences with the nudge `h`.
    public var slope: @Sendable (_ f: SlopeCurve, _ w: Double, _ h: Double) throws -> Double = {
        f, w, h in centralDifference({ f($0) }, at: w, step: h)
    }

    /// Exercise 2: one gradient-descent step.
    public var descentStep:
        @Sendable (_ w: Double, _ slope: Double, _ eta: Double) throws -> Double =
            { w, slope, eta in w - eta * slope }

    /// Exercise 3: the cost of one example, C₀ = Σⱼ (aⱼ − yⱼ)².
    public var exampleCost: @Sendable (_ a: [Double], _ y: [Double]) throws -> Double = { a, y in
        QuadraticCost.cost(output: a, target: y)
    }

    /// Exercise 4: the output layer's error δᴸ = 2(aᴸ − y) ⊙ σ′(zᴸ).
    public var outputError:
        @Sendable (_ a: [Double], _ y: [Double], _ z: [Double]) throws -> [Double] = { a, y, z in
            a.indices.map { 2 * (a[$0] - y[$0]) * Activation.sigmoid.derivative(z[$0]) }
        }

    /// Exercise 5: one layer's weight and bias gradients, δ·aᵀ and δ.
    public var layerGradient:
        @Sendable (_ delta: [Double], _ a: [Double]) throws -> (weights: Matrix, biases: [Double]) =
            { delta, a in
                var weights = Matrix(rows: delta.count, columns: a.count)
                for j in delta.indices {
                    for k in a.indices { weights[j, k] = delta[j] * a[k] }
                }
                return (weights, delta)
            }

    /// Exercise 6: δ passed back a layer, (Wᵀ·δ′) ⊙ σ′(z).
    public var passBack:
        @Sendable (_ deltaNext: [Double], _ weights: Matrix, _ z: [Double]) throws -> [Double] = {
            deltaNext, w, z in
            (0..<w.columns).map { k in
                (0..<w.rows).map { j in w[j, k] * deltaNext[j] }.reduce(0, +)
                    * Activation.sigmoid.derivative(z[k])
            }
        }

    /// Exercise 7: the average of a mini-batch's gradients.
    public var averageGradient: @Sendable (_ gradients: [Gradient]) throws -> Gradient = {
        gradients in
        var sum = gradients[0]
        for gradient in gradients.dropFirst() { sum.add(gradient) }
        sum.scale(by: 1 / Double(gradients.count))
        return sum
    }

    /// Exercise 8: one mini-batch step.
    public var miniBatchStep:
        @Sendable (_ network: inout Network, _ batch: [Example], _ eta: Double) throws -> Void = {
            network, batch, eta in
            network.train(miniBatch: batch, learningRate: eta)
        }

    /// Exercise 9: one epoch of mini-batch SGD.
    public var trainEpoch:
        @Sendable (
            _ network: inout Network, _ examples: [Example], _ batchSize: Int, _ eta: Double,
            _ generator: inout SeededGenerator
        ) throws -> Void = { network, examples, batchSize, eta, generator in
            network.trainEpoch(
                examples, batchSize: batchSize, learningRate: eta, generator: &generator)
        }

    /// Exercise 10: the largest learning rate that walks straight down L = 2.5·(w − 3)².
    public var largestSteadyRate: @Sendable () throws -> Double? = { 1 / (2 * 2.5) }

    /// The library's answers, written the way the exercises ask for them.
    public init() {}

    /// The library's answers.
    public static var reference: Solutions { Solutions() }
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
