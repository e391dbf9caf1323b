import Claims
import Foundation
import TestSupport
import Testing

@testable import Backprop
@testable import Experiments
@testable import LessonKit
@testable import Lessons

/// The facts lessons 1 to 4 and 13 state, proved from their structured results and files.
struct LessonFactTests {
    @Test(
        """
        Lesson 1: measured slopes agree with the formulas to 1e-9, and the tangents file holds \
        them
        """
    )
    func lesson1Agreement() throws {
        let run = try runLesson(Derivatives.self, ["--no-render", "--quiet"])
        let result = run.result
        #expect(result.slopes.count == 5)
        #expect(
            result.slopes.allSatisfy {
                abs($0.exact - LossCurve.doubleWell.derivative($0.w)) == 0
                    && abs($0.measured - $0.exact) < 1e-9
            })
        #expect(result.relativeError < 1e-9)
        // At (−1, 1) the gradient is (−4, 12): three times more sensitive to w₂.
        #expect(SlopeMeasurement.bowl.gradient(-1, 1) == (-4, 12))
        #expect(run.text.contains("-1 1 13 -4 -4 12 12 w₂"))
        #expect(try run.rows("tangents.dat", block: 2).count == 5)
    }

    @Test(
        """
        Lesson 1: a nudge of 1e-12 loses the slope to rounding, a nudge of 0.5 to the curve's \
        bend
        """,
        arguments: [1e-12, 0.5])
    func lesson1BadSteps(step: Double) throws {
        let run = try runLesson(Derivatives.self, ["--no-render", "--nudge", String(step)])
        let result = run.result
        #expect(result.relativeError > 1e-6)
        #expect(run.notice.contains(step < 1e-6 ? "mostly rounding" : "the curve bends"))
        #expect(!run.notice.contains("agrees with the formula"))
    }

    @Test(
        """
        Lesson 2: w* = −b/2a, the students' line is package = 12 − cgpa, and the valley's \
        λmax/λmin
        """
    )
    func lesson2Minima() throws {
        let run = try runLesson(Minima.self, ["--no-render"])
        let result = run.result
        #expect(result.wStar == 2 && result.lossAtMinimum == 3)
        #expect(abs(result.fit.m + 1) < 1e-9 && abs(result.fit.b - 12) < 1e-9)
        // The Hessian of the line fit's loss is [[2·mean(x²), 2·mean(x)], [2·mean(x), 2]] = [[87,
        // 13], [13, 2]].
        let trace = 89.0
        let determinant = 87.0 * 2 - 13 * 13
        let largest = (trace + (trace * trace - 4 * determinant).squareRoot()) / 2
        let smallest = determinant / largest
        let curvatures = MinimaByCalculus.data.curvatures
        #expect(abs(curvatures.largest - largest) < 1e-9)
        #expect(abs(curvatures.smallest - smallest) < 1e-9)
        #expect(run.notice.contains("a ratio of \(Format.number(largest / smallest, digits: 4))"))
        // After 5,000 steps descent is within 0.05 of the closed form, and the lesson says how far.
        #expect(result.distance < 0.05 && !result.descent.diverged)
        #expect(
            run.notice.contains(
                "descent is \(Format.number(result.distance, digits: 3)) from the closed form"))
    }

    @Test("Lesson 2: η = 0.023 is past 2/λmax, and descent is stopped at the stated bound")
    func lesson2Divergence() throws {
        let run = try runLesson(Minima.self, ["--no-render", "--lr", "0.023"])
        let result = run.result
        let largest = MinimaByCalculus.data.curvatures.largest
        #expect(0.023 > 2 / largest && 0.02 < 2 / largest)
        // The last step kept is the one whose loss passed the bound; every one before is within it.
        let losses = result.descent.losses
        #expect(result.descent.diverged)
        #expect(losses.dropLast().allSatisfy { $0 <= Minima.divergenceBound })
        #expect(losses[losses.count - 1] > Minima.divergenceBound)
        let last = result.descent.points.count - 1
        #expect(run.notice.contains("descent diverged: at step \(last) the loss"))
    }

    @Test(
        "Lesson 3: from −0.2 the double well ends in its deeper valley; from 2.2 in the shallow one"
    )
    func lesson3Valleys() throws {
        let left = try runLesson(
            DescentInOneDimension.self,
            ["--no-render", "--curve", "double-well", "--start", "-0.2", "--steps", "200"])
        let leftRun = try #require(left.result.runs.first)
        #expect(leftRun.target == LossCurve.doubleWell.minima[0])
        #expect(left.text.contains("It ended in the deepest valley"))
        let right = try runLesson(
            DescentInOneDimension.self, ["--no-render", "--curve", "double-well", "--steps", "200"])
        let rightRun = try #require(right.result.runs.first)
        #expect(rightRun.target == LossCurve.doubleWell.minima[1])
        #expect(right.text.contains("It ended in a valley that is not the deepest"))
    }

    @Test("Lesson 3: the step table is the update rule")
    func lesson3Table() throws {
        let run = try runLesson(
            DescentInOneDimension.self, ["--no-render", "--quiet", "--lr", "0.25", "--steps", "3"])
        let path = try #require(run.result.runs.first).path
        // w² from 2 with η = 0.25: each step halves w.
        #expect(path.steps.map(\.w) == [2, 1, 0.5, 0.25])
        #expect(path.steps.map(\.slope) == [4, 2, 1, 0.5])
        #expect(try run.rows("progress.dat", block: 1).map { $0[1] } == [2, 1, 0.5, 0.25])
    }

    @Test("Lesson 4: the default rates are slow, fast, oscillating and divergent, as theory says")
    func lesson4Defaults() throws {
        let run = try runLesson(LearningRates.self, ["--no-render"])
        let result = run.result
        #expect(result.runs.map(\.regime) == [.slow, .fast, .oscillating, .divergent])
        // η = 1.1: |w| = 2·1.2ᵏ first passes 1,000 at k = 35 (2·1.2³⁵ = 1,181.3).
        let outcomes: [DescentOutcome] = [
            .notConverged(after: 50), .converged(atStep: 15), .converged(atStep: 35),
            .diverged(atStep: 35),
        ]
        #expect(result.runs.map(\.outcome) == outcomes)
        #expect(result.experiment.sweep().agreements(with: try #require(result.bowl)) == 240)
        #expect(run.text.contains("matched the theory for every one of them"))
        #expect(run.notice.contains("|w| passed 1,000 at step 35 (w = -1181.3)"))
    }

    @Test(
        "Lesson 4: the sweep agrees with theory on every bowl", arguments: ["quadratic", "steep"])
    func lesson4Sweep(curve name: String) throws {
        let curve = try #require(LossCurve.named(name))
        let theory = BowlTheory(curvature: try #require(curve.bowlCurvature))
        let sweep = LearningRateSweep(
            curve, from: curve.defaultStart, upTo: 1.25 * theory.divergenceThreshold, budget: 50,
            tolerance: 1e-3, divergenceBound: 1e3)
        #expect(sweep.trials.count == 240)
        #expect(sweep.agreements(with: theory) == 240)
        #expect(sweep.regions.map(\.regime) == [.slow, .fast, .oscillating, .divergent])
    }

    @Test("Lesson 4: a divergent series ends at the step that passed the bound; the chart says so")
    func lesson4DivergentSeries() throws {
        let run = try runLesson(LearningRates.self, ["--no-render", "--quiet", "--rates", "1.5"])
        let trial = try #require(run.result.runs.first)
        let steps = trial.path.steps
        #expect(steps.dropLast().allSatisfy { abs($0.w) <= LearningRates.divergenceBound })
        #expect(abs(trial.path.final.w) > LearningRates.divergenceBound)
        #expect(try !run.file("loss-by-step.dat").contains("inf"))
        let step = trial.path.final.index
        let stopped = "η = 1.5 diverged: stopped at step \(step) when |w| passed 1,000"
        #expect(try run.file("loss-by-step.gp").contains(stopped))
    }

    @Test("Lesson 4: exactly 1/(2a) lands on the minimum in one step, drawn on the log floor")
    func lesson4OneStep() throws {
        let run = try runLesson(LearningRates.self, ["--no-render", "--rates", "0.45,0.5,0.55"])
        let result = run.result
        #expect(result.runs[1].path.steps[1].w == 0)
        #expect(run.notice.contains("η = 0.5 landed exactly on the minimum w* = 0 at step 1"))
        #expect(run.output.contains { $0.contains("on w* at step 1 ") })
        let script = try run.file("loss-by-step.gp")
        #expect(script.contains("are drawn on the log scale's"))
        #expect(try run.rows("loss-by-step.dat", block: 1).count == 51)
        // η = 0.45 and 0.55 give the same losses: the chart says their lines coincide.
        #expect(script.contains("η = 0.45 and η = 0.55 have the same values"))
    }

    @Test("Lesson 13: a small rate ends in the valley downhill of its start; jumps need large ones")
    func lesson13Valleys() throws {
        let run = try runLesson(SmallRates.self, ["--no-render"])
        let result = run.result
        func jumps(_ row: Int) -> [ValleyCensus.End] {
            result.valleys[row].ends.filter {
                $0.settledIn != nil && $0.downhill != nil && $0.settledIn != $0.downhill
            }
        }
        #expect(result.valleys[0].ends.allSatisfy { $0.settledIn == $0.downhill })
        #expect(jumps(0).isEmpty && jumps(1).isEmpty && !jumps(2).isEmpty)
        // The deep valley cannot hold η = 0.5: 2/L″ there is about 0.42.
        let curve = LossCurve.doubleWell
        #expect(abs(holdingLimit(curve, at: curve.minima[0]) - 0.417) < 0.001)
        #expect(jumps(2).allSatisfy { $0.settledIn == curve.minima[1] })
        // With noisy gradients the smaller rates settle closer.
        let settled = result.noisy.map { $0.lastEpochMean ?? .infinity }
        #expect(zip(settled, settled.dropFirst()).allSatisfy { $0 < $1 })
    }
}
