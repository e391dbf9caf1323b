import Backprop
import CheckChannel
import Processes

/// What a right step passes to each part, in one of exercise 8's cases, and every list and matrix
/// it works with, named: the arguments a wrongly wired step passed can then be told by name
/// ("example 1's target, where a right step gives it example 2's").
struct StepTrace {
    /// The calls of the parts a right step makes, in the order a readable step makes them.
    private(set) var calls: [Call] = []
    /// The lists (and matrices, their entries row by row) a right step works with, named.
    private(set) var names: [(name: String, values: [Double])] = []
    /// The network's weights and biases, one by one, named.
    let parameters: Layout
    let parameterValues: [Double]

    init(_ item: Checker.StepCase) throws {
        let s = Solutions.reference
        let network = item.network
        let last = network.weights.count - 1
        parameters = .network(network.sizes)
        parameterValues = network.parameters
        for l in network.weights.indices {
            names.append(("layer \(l + 1)'s weights", network.weights[l].values))
        }
        var gradients: [Gradient] = []
        for (i, example) in item.batch.enumerated() {
            let whose = item.batch.count == 1 ? "the example's" : "example \(i + 1)'s"
            let pass = network.forward(example.input)
            names.append(("\(whose) input", example.input))
            names.append(("\(whose) target", example.target))
            names.append(("\(whose) output", pass.output))
            for l in 1...(last + 1) {
                names.append(("\(whose) z of layer \(l)", pass.weightedInputs[l - 1]))
                names.append(("\(whose) activations of layer \(l)", pass.activations[l]))
            }
            let output = Call.outputError(
                output: pass.output, desired: example.target, z: pass.weightedInputs[last])
            calls.append(output)
            var delta = try s.outputError(pass.output, example.target, pass.weightedInputs[last])
            var gradient = Gradient(zerosLike: network)
            for l in stride(from: last, through: 0, by: -1) {
                names.append(("\(whose) δ of layer \(l + 1)", delta))
                calls.append(.layerGradient(delta: delta, activations: pass.activations[l]))
                let layer = try s.layerGradient(delta, pass.activations[l])
                gradient.weights[l] = layer.weights
                gradient.biases[l] = layer.biases
                guard l > 0 else { continue }
                let weights = network.weights[l]
                let z = pass.weightedInputs[l - 1]
                calls.append(.passBack(nextError: delta, weights: weights, z: z))
                delta = try s.passBack(delta, weights, z)
            }
            names.append(("\(whose) gradient", gradient.flattened))
            gradients.append(gradient)
        }
        calls.append(.averageGradient(gradients))
        let average = try s.averageGradient(gradients).flattened
        names.append(("the average gradient", average))
        // A gradient's entries and the network's parameters come in the same order.
        for (w, slope) in zip(network.parameters, average) {
            calls.append(.descentStep(w: w, slope: slope, eta: item.eta))
        }
    }

    /// A list said by the name of what it is, or by its first numbers when it is nothing a right
    /// step works with.
    func called(_ values: [Double], _ label: String) -> String {
        if label == "w", values.count == 1,
            let i = parameterValues.firstIndex(where: { close($0, values[0]) })
        {
            return parameters.name(of: i)
        }
        if let named = names.first(where: { close($0.values, values) }) { return named.name }
        return values.count == 1 ? number(values[0]) : "[\(firstFew(values))]"
    }

    /// How the learner's calls of the parts, `asked`, in one case differ from a right step's: the
    /// first call that no right one matches, said by which of its arguments differ from the right
    /// call it is nearest to. Nil when every call matches one.
    func firstDifference(_ asked: [Call]) -> String? {
        var unused = calls
        for call in asked {
            let mine = call.arguments
            let candidates = unused.indices.filter { unused[$0].function == call.function }
            if let match = candidates.first(where: { Self.agree(mine, unused[$0].arguments) }) {
                unused.remove(at: match)
                continue
            }
            guard
                let nearest = candidates.max(by: {
                    Self.agreeing(mine, unused[$0].arguments)
                        < Self.agreeing(mine, unused[$1].arguments)
                })
            else { return nil }
            return sentence(call.function, mine: mine, right: unused[nearest].arguments)
        }
        return nil
    }

    /// "your step gave outputError example 1's target as y; a right step gives example 2's
    /// target, with the same a (example 2's output) and z (example 2's z of layer 3)".
    func sentence(
        _ function: Function, mine: [(label: String, values: [Double])],
        right: [(label: String, values: [Double])]
    ) -> String {
        if mine.count != right.count {
            return "your step gave \(function.rawValue) \(counted(mine.count, "gradient")) ("
                + list(mine.map { called($0.values, $0.label) }) + "); a right step gives it "
                + "\(right.count): " + list(right.map { called($0.values, $0.label) }) + "."
        }
        let pairs = zip(mine, right)
        let differ = pairs.filter { !close($0.0.values, $0.1.values) }
        let same = pairs.filter { close($0.0.values, $0.1.values) }.map(\.0)
        var said =
            "your step gave \(function.rawValue) "
            + list(differ.map { "\(called($0.0.values, $0.0.label)) as \($0.0.label)" })
            + "; a right step gives "
            + list(differ.map { called($0.1.values, $0.1.label) + whereDiffer($0.0, $0.1) })
        if !same.isEmpty {
            said +=
                ", with the same "
                + list(same.map { "\($0.label) (\(called($0.values, $0.label)))" })
        }
        return said + "."
    }

    /// " (they differ only in layer 1's weights)": for a gradient, which of its blocks differ.
    func whereDiffer(
        _ mine: (label: String, values: [Double]), _ right: (label: String, values: [Double])
    ) -> String {
        guard mine.label.hasPrefix("gradient"), mine.values.count == parameters.count else {
            return ""
        }
        let blocks = parameters.blocks.indices.filter { b in
            let range = parameters.range(of: b)
            return !close(Array(mine.values[range]), Array(right.values[range]))
        }
        return " (they differ only in \(list(blocks.map { parameters.blocks[$0].name })))"
    }

    static func agree(
        _ a: [(label: String, values: [Double])], _ b: [(label: String, values: [Double])]
    ) -> Bool {
        a.count == b.count && agreeing(a, b) == a.count
    }

    static func agreeing(
        _ a: [(label: String, values: [Double])], _ b: [(label: String, values: [Double])]
    ) -> Int {
        zip(a, b).filter { close($0.values, $1.values) }.count
    }
}

extension Call {
    /// The arguments a step passes to a part, each with the name a sentence gives it.
    var arguments: [(label: String, values: [Double])] {
        switch self {
        case .outputError(let a, let y, let z):
            return [("a", a), ("y", y), ("z", z)]
        case .layerGradient(let delta, let a):
            return [("δ", delta), ("a", a)]
        case .passBack(let deltaNext, let weights, let z):
            return [("δ′", deltaNext), ("W", weights.values), ("z", z)]
        case .averageGradient(let gradients):
            return gradients.enumerated().map { ("gradient \($0 + 1)", $1.flattened) }
        case .descentStep(let w, let slope, let eta):
            return [("w", [w]), ("slope", [slope]), ("η", [eta])]
        default:
            return []
        }
    }
}

extension Checker {
    /// The parts a step is built from, each answered by the library when every one is
    /// substituted: what is left wrong is the step's own wiring.
    static let parts: [Function] = [
        .outputError, .layerGradient, .passBack, .averageGradient, .descentStep,
    ]

    /// "a step of a 4-3-2 network on 2 examples".
    static func stepLabel(_ item: StepCase) -> String {
        "a step of a \(item.network.sizes.map(String.init).joined(separator: "-")) network on "
            + counted(item.batch.count, "example")
    }

    /// The calls in `asked` (the substituted ones, in order), split by exercise 8's cases, as
    /// `calls` counts them; calls left over were made in the case the child ended in, which has
    /// no count. Nil when they do not add up.
    static func byCase(
        _ asked: [Call], calls: [[Function: Int]], of functions: [Function]
    )
        -> [[Call]]?
    {
        var rest = asked[...]
        var split: [[Call]] = []
        for made in calls {
            let count = functions.map { made[$0, default: 0] }.reduce(0, +)
            guard rest.count >= count else { return nil }
            split.append(Array(rest.prefix(count)))
            rest = rest.dropFirst(count)
        }
        return rest.isEmpty ? split : split + [Array(rest)]
    }

    /// Where a wrongly wired step, with every part answered by the library, passed a part
    /// something a right step does not: the first such call, in the first case that has one.
    static func argumentsDiffer(asked: [Call], calls: [[Function: Int]]) -> String? {
        guard let split = byCase(asked, calls: calls, of: parts) else { return nil }
        for (index, (item, made)) in zip(stepCases, split).enumerated() {
            guard let trace = try? StepTrace(item), let told = trace.firstDifference(made) else {
                continue
            }
            return "In case \(index + 1) (\(stepLabel(item))), " + told
        }
        return nil
    }
}

extension Checker {
    /// How the learner's answer to `call` differs from the library's: the first entry that does,
    /// with as many digits as it takes. Nil when they agree.
    static func answersDiffer(_ call: Call, mine: Answer) -> String? {
        let name = call.function.rawValue
        guard let expected = call.reference.flat else { return nil }
        guard let got = mine.flat else {
            if case .threw(let reason) = mine {
                return "your \(name) threw an error there (\(visible(reason)))."
            }
            return "your \(name) gave no answer there."
        }
        guard got.count == expected.count else {
            return "your \(name) gives \(counted(got.count, "number")) where the library's "
                + "gives \(expected.count)."
        }
        guard let i = got.indices.first(where: { !close(got[$0], expected[$0]) }) else {
            return nil
        }
        let (e, g) = spelledApart(expected[i], got[i])
        return "your \(name) gives \(call.entryName(i)) = \(g) where the library's gives \(e)."
    }

    /// "in case 3 (a step of a 3-4-3-2 network on 1 example), given δ′ = the example's δ of
    /// layer 3, …": where the `index`th of the substituted calls in `run` was made.
    static func placeOfCall(
        _ number: Int, _ index: Int, _ suspect: Function, _ run: ChildCheck, _ call: Call
    ) -> String {
        guard let split = byCase(run.asked, calls: run.calls, of: [suspect]) else { return "" }
        var start = 0
        for (k, made) in split.enumerated() {
            guard index >= start + made.count else {
                guard number == 8, k < stepCases.count, let trace = try? StepTrace(stepCases[k])
                else { return "in case \(k + 1)" }
                let given = call.arguments.map {
                    "\(trace.called($0.values, $0.label)) as \($0.label)"
                }
                return "in case \(k + 1) (\(stepLabel(stepCases[k]))), given \(list(given))"
            }
            start += made.count
        }
        return ""
    }
}

extension Answer {
    /// The numbers of an answer, in the order `Call.entryName` names them; nil for an error.
    var flat: [Double]? {
        switch self {
        case .numbers(let numbers): return numbers
        case .layerGradient(_, _, let values, let biases): return values + biases
        default: return nil
        }
    }
}

extension Call {
    /// The name of entry `i` of this call's answer: "δ[2]", "∂C/∂w[1,0]", "the new w".
    func entryName(_ i: Int) -> String {
        switch self {
        case .outputError, .passBack:
            return "δ[\(i)]"
        case .layerGradient(let delta, let a):
            let weights = delta.count * a.count
            guard i < weights else { return "∂C/∂b[\(i - weights)]" }
            return "∂C/∂w[\(i / a.count),\(i % a.count)]"
        case .descentStep:
            return "the new w"
        default:
            return "entry \(i)"
        }
    }
}
