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
/// returns.
struct Mistake<Case, Output> {
    let name: String
    let advice: String
    let output: (Case) -> Output
}

/// Whether two numbers agree to rounding: within 1e-9 of the larger magnitude (or of 1).
func close(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    a.isFinite && b.isFinite && abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-9) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance: tolerance) }
}

/// Runs the learner's function on every case and compares it with the reference; on the first
/// case that differs, names the mistake it matches, or says where it differs.
func compare<Case, Output>(
    cases: [Case], learner: (Case) throws -> Output, reference: (Case) -> Output,
    mistakes: [Mistake<Case, Output>],
    same: (Output, Output) -> Bool, difference: (Case, Output, Output) -> String, formula: String,
    tried: String
) -> Verdict {
    do {
        for (index, item) in cases.enumerated() {
            let got = try learner(item)
            let expected = reference(item)
            guard !same(got, expected) else { continue }
            let where_ = difference(item, expected, got)
            // A mistake is named when it explains every case so far (later ones might crash the
            // mistaken code).
            let named = mistakes.first { mistake in
                cases[...index].allSatisfy { item in
                    guard let output = try? learner(item) else { return false }
                    return same(output, mistake.output(item))
                }
            }
            if let mistake = named {
                return .wrong(
                    mistake: mistake.name,
                    explanation:
                        "\(where_) This looks like \(mistake.name): \(mistake.advice) (\(formula))")
            }
            return .wrong(mistake: nil, explanation: "\(where_) The formula: \(formula).")
        }
        return .done(tried)
    } catch is NotYetMarker {
        return .notYet("the stub still says `throw NotYet()`")
    } catch {
        return .wrong(mistake: nil, explanation: "it threw an error: \(error)")
    }
}

/// The checker recognises the stubs' `NotYet` by its type name, since the `Exercises` module is
/// not a dependency of the checker (the learner's half-written code must never stop it building).
public struct NotYetMarker: Error {
    public init() {}
}

/// "entry 3: expected 0.1432, got −0.1432."
func firstDifference(_ name: String, _ expected: [Double], _ got: [Double]) -> String {
    guard expected.count == got.count else {
        return "It returned \(got.count) \(name) values; there should be \(expected.count)."
    }
    let i =
        zip(expected, got).enumerated().first { !close($0.element.0, $0.element.1) }?.offset ?? 0
    return "For \(name) \(i): expected \(number(expected[i])), got \(number(got[i]))."
}

/// A number for a diagnosis: six significant digits.
func number(_ x: Double) -> String {
    x.isNaN ? "NaN" : String(format: "%.6g", x)
}
