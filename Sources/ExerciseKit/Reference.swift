import Backprop
import CheckChannel

extension Call {
    /// The library's answer to this call, for a substitution: within the learner's step, the
    /// functions under suspicion answer as the library does.
    var reference: Answer { answer(by: Solutions.reference) }

    /// The answer of `library`'s function to this call. Arguments that do not fit together (the
    /// learner's step may pass anything) get an error, never a crash of the checker.
    func answer(by library: Solutions) -> Answer {
        let misfit = Answer.threw("the arguments did not fit together")
        do {
            switch self {
            case .descentStep(let w, let slope, let eta):
                return .numbers([try library.descentStep(w, slope, eta)])
            case .outputError(let a, let y, let z):
                guard a.count == y.count, y.count == z.count else { return misfit }
                return .numbers(try library.outputError(a, y, z))
            case .layerGradient(let delta, let a):
                let g = try library.layerGradient(delta, a)
                return .layerGradient(
                    rows: g.weights.rows, columns: g.weights.columns, values: g.weights.values,
                    biases: g.biases)
            case .passBack(let deltaNext, let weights, let z):
                guard weights.rows == deltaNext.count, weights.columns == z.count else {
                    return misfit
                }
                return .numbers(try library.passBack(deltaNext, weights, z))
            case .averageGradient(let gradients):
                guard let first = gradients.first,
                    gradients.allSatisfy({ g in
                        g.weights.count == first.weights.count
                            && zip(g.weights, first.weights).allSatisfy {
                                $0.rows == $1.rows && $0.columns == $1.columns
                            }
                    })
                else { return misfit }
                return .numbers(try library.averageGradient(gradients).flattened)
            case .miniBatchStep(var network, let batch, let eta):
                guard !batch.isEmpty,
                    batch.allSatisfy({
                        $0.input.count == network.sizes[0]
                            && $0.target.count == network.sizes[network.sizes.count - 1]
                    })
                else { return misfit }
                try library.miniBatchStep(&network, batch, eta)
                return .numbers(network.parameters)
            default:
                return .threw("the checker answers only the function under suspicion")
            }
        } catch {
            return misfit
        }
    }
}
