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

    func validate() throws {
        if let start { try Check.finite(start, "--start") }
        try Check.positive(lr, "--lr")
        try Check.count(steps, "--steps", in: 1...100_000)
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        let w0 = start ?? curve.defaultStart
        say.video("the update rule",
            "To lower the loss, change w against its slope: w ← w − η·dL/dw. The sign of the slope picks "
            + "the direction (a positive slope means the loss rises to the right, so we step left) and the "
            + "learning rate η scales the step.")
        say.compute(
            "\(steps) steps of gradient descent on \(curve.formula), \(curve.about), from w = "
            + "\(Format.number(w0)) with η = \(Format.number(lr)).")

        let path = descend(curve, from: w0, learningRate: lr, steps: steps)
        var table = Table(["step", "w", "L(w)", "dL/dw", "change −η·dL/dw"])
        // A long run shows its first 20 and last 4 steps, with a gap (nil) between them.
        let all = path.steps.map { Optional($0) }
        let shown = all.count > 26 ? Array(all.prefix(20)) + [nil] + Array(all.suffix(4)) : all
        for step in shown {
            guard let step else { table.add(["…", "", "", "", ""]); continue }
            table.add([String(step.index), Format.number(step.w, digits: 6), Format.number(step.loss, digits: 6),
                       Format.number(step.slope, digits: 4), Format.number(step.change, digits: 4)])
        }
        say.results("The descent", table)

        let target = curve.nearestMinimum(to: path.final.w)
        var summary = [
            "Ended at w = \(Format.number(path.final.w, digits: 6)), L = \(Format.number(path.final.loss, digits: 6)), "
            + "\(Format.number(abs(path.final.w - target), digits: 3)) away from the minimum at w* = \(Format.number(target, digits: 6)).",
        ]
        if path.diverged { summary = ["Diverged at step \(path.final.index): w ran past ±10⁶. Try a smaller --lr."] }
        if curve.minima.count > 1, let deepest = curve.minima.min(by: { curve.value($0) < curve.value($1) }), !path.diverged {
            summary.append(abs(target - deepest) < 1e-9
                ? "That is the deepest valley, L = \(Format.number(curve.value(deepest)))."
                : "That is not the deepest valley: L = \(Format.number(curve.value(target))) here, but L = \(Format.number(curve.value(deepest))) at w = \(Format.number(deepest)).")
        }
        say.results("Where it ended", lines: summary)

        try lesson.draw([pathChart(path), progressChart(path, target: target)] + (animation.animation.map { [animatedChart(path, $0)] } ?? []), live: animation.live)

        say.notice(
            "Where dL/dw is positive the change is negative, and the other way round: the sign of the slope picks the direction.",
            "The steps shrink on their own as the slope flattens near the minimum, with η unchanged.",
            curve.minima.count > 1
                ? "Descent only sees the local slope, so the valley you start above is the valley you end in."
                : "On \(curve.name == "plateau" ? "the flat shoulders" : "a steep wall") the slope is \(curve.name == "plateau" ? "tiny, so the steps are too" : "large, so the first steps are long").")
        say.tryThis(
            (command: "\(Self.info.command) --curve double-well --start -0.2", why: "Start just left of the hump: the other, deeper valley."),
            (command: "\(Self.info.command) --curve plateau --lr 0.5 --steps 60", why: "Watch descent crawl off a nearly flat shoulder."),
            (command: "\(Self.info.command) --lr 0.9", why: "Too long a step: it jumps across the valley every time (more in lesson 4).")
        )
    }

    /// The curve with the descent's steps drawn on it as arrows.
    func pathChart(_ path: DescentPath) -> Chart {
        var data = DataFile(columns: ["w", "L(w)", "step to next w", "change of L"],
                            notes: ["Lesson 3: gradient descent on \(curve.formula), η = \(lr)"])
        let range = drawingRange(path)
        data.add("the curve", rows: sample(range, count: 301).map { [$0, curve.value($0), 0, 0] })
        data.add("the steps", rows: zip(path.steps, path.steps.dropFirst()).map { here, next in
            [here.w, here.loss, next.w - here.w, next.loss - here.loss]
        })
        data.add("the start and the end", rows: [path.steps[0], path.final].map { [$0.w, $0.loss, 0, 0] })
        var chart = Chart(name: "path-on-curve",
                          title: "Descent on \(curve.formula) from w = \(Format.number(path.steps[0].w)), η = \(Format.number(lr))",
                          data: data, commands: [])
        chart.commands = [
            "set xlabel \"w\"", "set ylabel \"L(w)\"", "set key top center",
            "set xrange [\(range.lowerBound):\(range.upperBound)]",
            "plot " + chart.series(0, using: "1:2", style: "lines ls 1", title: curve.formula) + ", \\",
            "     " + chart.series(1, using: "1:2:3:4", style: "vectors head filled size 0.06,20 ls 2 lw 1.6", title: "one step: w ← w − η·dL/dw") + ", \\",
            "     " + chart.series(1, using: "1:2", style: "points ls 2 pt 7 ps 0.8") + ", \\",
            "     " + chart.series(2, using: "1:2", style: "points ls 7 pt 6 ps 2", title: "start and end"),
        ]
        return chart
    }

    /// The point walking down the curve, one frame per step (or evenly spaced steps when there are many).
    func animatedChart(_ path: DescentPath, _ settings: Animation) -> Chart {
        var data = DataFile(columns: ["w", "L(w)"], notes: ["Lesson 3: the curve, then every step of the descent"])
        let range = drawingRange(path)
        let curvePoints = sample(range, count: 301).map { [$0, curve.value($0)] }
        data.add("the curve", rows: curvePoints)
        data.add("the steps", rows: path.steps.map { [$0.w, $0.loss] })
        let last = path.steps.count - 1, frames = min(settings.frames, last + 1)
        var chart = Chart(name: "descent-animation", title: "Descent on \(curve.formula), η = \(Format.number(lr))", data: data,
                          width: 720, height: 480, commands: [])
        chart.animation = Animation(frames: frames, delay: settings.delay)
        let top = curvePoints.map { $0[1] }.max() ?? 1, bottom = curvePoints.map { $0[1] }.min() ?? 0
        chart.commands = [
            "set xlabel \"w\"", "set ylabel \"L(w)\"", "set key top center",
            "set xrange [\(range.lowerBound):\(range.upperBound)]",
            "set yrange [\(formatForData(bottom - 0.05 * (top - bottom))):\(formatForData(top))]",
            "steps = \(last)",
            "do for [frame = 0:\(frames - 1)] {",
            "    k = \(frames > 1 ? "int(frame * steps / \(frames - 1))" : "steps")    # the step this frame shows",
            "    set title sprintf(\"\(curve.formula), η = \(Format.number(lr)): step %d of %d\", k, steps)",
            "    plot " + chart.series(0, using: "1:2", style: "lines ls 1", title: curve.formula) + ", \\",
            "         " + chart.series(1, using: "1:2", style: "linespoints ls 2 pt 7 ps 0.7", title: "the path so far").replacingOccurrences(of: " using", with: " every ::0::k using") + ", \\",
            "         " + chart.series(1, using: "1:2", style: "points ls 7 pt 7 ps 2", title: "w now").replacingOccurrences(of: " using", with: " every ::k::k using"),
            "}",
        ]
        return chart
    }

    /// The loss and w against the step number, one above the other.
    func progressChart(_ path: DescentPath, target: Double) -> Chart {
        var data = DataFile(columns: ["step", "w", "L(w)", "dL/dw"], notes: ["Lesson 3: the descent step by step, η = \(lr)"])
        data.add("every step", rows: path.steps.map { [Double($0.index), $0.w, $0.loss, $0.slope] })
        var chart = Chart(name: "progress", title: "Descent on \(curve.formula), η = \(Format.number(lr)): the loss and w at every step",
                          data: data, width: 900, height: 700, commands: [])
        chart.commands = [
            "set multiplot layout 2,1 title \"\" margins 0.1,0.95,0.1,0.9 spacing 0,0.08",
            "set ylabel \"L(w)\"", "set xlabel \"\"", "set key top right",
            "plot " + chart.series(0, using: "1:3", style: "linespoints ls 1", title: "loss L(w)"),
            "unset title",
            "set xlabel \"step\"", "set ylabel \"w\"",
            "plot " + chart.series(0, using: "1:2", style: "linespoints ls 2", title: "w") + ", \\",
            "     \(formatForData(target)) with lines ls 8 title \"minimum w* = \(Format.number(target))\"",
            "unset multiplot",
        ]
        return chart
    }

    /// The curve's own range, widened to take in the w the descent visited (a runaway only so far).
    func drawingRange(_ path: DescentPath) -> ClosedRange<Double> {
        let width = curve.plotRange.upperBound - curve.plotRange.lowerBound
        let visited = path.steps.map(\.w).filter { abs($0) < 2 * width }
        let low = min(curve.plotRange.lowerBound, (visited.min() ?? 0) - 0.3)
        let high = max(curve.plotRange.upperBound, (visited.max() ?? 0) + 0.3)
        return low...high
    }
}
