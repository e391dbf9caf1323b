import Backprop

/// What the checker found about one exercise.
public enum Verdict: Equatable, Sendable {
    /// Right on every case tried; the text says what was tried.
    case done(String)
    /// The stub is untouched (it still throws `NotYet`), or an exercise it builds on is not done.
    case notYet(String)
    /// Wrong: `mistake` names the classic mistake when the answer matches one, and the text says,
    /// in the learner's terms, which entry, expected against got, and the formula.
    case wrong(mistake: String?, explanation: String)

    /// "done", "not yet" or "wrong", for the list.
    public var status: String {
        switch self {
        case .done: return "done"
        case .notYet: return "not yet"
        case .wrong: return "wrong"
        }
    }
}

/// A way to get an exercise wrong: its name, what to do about it, and what the mistaken code
/// returns. It is named only when it gives the learner's answer in every case tried.
struct Mistake<Case> {
    let name: String
    let advice: String
    /// What the mistaken code gives; nil where it gives an answer of the wrong size.
    let output: (Case) -> [Double]?
}

/// What is known about one case before any answer: how it is said, how its answer is laid out,
/// and what a diagnosis may use (see `Trial`).
struct CaseNotes: Sendable {
    let label: String
    let layout: Layout
    var before: [Double]? = nil
    var quantities: [String: Double] = [:]
    var facts: Set<String> = []
    var zeroEntries: Set<Int> = []

    func trial(expected: [Double], got: [Double]) -> Trial {
        Trial(
            label: label, layout: layout, expected: expected, got: got, before: before,
            quantities: quantities, facts: facts, zeroEntries: zeroEntries)
    }
}

/// Whether two numbers agree to rounding: within 1e-9 of the larger magnitude (or of 1).
func close(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    if a == b { return true }
    return a.isFinite && b.isFinite && abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-9) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance: tolerance) }
}

/// Told of each case as it is tried, so that a parent process can say which case a crash came
/// in.
public enum CaseReport: Sendable {
    case trying(index: Int, of: Int, label: String, facts: Set<String>)
    case tried(index: Int, right: Bool)

    /// The report as one line for the parent (`CaseProgress` reads it back).
    public var line: String {
        switch self {
        case .trying(let index, let total, let label, let facts):
            let fields = [label, facts.sorted().joined(separator: ";")].map {
                $0.replacingOccurrences(of: "\t", with: " ")
                    .replacingOccurrences(of: "\n", with: " ")
            }
            return "trying\t\(index)\t\(total)\t\(fields[0])\t\(fields[1])"
        case .tried(let index, let right):
            return "tried\t\(index)\t\(right ? "right" : "wrong")"
        }
    }
}

extension Checker {
    @TaskLocal static var report: (@Sendable (CaseReport) -> Void)? = nil
}

/// Runs the learner's function on every case and compares it with the reference. A wrong answer
/// gets the shape of its difference over all the cases (`Diagnosis`), the classic mistake that
/// gives the very same answers in every case if there is one, and the formula. An answer of the
/// wrong size says which cases it came in and, when the exercise has some, the advice on sizes.
func compare<Case>(
    cases: [Case], learner: (Case) throws -> [Double], reference: (Case) -> [Double],
    notes: (Case) -> CaseNotes, mistakes: [Mistake<Case>], sizes: String? = nil,
    byHand: ByHand<Case>? = nil, formula: String, tried: String
) -> Verdict {
    var trials: [Trial] = []
    do {
        for (index, item) in cases.enumerated() {
            let about = notes(item)
            Checker.report?(
                .trying(index: index, of: cases.count, label: about.label, facts: about.facts))
            let trial = about.trial(expected: reference(item), got: try learner(item))
            Checker.report?(.tried(index: index, right: trial.isRight))
            trials.append(trial)
        }
    } catch is NotYetMarker {
        return .notYet("the stub still says `throw NotYet()`")
    } catch let said as Said {
        return .wrong(mistake: nil, explanation: said.sentence)
    } catch {
        return .wrong(mistake: nil, explanation: "it threw an error: \(error)")
    }
    guard trials.contains(where: { !$0.isRight }) else { return .done(tried) }
    let named = mistakes.first { mistake in
        zip(cases, trials).allSatisfy { item, trial in
            mistake.output(item).map { close(trial.got, $0) }
                ?? (trial.got.count != trial.expected.count)
        }
    }
    let diagnosis = Diagnosis(trials: trials)
    var said: [String]
    if let odd = trials.first(where: { $0.got.count != $0.expected.count }) {
        said = [
            diagnosis.whichCases,
            "For \(odd.label), it gave \(odd.got.count) "
                + "\(odd.got.count == 1 ? "number" : "numbers"); there should be "
                + "\(odd.expected.count).",
        ]
        if let sizes { said.append(sizes) }
    } else {
        said = diagnosis.sentences
    }
    if let mistake = named { said.append("This is \(mistake.name): \(mistake.advice).") }
    if named == nil, let byHand, let got = try? learner(byHand.item) {
        let right = reference(byHand.item)
        said.append(
            close(got, right)
                ? "On the simplest case, \(byHand.working), yours gives the same: the mistake "
                    + "shows only on other numbers."
                : "By hand, on the simplest case: \(byHand.working); yours gives "
                    + "\(ByHand<Case>.spelled(got)).")
    }
    said.append("The formula: \(formula).")
    return .wrong(mistake: named?.name, explanation: said.joined(separator: " "))
}

/// A case simple enough to work by hand, and its working written out: a wrong answer is shown
/// beside it, so the learner can find the step where theirs goes another way.
struct ByHand<Case> {
    let item: Case
    /// "for a = [0.5], y = [1], z = [0], δ = 2·(0.5 − 1)·σ′(0) = −0.25".
    let working: String

    /// "−0.1966", or "[1.75, 2.5]".
    static func spelled(_ values: [Double]) -> String {
        let each = values.map { number($0, digits: 4).replacingOccurrences(of: "-", with: "−") }
        return each.count == 1 ? each[0] : "[" + each.joined(separator: ", ") + "]"
    }
}

/// An error whose sentence is the whole explanation: an answer the checker could not use.
struct Said: Error {
    let sentence: String
}

/// The checker recognises the stubs' `NotYet` by its type name, since the `Exercises` module is
/// not a dependency of the checker (the learner's half-written code must never stop it building).
public struct NotYetMarker: Error {
    public init() {}
}

/// A number for a diagnosis: six significant digits, or `digits`.
func number(_ x: Double, digits: Int = 6) -> String {
    x.isNaN ? "NaN" : String(format: "%.\(digits)g", x)
}
