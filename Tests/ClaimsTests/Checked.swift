import Backprop
import Claims
import Experiments
import Foundation
import LessonKit
import TestSupport

@testable import Lessons

// Every kind of claim is registered here, once, with its checker: the evidence it is judged on,
// taken from the result of whichever lesson said it, and the checker beside this file that
// decides from that evidence's raw numbers whether the sentence is true. A lesson names the
// kinds it may say (`Lesson.says`); the generated runs judge each claim through this table, so a
// new lesson that says these kinds needs no checker of its own and no line in any test.

/// A kind of claim with its checker.
protocol Checked: Claim {
    /// What the checker reads: usually the lesson's result itself.
    associatedtype Evidence
    /// The evidence, from a lesson's result; nil when that result cannot bear this kind.
    static func evidence<Result>(from result: Result) -> Evidence?
    /// Whether the claim is true of the evidence.
    func holds(in evidence: Evidence) -> Bool
}

extension Checked {
    static func evidence<Result>(from result: Result) -> Evidence? { result as? Evidence }
}

extension SlopeClaim: Checked {
    func holds(in result: SlopeMeasurement.Result) -> Bool { ClaimsTests.holds(self, in: result) }
}

extension MinimaClaim: Checked {
    func holds(in result: MinimaByCalculus.Result) -> Bool { ClaimsTests.holds(self, in: result) }
}

extension DescentClaim: Checked {
    func holds(in result: CurveDescentResult) -> Bool { ClaimsTests.holds(self, in: result) }
}

extension MomentumClaim: Checked {
    func holds(in result: CurveDescentResult) -> Bool { ClaimsTests.holds(self, in: result) }
}

extension SweepClaim: Checked {
    func holds(in result: CurveDescentResult) -> Bool {
        ClaimsTests.holds(
            self, sweep: result.experiment.sweep(), curve: result.curve,
            tolerance: result.experiment.tolerance, bound: result.experiment.divergenceBound)
    }
}

extension StudentsClaim: Checked {
    func holds(in result: StudentsTraining.Result) -> Bool { ClaimsTests.holds(self, in: result) }
}

extension CostClaim: Checked {
    func holds(in result: DigitCost.Result) -> Bool { ClaimsTests.holds(self, in: result) }
}

extension WishClaim: Checked {
    func holds(in result: WishListExperiment.Result) -> Bool {
        ClaimsTests.holds(self, in: result)
    }
}

extension GradientClaim: Checked {
    func holds(in result: GradientComparison.Result) -> Bool {
        ClaimsTests.holds(self, in: result)
    }
}

extension AverageClaim: Checked {
    /// The wishes and costs worked out by hand, once a run.
    static func evidence<Result>(from result: Result) -> AverageFacts? {
        (result as? WishAverage.Result).map(AverageFacts.init)
    }

    func holds(in facts: AverageFacts) -> Bool { ClaimsTests.holds(self, facts) }
}

extension RaceClaim: Checked {
    func holds(in result: DrunkManRace.Result) -> Bool { ClaimsTests.holds(self, in: result) }
}

extension EpochClaim: Checked {
    func holds(in result: ConvergenceStudy.Result) -> Bool { ClaimsTests.holds(self, in: result) }
}

extension TrainingClaim: Checked {
    func holds(in result: DigitTraining.Result) -> Bool { ClaimsTests.holds(self, in: result) }
}

extension ValleyClaim: Checked {
    func holds(in result: SmallRates.Result) -> Bool {
        ClaimsTests.holds(
            self, census: result.valleys, noisy: result.noisy, curve: SmallRates.curve,
            tolerance: 1e-3, bound: SmallRates.divergenceBound)
    }
}

extension ChainClaim: Checked {
    func holds(in result: ChainRule.Result) -> Bool { ClaimsTests.holds(self, in: result) }
}

/// One claim judged: its sentence and what was wrong with it, if anything.
struct Verdict: Sendable {
    let sentence: String
    /// Nil when the claim holds; else why not.
    let fault: String?
}

/// Every claim of a run judged by its kind's checker, each kind's evidence taken once.
func verdicts<L: Lesson>(_ lesson: L.Type, _ claims: [any Claim], result: L.Result) -> [Verdict] {
    let said = flattened(claims).filter { !($0 is Theory) }
    var kinds: [ObjectIdentifier: [any Claim]] = [:]
    var order: [ObjectIdentifier] = []
    var found: [Verdict] = []
    for claim in said {
        let kind = ObjectIdentifier(type(of: claim))
        guard lesson.says.contains(where: { ObjectIdentifier($0) == kind }) else {
            found.append(
                Verdict(sentence: claim.sentence, fault: "a kind the lesson does not declare"))
            continue
        }
        if kinds[kind] == nil { order.append(kind) }
        kinds[kind, default: []].append(claim)
    }
    for kind in order {
        let claims = kinds[kind] ?? []
        guard let checked = type(of: claims[0]) as? any Checked.Type else {
            found += claims.map { Verdict(sentence: $0.sentence, fault: "no checker registered") }
            continue
        }
        found += judged(checked, claims, result)
    }
    return found
}

/// Claims of one checked kind, judged on the evidence taken once from `result`.
private func judged<Kind: Checked, Result>(
    _ kind: Kind.Type, _ claims: [any Claim], _ result: Result
) -> [Verdict] {
    guard let evidence = Kind.evidence(from: result) else {
        return claims.map {
            Verdict(sentence: $0.sentence, fault: "said of a result its checker cannot read")
        }
    }
    return claims.compactMap { $0 as? Kind }.map { claim in
        Verdict(sentence: claim.sentence, fault: claim.holds(in: evidence) ? nil : "false")
    }
}
