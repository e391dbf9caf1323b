import Backprop
import Experiments
import Foundation

/// What can be said about the chain rule, link by link (lesson 15).
public enum ChainClaim: Claim, Equatable {
    /// The product of the links, ∂C/∂w¹, and the finite difference agree to within
    /// `ChainClaim.chainTolerance(_:_:)`; `gap` is |product − finite|.
    case chainAgrees(product: Double, finite: Double, gap: Double, rounding: Double)
    /// They differ by more than the tolerance; `bend` is what the cost's bend within the nudge
    /// can take from the finite difference, h²·|C‴|/6, against `rounding`.
    case chainDiffers(product: Double, finite: Double, gap: Double, rounding: Double, bend: Double)
    /// The two σ′ links together multiply by `product`, never more than 1/16.
    case sigmoidLinks(product: Double)
    /// Every one of `entries` entries of the gradient computed formula by formula matches the
    /// library's backward pass to within `gap` of its largest entry, at most
    /// `ChainClaim.networkTolerance`.
    case networkAgrees(entries: Int, gap: Double)
    /// Some entry differs by more than the tolerance.
    case networkDiffers(entries: Int, gap: Double)

    /// How close the product and the finite difference must be to agree: a millionth of the
    /// larger, plus 1e-9 for the rounding of C (at most 1) over the nudge of 1e-6, about 1e-10.
    public static func chainTolerance(
        _ product: Double, _ finite: Double, rounding: Double
    )
        -> Double
    {
        1e-6 * max(abs(product), abs(finite)) + rounding
    }

    /// The rounding error of a central difference of the cost C with a nudge h: the two costs are
    /// each off by about ε·C, and the difference is divided by 2h, so 4ε·|C|/h leaves room.
    public static func rounding(cost: Double, nudge: Double) -> Double {
        4 * Double.ulpOfOne * abs(cost) / nudge
    }
    /// How close the formulas and the library must be: the same arithmetic, perhaps summed in
    /// another order.
    public static let networkTolerance = 1e-12

    public var sentence: String {
        func n(_ x: Double) -> String { Format.number(x, digits: 6) }
        switch self {
        case .chainAgrees(let product, let finite, let gap, let rounding):
            let both =
                "The product of the five links, ∂C/∂w¹ = \(n(product)), and the finite "
                + "difference with a nudge of 1e-6, \(n(finite)),"
            guard gap <= 1e-6 * max(abs(product), abs(finite)) else {
                // Only the rounding's allowance brings them together: say so, not "agree".
                let share = 1e-6 * max(abs(product), abs(finite))
                return both + " differ by \(Format.number(gap, digits: 2)), within a millionth "
                    + "of their size (\(Format.number(share, digits: 2))) plus what the rounding "
                    + "of the two nudged costs can take (\(Format.number(rounding, digits: 2))): "
                    + "this slope is too small for a nudge of 1e-6 to measure more finely."
            }
            return both + " agree: they differ by \(Format.number(gap, digits: 2)), within a "
                + "millionth of their size."
        case .chainDiffers(let product, let finite, let gap, let rounding, let bend):
            let why =
                bend >= rounding
                ? "the cost bends within the nudge of 1e-6, which can take about "
                    + "\(Format.number(bend, digits: 2)) from the finite difference: for a slope "
                    + "this small, more than a millionth of it"
                : "a slope this small is lost in the rounding of the cost itself, and the finite "
                    + "difference cannot measure it"
            return "The product of the five links, ∂C/∂w¹ = \(n(product)), and the finite "
                + "difference, \(n(finite)), differ by \(Format.number(gap, digits: 2)): more "
                + "than a millionth of their size plus \(Format.number(rounding, digits: 2)) "
                + "allowed for rounding: " + why + "."
        case .sigmoidLinks(let product):
            return "The two σ′ links together multiply by \(Format.number(product, digits: 4)); "
                + "σ′ is never more than 1/4, so two sigmoid layers pass back at most 1/16 of "
                + "what reaches them."
        case .networkAgrees(let entries, let gap):
            let within =
                gap == 0
                ? "exactly" : "to within \(Format.number(gap, digits: 2)) of its largest entry"
            return "All \(Format.count(entries)) entries of the gradient, computed formula by "
                + "formula, match the library's backward pass \(within)."
        case .networkDiffers(let entries, let gap):
            return "Of the \(Format.count(entries)) entries of the gradient, some computed formula "
                + "by formula differ from the library's backward pass by "
                + "\(Format.number(gap, digits: 2)) of its largest entry."
        }
    }
}

extension ChainRule {
    /// What the experiment computes, in words.
    public func plan(seed: UInt64) -> String {
        let image = imageName(index, label: digits.labels[index])
        let sizes = network.sizes.map(String.init).joined(separator: "-")
        return "First a chain of one-neuron sigmoid layers: z¹ = w¹·x + b¹, a¹ = σ(z¹), "
            + "z² = w²·a¹ + b², a² = σ(z²), C = (a² − y)². Each link's local derivative is "
            + "computed, multiplied along the path from w¹ to C, and checked by nudging w¹ by "
            + "±1e-6. Then lesson 7's \(sizes) network (seed \(seed)) on \(image): the backward "
            + "formulas written out one at a time, every entry checked against the library's "
            + "backward pass."
    }
}

extension ChainRule.Result {
    /// The heading of `formulaTable`.
    public var formulaHeading: String {
        "The backward formulas with the numbers of \(imageName(experiment.index, label: label))"
    }

    /// The chain's claims: the product against the nudge, and what the σ′ links do.
    public var chainClaims: [ChainClaim] {
        let gap = abs(product - finiteDifference)
        // The cost's third derivative along w¹, from the cost's own slope formula differenced
        // at ±k: h²·|C‴|/6 is what its bend takes from a central difference with h = 1e-6.
        let w1 = experiment.chain.weights[0]
        let k = 1e-3 * max(1, abs(w1))
        let third =
            (experiment.slopeOfCost(at: w1 + k) - 2 * experiment.slopeOfCost(at: w1)
                + experiment.slopeOfCost(at: w1 - k)) / (k * k)
        let bend = ChainRule.nudge * ChainRule.nudge * abs(third) / 6
        let rounding = ChainClaim.rounding(cost: cost, nudge: ChainRule.nudge)
        let tolerance = ChainClaim.chainTolerance(product, finiteDifference, rounding: rounding)
        let verdict: ChainClaim =
            gap <= Mutant.chainToleranceWrong.apply(tolerance) { $0 * 1e-9 }
            ? .chainAgrees(product: product, finite: finiteDifference, gap: gap, rounding: rounding)
            : .chainDiffers(
                product: product, finite: finiteDifference, gap: gap, rounding: rounding,
                bend: bend)
        return [verdict, .sigmoidLinks(product: links[1].value * links[3].value)]
    }

    /// The largest |formulas − library| over every weight and bias, relative to the library's
    /// largest |entry|.
    public var networkGap: Double {
        let formulas = byFormula.gradient.flattened
        let library = self.library.gradient.flattened
        let largest = max(library.map(abs).max() ?? 0, .leastNormalMagnitude)
        return zip(formulas, library).map { abs($0 - $1) }.max().map { $0 / largest } ?? 0
    }

    /// The network's claim: the formulas against the library.
    public var networkClaims: [ChainClaim] {
        let entries = library.gradient.flattened.count
        let gap = networkGap
        return gap <= ChainClaim.networkTolerance
            ? [.networkAgrees(entries: entries, gap: gap)]
            : [.networkDiffers(entries: entries, gap: gap)]
    }

    /// The chain's values, front to back.
    public func forwardTable() -> Table {
        let c = experiment.chain
        var table = Table(["value", "formula", "here"], leftAligned: [0, 1])
        let rows: [(String, String, Double)] = [
            ("z¹", "w¹·x + b¹ = \(f(c.weights[0]))·\(f(c.input)) + \(f(c.biases[0]))", z[0]),
            ("a¹", "σ(z¹)", a[0]),
            ("z²", "w²·a¹ + b² = \(f(c.weights[1]))·\(f(a[0])) + \(f(c.biases[1]))", z[1]),
            ("a²", "σ(z²)", a[1]),
            ("C", "(a² − y)² with y = \(n(c.target))", cost),
        ]
        for (name, formula, value) in rows { table.add([name, formula, n(value)]) }
        return table
    }

    /// Each link of the path from w¹ to C with its value, then their product and the nudge.
    public func linkTable() -> Table {
        var table = Table(["link", "equals", "here"], leftAligned: [0, 1])
        for link in links { table.add([link.name, link.formula, n(link.value)]) }
        table.add(["∂C/∂w¹", "the product of the five", n(product)])
        table.add(["measured", "(C(w¹ + h) − C(w¹ − h)) / 2h, h = 1e-6", n(finiteDifference)])
        return table
    }

    /// The neurons the formulas are shown at: the right digit's output neuron j, the neuron k of
    /// the last hidden layer with the largest |δ|, the neuron m of the first with the largest
    /// |δ|, and the brightest pixel p.
    public var shownAt: (j: Int, k: Int, m: Int, p: Int) {
        let errors = byFormula.errors
        let last = errors.count - 1
        func largest(_ values: [Double]) -> Int {
            values.indices.max { abs(values[$0]) < abs(values[$1]) } ?? 0
        }
        let input = byFormula.forward.activations[0]
        let p = input.indices.max { input[$0] < input[$1] } ?? 0
        return (label, largest(errors[max(last - 1, 0)]), largest(errors[0]), p)
    }

    /// The backward formulas, each evaluated with lesson 7's numbers, beside the library's.
    public func formulaTable() -> Table {
        let pass = byFormula.forward
        let errors = byFormula.errors
        let weights = experiment.network.weights
        let last = errors.count - 1
        let L = superscript(last + 1)
        let (j, k, m, p) = shownAt
        let y = example.target[j]
        let sigmaPrime = { (l: Int, i: Int) in
            self.experiment.network.activations[l].derivative(pass.weightedInputs[l][i])
        }
        var table = Table(
            ["formula", "with this digit's numbers", "value", "library's backward pass"],
            leftAligned: [0, 1])
        table.add([
            "δ\(L)[\(j)] = 2(a\(L)[\(j)] − y[\(j)])·σ′(z\(L)[\(j)])",
            "2·(\(f(pass.output[j])) − \(f(y)))·\(f(sigmaPrime(last, j)))",
            n(errors[last][j]), n(library.errors[last][j]),
        ])
        table.add([
            "∂C/∂b\(L)[\(j)] = δ\(L)[\(j)]", n(errors[last][j]),
            n(byFormula.gradient.biases[last][j]), n(library.gradient.biases[last][j]),
        ])
        guard last >= 1 else { return table }
        let h = superscript(last)
        table.add([
            "∂C/∂w\(L)[\(j),\(k)] = a\(h)[\(k)]·δ\(L)[\(j)]",
            "\(f(pass.activations[last][k]))·\(f(errors[last][j]))",
            n(byFormula.gradient.weights[last][j, k]), n(library.gradient.weights[last][j, k]),
        ])
        let sum = (0..<weights[last].rows).map { weights[last][$0, k] * errors[last][$0] }
        table.add([
            "δ\(h)[\(k)] = Σᵢ w\(L)[i,\(k)]·δ\(L)[i] · σ′(z\(h)[\(k)])",
            "\(f(sum.reduce(0, +)))·\(f(sigmaPrime(last - 1, k)))",
            n(errors[last - 1][k]), n(library.errors[last - 1][k]),
        ])
        table.add([
            "∂C/∂w¹[\(m),\(p)] = a⁰[\(p)]·δ¹[\(m)]",
            "\(f(pass.activations[0][p]))·\(f(errors[0][m]))",
            n(byFormula.gradient.weights[0][m, p]), n(library.gradient.weights[0][m, p]),
        ])
        return table
    }
}

/// A number as a table shows it: six significant digits.
private func n(_ x: Double) -> String { Format.number(x, digits: 6) }

/// A number inside a formula: six significant digits, in brackets with a true minus sign when
/// negative, "2·(−0.5)".
private func f(_ x: Double) -> String { x < 0 ? "(−\(n(-x)))" : n(x) }

extension ChainRule {
    /// ∂C/∂w¹ at `w1` by the chain rule, the other numbers as they are: the slope whose own
    /// differences give the cost's third derivative.
    public func slopeOfCost(at w1: Double) -> Double {
        let c = chain
        func sigma(_ z: Double) -> Double { 1 / (1 + Foundation.exp(-z)) }
        let a1 = sigma(w1 * c.input + c.biases[0])
        let a2 = sigma(c.weights[1] * a1 + c.biases[1])
        return c.input * a1 * (1 - a1) * c.weights[1] * a2 * (1 - a2) * 2 * (a2 - c.target)
    }
}
