// What the exercises give you, so that each one is about a single idea. Leave this file as it is.
//
// You have the types (Matrix, Network and its forward pass, Example, Gradient), σ and σ′, the
// matrix helpers and the random order of exercise 9. The library's training, backward pass and
// answers are not here: each exercise passes only with your own code, and calling one of them
// stops the build with a message saying what to use instead.
@_exported import BackpropBasics

/// Thrown by an exercise you have not done yet. Delete the `throw NotYet()` line when you start
/// one.
public struct NotYet: Error {
    public init() {}
}

/// σ′(z) = σ(z)·(1 − σ(z)): the slope of the sigmoid at z. The digit network uses the sigmoid
/// everywhere.
public func sigmoidSlope(_ z: Double) -> Double {
    Activation.sigmoid.derivative(z)
}

// The library's own answers, named here only to say what to use instead. These shadow the real
// ones even in a file that imports the library.

extension Network {
    @available(
        *, unavailable,
        message: """
            exercise 8 is your own step: your outputError, layerGradient, passBack and \
            averageGradient, then your descentStep on every weight and bias
            """
    )
    mutating func train(miniBatch: [Example], learningRate: Double) {}

    @available(
        *, unavailable,
        message: """
            exercise 9 is your own epoch: shuffledIndices, miniBatches and your miniBatchStep
            """
    )
    mutating func trainEpoch(
        _ examples: [Example], batchSize: Int, learningRate: Double,
        generator: inout SeededGenerator, afterBatch: (Int) -> Void = { _ in }
    ) {}

    @available(
        *, unavailable,
        message: """
            the backward pass is yours to write: forward, then your outputError, layerGradient \
            and passBack
            """
    )
    func backpropagate(_ example: Example) {}

    @available(
        *, unavailable,
        message: "average your own examples' gradients with your averageGradient (exercise 7)"
    )
    func gradient(over examples: [Example]) {}

    @available(
        *, unavailable,
        message: "move each weight and bias with your descentStep (exercise 2): w − η·∂C/∂w"
    )
    mutating func descend(along gradient: Gradient, learningRate: Double) {}

    @available(
        *, unavailable, message: "add up the squares yourself: your exampleCost (exercise 3)"
    )
    func cost(_ example: Example) {}
}

@available(
    *, unavailable,
    message: "exercise 1 is this difference: evaluate f at w + h and at w − h yourself"
)
func centralDifference(_ f: (Double) -> Double, at w: Double, step: Double) {}

enum QuadraticCost {
    @available(
        *, unavailable, message: "add up the squares yourself: your exampleCost (exercise 3)"
    )
    static func cost(output: [Double], target: [Double]) {}

    @available(
        *, unavailable, message: "the slope of (a − y)² is yours: your outputError (exercise 4)"
    )
    static func derivative(output: [Double], target: [Double]) {}
}

/// The checker's answers are not for the exercises to call.
enum Solutions {
    @available(*, unavailable, message: "the checker's answers are not for the exercises to call")
    static var reference: Void { () }
}
