import Backprop
import CheckChannel
import Foundation

@testable import ExerciseKit

/// A learner in this process, for planting many mistakes quickly: the parts (exercises 1 to 7
/// and 10), and a step and an epoch written against the parts they are given, so that a check can
/// count their calls and substitute one, as the check child does with the learner's real code.
struct Learner: Sendable {
    typealias Step = @Sendable (inout Network, [Example], Double, Solutions) throws -> Void
    typealias Epoch =
        @Sendable (inout Network, [Example], Int, Double, inout SeededGenerator, Solutions) throws
        -> Void

    var parts = Solutions.reference
    var step: Step = Learner.step
    var epoch: Epoch = Learner.epoch

    /// Every exercise's verdict for this learner.
    var verdicts: Verdicts {
        Verdicts(
            helper: "this process",
            check: { number, substitute in check(number, substitute: substitute) },
            answers: { calls in calls.map { $0.answer(by: parts) } })
    }

    /// Exercise `number` checked alone, with the functions in `substitute` answered by the
    /// library.
    func check(_ number: Int, substitute: [Function]) -> ChildCheck {
        let counter = Counter()
        var parts = self.parts
        let library = Solutions.reference
        func pick<T>(_ function: Function, _ mine: T, _ theirs: T) -> T {
            substitute.contains(function) ? theirs : mine
        }
        // A substituted part's calls are recorded, as the child's asks are.
        @Sendable func asks(_ function: Function, _ call: Call) {
            if substitute.contains(function) { counter.ask(call) }
        }
        let outputError = pick(.outputError, parts.outputError, library.outputError)
        let layerGradient = pick(.layerGradient, parts.layerGradient, library.layerGradient)
        let passBack = pick(.passBack, parts.passBack, library.passBack)
        let averageGradient = pick(.averageGradient, parts.averageGradient, library.averageGradient)
        let descentStep = pick(.descentStep, parts.descentStep, library.descentStep)
        parts.outputError = { a, y, z in
            counter.count(.outputError)
            asks(.outputError, .outputError(output: a, desired: y, z: z))
            return try outputError(a, y, z)
        }
        parts.layerGradient = { delta, a in
            counter.count(.layerGradient)
            asks(.layerGradient, .layerGradient(delta: delta, activations: a))
            return try layerGradient(delta, a)
        }
        parts.passBack = { d, w, z in
            counter.count(.passBack)
            asks(.passBack, .passBack(nextError: d, weights: w, z: z))
            return try passBack(d, w, z)
        }
        parts.averageGradient = { g in
            counter.count(.averageGradient)
            asks(.averageGradient, .averageGradient(g))
            return try averageGradient(g)
        }
        parts.descentStep = { w, slope, eta in
            counter.count(.descentStep)
            asks(.descentStep, .descentStep(w: w, slope: slope, eta: eta))
            return try descentStep(w, slope, eta)
        }
        let step = self.step
        let counted = parts
        let mine: @Sendable (inout Network, [Example], Double) throws -> Void = { n, b, eta in
            try step(&n, b, eta, counted)
        }
        let libraryStep = library.miniBatchStep
        let recorded: @Sendable (inout Network, [Example], Double) throws -> Void = { n, b, eta in
            asks(.miniBatchStep, .miniBatchStep(n, batch: b, eta: eta))
            try libraryStep(&n, b, eta)
        }
        let ownStep = pick(.miniBatchStep, mine, recorded)
        parts.miniBatchStep = { network, batch, eta in
            counter.count(.miniBatchStep)
            try ownStep(&network, batch, eta)
        }
        let epoch = self.epoch
        let withStep = parts
        var checked = parts
        checked.miniBatchStep = { network, batch, eta in
            counter.begin()
            defer { counter.end() }
            try ownStep(&network, batch, eta)
        }
        checked.trainEpoch = { network, examples, size, eta, generator in
            counter.begin()
            defer { counter.end() }
            try epoch(&network, examples, size, eta, &generator, withStep)
        }
        let verdict = Checker.checkAlone(number, checked)
        return ChildCheck(verdict: verdict, calls: counter.perCall, asked: counter.asked)
    }

    /// A readable step, as a learner writes it from the parts.
    static let step: Step = { network, batch, eta, s in
        let gradients = try batch.map { try gradient(network, $0, s) }
        try descend(&network, along: s.averageGradient(gradients), eta, s)
    }

    /// One example's gradient, from the parts: δ of the output layer, then each layer's nudges
    /// and δ passed back.
    static func gradient(_ network: Network, _ example: Example, _ s: Solutions) throws -> Gradient
    {
        let pass = network.forward(example.input)
        let last = network.weights.count - 1
        var g = Gradient(zerosLike: network)
        var delta = try s.outputError(
            pass.activations[last + 1], example.target, pass.weightedInputs[last])
        for l in stride(from: last, through: 0, by: -1) {
            let layer = try s.layerGradient(delta, pass.activations[l])
            g.weights[l] = layer.weights
            g.biases[l] = layer.biases
            if l > 0 {
                delta = try s.passBack(delta, network.weights[l], pass.weightedInputs[l - 1])
            }
        }
        return g
    }

    /// Every weight moved with the part's descentStep at `eta`, every bias at `biasEta`.
    static func descend(
        _ network: inout Network, along average: Gradient, _ eta: Double, biasEta: Double? = nil,
        _ s: Solutions
    ) throws {
        for l in network.weights.indices {
            for i in network.weights[l].values.indices {
                network.weights[l].values[i] = try s.descentStep(
                    network.weights[l].values[i], average.weights[l].values[i], eta)
            }
            for j in network.biases[l].indices {
                network.biases[l][j] = try s.descentStep(
                    network.biases[l][j], average.biases[l][j], biasEta ?? eta)
            }
        }
    }

    /// A readable epoch.
    static let epoch: Epoch = { network, examples, size, eta, generator, s in
        let order = shuffledIndices(examples.count, using: &generator)
        for batch in miniBatches(order, size: size) {
            try s.miniBatchStep(&network, batch.map { examples[$0] }, eta)
        }
    }
}

/// The calls counted: in all, and for each call of the exercise under check.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var current: [Function: Int] = [:]
    private(set) var perCall: [[Function: Int]] = []
    private(set) var asked: [Call] = []

    func ask(_ call: Call) { lock.withLock { asked.append(call) } }

    func count(_ function: Function) {
        lock.withLock {
            current[function, default: 0] += 1
        }
    }

    func begin() { lock.withLock { current = [:] } }

    func end() { lock.withLock { perCall.append(current) } }
}
