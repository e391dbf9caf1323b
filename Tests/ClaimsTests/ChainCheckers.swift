import Backprop
import Claims
import Experiments
import Foundation
import TestSupport

// The checker for lesson 15, from the raw numbers: the chain's options, which it runs forward
// again here, and the two gradients the run kept (the formulas' and the library's).

/// Whether a claim of lesson 15 is true of its run.
func holds(_ claim: ChainClaim, in result: ChainRule.Result) -> Bool {
    let chain = result.experiment.chain
    // The chain again, by hand: z¹ = w¹x + b¹, a¹ = σ(z¹), z² = w²a¹ + b², a² = σ(z²).
    func sigma(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
    func slope(_ z: Double) -> Double { sigma(z) * (1 - sigma(z)) }
    func cost(_ w1: Double) -> Double {
        let a1 = sigma(w1 * chain.input + chain.biases[0])
        let a2 = sigma(chain.weights[1] * a1 + chain.biases[1])
        return (a2 - chain.target) * (a2 - chain.target)
    }
    let z1 = chain.weights[0] * chain.input + chain.biases[0]
    let z2 = chain.weights[1] * sigma(z1) + chain.biases[1]
    let a2 = sigma(z2)
    let product =
        chain.input * slope(z1) * chain.weights[1] * slope(z2) * (2 * (a2 - chain.target))
    let h = 1e-6
    let measured = (cost(chain.weights[0] + h) - cost(chain.weights[0] - h)) / (2 * h)
    // Agreement as the lesson states it: a millionth of the larger, plus 1e-9.
    // A millionth of the size, plus the rounding of the two nudged costs: each off by about
    // ε·C, their difference divided by 2h.
    let c = cost(chain.weights[0])
    let roundingOfCosts = 4 * Double.ulpOfOne * abs(c) / h
    func allowed(_ p: Double, _ f: Double) -> Double {
        1e-6 * max(abs(p), abs(f)) + roundingOfCosts
    }
    // The finite difference again: the same nudge, rounding aside.
    func measuredAlike(_ f: Double) -> Bool { abs(f - measured) <= 1e-9 * max(1, abs(measured)) }
    let library = result.library.gradient.flattened
    let formulas = result.byFormula.gradient.flattened
    let largest = library.map(abs).max() ?? 0
    let worst = zip(formulas, library).map { abs($0 - $1) }.max() ?? 0
    switch claim {
    case .chainAgrees(let p, let f, let gap, let rounding):
        return close(rounding, roundingOfCosts) && close(p, product) && measuredAlike(f)
            && gap == abs(p - f) && gap <= allowed(p, f)
    case .chainDiffers(let p, let f, let gap, let rounding, let bend):
        // The cause named: the bend, estimated here from the cost's values alone (four of them
        // around w¹), or rounding.
        let w1 = chain.weights[0]
        let k = 1e-2 * max(1, abs(w1))
        let values = [2.0, 1, -1, -2].map { cost(w1 + $0 * k) }
        let third = (values[0] - 2 * values[1] + 2 * values[2] - values[3]) / (2 * k * k * k)
        let bendHere = h * h * abs(third) / 6
        let cause = bend >= rounding ? bendHere >= roundingOfCosts / 2 : bendHere <= 2 * rounding
        return close(rounding, roundingOfCosts) && close(p, product) && measuredAlike(f)
            && gap == abs(p - f) && gap > allowed(p, f) && cause
    case .sigmoidLinks(let p):
        return close(p, slope(z1) * slope(z2)) && p <= 1.0 / 16
    case .networkAgrees(let entries, let gap):
        return entries == library.count && gap * max(largest, .leastNormalMagnitude) == worst
            && gap <= 1e-12 && libraryIsRight(result)
    case .networkDiffers(let entries, let gap):
        return entries == library.count && gap > 1e-12
            && gap * max(largest, .leastNormalMagnitude) == worst
    }
}

/// Equal but for the last bits: the lesson multiplies the same factors in its own order.
private func close(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-12 * max(abs(a), abs(b))
}

/// The library's largest three slopes match slopes measured here by nudging.
private func libraryIsRight(_ result: ChainRule.Result) -> Bool {
    largestSlopesMatchNudges(
        result.library.gradient.flattened, of: result.experiment.network, on: result.example)
}
