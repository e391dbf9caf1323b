import Backprop
import Claims
import Experiments
import Foundation
import Plotting

/// The figures of descents on a curve of one parameter, shared by lessons 3, 4 and 14: a walk
/// drawn on its curve, the loss step by step, each run's path in a panel of its own, the walks
/// animated, and a sweep of many learning rates over bands that name each regime.
extension CurveDescentResult {
    /// The words for a run that ran away, for the key: said only for runs that diverged.
    func stopped(_ index: Int) -> String? {
        guard runs[index].path.diverged else { return nil }
        return outcome(index).shortLabel
    }

    /// One run's walk on its curve, each step an arrow of true length, in the curve's range
    /// widened to what the walk visited (a runaway only so far: the chart counts what it leaves
    /// out).
    public func pathOnCurve(_ index: Int = 0) -> Chart {
        let path = runs[index].path
        let plotRange = curve.plotRange
        let width = plotRange.upperBound - plotRange.lowerBound
        let visited = path.steps.map(\.w).filter { abs($0) < 2 * width }
        let low = min(plotRange.lowerBound, (visited.min() ?? 0) - 0.3)
        let high = max(plotRange.upperBound, (visited.max() ?? 0) + 0.3)
        let curvePoints = sample(low...high, count: 301).map { [$0, curve.value($0)] }
        let losses = curvePoints.map { $0[1] }
        let bottom = losses.min() ?? 0
        let top = losses.max() ?? 1
        let margin = 0.05 * (top - bottom)
        let moves = zip(path.steps, path.steps.dropFirst()).map {
            [$0.w, $0.loss, $1.w - $0.w, $1.loss - $0.loss]
        }
        let ends = [path.steps[0], path.final].map { [$0.w, $0.loss] }
        let plot = Plot(
            x: Axis("w", range: low...high),
            y: Axis("L(w)", range: (bottom - margin)...(top + margin)),
            series: [
                Series(curve.formula, curvePoints),
                Series(stepRule(index), moves, look: .arrows(scale: 1), colour: .palette(1)),
                Series("start and end", ends, look: .markers, colour: .dark),
            ])
        return .single(
            "path-on-curve",
            title: "Descent on \(curve.formula) from w = \(Format.number(experiment.start)), "
                + runs[index].settingLabel,
            plot, notes: ["Gradient descent on \(curve.formula), \(runs[index].settingLabel)"])
    }

    /// The update a run follows, for the key.
    func stepRule(_ index: Int) -> String {
        runs[index].path.momentum == nil ? "one step: w ← w − η·dL/dw" : "one step: w ← w + v"
    }

    /// One run's loss and w against the step number, one above the other.
    public func progress(_ index: Int = 0) -> Chart {
        let run = runs[index]
        let steps = run.path.steps
        let loss = Series(
            "loss L(w)", steps.map { [Double($0.index), $0.loss] }, look: .path,
            stoppedBecause: stopped(index))
        let w = Series(
            "w", steps.map { [Double($0.index), $0.w] }, look: .path, colour: .palette(1),
            stoppedBecause: stopped(index))
        let minimum = Mark.level(
            run.target, "the minimum it ended nearest, w* = \(Format.number(run.target))")
        return .panels(
            "progress",
            title: "Descent on \(curve.formula), \(run.settingLabel): the loss and w at every step",
            [
                Plot(x: Axis("step", wholeNumbers: true), y: Axis("L(w)"), series: [loss]),
                Plot(
                    x: Axis("step", wholeNumbers: true), y: Axis("w"), series: [w], marks: [minimum]
                ),
            ], columns: 1, notes: ["The descent step by step, \(run.settingLabel)"], width: 900,
            panelHeight: 320)
    }

    /// The loss above the minimum each run was heading for, step by step, on a log scale.
    public func lossByStep() -> Chart {
        let series = runs.indices.map { index in
            let run = runs[index]
            let floorOfRun = curve.value(run.target)
            return Series(
                label(index), run.path.steps.map { [Double($0.index), $0.loss - floorOfRun] },
                look: .path, colour: .palette(index), stoppedBecause: stopped(index))
        }
        // Zeros (a run that landed exactly on w*) go on a floor a decade below the smallest value.
        let smallest = series.flatMap(\.points).map { $0[1] }.filter { $0 > 0 }.min() ?? 1
        let floor = min(1e-12, pow(10, log10(smallest).rounded(.down) - 1))
        return .single(
            "loss-by-step", title: "Loss above the minimum at every step, on \(curve.formula)",
            Plot(
                x: Axis("step", wholeNumbers: true),
                y: .log("L(w) − L(w*)  (log scale)", floor: floor), series: series),
            notes: ["The loss above the minimum each run was heading for, step by step"])
    }

    /// The curve drawn once per run, with that run's first `shownSteps` steps on it.
    public func pathsOnCurve(shownSteps: Int = 40) -> Chart {
        let panels = runs.indices.map { index in
            panel(index, title: "\(label(index)): \(summary(index))", shownSteps: shownSteps)
        }
        return .panels(
            "paths", title: "Each run's path on \(curve.formula)", panels,
            columns: runs.count == 1 ? 1 : 2,
            notes: ["The curve, then each run's path on it (its first \(shownSteps) steps)"])
    }

    /// A few words on how run `index` went, for a panel title: its outcome.
    public func summary(_ index: Int) -> String {
        switch outcome(index) {
        case .passedBound(_, let step, _, _), .blewUp(_, let step):
            return "diverged at step \(step)"
        case let other: return other.shortLabel
        }
    }

    /// One panel: the curve and a run's path on it, in the curve's own range.
    func panel(_ index: Int, title: String, shownSteps: Int, reveal: Bool = false) -> Plot {
        let range = curve.plotRange
        let curvePoints = sample(range, count: 241).map { [$0, curve.value($0)] }
        let top = curvePoints.map { $0[1] }.max() ?? 1
        let bottom = curve.minima.map(curve.value).min() ?? 0
        let walk = runs[index].path.steps.prefix(shownSteps + 1).map { [$0.w, $0.loss] }
        return Plot(
            x: Axis("w", range: range),
            y: Axis("L(w)", range: (bottom - 0.05 * (top - bottom))...top),
            series: [
                Series(nil, curvePoints, colour: .dark),
                Series(
                    "path of w", walk, look: .path, colour: .palette(index),
                    revealEvery: reveal ? 1 : nil, markHead: reveal),
            ],
            title: title, name: label(index))
    }

    /// Every run's walk side by side, one step more in each frame.
    public func walks(_ name: String, _ settings: Animation) -> Chart {
        let last = runs.map { $0.path.steps.count - 1 }.max() ?? 0
        let panels = runs.indices.map { index in
            panel(index, title: label(index), shownSteps: last, reveal: true)
        }
        return .animation(
            name, title: "Each run's walk on \(curve.formula)", panels,
            columns: runs.count == 1 ? 1 : 2, steps: last, frames: settings.frames,
            delay: settings.delay, frameTitle: "Each run's walk on \(curve.formula): step %d",
            width: 900, panelHeight: 300)
    }
}

extension LearningRateTrial {
    /// "η = 0.1" for plain descent, "η = 0.1, β = 0.9" for the heavy ball.
    public var settingLabel: String {
        let eta = "η = \(Format.number(path.learningRate))"
        return path.momentum.map { "\(eta), β = \(Format.number($0))" } ?? eta
    }
}

extension DescentClaim {
    /// An outcome claim in a few words, for a key or a panel title: "converged at step 15".
    public var shortLabel: String {
        switch self {
        case .converged(_, let step, _, _): return "converged at step \(step)"
        case .landedExactly(_, let step, _): return "landed on w* at step \(step)"
        case .stillAway(_, let steps, _, _, _, _):
            return "not converged after \(Format.count(steps, "step"))"
        case .passedBound(_, let step, let bound, _):
            return "diverged: stopped at step \(step) when |w| passed \(Format.bound(bound))"
        case .blewUp(_, let step): return "diverged: stopped at step \(step), the next was infinite"
        case .endedFarther: return "ended farther from w* than it began"
        case .endedAsFar: return "ended as far from w* as it began"
        default: return sentence(subject: subject)
        }
    }
}

extension LearningRateSweep {
    /// Steps to converge for every rate of the sweep, over bands that name each regime.
    public func figure(on curve: LossCurve, theory: BowlTheory?) -> Chart {
        let converged = trials.compactMap { trial -> [Double]? in
            guard case .converged(let step) = trial.outcome else { return nil }
            return [trial.path.learningRate, Double(step)]
        }
        let colours: [LearningRateRegime: Int] = [
            .slow: 0, .fast: 1, .oscillating: 2, .divergent: 3,
        ]
        var marks = regions.map {
            Mark.band($0.rates, $0.regime.rawValue, colour: colours[$0.regime] ?? 0)
        }
        marks.append(.level(Double(budget), "budget: \(Format.count(budget, "step"))"))
        if let theory {
            marks.append(.threshold(theory.oscillationThreshold, "1/(2a)"))
            marks.append(.threshold(theory.divergenceThreshold, "1/a"))
        }
        let top = trials.last?.path.learningRate ?? 1
        let margin = top / Double(max(trials.count, 1)) / 2
        let plot = Plot(
            x: Axis("learning rate η", range: 0...(top + margin)),
            y: .log("steps until |w − w*| ≤ tolerance (log scale)", floor: 1),
            series: [Series(nil, converged, look: .points)], marks: marks,
            notes: ["Rates in the divergent band never converge, so they have no point."])
        return .single(
            "rate-sweep", title: "Steps to converge against the learning rate, on \(curve.formula)",
            plot,
            notes: ["Steps to converge for \(trials.count) learning rates on \(curve.formula)"])
    }
}
