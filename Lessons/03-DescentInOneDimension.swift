import ArgumentParser
import Backprop
import LessonKit
import Plotting

/// Lesson 3: w ← w − η·dL/dw, one step at a time, on a curve you can see.
/// CampusX, "Backpropagation Part 3": the update rule, and how the slope's sign picks the direction.
struct DescentInOneDimension: Lesson {
    static let info = LessonInfo(
        number: 3, slug: "descent-1d", title: "Gradient descent in one dimension", video: .campusX,
        segment: "the update rule w ← w − η·∂L/∂w",
        summary: "Step by step down a curve: the slope's sign picks the direction, its size the step.")

    @OptionGroup var common: LessonOptions
    @Option(help: curveHelp)
    var curve: LossCurve = .quadratic
    @Option(parsing: .unconditional, help: startHelp)
    var start: Double?
    @Option(help: "Learning rate η: the step is η times the slope.")
    var lr = 0.1
    @Option(help: "Number of steps.")
    var steps = 20
    @OptionGroup var animation: AnimationOptions

    /// A descent whose |w| runs past this bound is stopped and called divergent.
    static let divergenceBound = 1e6

    static let suggestions = [
        Suggestion(["--curve", "double-well", "--start", "-0.2"], "Start just left of the hump: the other, deeper valley."),
        Suggestion(["--curve", "plateau", "--lr", "0.5", "--steps", "60"], "Watch descent crawl off a nearly flat shoulder."),
        Suggestion(["--lr", "0.9"], "Too long a step: it jumps across the valley every time (more in lesson 4)."),
    ]

    func validate() throws {
        if let start { try Check.within(start, "--start", -1e5...1e5) }
        try Check.positive(lr, "--lr"); try Check.atMost(lr, "--lr", 1e6)
        try Check.count(steps, "--steps", in: 1...100_000)
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say, w0 = start ?? curve.defaultStart
        say.video("the update rule",
            "To lower the loss, change w against its slope: w ← w − η·dL/dw. The sign of the slope picks "
            + "the direction (a positive slope means the loss rises to the right, so we step left) and the "
            + "learning rate η, a small positive number, scales the step.")
        say.compute("\(Format.count(steps, "step")) of gradient descent on \(curve.formula), \(curve.about), from w = "
            + "\(Format.number(w0)) with η = \(Format.number(lr)). A run whose |w| passes "
            + "\(Format.count(Int(Self.divergenceBound))) is stopped and called divergent.")

        let questions = ["About how many steps until w is within 0.001 of the minimum? (a number, or never if not within \(steps))", "Will w ever jump across the minimum? (yes or no)"]
        let answers = try lesson.ask(questions)
        let run = { (budget: Int) in LearningRateTrial(self.curve, from: w0, learningRate: self.lr, budget: budget, tolerance: 1e-3, divergenceBound: Self.divergenceBound) }
        // --step: one update at a time; stopped after k of them, the lesson goes on with those k.
        let stopped = lesson.stepper.flatMap { stepper in
            let all = run(steps).path.steps
            return all.dropLast().firstIndex { !stepper.show("step \($0.index + 1) of \(all.count - 1)", update($0, next: all[$0.index + 1], eta: lr)) }
        }
        let trial = lesson.keep(run(stopped ?? steps)), path = trial.path
        var table = Table(["step", "w", "L(w)", "dL/dw", "change −η·dL/dw"])
        // A long run shows its first 20 and last 4 steps, with a gap between them.
        let all = path.steps.map { Optional($0) }
        let shown = all.count > 26 ? Array(all.prefix(20)) + [nil] + Array(all.suffix(4)) : all
        for step in shown {
            guard let step else { table.add(["…", "", "", "", ""]); continue }
            table.add([String(step.index), Format.number(step.w, digits: 6), Format.number(step.loss, digits: 6),
                       Format.number(step.slope, digits: 4), Format.number(step.change, digits: 4)])
        }
        say.results("The descent", table)
        say.results("Where it ended", lines: trial.endSentences(curve))

        let charts = DescentCharts(curve: curve, trials: [trial], bound: Self.divergenceBound, names: ["η = \(Format.number(lr))"])
        try lesson.draw([pathChart(path), progressChart(trial)] + (animation.animation.map { [charts.animated("descent-animation", $0)] } ?? []),
                        live: animation.live)
        if let answers {
            lesson.reveal([.count(questions[0], answers[0], actual: path.firstStep(within: 1e-3, of: trial.target), unit: "step"),
                           .yesNo(questions[1], answers[1], actual: trial.oscillated, why: trial.oscillated ? "It did: a step was longer than the distance to w*." : "It did not: every step stopped short of w*.")])
        }
        say.notice(
            "The rule makes every change the opposite sign of the slope: where dL/dw is positive the step goes left, where it is negative, right.",
            trial.stepSizeSentence)
        lesson.suggest(Self.suggestions)
    }

    /// The curve with the descent's steps drawn on it as arrows, in the curve's range widened to
    /// what the descent visited (a runaway only so far: the chart counts what it leaves out).
    func pathChart(_ path: DescentPath) -> Chart {
        let width = curve.plotRange.upperBound - curve.plotRange.lowerBound
        let visited = path.steps.map(\.w).filter { abs($0) < 2 * width }
        let range = min(curve.plotRange.lowerBound, (visited.min() ?? 0) - 0.3)...max(curve.plotRange.upperBound, (visited.max() ?? 0) + 0.3)
        let curvePoints = sample(range, count: 301).map { [$0, curve.value($0)] }
        let low = curvePoints.map { $0[1] }.min() ?? 0, high = curvePoints.map { $0[1] }.max() ?? 1
        let moves = zip(path.steps, path.steps.dropFirst()).map { [$0.w, $0.loss, $1.w - $0.w, $1.loss - $0.loss] }
        return .single("path-on-curve", title: "Descent on \(curve.formula) from w = \(Format.number(path.steps[0].w)), η = \(Format.number(lr))",
                       Plot(x: Axis("w", range: range), y: Axis("L(w)", range: (low - 0.05 * (high - low))...(high + 0.05 * (high - low))),
                            series: [Series(curve.formula, curvePoints),
                                     Series("one step: w ← w − η·dL/dw", moves, look: .arrows(scale: 1), colour: .palette(1)),
                                     Series("start and end", [path.steps[0], path.final].map { [$0.w, $0.loss] }, look: .markers, colour: .dark)]),
                       notes: ["Lesson 3: gradient descent on \(curve.formula), η = \(lr)"])
    }

    /// The loss and w against the step number, one above the other.
    func progressChart(_ trial: LearningRateTrial) -> Chart {
        let steps = trial.path.steps, stopped = trial.path.diverged ? "stopped when |w| passed \(Format.count(Int(Self.divergenceBound)))" : nil
        return .panels("progress", title: "Descent on \(curve.formula), η = \(Format.number(lr)): the loss and w at every step", [
            Plot(x: Axis("step", wholeNumbers: true), y: Axis("L(w)"),
                 series: [Series("loss L(w)", steps.map { [Double($0.index), $0.loss] }, look: .path, stoppedBecause: stopped)]),
            Plot(x: Axis("step", wholeNumbers: true), y: Axis("w"),
                 series: [Series("w", steps.map { [Double($0.index), $0.w] }, look: .path, colour: .palette(1), stoppedBecause: stopped)],
                 marks: [.level(trial.target, "the minimum it ended nearest, w* = \(Format.number(trial.target))")]),
        ], columns: 1, notes: ["Lesson 3: the descent step by step, η = \(lr)"], width: 900, panelHeight: 320)
    }
}

extension LearningRateTrial {
    /// Where this descent ended, and which valley that is.
    func endSentences(_ curve: LossCurve) -> [String] {
        if case .diverged(let step) = outcome {
            return ["Diverged: |w| passed \(Format.count(Int(DescentInOneDimension.divergenceBound))) at step \(step), where the run was stopped. Try a smaller --lr."]
        }
        let final = path.final
        var lines = ["Ended at w = \(Format.number(final.w, digits: 6)), L = \(Format.number(final.loss, digits: 6)), "
            + "\(Format.number(abs(final.w - target), digits: 3)) away from the minimum at w* = \(Format.number(target, digits: 6))."]
        if regime == .divergent {
            lines.append("That is further from w* than the start: each step overshot by more than the last.")
        } else if curve.minima.count > 1, let deepest = curve.minima.min(by: { curve.value($0) < curve.value($1) }) {
            lines.append(target == deepest
                ? "That is the deeper valley, L = \(Format.number(curve.value(deepest)))."
                : "That is not the deepest valley: L = \(Format.number(curve.value(target))) here, but L = \(Format.number(curve.value(deepest))) at w = \(Format.number(deepest)). Descent only sees the local slope.")
        }
        return lines
    }

    /// How the step lengths changed over this run, said as it happened.
    var stepSizeSentence: String {
        let sizes = path.steps.dropLast().map { abs($0.change) }
        guard let first = sizes.first, let last = sizes.last, sizes.count > 1,
              let largest = sizes.indices.max(by: { sizes[$0] < sizes[$1] }) else { return "" }
        let (a, b, c) = (Format.number(first, digits: 3), Format.number(last, digits: 3), Format.number(sizes[largest], digits: 3))
        let sides = zip(path.steps, path.steps.dropFirst()).filter { ($0.w - target) * ($1.w - target) < 0 }.count
        if zip(sizes, sizes.dropFirst()).allSatisfy({ $1 <= $0 }) {
            return "The steps shrank from \(a) to \(b) with η unchanged: the slope flattens as w nears the minimum."
                + (sides > 0 ? " They were too long to stop there, though: w jumped across the minimum \(Format.count(sides, "time")) (lesson 4)." : "")
        }
        if zip(sizes, sizes.dropFirst()).allSatisfy({ $1 >= $0 }) {
            return "The steps grew from \(a) to \(b) with η unchanged: each step landed where the curve is steeper than where it left."
        }
        return "The steps grew from \(a) to a largest \(c) at step \(largest), then ended at \(b): the slope is gentle on flat "
            + "ground, steep on a wall, and zero at the bottom, and the step follows it."
    }
}
