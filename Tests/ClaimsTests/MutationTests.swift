import Claims
import Foundation
import LessonKit
import PropertyBased
import TestSupport
import Testing

@testable import Lessons

/// Checkers with teeth: each claim chooser is broken on purpose (`Mutant`: a flipped comparison,
/// a step off by one, a wrong tolerance, swapped labels), and runs drawn from the lessons that say
/// its kind must then show a false sentence. A break no run catches is a checker that shares the
/// chooser's mistake, or a generator that never reaches the case.
@Suite("Mutation: every deliberate break of a claim chooser is caught")
struct MutationTests {
    /// The kind of claim each mutant breaks.
    static let breaks: [Mutant: any Claim.Type] = [
        .slopeLabelsSwapped: SlopeClaim.self, .minimumOffByOne: MinimaClaim.self,
        .convergedStepOffByOne: DescentClaim.self, .crossingsToleranceWrong: DescentClaim.self,
        .sweepTopIsFirst: SweepClaim.self, .momentumStepsSwapped: MomentumClaim.self,
        .studentsRiseFlipped: StudentsClaim.self, .costWorstFlipped: CostClaim.self,
        .wishLabelOffByOne: WishClaim.self, .gradientToleranceWrong: GradientClaim.self,
        .averageDigitOffByOne: AverageClaim.self, .raceExamplesOffByOne: RaceClaim.self,
        .fewestEpochsOffByOne: EpochClaim.self, .trainingUntrainedSwapped: TrainingClaim.self,
        .valleyCloserFlipped: ValleyClaim.self, .chainToleranceWrong: ChainClaim.self,
    ]

    @Test("Every mutant has a kind it breaks, and every kind a lesson says has a mutant")
    func everyKind() {
        #expect(Set(Self.breaks.keys) == Set(Mutant.allCases))
        let broken = Set(Self.breaks.values.map { ObjectIdentifier($0) })
        for type in Catalogue.written {
            for kind in type.says {
                #expect(broken.contains(ObjectIdentifier(kind)), "no mutant breaks \(kind)")
            }
        }
    }

    @Test("A broken chooser is caught by the generated runs", arguments: Mutant.allCases)
    func caught(_ mutant: Mutant) async throws {
        let kind = try #require(Self.breaks[mutant])
        let sayers = Catalogue.written.filter { type in
            type.says.contains { ObjectIdentifier($0) == ObjectIdentifier(kind) }
        }
        try #require(!sayers.isEmpty, "no lesson says \(kind)")
        var tried = 0
        for type in sayers {
            // On a thread of its own, with the mutant switched on there.
            let (found, runs) = try await offThePool {
                var runs = 0
                let found = try Mutant.$active.withValue(mutant) { try firstCaught(type, &runs) }
                return (found, runs)
            }
            tried += runs
            if let found {
                print("\(mutant.rawValue): caught after \(tried) runs by \(found)")
                return
            }
        }
        Issue.record("\(mutant.rawValue) survived \(tried) generated runs")
    }
}

/// The first run drawn from lesson `type`'s trials (from a fixed seed) in which a claim is judged
/// false; nil when none of the runs shows one. `tried` counts the runs.
func firstCaught<L: Lesson>(_ type: L.Type, _ tried: inout Int) throws -> String? {
    let generator = type.trials.generator(number: type.info.number)
    var random = Xoshiro(seed: (stableHash(type.info.slug), 1, 2, 3))
    for _ in 0..<(type.trials.costly ? 30 : 200) {
        let command = generator.run(using: &random)
        guard (try? type.parse(command.arguments)) != nil else { continue }
        tried += 1
        let run = try generatedRun(type, command.arguments, answers: command.answers)
        if let fault = problems(run, type).first {
            return "\(command.testDescription): \(fault)"
        }
    }
    return nil
}
