import Backprop
import CheckChannel
import Foundation

/// Every exercise's verdict, each found in a child of its own (`exercise-check`), so that a crash
/// in one exercise is told against that exercise only. An exercise that uses others is checked
/// once they are right.
public final class Verdicts: @unchecked Sendable {
    /// One exercise's check, alone, with one function substituted or none.
    let check: (_ number: Int, _ substitute: Function?) -> ChildCheck?
    let helper: String
    private var found: [Int: Verdict] = [:]

    /// `helper` is the `exercise-check` program.
    public convenience init(helper: URL) {
        self.init(helper: helper.path) { number, substitute in
            Checker.checkInAChild(number, helper: helper, substitute: substitute)
        }
    }

    /// Verdicts from another way of checking (the tests' learner, in this process).
    init(helper: String, check: @escaping (Int, Function?) -> ChildCheck?) {
        self.helper = helper
        self.check = check
    }

    /// Exercise `number`'s verdict.
    public func of(_ number: Int) -> Verdict {
        if let verdict = found[number] { return verdict }
        let verdict = find(number)
        found[number] = verdict
        return verdict
    }

    func find(_ number: Int) -> Verdict {
        guard let exercise = Exercise.numbered(number) else {
            return .notYet("there is no exercise \(number)")
        }
        for used in exercise.uses {
            switch of(used) {
            case .done: continue
            case .notYet:
                return .notYet(
                    "exercise \(number) uses your answer to exercise \(used), which is not done yet"
                )
            case .wrong:
                return .notYet(
                    "exercise \(number) uses your answer to exercise \(used), which is not right "
                        + "yet")
            }
        }
        guard let check = check(number, nil) else {
            return .wrong(
                mistake: nil,
                explanation: "the checker's child, \(helper), could not start: build again "
                    + "with `swift build --product exercises`")
        }
        switch (number, check.verdict) {
        case (8, .done), (9, .done):
            return Checker.ownCallsMissing(number, calls: check.calls) ?? check.verdict
        case (8, .wrong(let mistake, let explanation)), (9, .wrong(let mistake, let explanation)):
            guard let blame = blame(number) else { return check.verdict }
            return .wrong(mistake: mistake, explanation: blame + " " + explanation)
        default:
            return check.verdict
        }
    }

    /// Which of the learner's functions makes exercise 8's or 9's step wrong: each it uses is
    /// replaced by the library's, one at a time, and the one whose replacement makes the step
    /// right is named. Nil when none does: the mistake is then in the step's own wiring.
    func blame(_ number: Int) -> String? {
        let suspects: [Function] =
            (number == 9 ? [.miniBatchStep] : [])
            + [.outputError, .layerGradient, .passBack, .averageGradient, .descentStep]
        for suspect in suspects {
            guard let check = check(number, suspect),
                case .done = check.verdict, check.answered > 0
            else { continue }
            let step = number == 8 ? "step" : "epoch"
            return "With the library's \(suspect.rawValue) in place of yours, your \(step) is "
                + "right in every case: the mistake is in your \(suspect.rawValue) (exercise "
                + "\(suspect.exercise)) as your \(step) uses it. Exercise \(suspect.exercise)'s "
                + "own check passed, so look at what your \(step) gives it that those cases did "
                + "not: the sizes, the layer, the example. Without the replacement:"
        }
        return nil
    }
}

extension Checker {
    /// A right step that is not built from the learner's own parts: exercise 8 must call the
    /// learner's outputError, layerGradient, passBack and averageGradient for its examples, and
    /// exercise 9 the learner's miniBatchStep once per mini-batch. Nil when it did.
    static func ownCallsMissing(_ number: Int, calls: [[Function: Int]]) -> Verdict? {
        var needs: [[(Function, Int, String)]] = []
        if number == 8 {
            needs = stepCases.map { item in
                let (n, layers) = (item.batch.count, item.network.weights.count)
                let examples = counted(n, "example")
                return [
                    (.outputError, n, "one for each of \(examples)"),
                    (
                        .layerGradient, n * layers,
                        "one per layer of weights for each of \(examples)"
                    ),
                    (
                        .passBack, n * (layers - 1),
                        "one per layer it passes back for each of \(examples)"
                    ),
                    (.averageGradient, 1, "once for the batch"),
                ]
            }
        } else {
            needs = epochCases.map { item in
                let batches = (item.examples.count + item.batchSize - 1) / item.batchSize
                return [(.miniBatchStep, batches, "one per mini-batch")]
            }
        }
        for (index, (need, made)) in zip(needs, calls).enumerated() {
            for (function, least, why) in need where made[function, default: 0] < least {
                return .wrong(
                    mistake: "not built from your own parts",
                    explanation:
                        "every answer is right, but in case \(index + 1) your code called your "
                        + "\(function.rawValue) \(counted(made[function, default: 0], "time")), "
                        + "where it takes at least \(least) (\(why)). Exercise \(number) is "
                        + (number == 8
                            ? "the backward pass built from your exercises 4 to 7."
                            : "one step of your exercise 8 for each mini-batch."))
            }
        }
        return nil
    }
}
