import Backprop
import Claims
import Experiments
import LessonKit

extension LessonContext {
    /// `--step` through the chain rule: one link at a time from w¹ to C, the product growing, then
    /// the digit network's δ one layer at a time from the output back.
    func stepChain(_ result: ChainRule.Result) {
        guard let stepper else { return }
        var product = 1.0
        for (index, link) in result.links.enumerated() {
            product *= link.value
            let lines = [
                "\(link.name) = \(link.formula) = \(Format.number(link.value, digits: 6))",
                "the product of the first \(index + 1): \(Format.number(product, digits: 6))",
            ]
            guard stepper.show("link \(index + 1) of \(result.links.count)", lines) else { return }
        }
        let errors = result.byFormula.errors
        for index in errors.indices.reversed() {
            let delta = errors[index]
            let j = delta.indices.max { abs(delta[$0]) < abs(delta[$1]) } ?? 0
            let l = superscript(index + 1)
            let rule =
                index == errors.count - 1
                ? "δ\(l) = 2(a\(l) − y) ⊙ σ′(z\(l))"
                : "δ\(l) = (W\(superscript(index + 2)))ᵀ δ\(superscript(index + 2)) ⊙ σ′(z\(l))"
            let lines = [
                rule,
                "largest at neuron \(j): δ\(l)[\(j)] = \(Format.number(delta[j], digits: 6))",
            ]
            guard stepper.show("δ of layer \(index + 1)", lines) else { return }
        }
    }
}
