import Backprop
import Foundation

/// The checks, one per exercise: many random cases against the library's answer (and, for the
/// gradients, against finite differences), and the classic mistakes each one can hide.
public enum Checker {
    /// Checks exercise `number` of `solutions`: first the exercises it uses, then its own cases.
    public static func check(_ number: Int, _ s: Solutions) -> Verdict {
        guard let exercise = Exercise.numbered(number) else {
            return .notYet("there is no exercise \(number)")
        }
        return prerequisites(of: exercise, s) ?? exercise.check(s)
    }

    /// The verdict "not yet" when an exercise that `exercise` uses is not right yet.
    static func prerequisites(of exercise: Exercise, _ s: Solutions) -> Verdict? {
        for n in exercise.uses {
            switch check(n, s) {
            case .done: continue
            case .notYet:
                return .notYet(
                    "exercise \(exercise.number) uses your answer to exercise \(n), which is not "
                        + "done yet")
            case .wrong:
                return .notYet(
                    "exercise \(exercise.number) uses your answer to exercise \(n), which is not "
                        + "right yet")
            }
        }
        return nil
    }

    /// Random numbers for the cases, the same on every run.
    static func numbers(
        _ count: Int, seed: UInt64, in range: ClosedRange<Double> = -2...2
    ) -> [Double] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            range.lowerBound + (range.upperBound - range.lowerBound) * random.nextUnit()
        }
    }

    static func slope(_ s: Solutions) -> Verdict {
        // f(w) = c₀w³ + c₁w² + c₂·sin(w): its slope is known exactly, so the check does not trust
        // any difference.
        let cases = (0..<40).map { i -> (c: [Double], w: Double, h: Double) in
            (
                numbers(3, seed: UInt64(i)), numbers(1, seed: 100 + UInt64(i))[0],
                [1e-3, 1e-4, 1e-5][i % 3]
            )
        }
        func f(_ c: [Double]) -> (Double) -> Double {
            { w in c[0] * w * w * w + c[1] * w * w + c[2] * sin(w) }
        }
        let central: ((c: [Double], w: Double, h: Double)) -> Double = {
            centralDifference(f($0.c), at: $0.w, step: $0.h)
        }
        return compare(
            cases: cases, learner: { try s.slope(f($0.c), $0.w, $0.h) }, reference: central,
            mistakes: [
                Mistake(
                    name: "a one-sided difference",
                    advice:
                        "nudge to both sides, f(w + h) − f(w − h), for an error that shrinks like "
                        + "h²",
                    output: { (f($0.c)($0.w + $0.h) - f($0.c)($0.w)) / $0.h }),
                Mistake(
                    name: "a missing factor 2",
                    advice: "the two nudges are 2h apart, so divide by 2h",
                    output: { 2 * central($0) }),
                Mistake(
                    name: "the wrong sign", advice: "take f(w + h) first",
                    output: { -central($0) }),
            ],
            same: { close($0, $1, tolerance: 1e-6) },
            difference: { item, expected, got in
                "At w = \(number(item.w)) with h = \(number(item.h)): expected "
                    + "\(number(expected)), got \(number(got))."
            },
            formula: "dL/dw ≈ (f(w + h) − f(w − h)) / 2h",
            tried: "40 cubic curves, nudges of 1e-3 to 1e-5")
    }

    static func step(_ s: Solutions) -> Verdict {
        let cases = (0..<40).map { i -> [Double] in
            numbers(2, seed: 200 + UInt64(i)) + [
                0.01 + numbers(1, seed: 300 + UInt64(i), in: 0...1)[0]
            ]
        }
        return compare(
            cases: cases, learner: { try s.descentStep($0[0], $0[1], $0[2]) },
            reference: { $0[0] - $0[2] * $0[1] },
            mistakes: [
                Mistake(
                    name: "the wrong sign",
                    advice: "step against the slope: a positive slope means go left",
                    output: { $0[0] + $0[2] * $0[1] }),
                Mistake(
                    name: "the learning rate applied twice", advice: "η multiplies the slope once",
                    output: { $0[0] - $0[2] * $0[2] * $0[1] }),
                Mistake(
                    name: "a missing learning rate", advice: "the step is η times the slope",
                    output: { $0[0] - $0[1] }),
            ],
            same: { close($0, $1) },
            difference: { item, expected, got in
                "From w = \(number(item[0])) with slope \(number(item[1])) and η = "
                    + "\(number(item[2])): expected \(number(expected)), got \(number(got))."
            },
            formula: "w ← w − η·dL/dw", tried: "40 steps")
    }

    static func cost(_ s: Solutions) -> Verdict {
        let cases = (0..<30).map { i -> (a: [Double], y: [Double]) in
            (numbers(10, seed: 400 + UInt64(i), in: 0...1), oneHotDigit(i % 10))
        }
        let reference: ((a: [Double], y: [Double])) -> Double = {
            QuadraticCost.cost(output: $0.a, target: $0.y)
        }
        return compare(
            cases: cases, learner: { try s.exampleCost($0.a, $0.y) }, reference: reference,
            mistakes: [
                Mistake(
                    name: "a ½ in front",
                    advice: "these lessons, like the video, write the cost with no ½",
                    output: { reference($0) / 2 }),
                Mistake(
                    name: "an average where a sum belongs",
                    advice: "C₀ adds the squares of all ten outputs",
                    output: { reference($0) / Double($0.a.count) }),
                Mistake(
                    name: "a missing square", advice: "square each difference",
                    output: { item in zip(item.a, item.y).map { abs($0 - $1) }.reduce(0, +) }),
            ],
            same: { close($0, $1) },
            difference: { _, expected, got in
                "For an output of ten activations: expected C₀ = \(number(expected)), got "
                    + "\(number(got))."
            },
            formula: "C₀ = Σⱼ (aⱼ − yⱼ)²", tried: "30 outputs of ten neurons")
    }

    static func outputError(_ s: Solutions) -> Verdict {
        let cases = (0..<30).map { i -> (z: [Double], y: [Double]) in
            (numbers(10, seed: 500 + UInt64(i), in: -4...4), oneHotDigit(i % 10))
        }
        let a: ([Double]) -> [Double] = { $0.map(Activation.sigmoid.value) }
        let sigmaPrime: ([Double]) -> [Double] = { $0.map(Activation.sigmoid.derivative) }
        let reference: ((z: [Double], y: [Double])) -> [Double] = { item in
            (0..<10).map { 2 * (a(item.z)[$0] - item.y[$0]) * sigmaPrime(item.z)[$0] }
        }
        // The finite-difference check: δⱼ = ∂C₀/∂zⱼ, measured by nudging zⱼ.
        let measured = finiteDifferenceDeltas(cases[0].z, cases[0].y)
        guard close(reference(cases[0]), measured, tolerance: 1e-6) else {
            return .wrong(
                mistake: nil,
                explanation: "the checker's own reference disagrees with finite differences")
        }
        return compare(
            cases: cases, learner: { try s.outputError(a($0.z), $0.y, $0.z) }, reference: reference,
            mistakes: [
                Mistake(
                    name: "the wrong sign", advice: "take aᴸ − y, not y − aᴸ",
                    output: { reference($0).map { -$0 } }),
                Mistake(
                    name: "a missing factor 2", advice: "the slope of (a − y)² is 2(a − y)",
                    output: { reference($0).map { $0 / 2 } }),
                Mistake(
                    name: "a missing σ′",
                    advice:
                        "δ is the slope with respect to z, so multiply by σ′(z) "
                        + "(`sigmoidSlope(z)`): the chain rule",
                    output: { item in (0..<10).map { 2 * (a(item.z)[$0] - item.y[$0]) } }),
                Mistake(
                    name: "σ′ taken at a instead of z",
                    advice: "the sigmoid's slope is σ′(z), at the weighted input",
                    output: { item in
                        (0..<10).map {
                            2 * (a(item.z)[$0] - item.y[$0])
                                * Activation.sigmoid.derivative(a(item.z)[$0])
                        }
                    }),
            ],
            same: { close($0, $1) },
            difference: { _, expected, got in firstDifference("output neuron", expected, got) },
            formula: "δᴸ = 2(aᴸ − y) ⊙ σ′(zᴸ)",
            tried: "30 outputs of ten neurons, checked against finite differences")
    }

    static func layerGradient(_ s: Solutions) -> Verdict {
        let cases = (0..<20).map { i -> (delta: [Double], a: [Double]) in
            (
                numbers(3 + i % 4, seed: 600 + UInt64(i)),
                numbers(5 + i % 3, seed: 700 + UInt64(i), in: 0...1)
            )
        }
        let reference: ((delta: [Double], a: [Double])) -> [Double] = { item in
            item.delta.flatMap { d in item.a.map { d * $0 } } + item.delta
        }
        let transposed: ((delta: [Double], a: [Double])) -> [Double] = { item in
            item.a.flatMap { a in item.delta.map { a * $0 } } + item.delta
        }
        return compare(
            cases: cases,
            learner: {
                let g = try s.layerGradient($0.delta, $0.a)
                return g.weights.values + g.biases + [Double(g.weights.rows)]
            },
            reference: { reference($0) + [Double($0.delta.count)] },
            mistakes: [
                Mistake(
                    name: "transposed weights",
                    advice:
                        "one row per neuron j of this layer (δⱼ), one column per input k (aₖ): "
                        + "δ·aᵀ, not a·δᵀ",
                    output: { transposed($0) + [Double($0.a.count)] }),
                Mistake(
                    name: "the wrong sign",
                    advice: "this is the gradient δ·aᵀ; the nudge, its negative, comes in the step",
                    output: { reference($0).map { -$0 } + [Double($0.delta.count)] }),
            ],
            same: { close($0, $1) },
            difference: { item, expected, got in
                guard expected.count == got.count, expected.last == got.last else {
                    let rows = Int(got.last ?? 0)
                    let columns = rows == 0 ? 0 : (got.count - 1 - item.delta.count) / rows
                    return
                        "For the shape of ∂C/∂W: expected \(item.delta.count) × \(item.a.count) (a "
                        + "row per neuron, a column per input), got \(rows) × \(columns)."
                }
                let i =
                    zip(expected, got).enumerated().first { !close($0.element.0, $0.element.1) }?
                    .offset ?? 0
                let weights = item.delta.count * item.a.count
                return i < weights
                    ? "For ∂C/∂w[\(i / item.a.count),\(i % item.a.count)]: expected "
                        + "\(number(expected[i])), got \(number(got[i]))."
                    : "For ∂C/∂b[\(i - weights)]: expected \(number(expected[i])), got "
                        + "\(number(got[i]))."
            },
            formula: "∂C/∂w[j,k] = δⱼ·aₖ, ∂C/∂b[j] = δⱼ",
            tried: "20 layers of 3 to 6 neurons with 5 to 7 inputs")
    }

    typealias LayerCase = (w: Matrix, deltaNext: [Double], z: [Double])

    static func passBack(_ s: Solutions) -> Verdict {
        // Square layers first, where transposed weights still give an answer of the right size to
        // name.
        let cases = (0..<24).map { i -> LayerCase in
            let next = i < 8 ? 4 : 3 + i % 3
            let this = i < 8 ? 4 : 5 + i % 2
            return (
                Matrix(
                    rows: next, columns: this, values: numbers(next * this, seed: 800 + UInt64(i))),
                numbers(next, seed: 900 + UInt64(i)),
                numbers(this, seed: 1000 + UInt64(i), in: -3...3)
            )
        }
        // Σⱼ w[j,k]·δ′ⱼ for every k: down the columns of W.
        func sums(_ item: LayerCase) -> [Double] {
            (0..<item.w.columns).map { k in
                (0..<item.w.rows).map { item.w[$0, k] * item.deltaNext[$0] }.reduce(0, +)
            }
        }
        // Σₖ w[j,k]·δ′ₖ for every j: along the rows, what transposed weights give on a square
        // layer.
        func rowSums(_ item: LayerCase) -> [Double] {
            guard item.w.rows == item.w.columns else { return [] }
            return (0..<item.w.rows).map { j in
                (0..<item.w.columns).map { item.w[j, $0] * item.deltaNext[$0] }.reduce(0, +)
            }
        }
        func reference(_ item: LayerCase) -> [Double] {
            zip(sums(item), item.z.map(Activation.sigmoid.derivative)).map(*)
        }
        let mistakes: [Mistake<LayerCase, [Double]>] = [
            Mistake(
                name: "transposed weights",
                advice:
                    "neuron k's share is Σⱼ w[j,k]·δ′ⱼ, down column k of W: that is Wᵀ·δ′, "
                    + "not W·δ′",
                output: { item in
                    zip(rowSums(item), item.z.map(Activation.sigmoid.derivative)).map(*)
                }),
            Mistake(
                name: "a missing σ′",
                advice:
                    "after adding up the wishes, go through this layer's sigmoid: multiply by "
                    + "σ′(zₖ)",
                output: sums),
            Mistake(
                name: "the wrong sign", advice: "δ passes back with the same sign",
                output: { reference($0).map { -$0 } }),
        ]
        return compare(
            cases: cases, learner: { try s.passBack($0.deltaNext, $0.w, $0.z) },
            reference: reference, mistakes: mistakes,
            same: { close($0, $1) },
            difference: { _, expected, got in firstDifference("neuron", expected, got) },
            formula: "δ = (Wᵀ·δ′) ⊙ σ′(z)", tried: "24 layers, square and not")
    }

    static func average(_ s: Solutions) -> Verdict {
        let network = Network(sizes: [3, 4, 2], activation: .sigmoid, seed: 3)
        let cases = (1...6).map { n -> [Gradient] in
            (0..<n).map { i in
                network.backpropagate(
                    Example(input: numbers(3, seed: 1100 + UInt64(10 * n + i)), target: [1, 0])
                ).gradient
            }
        }
        func reference(_ gradients: [Gradient]) -> [Double] {
            let sum = gradients.map(\.flattened).reduce(
                Array(repeating: 0, count: gradients[0].flattened.count)
            ) { zip($0, $1).map(+) }
            return sum.map { $0 / Double(gradients.count) }
        }
        let mistakes: [Mistake<[Gradient], [Double]>] = [
            Mistake(
                name: "a sum where an average belongs",
                advice: "divide the sum by the number of examples, n",
                output: { g in reference(g).map { $0 * Double(g.count) } }),
            Mistake(
                name: "dividing by n twice", advice: "divide the sum by n once",
                output: { g in reference(g).map { $0 / Double(g.count) } }),
        ]
        return compare(
            cases: cases, learner: { try s.averageGradient($0).flattened }, reference: reference,
            mistakes: mistakes,
            same: { close($0, $1) },
            difference: { gradients, expected, got in
                firstDifference("parameter", expected, got) + " (a batch of \(gradients.count))"
            },
            formula: "∇C = (1/n) Σᵢ ∇C₀⁽ⁱ⁾", tried: "batches of 1 to 6 gradients of a 3-4-2 network"
        )
    }

    static func oneHotDigit(_ digit: Int) -> [Double] { (0..<10).map { $0 == digit ? 1 : 0 } }

    /// ∂C₀/∂zⱼ of the output layer, measured by nudging each zⱼ.
    static func finiteDifferenceDeltas(_ z: [Double], _ y: [Double]) -> [Double] {
        z.indices.map { j in
            centralDifference(
                { zj in
                    var nudged = z
                    nudged[j] = zj
                    return QuadraticCost.cost(
                        output: nudged.map(Activation.sigmoid.value), target: y)
                }, at: z[j])
        }
    }
}
