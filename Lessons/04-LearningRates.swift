import ArgumentParser
import Backprop
import LessonKit
import Plotting

/// Lesson 4: the same valley, several learning rates.
/// CampusX, "Backpropagation Part 3", the learning-rate demo: small is slow but precise,
/// large is fast but overshoots, oscillates, and may never settle.
struct LearningRates: Lesson {
    static let info = LessonInfo(
        number: 4, slug: "learning-rates", title: "Learning-rate comparison", video: .campusX,
        segment: "the learning-rate demo",
        summary: "Slow, good, oscillating and divergent rates on one curve, measured against the exact theory.")

    @OptionGroup var common: LessonOptions

    @Option(parsing: .unconditional, help: "Learning rates to compare, comma-separated.")
    var rates = NumberList([0.05, 0.2, 0.9, 1.1])

    @Option(help: curveHelp)
    var curve: LossCurve = .quadratic

    @Option(parsing: .unconditional, help: startHelp)
    var start: Double?

    @Option(help: "The step budget: a rate that has not converged by then is called slow.")
    var steps = 50

    @Option(help: "Converged means |w − w*| ≤ this.")
    var tolerance = 1e-3

    @OptionGroup var animation: AnimationOptions

    /// A descent that runs past |w| = 1000 is stopped and called divergent.
    static let divergenceBound = 1e3

    func validate() throws {
        try rates.values.forEach { try Check.positive($0, "each rate in --rates") }
        try Check.count(rates.values.count, "the number of rates in --rates", in: 1...8)
        if let start { try Check.finite(start, "--start") }
        try Check.count(steps, "--steps", in: 1...10_000)
        try Check.positive(tolerance, "--tolerance")
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        let w0 = start ?? curve.defaultStart
        let theory = curve.bowlCurvature.map(BowlTheory.init)
        say.video("the learning-rate demo",
            "The learning rate η sets the length of every step. Too small and training is slow but precise; "
            + "too large and each step overshoots the minimum, so w jumps from side to side; larger still "
            + "and it never settles at all.")
        say.compute(
            "Descent on \(curve.formula) from w = \(Format.number(w0)) with η = \(Format.list(rates.values)), "
            + "\(steps) steps each. Converged means |w − w*| ≤ \(Format.number(tolerance)); oscillated means "
            + "w − w* changed sign; a descent that ends further from w* than it began has diverged.")

        let trials = rates.values.map {
            LearningRateTrial(curve, from: w0, learningRate: $0, budget: steps, tolerance: tolerance,
                              divergenceBound: Self.divergenceBound)
        }
        var table = Table(["η", "result", "final w", "final L", "oscillated", "regime"] + (theory == nil ? [] : ["theory", "agrees"]),
                          leftAligned: [1, 4, 5, 6, 7])
        for trial in trials {
            var row = [Format.number(trial.path.learningRate), describe(trial.outcome),
                       Format.number(trial.path.final.w, digits: 5), Format.number(trial.path.final.loss, digits: 4),
                       trial.oscillated ? "yes" : "no", trial.regime.rawValue]
            if let theory {
                let prediction = theory.prediction(trial.path.learningRate)
                row += [prediction.rawValue, prediction.agrees(with: trial.regime) ? "yes" : "NO"]
            }
            table.add(row)
        }
        say.results("\(trials.count) learning rates on \(curve.formula)", table)

        let sweep = Sweep(curve: curve, start: w0, budget: steps, tolerance: tolerance, theory: theory, rates: rates.values)
        if let theory {
            say.results("The theory for a bowl L = a·(w − w*)², here a = \(Format.number(theory.curvature))", lines: [
                "Each step multiplies w − w* by (1 − 2aη). Monotone for η < 1/(2a) = \(Format.number(theory.oscillationThreshold)); "
                + "oscillating but converging for \(Format.number(theory.oscillationThreshold)) < η < \(Format.number(theory.divergenceThreshold)) = 1/a; "
                + "diverging for η > 1/a.",
                "Measured over \(sweep.trials.count) rates from \(Format.number(sweep.trials[0].path.learningRate)) to "
                + "\(Format.number(sweep.trials.last!.path.learningRate)): the behaviour matched the theory for \(sweep.agreements) of them.",
            ])
        }

        try lesson.draw([lossChart(trials), pathsChart(trials), sweep.chart(curve: curve)]
                        + (animation.animation.map { [animatedChart(trials, $0)] } ?? []), live: animation.live)

        let (oscillates, diverges) = theory.map {
            ("η > 1/(2a) = \(Format.number($0.oscillationThreshold))", "η > 1/a = \(Format.number($0.divergenceThreshold))")
        } ?? ("a large rate", "a rate larger still")
        say.notice(
            "A small rate walks straight down but may still be far off when the budget runs out: slow but steady.",
            "With \(oscillates) every step lands on the other side of the valley; the zig-zag still shrinks while the rate is below the divergence threshold.",
            "With \(diverges) each jump is longer than the last: the loss climbs instead of falling, and no number of epochs helps.")
        say.tryThis(
            (command: "\(Self.info.command) --rates 0.45,0.5,0.55", why: "Either side of 1/(2a) = 0.5, and exactly on it: one step to the bottom."),
            (command: "\(Self.info.command) --rates 0.99,1,1.01 --steps 200", why: "Right at 1/a = 1 the jumps neither grow nor shrink."),
            (command: "\(Self.info.command) --curve steep", why: "Five times the curvature: every threshold is five times lower."))
    }

    func describe(_ outcome: DescentOutcome) -> String {
        switch outcome {
        case .converged(let step): return "converged in \(step) steps"
        case .diverged(let step): return "diverged at step \(step)"
        case .notConverged(let steps): return "not converged after \(steps)"
        }
    }

    /// The loss above its minimum against the step, every rate on one log-scale chart.
    func lossChart(_ trials: [LearningRateTrial]) -> Chart {
        var data = DataFile(columns: ["step", "L(w) - L(w*)", "w"], notes: ["Lesson 4: loss above the minimum, for each learning rate, on \(curve.formula)"])
        for trial in trials {
            let floor = curve.value(trial.target)
            // A log scale cannot show zero: a rate that hit the minimum exactly ends its line there.
            data.add("η = \(trial.path.learningRate)", rows: trial.path.steps.map { [Double($0.index), $0.loss - floor, $0.w] }.filter { $0[1] > 0 })
        }
        data.add("where a divergent rate was stopped", rows: trials.filter { $0.regime == .divergent }.map {
            [Double($0.path.final.index), $0.path.final.loss - curve.value($0.target), $0.path.learningRate]
        })
        var chart = Chart(name: "loss-by-step", title: "Loss above the minimum at every step, for each learning rate", data: data, commands: [])
        let plots = trials.indices.map { chart.series($0, using: "1:2", style: "linespoints ls \(paletteStyle($0)) ps 0.5", title: "η = \(Format.number(trials[$0].path.learningRate))") }
        chart.commands = [
            "set xlabel \"step\"", "set ylabel \"L(w) − L(w*)  (log scale)\"",
            "set logscale y", "set format y \"1e%L\"", "set yrange [1e-12:*]", "set xrange [0:\(steps)]",
            "set key outside right top",
            "plot " + (plots + [chart.series(trials.count, using: "1:2:(sprintf(\"η = %g diverged\", $3))", style: "labels left offset 0.5,0.5 font \",10\"")])
                .joined(separator: ", \\\n     "),
        ]
        return chart
    }

    /// Every rate's walk, side by side, one step more in each frame: the oscillating one bounces
    /// across the valley, the divergent one flies off.
    func animatedChart(_ trials: [LearningRateTrial], _ settings: Animation) -> Chart {
        var data = DataFile(columns: ["w", "L(w)"], notes: ["Lesson 4: the curve, then each rate's path on it, step by step"])
        let range = curve.plotRange
        let curvePoints = sample(range, count: 241).map { [$0, curve.value($0)] }
        data.add("the curve \(curve.formula)", rows: curvePoints)
        for trial in trials { data.add("η = \(trial.path.learningRate)", rows: trial.path.steps.map { [$0.w, $0.loss] }) }
        let last = trials.map { $0.path.steps.count - 1 }.max() ?? 0, frames = min(settings.frames, last + 1)
        let columns = trials.count == 1 ? 1 : 2, rows = (trials.count + columns - 1) / columns
        var chart = Chart(name: "learning-rates-animation", title: "Each learning rate's walk on \(curve.formula)", data: data,
                          width: 900, height: 300 * rows + 60, commands: [])
        chart.animation = Animation(frames: frames, delay: settings.delay)
        let top = curvePoints.map { $0[1] }.max() ?? 1
        chart.commands = [
            "unset title", "set key top center", "set xrange [\(range.lowerBound):\(range.upperBound)]", "set yrange [0:\(formatForData(top))]",
            "set xlabel \"w\"", "set ylabel \"L(w)\"", "steps = \(last)",
            "do for [frame = 0:\(frames - 1)] {",
            "    k = \(frames > 1 ? "int(frame * steps / \(frames - 1))" : "steps")    # the step this frame shows",
            "    set multiplot layout \(rows),\(columns) title sprintf(\"Each learning rate's walk on \(curve.formula): step %d\", k) font \",14\"",
        ]
        for (index, trial) in trials.enumerated() {
            chart.commands += [
                "    set title \(gnuplotQuoted("η = \(Format.number(trial.path.learningRate)): \(trial.regime.rawValue)")) font \",12\"",
                "    j = (k < \(trial.path.steps.count - 1) ? k : \(trial.path.steps.count - 1))    # a run that stopped early stays where it stopped",
                "    plot " + chart.series(0, using: "1:2", style: "lines ls 9") + ", \\",
                "         " + chart.series(index + 1, using: "1:2", style: "linespoints ls \(paletteStyle(index)) pt 7 ps 0.6", title: "path of w")
                    .replacingOccurrences(of: " using", with: " every ::0::j using") + ", \\",
                "         " + chart.series(index + 1, using: "1:2", style: "points ls 7 pt 7 ps 1.8").replacingOccurrences(of: " using", with: " every ::j::j using"),
            ]
        }
        chart.commands += ["    unset multiplot", "}"]
        return chart
    }

    /// One small panel per rate: the path of w drawn on the curve, so the zig-zag shows.
    func pathsChart(_ trials: [LearningRateTrial]) -> Chart {
        var data = DataFile(columns: ["w", "L(w)"], notes: ["Lesson 4: the curve, then each rate's path on it (up to 40 steps)"])
        let range = curve.plotRange
        data.add("the curve \(curve.formula)", rows: sample(range, count: 241).map { [$0, curve.value($0)] })
        for trial in trials {
            let shown = trial.path.steps.prefix(41).filter { range.contains($0.w) }
            data.add("η = \(trial.path.learningRate)", rows: shown.map { [$0.w, $0.loss] })
        }
        let columns = trials.count == 1 ? 1 : 2
        let rows = (trials.count + columns - 1) / columns
        var chart = Chart(name: "paths", title: "Each learning rate's path on \(curve.formula)", data: data,
                          width: 1000, height: 360 * rows + 60, commands: [])
        chart.commands = [
            "set multiplot layout \(rows),\(columns) title \(gnuplotQuoted(chart.title)) font \",14\"",
            "unset title", "set key top center", "set xrange [\(range.lowerBound):\(range.upperBound)]",
            "set xlabel \"w\"", "set ylabel \"L(w)\"",
        ]
        for (index, trial) in trials.enumerated() {
            chart.commands += [
                "set title \(gnuplotQuoted("η = \(Format.number(trial.path.learningRate)): \(trial.regime.rawValue), \(describe(trial.outcome))")) font \",12\"",
                "plot " + chart.series(0, using: "1:2", style: "lines ls 9", title: nil) + ", \\",
                "     " + chart.series(index + 1, using: "1:2", style: "linespoints ls \(paletteStyle(index)) pt 7 ps 0.6", title: "path of w"),
            ]
        }
        chart.commands.append("unset multiplot")
        return chart
    }
}
