import Foundation

/// One case the checker tried, as the diagnosis reads it: the reference's answer and the
/// learner's, laid out the same way, and what is known about the case.
struct Trial: Sendable {
    /// In the learner's terms: "a layer of 3 neurons with 5 inputs".
    let label: String
    let layout: Layout
    let expected: [Double]
    let got: [Double]
    /// For a step: the numbers it started from. The diagnosis then reads changes, not values.
    var before: [Double]? = nil
    /// Numbers a factor or an offset may be made of: "n" (the batch's size), "η", "h".
    var quantities: [String: Double] = [:]
    /// What holds in this case: "the layer is square", "an input is zero".
    var facts: Set<String> = []
    /// The entries that an input of zero makes zero in the reference.
    var zeroEntries: Set<Int> = []

    var isRight: Bool { close(got, expected) }

    /// What the reference moved each number by, and what the learner moved it by; for an answer
    /// that is not a step, the values themselves.
    var expectedChange: [Double] { before.map { zip(expected, $0).map(-) } ?? expected }
    var gotChange: [Double] { before.map { zip(got, $0).map(-) } ?? got }

    /// The flat indices where the learner's answer differs from the reference.
    var wrongEntries: [Int] { expected.indices.filter { !close(got[$0], expected[$0]) } }
}

/// The shape of a wrong answer's difference from the reference, over every case tried, in plain
/// sentences: in which cases and which parts it is wrong, and how (a factor, an offset, the ends
/// of a loop, a neighbour's value, the same answer whatever the input, a number never updated).
struct Diagnosis {
    let trials: [Trial]

    var wrong: [Trial] { trials.filter { !$0.isRight } }

    /// "2.85264, got 2.85265": expected and got with as many digits as it takes to tell them
    /// apart, and a difference as small as single precision's rounding named as such.
    static func apart(expected: Double, got: Double) -> String {
        let (e, g) = spelledApart(expected, got)
        var said = "\(e), got \(g)."
        let relative = abs(got - expected) / max(abs(expected), abs(got))
        if relative < 1e-6 {
            said +=
                " They differ by \(number(relative, digits: 2)) of their size, as little as single "
                + "precision's rounding: if a sum is kept in Float, keep it in Double."
        }
        return said
    }

    /// The sentences, most telling first, ending with one difference to look at.
    var sentences: [String] {
        let wrong = self.wrong
        guard let first = wrong.first else { return [] }
        let constant = sameWhateverTheInput
        var said = [whichCases]
        if let (fact, right) = splittingFact, right, let meaning = Diagnosis.meanings[fact] {
            said.append(meaning)
        }
        said += [constant, whichParts].compactMap { $0 }
        if let how = howTheyDiffer {
            said.append(how)
        } else if constant == nil && splittingFact == nil {
            said.append("The differences follow no simple pattern.")
        }
        let i = first.wrongEntries[0]
        said.append(
            "In \(first.label), \(first.layout.name(of: i)): expected "
                + Diagnosis.apart(expected: first.expected[i], got: first.got[i]))
        return said
    }

    /// What it suggests when an answer is right exactly where a fact holds.
    static let meanings: [String: String] = [
        "the last output is exactly right":
            "Its square adds nothing there, so the last term is the one missing or wrong: a loop "
            + "that stops one short?",
        "the first output is exactly right":
            "Its square adds nothing there, so the first term is the one missing or wrong: a loop "
            + "that starts one late?",
        "the layer is square":
            "Rows and columns are swapped somewhere, which only a square layer hides.",
        "an input is zero": "An input of zero hides the mistake: look at how the inputs are used.",
        "the slope is zero":
            "A slope of zero hides it, so the mistake is in how the slope moves w.",
        "w is zero": "w = 0 hides it, so w is used where it does not belong.",
        "the batch holds one gradient":
            "With one gradient a sum, an average and the first are all the same: look at how "
            + "the others are added and divided.",
        "the batch holds one example":
            "With one example a sum, an average and the first are all the same: look at how the "
            + "others are added and divided.",
        "the examples fill whole mini-batches":
            "The last, smaller mini-batch is where it goes wrong: is it dropped, or cut to the "
            + "wrong size?",
        "the network has one layer of weights":
            "With one layer nothing is passed back, so look at δ passed back and at the loop over "
            + "the layers.",
    ]

    /// "Right in the 8 cases where the layer is square, wrong in the other 16." or "Wrong in all
    /// 24 cases tried."
    var whichCases: String {
        let wrongCount = wrong.count
        guard wrongCount < trials.count else { return "Wrong in all \(trials.count) cases tried." }
        switch splittingFact {
        case (let fact, true)?:
            return
                "Right in the \(count(trials.count - wrongCount)) where \(fact), wrong in "
                + "every other (\(wrongCount))."
        case (let fact, false)?:
            return
                "Wrong only where \(fact) (\(count(wrongCount))); right in the other "
                + "\(trials.count - wrongCount)."
        case nil:
            return "Wrong in \(wrongCount) of the \(trials.count) cases tried."
        }
    }

    /// A fact that holds exactly in the right cases (`right` true) or exactly in the wrong ones.
    var splittingFact: (fact: String, right: Bool)? {
        let right = trials.map(\.isRight)
        guard right.contains(true), right.contains(false) else { return nil }
        for fact in Set(trials.flatMap(\.facts)).sorted() {
            let holds = trials.map { $0.facts.contains(fact) }
            if holds == right { return (fact, true) }
            if holds == right.map(!) { return (fact, false) }
        }
        return nil
    }

    private func count(_ n: Int) -> String { n == 1 ? "1 case" : "\(n) cases" }

    /// Every wrong case of a size gets the very same answer, though their right answers differ.
    var sameWhateverTheInput: String? {
        let groups = Dictionary(grouping: wrong, by: \.got.count).values.filter { $0.count > 1 }
        guard !groups.isEmpty,
            groups.allSatisfy({ group in
                group.allSatisfy { close($0.got, group[0].got) }
                    && group.contains { !close($0.expected, group[0].expected) }
            })
        else { return nil }
        let a = groups.sorted { $0[0].got.count < $1[0].got.count }[0]
        let shown = a[0].got.count == 1 ? number(a[0].got[0]) : "the same \(a[0].got.count) numbers"
        return
            "It gives \(shown) both for \(a[0].label) and for \(a[1].label), whose answers "
            + "differ: a constant or a table of values, not the formula."
    }

    /// The blocks of a wrong case that hold a wrong entry.
    static func wrongBlocks(_ trial: Trial) -> [Int] {
        Array(Set(trial.wrongEntries.map { trial.layout.place(of: $0).block })).sorted()
    }

    /// Which parts are wrong, when not all of them are: "Only the biases are wrong; every weight
    /// is right.", "Only the last layer is wrong.", "Only ∂C/∂b is wrong; the rest is right."
    var whichParts: String? {
        let wrong = self.wrong
        guard let layout = wrong.first?.layout, layout.blocks.count > 1 else { return nil }
        let perCase = wrong.map { trial in
            Diagnosis.wrongBlocks(trial).map { trial.layout.blocks[$0] }
        }
        guard zip(wrong, perCase).contains(where: { $0.layout.blocks.count > $1.count }) else {
            return nil
        }
        if layout.blocks.allSatisfy({ $0.layer != nil }) {
            var said: [String] = []
            let kinds = Set(perCase.flatMap { $0.map { $0.unit == "bias" ? "biases" : "weights" } })
            if kinds == ["biases"] { said.append("Only biases are wrong; every weight is right.") }
            if kinds == ["weights"] { said.append("Only weights are wrong; every bias is right.") }
            let layers = zip(wrong, perCase).map { trial, blocks in
                (
                    Set(blocks.compactMap(\.layer)),
                    trial.layout.blocks.compactMap(\.layer).max() ?? 1
                )
            }
            if layers.allSatisfy({ $0.0 == [$0.1] }) {
                said.append("Only the last layer is wrong, where the backward pass starts.")
            } else if layers.allSatisfy({ $0.0 == [1] }) {
                said.append("Only the first layer is wrong, where the backward pass ends.")
            } else if layers.allSatisfy({ $0.1 > 1 && $0.0 == Set(1..<$0.1) }) {
                said.append("Every layer but the last is wrong; the last layer is right.")
            } else if layers.allSatisfy({ $0.1 > 1 && $0.0 == Set(2...$0.1) }) {
                said.append("Every layer but the first is wrong; the first layer is right.")
            }
            return said.isEmpty ? nil : said.joined(separator: " ")
        }
        var names: [String] = []
        for name in perCase.joined().map(\.name) where !names.contains(name) { names.append(name) }
        return "Only \(list(names)) \(names.count == 1 ? "is" : "are") wrong; the rest is right."
    }

    /// How the wrong parts differ: never updated, a factor, an offset, the ends, a neighbour's
    /// value, right only where an input is zero.
    var howTheyDiffer: String? {
        notUpdated ?? factor ?? offset ?? ends ?? neighbour ?? rightWhereInputIsZero
            ?? varyingFactorOrOffset
    }

    /// The entries of each wrong case's wrong blocks.
    private var parts: [(trial: Trial, entries: [Int])] {
        wrong.map { trial in
            (trial, Diagnosis.wrongBlocks(trial).flatMap { trial.layout.range(of: $0) })
        }
    }

    private var things: String {
        wrong.first?.before == nil ? "value" : "change"
    }

    /// A step that leaves the wrong parts where they were.
    var notUpdated: String? {
        guard wrong.allSatisfy({ $0.before != nil }) else { return nil }
        let still = parts.allSatisfy { trial, entries in
            entries.allSatisfy { close(trial.got[$0], trial.before![$0]) }
        }
        return still
            ? "They come back as they went in: they are never updated."
            : nil
    }

    /// Every wrong part is the same multiple of the right one in each case.
    var factor: String? {
        let found = parts.map(Diagnosis.commonFactor)
        guard !found.contains(where: { $0 == nil }) else { return nil }
        let ratios = found.compactMap { $0 }
        guard !ratios.isEmpty, !ratios.contains(where: { close($0, 1) }) else { return nil }
        let every = "Every wrong \(things) is"
        if ratios.allSatisfy({ close($0, ratios[0], tolerance: 1e-7) }) {
            let r = ratios[0]
            if close(r, 0) { return "\(every) zero." }
            if close(r, -1) { return "\(every) the right one with the opposite sign." }
            return "\(every) \(Diagnosis.factorName(r)) times the right one, in every case."
        }
        for (name, value) in candidates
        where zip(parts, ratios).allSatisfy({ part, r in
            guard let v = value(part.trial.quantities) else { return false }
            return v.isFinite ? close(r, v, tolerance: 1e-7) : !r.isFinite
        }) {
            return
                "\(every) \(name) times the right one, in every case "
                + "(\(Diagnosis.quantityValues(parts.map(\.trial), name: name)))."
        }
        return nil
    }

    /// Within each case every wrong part is the same multiple of the right one, or off by the
    /// same amount, but the factor or the amount changes from case to case. Said only of answers
    /// of more than one number, where it is a finding.
    var varyingFactorOrOffset: String? {
        guard parts.allSatisfy({ $0.entries.count > 1 }) else { return nil }
        let ratios = parts.compactMap(Diagnosis.commonFactor).filter(\.isFinite)
        let offsets = parts.compactMap(Diagnosis.commonOffset)
        if ratios.count == parts.count {
            return
                "In each case every wrong \(things) is the same multiple of the right one, but the "
                + "factor changes from case to case (\(firstFew(ratios)))."
        }
        if offsets.count == parts.count {
            return
                "In each case every wrong value is off by the same amount, but the amount changes "
                + "from case to case (\(firstFew(offsets)))."
        }
        return nil
    }

    /// The one number that every wrong entry's change in this case is a multiple of, read off
    /// the entry with the largest right change: infinite when the learner's entries are not
    /// finite where the right ones are not zero. Nil when there is no such number.
    static func commonFactor(_ trial: Trial, _ entries: [Int]) -> Double? {
        let e = trial.expectedChange
        let g = trial.gotChange
        guard let pivot = entries.max(by: { abs(e[$0]) < abs(e[$1]) }), abs(e[pivot]) > 1e-12
        else { return nil }
        let r = g[pivot] / e[pivot]
        let fits =
            r.isFinite
            ? entries.allSatisfy { close(g[$0], r * e[$0], tolerance: 1e-7) }
            : entries.allSatisfy { !g[$0].isFinite || abs(e[$0]) < 1e-12 }
        return fits ? r : nil
    }

    /// The one amount every wrong entry of this case is off by, or nil.
    static func commonOffset(_ trial: Trial, _ entries: [Int]) -> Double? {
        let d = trial.got[entries[0]] - trial.expected[entries[0]]
        let fits = entries.allSatisfy {
            close(trial.got[$0] - trial.expected[$0], d, tolerance: 1e-7)
        }
        return fits ? d : nil
    }

    /// Factors made of a case's quantities: n, 1/n, η, n/(n − 1), …
    private var candidates: [(String, ([String: Double]) -> Double?)] {
        let names = Set(trials.flatMap(\.quantities.keys)).sorted()
        var list: [(String, ([String: Double]) -> Double?)] = []
        for q in names {
            list += [
                (q, { $0[q] }), ("1/\(q)", { $0[q].map { 1 / $0 } }),
                ("−\(q)", { $0[q].map { -$0 } }),
                ("\(q)²", { $0[q].map { $0 * $0 } }), ("1/\(q)²", { $0[q].map { 1 / ($0 * $0) } }),
                ("2\(q)", { $0[q].map { 2 * $0 } }),
                ("1/(2\(q))", { $0[q].map { 1 / (2 * $0) } }),
            ]
            if q == "n" {
                list += [
                    ("n/(n − 1)", { $0["n"].map { $0 / ($0 - 1) } }),
                    ("(n − 1)/n", { $0["n"].map { ($0 - 1) / $0 } }),
                    ("1/(n − 1)", { $0["n"].map { 1 / ($0 - 1) } }),
                    ("n − 1", { $0["n"].map { $0 - 1 } }),
                ]
            }
        }
        return list
    }

    /// "n = 1, 2, 3, …": the values a quantity took in the cases.
    static func quantityValues(_ trials: [Trial], name: String) -> String {
        let q = name.filter { $0.isLetter || $0 == "η" }.prefix(1)
        let values = trials.compactMap { $0.quantities[String(q)] }
        var seen: [Double] = []
        for v in values where !seen.contains(v) { seen.append(v) }
        let shown = seen.prefix(4).map { number($0) }.joined(separator: ", ")
        return "\(q) = \(shown)\(seen.count > 4 ? ", …" : "")"
    }

    /// "2", "½", "−2", "4", or the number itself.
    static func factorName(_ r: Double) -> String {
        let named: [(Double, String)] = [
            (2, "2"), (0.5, "½"), (-2, "−2"), (-0.5, "−½"), (4, "4"), (0.25, "¼"), (3, "3"),
            (1.0 / 3, "⅓"), (10, "10"), (0.1, "1/10"),
        ]
        return named.first { close($0.0, r, tolerance: 1e-7) }?.1 ?? number(r)
    }

    /// Every wrong part is the right one plus the same number in each case.
    var offset: String? {
        let found = parts.map(Diagnosis.commonOffset)
        guard found.allSatisfy({ $0?.isFinite == true }) else { return nil }
        let offsets = found.compactMap { $0 }
        guard let d = offsets.first else { return nil }
        if offsets.allSatisfy({ close($0, d, tolerance: 1e-7) }) {
            return
                "Every wrong value is \(number(abs(d))) \(d > 0 ? "more" : "less") than the right "
                + "one, in every case: something added or taken away that does not belong."
        }
        let quantities = Set(trials.flatMap(\.quantities.keys)).sorted()
        for q in quantities {
            for (sign, said) in [(1.0, "more"), (-1.0, "less")]
            where zip(parts, offsets).allSatisfy({ part, d in
                part.trial.quantities[q].map { close(d, sign * $0, tolerance: 1e-7) } ?? false
            }) {
                return
                    "Every wrong value is \(q) \(said) than the right one, in every case: \(q) "
                    + "added or taken away where it does not belong."
            }
        }
        return nil
    }

    /// Only the first or only the last entry of a list (or row or column of a matrix) is wrong.
    var ends: String? {
        var seen: Set<String> = []
        for (trial, _) in parts {
            for i in trial.wrongEntries {
                let (b, offset) = trial.layout.place(of: i)
                let block = trial.layout.blocks[b]
                guard block.count > 1 || block.unit != nil else { return nil }
                if block.isMatrix {
                    let (row, column) = (offset / block.columns, offset % block.columns)
                    var here: Set<String> = []
                    if row == 0 { here.insert("first row") }
                    if row == block.rows - 1 { here.insert("last row") }
                    if column == 0 { here.insert("first column") }
                    if column == block.columns - 1 { here.insert("last column") }
                    seen = seen.isEmpty ? here : seen.intersection(here)
                } else {
                    var here: Set<String> = []
                    if offset == 0 { here.insert("first") }
                    if offset == block.count - 1 { here.insert("last") }
                    seen = seen.isEmpty ? here : seen.intersection(here)
                }
                if seen.isEmpty { return nil }
            }
        }
        guard let end = seen.sorted().first, let trial = wrong.first else { return nil }
        let unit =
            trial.layout.blocks[trial.layout.place(of: trial.wrongEntries[0]).block].unit ?? "entry"
        let what =
            end.hasSuffix("row") || end.hasSuffix("column") ? "the \(end)" : "the \(end) \(unit)"
        return
            "Only \(what) is wrong, in every wrong case; the rest is right: a loop that stops one "
            + "short or starts one late, or an end handled apart?"
    }

    /// Each wrong entry holds its neighbour's right value: an index one off.
    var neighbour: String? {
        for (shift, side) in [(1, "next"), (-1, "previous")] {
            let all = parts.allSatisfy { trial, _ in
                trial.wrongEntries.allSatisfy { i in
                    let (b, offset) = trial.layout.place(of: i)
                    let j = offset + shift
                    guard j >= 0, j < trial.layout.blocks[b].count else { return false }
                    let range = trial.layout.range(of: b)
                    return close(trial.got[i], trial.expected[range.lowerBound + j])
                }
            }
            if all {
                return
                    "Each wrong value is the right value of the \(side) entry: an index one off "
                    + "(i \(shift > 0 ? "+" : "−") 1 where i belongs)."
            }
        }
        return nil
    }

    /// The right entries of the wrong parts are exactly those an input of zero makes zero.
    var rightWhereInputIsZero: String? {
        let marked = parts.filter { !$0.trial.zeroEntries.isEmpty }
        guard !marked.isEmpty else { return nil }
        let exact = marked.allSatisfy { trial, entries in
            let right = Set(entries.filter { close(trial.got[$0], trial.expected[$0]) })
            return right == trial.zeroEntries.intersection(entries)
        }
        return exact
            ? "It is right exactly where an input is zero, and wrong wherever the input is not: "
                + "the input is used where it does not belong, or missing where it does."
            : nil
    }
}

/// Two numbers with as many digits as it takes to tell them apart.
func spelledApart(_ a: Double, _ b: Double) -> (String, String) {
    var digits = 6
    while digits < 17 && number(a, digits: digits) == number(b, digits: digits) {
        digits += 1
    }
    return (number(a, digits: digits), number(b, digits: digits))
}

/// "a, b and c".
func list(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
}

/// "2, 0.5, 3…": the first three numbers of a list.
func firstFew(_ values: [Double]) -> String {
    values.prefix(3).map { number($0) }.joined(separator: ", ") + (values.count > 3 ? "…" : "")
}
