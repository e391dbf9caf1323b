import Backprop
import CheckChannel
import Foundation

/// Every exercise's verdict, each found in a child of its own (`exercise-check`), so that a crash
/// in one exercise is told against that exercise only. An exercise that uses others is checked
/// once they are right.
public final class Verdicts: @unchecked Sendable {
    /// One exercise's check, alone, with the functions in `substitute` answered by the library.
    let check: (_ number: Int, _ substitute: [Function]) -> ChildCheck?
    /// The learner's answers to calls of the parts, one by one; nil when they could not be had.
    let answers: (_ calls: [Call]) -> [Answer]?
    let helper: String
    private var found: [Int: Verdict] = [:]

    /// `helper` is the `exercise-check` program.
    public convenience init(helper: URL) {
        self.init(
            helper: helper.path,
            check: { number, substitute in
                Checker.checkInAChild(number, helper: helper, substitute: substitute)
            },
            answers: { Checker.answersInAChild($0, helper: helper) })
    }

    /// Verdicts from another way of checking (the tests' learner, in this process).
    init(
        helper: String, check: @escaping (Int, [Function]) -> ChildCheck?,
        answers: @escaping ([Call]) -> [Answer]?
    ) {
        self.helper = helper
        self.check = check
        self.answers = answers
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
        guard let check = check(number, []) else {
            return .wrong(
                mistake: nil,
                explanation: "the checker's child, \(helper), could not start: build again "
                    + "with `swift build --product exercises`")
        }
        switch (number, check.verdict) {
        case (8, .done), (9, .done):
            return Checker.ownCallsMissing(number, calls: check.calls) ?? check.verdict
        case (8, .wrong(let mistake, let explanation)), (9, .wrong(let mistake, let explanation)):
            guard mistake == nil else { return check.verdict }
            let steps = number == 9 ? self.check(9, [.miniBatchStep]) : nil
            let told =
                blame(number, stepsRun: steps)
                ?? Checker.callsDiffer(number, calls: check.calls)
                ?? wiring(number)
                ?? steps.flatMap { Checker.batchesDiffer(calls: $0.calls, asked: $0.asked) }
            guard let told else { return check.verdict }
            let then = explanation.prefix(1).uppercased() + explanation.dropFirst()
            return .wrong(mistake: mistake, explanation: told + " " + then)
        default:
            return check.verdict
        }
    }

    /// Which of the learner's functions makes exercise 8's or 9's step wrong: each it uses is
    /// replaced by the library's, one at a time, and the one whose replacement makes the step
    /// right is named. Nil when none does: the mistake is then in the step's own wiring.
    func blame(_ number: Int, stepsRun: ChildCheck?) -> String? {
        let suspects: [Function] =
            (number == 9 ? [.miniBatchStep] : [])
            + Checker.parts
        for suspect in suspects {
            let run = suspect == .miniBatchStep ? stepsRun : check(number, [suspect])
            guard let run, case .done = run.verdict, !run.asked.isEmpty else { continue }
            let step = number == 8 ? "step" : "epoch"
            let found =
                "With the library's \(suspect.rawValue) in place of yours, your \(step) is right "
                + "in every case: the mistake is in your \(suspect.rawValue) (exercise "
                + "\(suspect.exercise)) as your \(step) uses it."
            let shown =
                firstWrongAnswer(number, suspect, run)
                ?? "Exercise \(suspect.exercise)'s own check passed, so look at what your "
                + "\(step) gives it that those cases did not: the sizes, the layer, the example."
            return found + " " + shown + " Without the replacement:"
        }
        return nil
    }

    /// The first call, as the learner's step made it, on which the learner's `suspect` and the
    /// library's answer differently: what exercise `suspect.exercise`'s own cases did not try.
    func firstWrongAnswer(_ number: Int, _ suspect: Function, _ run: ChildCheck) -> String? {
        guard suspect != .miniBatchStep, let theirs = answers(run.asked) else { return nil }
        for (index, (call, mine)) in zip(run.asked, theirs).enumerated() {
            guard let said = Checker.answersDiffer(call, mine: mine) else { continue }
            let place = Checker.placeOfCall(number, index, suspect, run, call)
            return "Exercise \(suspect.exercise)'s own cases never made the call your "
                + "\(number == 8 ? "step" : "epoch") makes \(place): \(said)"
        }
        return nil
    }

    /// Where exercise 8's step, with every part answered by the library, passed a part something
    /// a right step does not. Nil for exercise 9, or when every argument is a right step's.
    func wiring(_ number: Int) -> String? {
        guard number == 8, let run = check(8, Checker.parts) else { return nil }
        return Checker.argumentsDiffer(asked: run.asked, calls: run.calls)
    }
}

extension Checker {
    /// The calls a right step (8) or epoch (9) makes in each case, with the case said and why
    /// each count is what it is.
    static func rightCalls(_ number: Int) -> [(label: String, counts: [(Function, Int, String)])] {
        var needs: [(label: String, counts: [(Function, Int, String)])] = []
        if number == 8 {
            needs = stepCases.map { item in
                let (n, layers) = (item.batch.count, item.network.weights.count)
                let each =
                    n == 1 ? "once for its one example" : "once for each of the \(n) examples"
                return (
                    stepLabel(item),
                    [
                        (.outputError, n, each),
                        (.layerGradient, n * layers, "once per layer of weights for each example"),
                        (
                            .passBack, n * (layers - 1),
                            "once per layer it passes back, each example"
                        ),
                        (.averageGradient, 1, "once for the batch"),
                        (
                            .descentStep, item.network.parameterCount,
                            "once for each of the \(item.network.parameterCount) weights and biases"
                        ),
                    ]
                )
            }
        } else {
            needs = epochCases.map { item in
                let batches = (item.examples.count + item.batchSize - 1) / item.batchSize
                return (
                    "an epoch of \(counted(item.examples.count, "example")) in mini-batches of "
                        + "\(item.batchSize)",
                    [(.miniBatchStep, batches, "once for each of its \(batches) mini-batches")]
                )
            }
        }
        return needs
    }

    /// How the learner's calls in a wrong step or epoch differ from a right one's, in the first
    /// case where they do: each example through outputError once, each layer of each example
    /// through layerGradient, each layer passed back through passBack, one averageGradient, each
    /// weight and bias through descentStep once (when it is used at all); one step a mini-batch.
    static func callsDiffer(_ number: Int, calls: [[Function: Int]]) -> String? {
        let needs = rightCalls(number)
        for (index, (need, made)) in zip(needs, calls).enumerated() {
            for (function, expected, why) in need.counts {
                let count = made[function, default: 0]
                guard count != expected, function != .descentStep || count > 0 else { continue }
                let whose = number == 8 ? "step" : "epoch"
                return "In case \(index + 1) (\(need.label)) your \(whose) called your "
                    + "\(function.rawValue) \(counted(count, "time")); a right one calls it \(why)."
            }
        }
        return nil
    }

    /// Where a wrong epoch's mini-batches differ from the shuffled order's, in the first case and
    /// step where they do: which examples each step took, and with which η. `asked` holds the
    /// epoch's steps, as the library answered them, case after case.
    static func batchesDiffer(calls: [[Function: Int]], asked: [Call]) -> String? {
        var steps = asked[...]
        for (index, (item, made)) in zip(epochCases, calls).enumerated() {
            let taken = steps.prefix(made[.miniBatchStep, default: 0])
            steps = steps.dropFirst(taken.count)
            var generator = SeededGenerator(seed: 77)
            let order = shuffledIndices(item.examples.count, using: &generator)
            let expected = miniBatches(order, size: item.batchSize).map { Array($0) }
            func which(_ batch: [Example]) -> String {
                examples(
                    batch.map { example in
                        (item.examples.firstIndex { $0.input == example.input } ?? -1) + 1
                    })
            }
            let got: [(String, Double)] = taken.compactMap {
                guard case .miniBatchStep(_, let batch, let eta) = $0 else { return nil }
                return (which(batch), eta)
            }
            for step in 0..<max(got.count, expected.count) {
                let want = step < expected.count ? examples(expected[step].map { $0 + 1 }) : nil
                let have = step < got.count ? got[step] : nil
                if let want, let have, want == have.0, close(have.1, item.eta) { continue }
                let label =
                    "In case \(index + 1) (an epoch of \(counted(item.examples.count, "example")) "
                    + "in mini-batches of \(item.batchSize)), "
                let (rightEta, yourEta) = spelledApart(item.eta, have?.1 ?? item.eta)
                let yours =
                    have.map {
                        "your step \(step + 1) was on \($0.0) with η = \(yourEta)"
                    } ?? "your epoch took no step \(step + 1)"
                let right =
                    want.map {
                        "the shuffled order's mini-batch \(step + 1) is \($0) "
                            + "with η = \(rightEta)"
                    } ?? "the shuffled order has only \(expected.count) mini-batches"
                return label + yours + "; " + right + " (examples numbered as given)."
            }
        }
        return nil
    }

    /// "example 4", "examples 4, 2 and 1".
    static func examples(_ numbers: [Int]) -> String {
        (numbers.count == 1 ? "example " : "examples ") + list(numbers.map(String.init))
    }

    /// A right step that is not built from the learner's own parts: exercise 8 must call the
    /// learner's outputError, layerGradient, passBack and averageGradient for its examples, and
    /// exercise 9 the learner's miniBatchStep once per mini-batch. Nil when it did.
    static func ownCallsMissing(_ number: Int, calls: [[Function: Int]]) -> Verdict? {
        // A step may move the weights without the learner's descentStep; every other part counts.
        let needs = rightCalls(number).map { $0.counts.filter { $0.0 != .descentStep } }
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
