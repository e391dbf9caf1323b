import BackpropBasics
import Foundation

/// What the checker asks the learner's code: one call of one exercise's function, with the
/// arguments the checker chose. The check child (`exercise-check`) makes the call and sends back
/// the numbers it got; the checker, in the parent, compares them with its own answers. The
/// verdict is never the child's to say.
public enum Call: Codable, Sendable {
    case slope(SlopeCurve, w: Double, h: Double)
    case descentStep(w: Double, slope: Double, eta: Double)
    case exampleCost(output: [Double], desired: [Double])
    case outputError(output: [Double], desired: [Double], z: [Double])
    case layerGradient(delta: [Double], activations: [Double])
    case passBack(nextError: [Double], weights: Matrix, z: [Double])
    case averageGradient([Gradient])
    case miniBatchStep(Network, batch: [Example], eta: Double)
    case trainEpoch(
        Network, examples: [Example], batchSize: Int, eta: Double, generator: SeededGenerator)
    case largestSteadyRate
    /// Keeps the digits for training: `count` images of `pixels` bytes, one after another, and
    /// their labels. Sent once, so that each epoch's call is small.
    case keepDigits(pixels: Int, images: Data, labels: [Int])
    /// One epoch of the learner's `trainEpoch` on the kept digits.
    case trainKeptEpoch(Network, batchSize: Int, eta: Double, generator: SeededGenerator)

    /// The learner's function this calls, as the exercise file names it.
    public var function: Function {
        switch self {
        case .slope: return .slope
        case .descentStep: return .descentStep
        case .exampleCost: return .exampleCost
        case .outputError: return .outputError
        case .layerGradient: return .layerGradient
        case .passBack: return .passBack
        case .averageGradient: return .averageGradient
        case .miniBatchStep: return .miniBatchStep
        case .trainEpoch: return .trainEpoch
        case .largestSteadyRate: return .largestSteadyRate
        case .keepDigits, .trainKeptEpoch: return .trainEpoch
        }
    }
}

/// The learner's functions, one per exercise, by the names their files give them.
public enum Function: String, Codable, Sendable, CaseIterable {
    case slope, descentStep, exampleCost, outputError, layerGradient, passBack, averageGradient
    case miniBatchStep, trainEpoch, largestSteadyRate

    /// The exercise whose file holds it.
    public var exercise: Int { Function.allCases.firstIndex(of: self)! + 1 }
}

/// What a call of the learner's code gave.
public enum Answer: Codable, Sendable {
    /// Its result, as numbers: a gradient or a network as `flattened` and `parameters` give them.
    case numbers([Double])
    /// Exercise 5's result: the matrix's rows, columns and values (which the learner's code may
    /// have left not filling it), and the biases.
    case layerGradient(rows: Int, columns: Int, values: [Double], biases: [Double])
    /// Exercise 10's number, or nil.
    case rate(Double?)
    /// An epoch's end: the network's parameters and the generator, to carry into the next.
    case epoch(parameters: [Double], generator: SeededGenerator)
    /// The stub still throws `NotYet`.
    case notYet
    /// It threw another error: what the error says.
    case threw(String)
}

/// One request to the child: the call, and the functions whose answers, for this call, come from
/// the checker instead of the learner's code (to find which part of a step is wrong).
public struct Request: Codable, Sendable {
    public let id: Int
    public let call: Call
    public let substitute: [Function]

    public init(id: Int, call: Call, substitute: [Function] = []) {
        self.id = id
        self.call = call
        self.substitute = substitute
    }
}

/// What the child sends: an answer to a request, with how many times each of the learner's
/// functions was called while making it, or, while functions are substituted, one call of one for
/// the checker to answer.
public enum FromChild: Codable, Sendable {
    case answer(id: Int, Answer, calls: [Function: Int])
    case ask(Call)
}

/// What the parent sends: a request, or the checker's answer to an `ask`.
public enum ToChild: Codable, Sendable {
    case request(Request)
    case told(Answer)
}
