import Backprop
import CheckChannel
import Foundation

/// The checks, one per exercise: many random cases against the library's answer (and, for the
/// gradients, against finite differences), and the classic mistakes each one can hide.
public enum Checker {
    /// Checks exercise `number` of `solutions`: first the exercises it uses, then its own cases.
    /// `report` is told of each of its own cases, before and after it is tried.
    public static func check(
        _ number: Int, _ s: Solutions, report: (@Sendable (CaseReport) -> Void)? = nil
    ) -> Verdict {
        guard let exercise = Exercise.numbered(number) else {
            return .notYet("there is no exercise \(number)")
        }
        if let done = prerequisites(of: exercise, s) { return done }
        return checkAlone(number, s, report: report)
    }

    /// Checks exercise `number` of `solutions` on its own cases only, taking the exercises it
    /// uses as right (the caller has checked them, each in a child of its own).
    public static func checkAlone(
        _ number: Int, _ s: Solutions, report: (@Sendable (CaseReport) -> Void)? = nil
    ) -> Verdict {
        guard let exercise = Exercise.numbered(number) else {
            return .notYet("there is no exercise \(number)")
        }
        return $report.withValue(report) { exercise.check(s) }
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

    /// A whole number from `range`, drawn from `seed`.
    static func whole(_ range: ClosedRange<Int>, seed: UInt64) -> Int {
        var random = SeededGenerator(seed: seed)
        return range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    static func slope(_ s: Solutions) -> Verdict {
        // f(w) = c₀w³ + c₁w² + c₂·sin(w): its slope is known exactly, so the check does not trust
        // any difference.
        let cases = (0..<40).map { i -> (c: [Double], w: Double, h: Double) in
            (
                numbers(3, seed: UInt64(i)), numbers(1, seed: 100 + UInt64(i), in: -3...3)[0],
                [1e-2, 1e-3, 1e-4, 1e-5][i % 4]
            )
        }
        func f(_ c: [Double]) -> SlopeCurve { SlopeCurve(c) }
        let central: ((c: [Double], w: Double, h: Double)) -> [Double] = {
            let curve = f($0.c)
            return [centralDifference({ curve($0) }, at: $0.w, step: $0.h)]
        }
        return compare(
            cases: cases, learner: { [try s.slope(f($0.c), $0.w, $0.h)] }, reference: central,
            notes: {
                CaseNotes(
                    label: "the curve \(polynomial($0.c)) at w = \(number($0.w)) with h = "
                        + "\(number($0.h))",
                    layout: .scalar("the slope"), quantities: ["h": $0.h])
            },
            mistakes: [
                Mistake(
                    name: "a one-sided difference",
                    advice:
                        "nudge to both sides, f(w + h) − f(w − h), for an error that shrinks like "
                        + "h²",
                    output: { [(f($0.c)($0.w + $0.h) - f($0.c)($0.w)) / $0.h] }),
                Mistake(
                    name: "a missing factor 2",
                    advice: "the two nudges are 2h apart, so divide by 2h",
                    output: { central($0).map { 2 * $0 } }),
                Mistake(
                    name: "the wrong sign", advice: "take f(w + h) first",
                    output: { central($0).map { -$0 } }),
            ],
            byHand: ByHand(
                item: ([1, 0, 0], 1, 0.1),
                working: "f(w) = w³ at w = 1 with h = 0.1, (f(1.1) − f(0.9)) / 0.2 = (1.331 − "
                    + "0.729) / 0.2 = 3.01"),
            formula: "dL/dw ≈ (f(w + h) − f(w − h)) / 2h",
            tried: "40 curves at w from −3 to 3, nudges of 1e-2 to 1e-5")
    }

    static func step(_ s: Solutions) -> Verdict {
        // Every fifth case has a slope of zero and every seventh starts at w = 0: a step that is
        // right only there says so.
        let cases = (0..<40).map { i -> (w: Double, slope: Double, eta: Double) in
            let drawn = numbers(2, seed: 200 + UInt64(i), in: -3...3)
            return (
                i % 7 == 3 ? 0 : drawn[0], i % 5 == 2 ? 0 : drawn[1],
                0.01 + numbers(1, seed: 300 + UInt64(i), in: 0...1.5)[0]
            )
        }
        return compare(
            cases: cases, learner: { [try s.descentStep($0.w, $0.slope, $0.eta)] },
            reference: { [$0.w - $0.eta * $0.slope] },
            notes: {
                var facts: Set<String> = []
                if $0.slope == 0 { facts.insert("the slope is zero") }
                if $0.w == 0 { facts.insert("w is zero") }
                return CaseNotes(
                    label: "the step from w = \(number($0.w)) with slope \(number($0.slope)) and "
                        + "η = \(number($0.eta))",
                    layout: .scalar("the new w"), before: [$0.w],
                    quantities: ["η": $0.eta, "w": $0.w, "slope": $0.slope], facts: facts)
            },
            mistakes: [
                Mistake(
                    name: "the wrong sign",
                    advice: "step against the slope: a positive slope means go left",
                    output: { [$0.w + $0.eta * $0.slope] }),
                Mistake(
                    name: "the learning rate applied twice", advice: "η multiplies the slope once",
                    output: { [$0.w - $0.eta * $0.eta * $0.slope] }),
                Mistake(
                    name: "a missing learning rate", advice: "the step is η times the slope",
                    output: { [$0.w - $0.slope] }),
            ],
            byHand: ByHand(
                item: (1, 2, 0.1), working: "from w = 1 with slope 2 and η = 0.1, 1 − 0.1·2 = 0.8"),
            formula: "w ← w − η·dL/dw", tried: "40 steps, some with a slope of zero or w = 0")
    }

    static func cost(_ s: Solutions) -> Verdict {
        // Outputs of 2 to 12 neurons; in every fourth case the first output is exactly what was
        // wanted, and in every fourth the last: a loop that misses an end is right only there.
        let cases = (0..<32).map { i -> (a: [Double], y: [Double]) in
            let n = whole(2...12, seed: 450 + UInt64(i))
            let y = (0..<n).map { $0 == i % n ? 1.0 : 0.0 }
            var a = numbers(n, seed: 400 + UInt64(i), in: 0...1)
            if i % 4 == 1 { a[0] = y[0] }
            if i % 4 == 3 { a[n - 1] = y[n - 1] }
            return (a, y)
        }
        let reference: ((a: [Double], y: [Double])) -> [Double] = {
            [QuadraticCost.cost(output: $0.a, target: $0.y)]
        }
        return compare(
            cases: cases, learner: { [try s.exampleCost($0.a, $0.y)] }, reference: reference,
            notes: { item in
                var facts: Set<String> = []
                if item.a[0] == item.y[0] { facts.insert("the first output is exactly right") }
                if item.a.last == item.y.last { facts.insert("the last output is exactly right") }
                return CaseNotes(
                    label: "an output of \(counted(item.a.count, "neuron"))",
                    layout: .scalar("C₀"), quantities: ["n": Double(item.a.count)], facts: facts)
            },
            mistakes: [
                Mistake(
                    name: "a ½ in front",
                    advice: "these lessons, like the video, write the cost with no ½",
                    output: { reference($0).map { $0 / 2 } }),
                Mistake(
                    name: "an average where a sum belongs",
                    advice: "C₀ adds the squares of all the outputs",
                    output: { item in reference(item).map { $0 / Double(item.a.count) } }),
                Mistake(
                    name: "a missing square", advice: "square each difference",
                    output: { item in [zip(item.a, item.y).map { abs($0 - $1) }.reduce(0, +)] }),
            ],
            byHand: ByHand(
                item: ([0.5, 0.5], [0, 1]),
                working: "a = [0.5, 0.5] and y = [0, 1], (0.5 − 0)² + (0.5 − 1)² = 0.5"),
            formula: "C₀ = Σⱼ (aⱼ − yⱼ)²", tried: "32 outputs of 2 to 12 neurons")
    }

    static func outputError(_ s: Solutions) -> Verdict {
        let cases = (0..<30).map { i -> (z: [Double], y: [Double]) in
            let n = whole(2...12, seed: 550 + UInt64(i))
            return (
                numbers(n, seed: 500 + UInt64(i), in: -4...4), (0..<n).map { $0 == i % n ? 1 : 0 }
            )
        }
        let a: ([Double]) -> [Double] = { $0.map(Activation.sigmoid.value) }
        let sigmaPrime: ([Double]) -> [Double] = { $0.map(Activation.sigmoid.derivative) }
        let reference: ((z: [Double], y: [Double])) -> [Double] = { item in
            item.z.indices.map { 2 * (a(item.z)[$0] - item.y[$0]) * sigmaPrime(item.z)[$0] }
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
            notes: {
                CaseNotes(
                    label: "an output layer of \(counted($0.z.count, "neuron"))",
                    layout: .vector("δ", $0.z.count, unit: "output neuron"),
                    quantities: ["n": Double($0.z.count)])
            },
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
                    output: { item in item.z.indices.map { 2 * (a(item.z)[$0] - item.y[$0]) } }),
                Mistake(
                    name: "σ′ taken at a instead of z",
                    advice: "the sigmoid's slope is σ′(z), at the weighted input",
                    output: { item in
                        item.z.indices.map {
                            2 * (a(item.z)[$0] - item.y[$0])
                                * Activation.sigmoid.derivative(a(item.z)[$0])
                        }
                    }),
            ],
            byHand: ByHand(
                item: ([0], [1]),
                working: "z = [0], so a = σ(0) = [0.5], and y = [1], δ = 2·(0.5 − 1)·σ′(0) = "
                    + "2·(−0.5)·0.25 = −0.25"),
            formula: "δᴸ = 2(aᴸ − y) ⊙ σ′(zᴸ)",
            tried: "30 output layers of 2 to 12 neurons, checked against finite differences")
    }

    /// The advice on sizes, given only when an answer came back the wrong size.
    static let sizes =
        "A weight matrix has one row per neuron it leads into and one column per neuron it comes "
        + "from; δ has one entry per neuron of its own layer."

    static func layerGradient(_ s: Solutions) -> Verdict {
        // Square layers first, then every other shape; every third layer has an input of zero.
        let cases = (0..<24).map { i -> (delta: [Double], a: [Double]) in
            let rows = whole(1...6, seed: 650 + UInt64(i)) + (i < 8 ? 1 : 0)
            var columns = i < 8 ? rows : whole(1...7, seed: 660 + UInt64(i))
            if i >= 8 && columns == rows { columns += 1 }
            var a = numbers(columns, seed: 700 + UInt64(i), in: 0...1)
            if i % 3 == 1 { a[whole(0...(columns - 1), seed: 670 + UInt64(i))] = 0 }
            return (numbers(rows, seed: 600 + UInt64(i)), a)
        }
        // The weights row by row, the biases, then the matrix's rows and columns.
        let reference: ((delta: [Double], a: [Double])) -> [Double] = { item in
            item.delta.flatMap { d in item.a.map { d * $0 } } + item.delta
                + [Double(item.delta.count), Double(item.a.count)]
        }
        return compare(
            cases: cases,
            learner: {
                let g = try s.layerGradient($0.delta, $0.a)
                return g.weights.values + g.biases + [
                    Double(g.weights.rows), Double(g.weights.columns),
                ]
            },
            reference: reference,
            notes: { item in
                let (rows, columns) = (item.delta.count, item.a.count)
                var facts: Set<String> = []
                if rows == columns { facts.insert("the layer is square") }
                if item.a.contains(0) { facts.insert("an input is zero") }
                let zeros = (0..<rows).flatMap { j in
                    item.a.indices.filter { item.a[$0] == 0 }.map { j * columns + $0 }
                }
                return CaseNotes(
                    label:
                        "a layer of \(counted(rows, "neuron")) with \(counted(columns, "input"))",
                    layout: Layout(blocks: [
                        Block(name: "∂C/∂w", rows: rows, columns: columns),
                        Block(name: "∂C/∂b", rows: rows, columns: 1, unit: "bias"),
                        Block(name: "the size of ∂C/∂w (rows, columns)", rows: 2, columns: 1),
                    ]),
                    facts: facts, zeroEntries: Set(zeros))
            },
            mistakes: [
                Mistake(
                    name: "transposed weights",
                    advice:
                        "one row per neuron j of this layer (δⱼ), one column per input k (aₖ): "
                        + "δ·aᵀ, not a·δᵀ",
                    output: { item in
                        item.a.flatMap { a in item.delta.map { a * $0 } } + item.delta
                            + [Double(item.a.count), Double(item.delta.count)]
                    }),
                Mistake(
                    name: "the wrong sign",
                    advice: "this is the gradient δ·aᵀ; the nudge, its negative, comes in the step",
                    output: { item in
                        reference(item).enumerated().map {
                            $0.offset < item.delta.count * (item.a.count + 1)
                                ? -$0.element : $0.element
                        }
                    }),
            ],
            sizes: sizes,
            byHand: ByHand(
                item: ([1, 2], [3, 4]),
                working: "δ = [1, 2] and a = [3, 4], ∂C/∂w = [[1·3, 1·4], [2·3, 2·4]] = [[3, 4], "
                    + "[6, 8]] and ∂C/∂b = [1, 2], then the size (2, 2)"),
            formula: "∂C/∂w[j,k] = δⱼ·aₖ, ∂C/∂b[j] = δⱼ",
            tried: "24 layers of 1 to 7 neurons with 1 to 7 inputs, square and not")
    }

    typealias LayerCase = (w: Matrix, deltaNext: [Double], z: [Double])

    static func passBack(_ s: Solutions) -> Verdict {
        // Square layers first, where transposed weights still give an answer of the right size to
        // name; then wider and narrower ones.
        let cases = (0..<24).map { i -> LayerCase in
            let next = whole(1...6, seed: 850 + UInt64(i)) + (i < 8 ? 1 : 0)
            var this = i < 8 ? next : whole(1...7, seed: 860 + UInt64(i))
            if i >= 8 && this == next { this += 1 }
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
        // layer; no answer of the right size on any other.
        func rowSums(_ item: LayerCase) -> [Double]? {
            guard item.w.rows == item.w.columns else { return nil }
            return (0..<item.w.rows).map { j in
                (0..<item.w.columns).map { item.w[j, $0] * item.deltaNext[$0] }.reduce(0, +)
            }
        }
        func reference(_ item: LayerCase) -> [Double] {
            zip(sums(item), item.z.map(Activation.sigmoid.derivative)).map(*)
        }
        let mistakes: [Mistake<LayerCase>] = [
            Mistake(
                name: "transposed weights",
                advice:
                    "neuron k's share is Σⱼ w[j,k]·δ′ⱼ, down column k of W: that is Wᵀ·δ′, "
                    + "not W·δ′",
                output: { item in
                    rowSums(item).map { zip($0, item.z.map(Activation.sigmoid.derivative)).map(*) }
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
            reference: reference,
            notes: { item in
                CaseNotes(
                    label: "a layer of \(counted(item.w.columns, "neuron")) passing back from "
                        + "\(item.w.rows)",
                    layout: .vector("δ", item.w.columns, unit: "neuron"),
                    facts: item.w.rows == item.w.columns ? ["the layer is square"] : [])
            },
            mistakes: mistakes, sizes: sizes,
            byHand: ByHand(
                item: (Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4]), [1, 2], [0, 0]),
                working: "W = [[1, 2], [3, 4]], δ′ = [1, 2] and z = [0, 0], Wᵀ·δ′ = [1·1 + 3·2, "
                    + "2·1 + 4·2] = [7, 10], times σ′(0) = 0.25: [1.75, 2.5]"),
            formula: "δ = (Wᵀ·δ′) ⊙ σ′(z)", tried: "24 layers of 1 to 7 neurons, square and not")
    }

    static func average(_ s: Solutions) -> Verdict {
        // Batches of 1 to 8 gradients of networks of different shapes.
        let cases = (0..<16).map { i -> [Gradient] in
            let sizes =
                [whole(1...4, seed: 1150 + UInt64(i)), whole(1...5, seed: 1160 + UInt64(i))]
                + (i % 2 == 0 ? [whole(1...3, seed: 1170 + UInt64(i))] : [])
            let network = Network(sizes: sizes, activation: .sigmoid, seed: 3 + UInt64(i))
            let n = i < 8 ? i + 1 : whole(1...8, seed: 1180 + UInt64(i))
            return (0..<n).map { e in
                network.backpropagate(
                    Example(
                        input: numbers(sizes[0], seed: 1100 + UInt64(10 * i + e)),
                        target: numbers(sizes[sizes.count - 1], seed: 1200 + UInt64(i), in: 0...1))
                ).gradient
            }
        }
        func reference(_ gradients: [Gradient]) -> [Double] {
            let sum = gradients.map(\.flattened).reduce(
                Array(repeating: 0, count: gradients[0].flattened.count)
            ) { zip($0, $1).map(+) }
            return sum.map { $0 / Double(gradients.count) }
        }
        let mistakes: [Mistake<[Gradient]>] = [
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
            notes: { gradients in
                let sizes = [gradients[0].weights[0].columns] + gradients[0].biases.map(\.count)
                return CaseNotes(
                    label: "a batch of \(counted(gradients.count, "gradient")) of a "
                        + "\(sizes.map(String.init).joined(separator: "-")) network",
                    layout: .network(sizes), quantities: ["n": Double(gradients.count)],
                    facts: gradients.count == 1 ? ["the batch holds one gradient"] : [])
            },
            mistakes: mistakes,
            byHand: ByHand(
                item: [
                    Gradient(weights: [Matrix(rows: 1, columns: 1, values: [2])], biases: [[4]]),
                    Gradient(weights: [Matrix(rows: 1, columns: 1, values: [4])], biases: [[0]]),
                ],
                working: "two gradients of a 1-1 network, weights 2 and 4, biases 4 and 0, the "
                    + "average is weight 3, bias 2"),
            formula: "∇C = (1/n) Σᵢ ∇C₀⁽ⁱ⁾",
            tried: "16 batches of 1 to 8 gradients, networks of 2 and 3 layers")
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

/// "1 neuron", "3 neurons".
func counted(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

/// "1.53w³ − 0.27w² − 1.89·sin w": the exercise 1 curve with its coefficients.
func polynomial(_ c: [Double]) -> String {
    let terms = zip(c, ["w³", "w²", "·sin w"]).enumerated().map { index, term in
        let (value, power) = term
        let sign = value < 0 ? (index == 0 ? "−" : " − ") : (index == 0 ? "" : " + ")
        return sign + number(abs(value)) + power
    }
    return terms.joined()
}
