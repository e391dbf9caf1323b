import Foundation
import TestSupport
import Testing

@testable import Backprop

/// A random example for a network with `sizes`, drawn from `seed`.
func randomExample(_ sizes: [Int], seed: UInt64) -> Example {
    var random = SeededGenerator(seed: seed)
    return Example(
        input: (0..<sizes[0]).map { _ in random.nextGaussian() },
        target: (0..<sizes[sizes.count - 1]).map { _ in random.nextUnit() })
}

/// The gradient of one example's cost by central differences, one parameter at a time.
func finiteDifferenceGradient(
    _ network: Network, _ example: Example, stencil: DifferenceStencil = .fivePoint()
) -> [Double] {
    numericGradient(
        { theta in
            var copy = network
            copy.parameters = theta
            return copy.cost(example)
        }, at: network.parameters, stencil: stencil)
}

/// The largest relative error between two gradients, entry by entry.
///
/// Entries below 1e-6 in size are compared against 1e-6 instead of themselves: the five-point
/// stencil's rounding noise is about 1e-13, so an entry that is exactly zero by backprop (a ReLU
/// that is off) would otherwise count as a large relative error.
func largestRelativeError(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { relativeError($0, $1, floor: 1e-6) }.max() ?? 0
}

struct NetworkTests {
    static let shapes: [[Int]] = [[2, 2, 1], [3, 5, 2], [4, 3, 3, 2], [1, 1]]

    @Test(
        "Backpropagation matches central differences for every shape and activation",
        arguments: shapes, Activation.allCases)
    func backpropMatchesFiniteDifferences(sizes: [Int], activation: Activation) {
        let network = Network(
            sizes: sizes, activation: activation, seed: 7, initialisation: .scaled)
        for seed in 1...3 as ClosedRange<UInt64> {
            let example = randomExample(sizes, seed: seed)
            let backprop = network.backpropagate(example).gradient.flattened
            let numeric = finiteDifferenceGradient(network, example)
            // The five-point stencil is good to about 1e-12 absolute; the smallest entries here are
            // about 1e-6, so 1e-6 relative leaves a margin of about a hundred.
            #expect(largestRelativeError(backprop, numeric) < 1e-6, "\(sizes) \(activation)")
        }
    }

    @Test(
        "Backpropagation matches Swift's automatic differentiation",
        .enabled(
            if: automaticDifferentiationIsAvailable,
            "this toolchain has no automatic differentiation"),
        arguments: Activation.allCases)
    func backpropMatchesAutomaticDifferentiation(activation: Activation) throws {
        let network = Network(sizes: [4, 5, 3, 2], activation: activation, seed: 11)
        let example = randomExample(network.sizes, seed: 5)
        let backprop = network.backpropagate(example).gradient.flattened
        let automatic = try #require(automaticGradient(network, example))
        // Both are exact up to rounding: they do the same products in different orders.
        #expect(largestRelativeError(backprop, automatic) < 1e-12)
    }

    #if canImport(_Differentiation) && !BACKPROP_NO_AUTOMATIC_DIFFERENTIATION
    @Test("The differentiable cost is the same cost")
    func differentiableCostAgrees() {
        let network = Network(sizes: [3, 4, 2], activation: .sigmoid, seed: 2)
        let example = randomExample(network.sizes, seed: 9)
        #expect(
            abs(
                DifferentiableCost(network: network, example: example)(network.parameters)
                    - network.cost(example)) < 1e-14)
    }
    #endif

    @Test("∂C/∂a of a hidden layer is what nudging that layer's activations measures")
    func activationGradientIsMeasured() {
        let network = Network(sizes: [3, 4, 2], activation: .sigmoid, seed: 3)
        let example = randomExample(network.sizes, seed: 4)
        let pass = network.backpropagate(example)
        // ∂C/∂a of the hidden layer, checked by nudging that layer's activations directly.
        let hidden = pass.forward.activations[1]
        let numeric = numericGradient(
            { a in
                let output = zip(network.weights[1].times(a), network.biases[1]).map {
                    Activation.sigmoid.value($0 + $1)
                }
                return QuadraticCost.cost(output: output, target: example.target)
            }, at: hidden, stencil: .fivePoint())
        #expect(largestRelativeError(pass.activationGradients[1], numeric) < 1e-7)
    }

    @Test(
        """
        The batch gradient is the average of the per-example gradients, and the gradient of the \
        average cost
        """
    )
    func batchIsAverage() {
        let network = Network(sizes: [3, 4, 2], activation: .tanh, seed: 5)
        let examples = (1...6).map { randomExample(network.sizes, seed: $0) }
        let batch = network.gradient(over: examples).flattened
        let perExample = examples.map { network.backpropagate($0).gradient.flattened }
        let average = (0..<batch.count).map { i in
            perExample.map { $0[i] }.reduce(0, +) / Double(examples.count)
        }
        #expect(zip(batch, average).allSatisfy { abs($0 - $1) < 1e-15 })
        let numeric = numericGradient(
            { theta in
                var copy = network
                copy.parameters = theta
                return copy.averageCost(examples)
            }, at: network.parameters, stencil: .fivePoint())
        #expect(largestRelativeError(batch, numeric) < 1e-6)
    }

    @Test("The video's network has 13,002 parameters and the CampusX network 9")
    func parameterCounts() {
        #expect(
            Network(sizes: [784, 16, 16, 10], activation: .sigmoid, seed: 1).parameterCount
                == 13_002)
        #expect(
            Network(sizes: [2, 2, 1], activations: [.linear, .linear], weight: 0.1, bias: 0)
                .parameterCount == 9)
    }

    @Test("Parameters round-trip through the flat list")
    func parametersRoundTrip() {
        var network = Network(sizes: [3, 2, 2], activation: .relu, seed: 8)
        let theta = network.parameters
        #expect(theta.count == network.parameterCount)
        network.parameters = theta.map { $0 + 1 }
        #expect(network.weights[0][1, 2] == theta[1 * 3 + 2] + 1)
        #expect(network.biases[1][0] == theta[3 * 2 + 2 + 2 * 2] + 1)
    }

    @Test("The same seed gives the same network; another seed another")
    func seeded() {
        let a = Network(sizes: [5, 3, 2], activation: .sigmoid, seed: 42)
        #expect(a == Network(sizes: [5, 3, 2], activation: .sigmoid, seed: 42))
        #expect(a != Network(sizes: [5, 3, 2], activation: .sigmoid, seed: 43))
    }

    @Test("Gaussian initialisation has mean 0 and spread 1; scaled divides the spread by √n")
    func initialisation() {
        let gaussian = Network(sizes: [400, 50], activation: .sigmoid, seed: 1).weights[0].values
        let scaled = Network(
            sizes: [400, 50], activation: .sigmoid, seed: 1, initialisation: .scaled
        ).weights[0].values
        func spread(_ v: [Double]) -> Double {
            let mean = v.reduce(0, +) / Double(v.count)
            return (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count)).squareRoot()
        }
        // 20,000 draws: the sample mean is within 0.03 and the spread within 0.02 of the truth.
        #expect(abs(gaussian.reduce(0, +) / 20_000) < 0.03)
        #expect(abs(spread(gaussian) - 1) < 0.02)
        #expect(abs(spread(scaled) - 1.0 / 20) < 0.001)
    }

    @Test("A descent step moves every parameter by −η times its partial derivative")
    func descentStep() {
        var network = Network(sizes: [2, 2, 1], activation: .sigmoid, seed: 4)
        let before = network.parameters
        let gradient = network.backpropagate(randomExample(network.sizes, seed: 1)).gradient
        network.descend(along: gradient, learningRate: 0.5)
        #expect(
            zip(zip(before, gradient.flattened), network.parameters).allSatisfy {
                abs($0.0 - 0.5 * $0.1 - $1) < 1e-15
            })
    }
}

struct FiniteDifferenceTests {
    @Test("The network's own finite differences nudge every parameter in the order of `parameters`")
    func inPlaceMatchesGeneric() {
        let network = Network(sizes: [3, 4, 2], activation: .tanh, seed: 6)
        let example = randomExample(network.sizes, seed: 2)
        let inPlace = network.finiteDifferenceGradient(example, stencil: .fivePoint())
        let generic = finiteDifferenceGradient(network, example)
        #expect(inPlace.count == network.parameterCount)
        #expect(zip(inPlace, generic).allSatisfy { abs($0 - $1) < 1e-13 })
        #expect(
            largestRelativeError(inPlace, network.backpropagate(example).gradient.flattened) < 1e-6)
    }
}
