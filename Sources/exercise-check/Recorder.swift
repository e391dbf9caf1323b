import CheckChannel
import Exercises
import Foundation

/// What the learner's functions did during one request: how often each was called, and, for the
/// ones the checker substitutes, their answers asked of the checker instead.
enum Recorder {
    nonisolated(unsafe) static var wire = Wire(nonce: "")
    nonisolated(unsafe) static var reader: LineReader? = nil
    nonisolated(unsafe) static var answers: Int32 = -1
    nonisolated(unsafe) static var substitute: [Function] = []
    nonisolated(unsafe) static var calls: [Function: Int] = [:]

    /// Why a substituted call got no answer: the checker refused it, or the channel broke.
    struct Refused: Error {
        let reason: String
    }

    static func begin(_ request: Request) {
        substitute = request.substitute
        calls = [:]
    }

    static func end() -> [Function: Int] {
        substitute = []
        return calls
    }

    /// Counts a call of `function`; true when its answer is to come from the checker.
    static func called(_ function: Function) -> Bool {
        calls[function, default: 0] += 1
        return substitute.contains(function)
    }

    /// The checker's answer to `call`, as numbers.
    static func ask(_ call: Call) throws -> [Double] {
        guard case .numbers(let numbers) = try askFor(call) else {
            throw Refused(reason: "the checker gave no answer")
        }
        return numbers
    }

    /// The checker's answer to `call`.
    static func askFor(_ call: Call) throws -> Answer {
        guard let reader, let line = try? wire.line(FromChild.ask(call)),
            writeAll(line, to: answers)
        else { exit(70) }
        guard let reply = try? reader.next(),
            let message = wire.message(ToChild.self, in: reply),
            case .told(let answer) = message
        else { exit(70) }
        if case .threw(let reason) = answer { throw Refused(reason: reason) }
        return answer
    }
}

// The learner's functions as exercises 8 and 9 call them: each call is counted, and those the
// checker substitutes are answered by the checker. Calling the function's own name inside its
// replacement calls the learner's code (Swift's dynamic replacement; the Exercises target is built
// with every function replaceable).

@_dynamicReplacement(for:descentStep(w:slope:learningRate:))
func recordedDescentStep(w: Double, slope: Double, learningRate eta: Double) throws -> Double {
    guard Recorder.called(.descentStep) else {
        return try descentStep(w: w, slope: slope, learningRate: eta)
    }
    return try single(Recorder.ask(.descentStep(w: w, slope: slope, eta: eta)))
}

@_dynamicReplacement(for:outputError(output:desired:weightedInputs:))
func recordedOutputError(
    output a: [Double], desired y: [Double], weightedInputs z: [Double]
) throws -> [Double] {
    guard Recorder.called(.outputError) else {
        return try outputError(output: a, desired: y, weightedInputs: z)
    }
    return try Recorder.ask(.outputError(output: a, desired: y, z: z))
}

@_dynamicReplacement(for:layerGradient(error:previousActivations:))
func recordedLayerGradient(
    error delta: [Double], previousActivations a: [Double]
) throws -> (weights: Matrix, biases: [Double]) {
    guard Recorder.called(.layerGradient) else {
        return try layerGradient(error: delta, previousActivations: a)
    }
    guard
        case .layerGradient(let rows, let columns, let values, let biases) = try Recorder.askFor(
            .layerGradient(delta: delta, activations: a)),
        rows * columns == values.count
    else { throw Recorder.Refused(reason: "the checker's gradient did not fit") }
    return (Matrix(rows: rows, columns: columns, values: values), biases)
}

@_dynamicReplacement(for:passBack(nextError:weights:weightedInputs:))
func recordedPassBack(
    nextError deltaNext: [Double], weights: Matrix, weightedInputs z: [Double]
) throws -> [Double] {
    guard Recorder.called(.passBack) else {
        return try passBack(nextError: deltaNext, weights: weights, weightedInputs: z)
    }
    return try Recorder.ask(.passBack(nextError: deltaNext, weights: weights, z: z))
}

@_dynamicReplacement(for:averageGradient(_:))
func recordedAverageGradient(_ gradients: [Gradient]) throws -> Gradient {
    guard Recorder.called(.averageGradient) else { return try averageGradient(gradients) }
    let numbers = try Recorder.ask(.averageGradient(gradients))
    guard let shape = gradients.first, numbers.count == shape.flattened.count else {
        throw Recorder.Refused(reason: "the checker's average did not fit")
    }
    var average = shape
    var offset = 0
    for l in average.weights.indices {
        let count = average.weights[l].values.count
        average.weights[l].values = Array(numbers[offset..<(offset + count)])
        offset += count
        average.biases[l] = Array(numbers[offset..<(offset + average.biases[l].count)])
        offset += average.biases[l].count
    }
    return average
}

@_dynamicReplacement(for:miniBatchStep(_:batch:learningRate:))
func recordedMiniBatchStep(
    _ network: inout Network, batch: [Example], learningRate eta: Double
) throws {
    guard Recorder.called(.miniBatchStep) else {
        return try miniBatchStep(&network, batch: batch, learningRate: eta)
    }
    let numbers = try Recorder.ask(.miniBatchStep(network, batch: batch, eta: eta))
    guard numbers.count == network.parameterCount else {
        throw Recorder.Refused(reason: "the checker's step did not fit")
    }
    network.parameters = numbers
}

/// The one number of a scalar answer.
func single(_ numbers: [Double]) throws -> Double {
    guard numbers.count == 1 else {
        throw Recorder.Refused(reason: "the checker's step did not fit")
    }
    return numbers[0]
}
