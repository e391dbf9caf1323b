import Backprop
import Foundation
import LessonKit
import Plotting

/// The charts of descents on a curve of one parameter, shared by lessons 3, 4 and 13: the loss
/// step by step, each walk drawn on the curve, the walks animated, and a sweep of many rates.
struct DescentCharts {
    let curve: LossCurve
    /// Each run with the name it goes by in the key and in panel titles ("η = 0.9").
    let runs: [(name: String, trial: LearningRateTrial)]
    /// The |w| at which a run is stopped and called divergent.
    let bound: Double

    init(curve: LossCurve, trials: [LearningRateTrial], bound: Double, names: [String]? = nil) {
        self.curve = curve
        self.runs = zip(names ?? trials.map { "η = \(Format.number($0.path.learningRate))" }, trials).map { ($0, $1) }
        self.bound = bound
    }

    /// Why a run stopped early, for the key: said only for runs that diverged.
    func stopped(_ trial: LearningRateTrial) -> String? {
        guard case .diverged(let step) = trial.outcome else { return nil }
        return "diverged: stopped at step \(step) when |w| passed \(Format.count(Int(bound)))"
    }

    /// The loss above the minimum it was heading for, step by step, on a log scale.
    func lossByStep() -> Chart {
        let series = runs.enumerated().map { index, run in
            Series(run.name, run.trial.path.steps.map { [Double($0.index), $0.loss - curve.value(run.trial.target)] },
                   look: .path, colour: .palette(index), stoppedBecause: stopped(run.trial))
        }
        // Zeros (a run that landed exactly on w*) go on a floor a decade below the smallest positive value.
        let smallest = series.flatMap(\.points).map { $0[1] }.filter { $0 > 0 }.min() ?? 1
        let floor = min(1e-12, pow(10, (log10(smallest)).rounded(.down) - 1))
        return .single("loss-by-step", title: "Loss above the minimum at every step, on \(curve.formula)",
                       Plot(x: Axis("step", wholeNumbers: true), y: .log("L(w) − L(w*)  (log scale)", floor: floor), series: series),
                       notes: ["Lesson: the loss above the minimum each run was heading for, step by step"])
    }

    /// The curve drawn once per run, with that run's first steps on it.
    func paths(shownSteps: Int = 40) -> Chart {
        .panels("paths", title: "Each run's path on \(curve.formula)", runs.enumerated().map { index, run in
            panel(run, index: index, title: "\(run.name): \(run.trial.regime.rawValue), \(run.trial.outcome.summary)", shownSteps: shownSteps)
        }, columns: runs.count == 1 ? 1 : 2, notes: ["The curve, then each run's path on it (its first \(shownSteps) steps)"])
    }

    /// One panel: the curve and a run's path on it, in the curve's own range.
    func panel(_ run: (name: String, trial: LearningRateTrial), index: Int, title: String, shownSteps: Int, reveal: Bool = false) -> Plot {
        let range = curve.plotRange
        let top = sample(range, count: 241).map(curve.value).max() ?? 1, bottom = curve.minima.map(curve.value).min() ?? 0
        return Plot(x: Axis("w", range: range), y: Axis("L(w)", range: (bottom - 0.05 * (top - bottom))...top),
                    series: [Series(nil, sample(range, count: 241).map { [$0, curve.value($0)] }, colour: .dark),
                             Series("path of w", run.trial.path.steps.prefix(shownSteps + 1).map { [$0.w, $0.loss] }, look: .path,
                                    colour: .palette(index), revealEvery: reveal ? 1 : nil, markHead: reveal)],
                    title: title, name: run.name)
    }

    /// Every run's walk side by side, one step more in each frame.
    func animated(_ name: String, _ settings: Animation) -> Chart {
        let last = runs.map { $0.trial.path.steps.count - 1 }.max() ?? 0
        return .animation(name, title: "Each run's walk on \(curve.formula)", runs.enumerated().map { index, run in
            panel(run, index: index, title: "\(run.name): \(run.trial.regime.rawValue)", shownSteps: last, reveal: true)
        }, columns: runs.count == 1 ? 1 : 2, steps: last, frames: settings.frames, delay: settings.delay,
           frameTitle: "Each run's walk on \(curve.formula): step %d", width: 900, panelHeight: 300)
    }

    /// Steps to converge for every rate of a sweep, over bands that name each regime.
    func sweep(_ sweep: LearningRateSweep, theory: BowlTheory?) -> Chart {
        let converged = sweep.trials.compactMap { trial -> [Double]? in
            guard case .converged(let step) = trial.outcome else { return nil }
            return [trial.path.learningRate, Double(step)]
        }
        let colours: [LearningRateRegime: Int] = [.slow: 0, .fast: 1, .oscillating: 2, .divergent: 3]
        var marks = sweep.regions.map { Mark.band($0.rates, $0.regime.rawValue, colour: colours[$0.regime] ?? 0) }
        marks.append(.level(Double(sweep.budget), "budget: \(Format.count(sweep.budget, "step"))"))
        if let theory {
            marks += [.threshold(theory.oscillationThreshold, "1/(2a)"), .threshold(theory.divergenceThreshold, "1/a")]
        }
        let top = sweep.trials.last?.path.learningRate ?? 1
        return .single("rate-sweep", title: "Steps to converge against the learning rate, on \(curve.formula)",
                       Plot(x: Axis("learning rate η", range: 0...(top + top / Double(max(sweep.trials.count, 1)) / 2)),
                            y: .log("steps until |w − w*| ≤ tolerance (log scale)", floor: 1),
                            series: [Series(nil, converged, look: .points)], marks: marks,
                            notes: ["Rates in the divergent band never converge, so they have no point."]),
                       notes: ["Steps to converge for \(sweep.trials.count) learning rates on \(curve.formula)"])
    }
}

/// `count` evenly spaced values across `range`, both ends included.
func sample(_ range: ClosedRange<Double>, count: Int) -> [Double] {
    (0..<count).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(count - 1) }
}

/// The contour map of `f` over a rectangle, sampled `samples` × `samples` times.
func contourMap(_ x: ClosedRange<Double>, _ y: ClosedRange<Double>, samples: Int, levels: [Double], title: String,
                _ f: (Double, Double) -> Double) -> ContourMap {
    ContourMap(grid: sample(x, count: samples).flatMap { u in sample(y, count: samples).map { [u, $0, f(u, $0)] } },
               samples: samples, levels: levels, title: title)
}

/// About `count` points of a long path: every one of the first 50, then evenly thinned, and the last.
func thinned(_ points: [[Double]], to count: Int = 400) -> [[Double]] {
    points.indices.filter { $0 < 50 || $0 % max(1, points.count / count) == 0 || $0 == points.count - 1 }.map { points[$0] }
}

/// What one update of w ← w − η·dL/dw does, for `--step`: where it stands, the slope, the nudge, where it lands.
func update(_ step: DescentStep, next: DescentStep, eta: Double) -> [String] {
    ["at w = \(Format.number(step.w, digits: 6)): L(w) = \(Format.number(step.loss, digits: 6)), slope dL/dw = \(Format.number(step.slope, digits: 6))",
            "nudge −η·dL/dw = −\(Format.number(eta)) × \(Format.number(step.slope, digits: 6)) = \(Format.number(step.change, digits: 6))",
            "new w = \(Format.number(next.w, digits: 6)), new L(w) = \(Format.number(next.loss, digits: 6))"]
}

/// `--step` over several rates side by side: update k shows, for every rate, where w stands, the slope,
/// the nudge −η·dL/dw and where w lands, so the rates can be compared at the same moment. Returns how
/// many updates were taken when the learner stopped early, nil when they went to the end.
func stepSideBySide(_ trials: [LearningRateTrial], bound: Double, stepper: Stepper) -> Int? {
    let longest = trials.map { $0.path.steps.count - 1 }.max() ?? 0
    for k in 0..<longest {
        var table = Table(["η", "w", "L(w)", "slope dL/dw", "nudge −η·dL/dw", "new w", "new L(w)"])
        var ended: [String] = []
        for trial in trials {
            let steps = trial.path.steps, eta = Format.number(trial.path.learningRate)
            guard k + 1 < steps.count else { ended.append("η = \(eta) stopped at step \(steps.count - 1): |w| passed \(Format.count(Int(bound)))"); continue }
            table.add([eta] + [steps[k].w, steps[k].loss, steps[k].slope, steps[k].change, steps[k + 1].w, steps[k + 1].loss].map { Format.number($0, digits: 5) })
        }
        guard stepper.show("step \(k + 1) of \(longest)", table.lines() + ended) else { return k }
    }
    return nil
}

/// `--step` on a path of (m, b), one mini-batch step at a time: where it stands, the gradient (from the
/// step itself, −Δ/η), the nudge, where it lands. Returns how many steps were taken when the learner
/// stopped early, nil when they went to the end (or did not step).
func walk(_ path: [[Double]], eta: Double, on data: LineFitData, stepper: Stepper?) -> Int? {
    guard let stepper else { return nil }
    for k in path.indices.dropLast() {
        let (here, next) = (path[k], path[k + 1]), nudge = [next[0] - here[0], next[1] - here[1]]
        func pair(_ p: [Double]) -> String { "(\(Format.number(p[0], digits: 5)), \(Format.number(p[1], digits: 5)))" }
        guard stepper.show("mini-batch step \(k + 1) of \(path.count - 1)", [
            "at (m, b) = \(pair(here)): the cost of all \(data.x.count) points is \(Format.number(data.cost(m: here[0], b: here[1]), digits: 5))",
            "this mini-batch's gradient (∂C/∂m, ∂C/∂b) = \(pair(nudge.map { -$0 / eta })); nudge −η·∇C = \(pair(nudge))",
            "new (m, b) = \(pair(next)), new cost \(Format.number(data.cost(m: next[0], b: next[1]), digits: 5))",
        ]) else { return k }
    }
    return nil
}
