import Experiments
import Foundation
import TestSupport
import Testing

@testable import Backprop

struct DescentTests {
    @Test("Each step is w ← w − η·dL/dw, recorded with its slope and change")
    func updateRule() {
        let path = descend(.quadratic, from: 2, learningRate: 0.1, steps: 5)
        #expect(path.steps.count == 6)
        #expect(!path.diverged)
        for (here, next) in zip(path.steps, path.steps.dropFirst()) {
            #expect(here.slope == 2 * here.w)
            #expect(here.change == -0.1 * here.slope)
            #expect(next.w == here.w + here.change)
            #expect(next.loss == next.w * next.w)
        }
        // On w², every step multiplies w by 1 − 2η = 0.8.
        #expect(abs(path.final.w - 2 * pow(0.8, 5)) < 1e-15)
    }

    @Test("The slope's sign picks the direction", arguments: [-2.0, 2.0])
    func signPicksDirection(start: Double) {
        let path = descend(.quadratic, from: start, learningRate: 0.1, steps: 1)
        // Positive slope (right of the minimum) → step left; negative → step right.
        #expect((path.steps[0].change < 0) == (start > 0))
        #expect(abs(path.final.w) < abs(start))
    }

    @Test("Steps shrink near the minimum with a fixed learning rate")
    func stepsShrink() {
        let changes = descend(.quadratic, from: 3, learningRate: 0.2, steps: 10).steps.map {
            abs($0.change)
        }
        #expect(zip(changes, changes.dropFirst()).allSatisfy { $1 < $0 })
    }

    @Test("A runaway descent stops at the step that passed the bound, and records nothing infinite")
    func divergenceStops() {
        let path = descend(
            .quadratic, from: 2, learningRate: 1.1, steps: 10_000, divergenceBound: 1e3)
        #expect(path.diverged && path.passedBound(1e3))
        // |w| = 2·1.2ᵏ first exceeds 1000 at k = 35 (2·1.2³⁵ = 1,181.3): the last recorded step.
        #expect(path.final.index == 35)
        #expect(abs(abs(path.final.w) - 2 * pow(1.2, 35)) < 1e-9)
        #expect(path.steps.dropLast().allSatisfy { abs($0.w) <= 1e3 })
        #expect(path.steps.allSatisfy { $0.w.isFinite && $0.loss.isFinite })
    }

    @Test(
        "Where it starts decides which valley of the double well it ends in",
        arguments: [(2.2, 1), (-0.2, 0), (0.3, 1), (-2.4, 0)])
    func startDecides(start: Double, valley: Int) {
        let curve = LossCurve.doubleWell
        let path = descend(curve, from: start, learningRate: 0.1, steps: 500)
        #expect(abs(path.final.w - curve.minima[valley]) < 1e-9)
    }

    @Test("Oscillation is a change of sign of w − w*")
    func oscillation() {
        #expect(descend(.quadratic, from: 2, learningRate: 0.9, steps: 5).oscillated(around: 0))
        #expect(!descend(.quadratic, from: 2, learningRate: 0.4, steps: 5).oscillated(around: 0))
    }

    @Test("Descent in two parameters reaches the closed-form line fit")
    func descentMatchesClosedForm() {
        let data = StudentsData.packageByCGPA
        let path = descend(
            loss: { data.cost(m: $0[0], b: $0[1]) },
            gradient: {
                let g = data.gradient(m: $0[0], b: $0[1])
                return [g.dm, g.db]
            },
            from: [0, 0], learningRate: 0.02, steps: 20_000)
        #expect(!path.diverged)
        #expect(abs(path.points.last![0] + 1) < 1e-6)
        #expect(abs(path.points.last![1] - 12) < 1e-6)
        #expect(zip(path.losses.dropFirst(50), path.losses.dropFirst(51)).allSatisfy { $1 <= $0 })
    }

    @Test("Descent in two parameters stops when the loss blows up")
    func descentNDDiverges() {
        let path = descend(
            loss: { $0[0] * $0[0] }, gradient: { [2 * $0[0]] }, from: [1], learningRate: 5,
            steps: 10_000)
        #expect(path.diverged)
        #expect(path.losses.allSatisfy { $0.isFinite })
    }
}

/// The learning-rate regimes against the exact theory for a bowl L = a·(w − w*)².
struct LearningRateTheoryTests {

    @Test("Measured behaviour matches the theory at every rate", arguments: [1.0, 5, 0.25])
    func regimesMatchTheory(curvature a: Double) {
        let curve = LossCurve.bowl(name: "test", curvature: a, center: 1, start: 3)
        let theory = BowlTheory(curvature: a)
        var checked = 0
        for i in 1...300 {
            let rate = 0.005 * Double(i) / a
            let trial = LearningRateTrial(
                curve, from: 3, learningRate: rate, budget: 2000, tolerance: 1e-6)
            #expect(
                theory.prediction(rate).agrees(with: trial.regime),
                "η = \(rate), a = \(a): \(trial.regime)")
            checked += 1
        }
        #expect(checked == 300)
    }

    @Test("The thresholds are 1/(2a) and 1/a", arguments: [1.0, 5, 0.25])
    func thresholds(curvature a: Double) {
        let theory = BowlTheory(curvature: a)
        #expect(theory.prediction(0.99 / (2 * a)) == .monotone)
        #expect(theory.prediction(1 / (2 * a)) == .oneStep)
        #expect(theory.prediction(1.01 / (2 * a)) == .oscillating)
        #expect(theory.prediction(0.99 / a) == .oscillating)
        #expect(theory.prediction(1.01 / a) == .divergent)
    }

    @Test(
        "The predicted step count equals the measured one",
        arguments: [0.05, 0.2, 0.45, 0.6, 0.9, 0.97])
    func stepCounts(rate: Double) {
        let theory = BowlTheory(curvature: 1)
        let trial = LearningRateTrial(
            .quadratic, from: 2, learningRate: rate, budget: 5000, tolerance: 1e-3)
        guard case .converged(let measured) = trial.outcome else {
            Issue.record("η = \(rate) did not converge")
            return
        }
        #expect(theory.stepsToConverge(rate, distance: 2, tolerance: 1e-3) == measured)
    }

    @Test("The default rates of lesson 4 are slow, fast, oscillating and divergent")
    func defaultRates() {
        let regimes = [0.05, 0.2, 0.9, 1.1].map {
            LearningRateTrial(.quadratic, from: 2, learningRate: $0, budget: 50, tolerance: 1e-3)
                .regime
        }
        #expect(regimes == [.slow, .fast, .oscillating, .divergent])
    }
}
