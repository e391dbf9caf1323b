import Foundation
import Testing
@testable import Backprop
@testable import LessonKit
@testable import Lessons

/// The facts the lessons state, proved.
struct LessonFactTests {
    @Test("Lesson 1: measured slopes agree with the formulas to about 1e-10")
    func lesson1Agreement() throws {
        let run = try runLesson(Derivatives.self, ["--no-render", "--quiet"])
        let points = try run.rows("tangents.dat", block: 1)
        #expect(points.count == 5)
        for point in points {
            let measured = centralDifference(LossCurve.doubleWell.value, at: point[0])
            #expect(abs(measured - point[2]) < 1e-9)
        }
        // At (−1, 1) the gradient is (−4, 12): three times more sensitive to w₂.
        let gradient = Derivatives.bowl.gradient(-1, 1)
        #expect(gradient == (-4, 12))
        #expect(run.text.contains("-1 1 13 -4 -4 12 12 w₂"))
    }

    @Test("Lesson 1: a nudge of 1e-12 loses the slope to rounding (its first try-this)")
    func lesson1TinyStep() {
        let error = abs(centralDifference(LossCurve.doubleWell.value, at: -2, step: 1e-12) - LossCurve.doubleWell.derivative(-2))
        #expect(error > 1e-6)
    }

    @Test("Lesson 2: w* = −b/2a, and the students' line is package = 12 − cgpa")
    func lesson2Minima() throws {
        let run = try runLesson(Minima.self, ["--no-render"])
        let minimum = try run.rows("quadratic-minimum.dat", block: 1)
        #expect(minimum == [[2, 3]])
        let fit = try run.rows("line-fit-contours.dat", block: 1)
        #expect(abs(fit[0][0] + 1) < 1e-9 && abs(fit[0][1] - 12) < 1e-9)
        #expect(run.text.contains("43.5 times more steeply along m"))
        // After 5,000 steps descent is within 0.05 of the closed form.
        let path = try run.rows("line-fit-contours.dat", block: 2)
        let last = try #require(path.last)
        #expect(abs(last[0] + 1) < 0.05 && abs(last[1] - 12) < 0.05)
    }

    @Test("Lesson 2: η = 0.023 is past 2/λ for the steep direction, and descent blows up")
    func lesson2Divergence() throws {
        // The Hessian of the line fit's loss is [[2·mean(x²), 2·mean(x)], [2·mean(x), 2]] = [[87, 13], [13, 2]].
        let trace = 89.0, determinant = 87.0 * 2 - 13 * 13
        let largest = (trace + (trace * trace - 4 * determinant).squareRoot()) / 2
        #expect(abs(largest - 88.94) < 0.01)
        #expect(0.023 > 2 / largest && 0.02 < 2 / largest)
        let run = try runLesson(Minima.self, ["--no-render", "--quiet", "--lr", "0.023"])
        #expect(run.text.contains("is too large for this valley"))
    }

    @Test("Lesson 3: from −0.2 the double well ends in its deeper valley; from 2.2 in the shallow one")
    func lesson3Valleys() throws {
        let left = try runLesson(DescentInOneDimension.self, ["--no-render", "--curve", "double-well", "--start", "-0.2", "--steps", "200"])
        #expect(left.text.contains("That is the deepest valley"))
        let right = try runLesson(DescentInOneDimension.self, ["--no-render", "--curve", "double-well", "--steps", "200"])
        #expect(right.text.contains("That is not the deepest valley"))
    }

    @Test("Lesson 3: the step table is the update rule")
    func lesson3Table() throws {
        let run = try runLesson(DescentInOneDimension.self, ["--no-render", "--quiet", "--lr", "0.25", "--steps", "3"])
        // w² from 2 with η = 0.25: each step halves w.
        let steps = try run.rows("progress.dat", block: 0)
        #expect(steps.map { $0[1] } == [2, 1, 0.5, 0.25])
        #expect(steps.map { $0[3] } == [4, 2, 1, 0.5])
    }

    @Test("Lesson 4: the default rates are slow, fast, oscillating and divergent, as theory says")
    func lesson4Defaults() throws {
        let run = try runLesson(LearningRates.self, ["--no-render", "--quiet"])
        let rows = run.output.filter { $0.hasPrefix("  0.05") || $0.hasPrefix("   0.2") || $0.hasPrefix("   0.9") || $0.hasPrefix("   1.1") }
        #expect(rows.count == 4)
        #expect(rows[0].contains("not converged after 50") && rows[0].contains("slow"))
        #expect(rows[1].contains("converged in 15 steps") && rows[1].contains("fast"))
        #expect(rows[2].contains("converged in 35 steps") && rows[2].contains("oscillating"))
        #expect(rows[3].contains("diverged at step 34") && rows[3].contains("divergent"))
        #expect(rows.allSatisfy { $0.hasSuffix("yes") })
        #expect(run.text.contains("matched the theory for 240 of them"))
    }

    @Test("Lesson 4: the sweep agrees with theory on every bowl", arguments: ["quadratic", "steep"])
    func lesson4Sweep(curve name: String) throws {
        let curve = try #require(LossCurve.named(name))
        let theory = BowlTheory(curvature: try #require(curve.bowlCurvature))
        let sweep = Sweep(curve: curve, start: curve.defaultStart, budget: 50, tolerance: 1e-3, theory: theory, rates: [])
        #expect(sweep.trials.count == 240)
        #expect(sweep.agreements == 240)
    }

    @Test("Lesson 4: a divergent series stops at the bound and is labelled, never infinite")
    func lesson4DivergentSeries() throws {
        let run = try runLesson(LearningRates.self, ["--no-render", "--quiet", "--rates", "1.5"])
        let series = try run.rows("loss-by-step.dat", block: 0)
        #expect(series.allSatisfy { $0.allSatisfy(\.isFinite) && $0[1] <= 1e6 })
        let label = try run.rows("loss-by-step.dat", block: 1)
        #expect(label.count == 1 && label[0][2] == 1.5)
        #expect(try !run.file("loss-by-step.dat").contains("inf"))
    }

    @Test("Lesson 4: exactly 1/(2a) reaches the minimum in one step (its first try-this)")
    func lesson4OneStep() throws {
        let run = try runLesson(LearningRates.self, ["--no-render", "--quiet", "--rates", "0.45,0.5,0.55"])
        #expect(run.output.contains { $0.contains("0.5  converged in 1 steps") && $0.contains("one step") })
    }
}
