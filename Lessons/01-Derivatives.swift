import ArgumentParser
import Backprop
import LessonKit
import Plotting

/// Lesson 1: the derivative as a slope, measured and worked out; the gradient as a list of them.
/// 3Blue1Brown 02:05: the gradient tells how sensitive the cost is to each weight and bias.
struct Derivatives: Lesson {
    static let info = LessonInfo(
        number: 1, slug: "derivatives", title: "Derivative and gradient", video: .threeBlueOneBrown,
        segment: "02:05, the cost's sensitivity",
        summary: "The slope of a loss curve as its sensitivity, measured by nudging; the gradient of two parameters.")

    @OptionGroup var common: LessonOptions

    @Option(help: curveHelp)
    var curve: LossCurve = .doubleWell

    @Option(parsing: .unconditional, help: "Where to measure the slope: values of w, comma-separated.")
    var at = NumberList([-2, -1, 0, 0.5, 1.5])

    @Option(help: "The nudge h of the central difference (f(w + h) − f(w − h)) / 2h.")
    var step: Double = defaultDifferenceStep

    func validate() throws {
        try at.values.forEach { try Check.finite($0, "--at") }
        try Check.count(at.values.count, "the number of points in --at", in: 1...12)
        try Check.positive(step, "--step")
    }

    /// The two-parameter loss of the second half: an oval bowl, four times steeper along w₂.
    static let bowl = LossSurface(
        formula: "L(w₁, w₂) = (w₁ − 1)² + 4·(w₂ + 0.5)²",
        gnuplotFormula: "(x-1)**2 + 4*(y+0.5)**2",
        value: { w1, w2 in (w1 - 1) * (w1 - 1) + 4 * (w2 + 0.5) * (w2 + 0.5) },
        gradient: { w1, w2 in (2 * (w1 - 1), 8 * (w2 + 0.5)) })

    /// Points where the lesson reads off the gradient.
    static let gradientPoints: [(Double, Double)] = [(-1, 1), (3, 0), (0, -1.5), (2.5, 0.5)]

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        say.video("02:05",
            "The gradient of the cost tells us, for every weight and bias, how sensitive the cost is to it: "
            + "nudge that one parameter a little and see how much the cost changes. A large entry means "
            + "that parameter matters a lot right now; its sign says which way the cost goes.")
        say.compute(
            "A loss of one parameter, \(curve.formula). Its derivative written out by hand, next to the slope "
            + "measured by nudging w by h = \(Format.number(step)) to each side: (L(w + h) − L(w − h)) / 2h.",
            "Then a loss of two parameters, \(Self.bowl.formula). Its gradient is the pair of partial "
            + "derivatives (∂L/∂w₁, ∂L/∂w₂), each the slope along one parameter with the other held still.")

        var slopes = Table(["w", "L(w)", "dL/dw by hand", "measured slope", "difference"])
        for w in at.values {
            let exact = curve.derivative(w), measured = centralDifference(curve.value, at: w, step: step)
            slopes.add([Format.number(w), Format.number(curve.value(w)), Format.number(exact, digits: 8),
                        Format.number(measured, digits: 8), Format.number(abs(exact - measured), digits: 2)])
        }
        say.results("The slope of \(curve.formula), two ways", slopes)

        var gradients = Table(["w₁", "w₂", "L", "∂L/∂w₁", "measured", "∂L/∂w₂", "measured", "more sensitive to"])
        for (w1, w2) in Self.gradientPoints {
            let (d1, d2) = Self.bowl.gradient(w1, w2)
            let measured = numericGradient({ Self.bowl.value($0[0], $0[1]) }, at: [w1, w2], stencil: .threePoint(step: step))
            gradients.add([Format.number(w1), Format.number(w2), Format.number(Self.bowl.value(w1, w2)),
                           Format.number(d1), Format.number(measured[0], digits: 8),
                           Format.number(d2), Format.number(measured[1], digits: 8),
                           abs(d1) > abs(d2) ? "w₁" : (abs(d2) > abs(d1) ? "w₂" : "equal")])
        }
        say.results("The gradient of \(Self.bowl.formula)", gradients)

        try lesson.draw(tangentChart(), gradientChart())

        say.notice(
            "The measured slope agrees with the formula to about 1e-10: nudging and dividing is a fine way "
            + "to check a derivative, which is how lesson 8 will check backpropagation.",
            "Where the curve is steep, |dL/dw| is large: a small change of w moves the loss a lot. At the "
            + "bottom of a valley the slope is zero, and the loss barely notices a nudge.",
            "At (−1, 1) the gradient is (−4, 12): the loss is three times more sensitive to w₂ than to w₁ "
            + "there. The arrows stand across the contour lines and point uphill; descent walks against them.")
        say.tryThis(
            (command: "\(Self.info.command) --step 1e-12", why: "A nudge too small loses the slope to rounding error."),
            (command: "\(Self.info.command) --curve plateau --at 0,1,2,3,4", why: "Far out on the plateau the slope is almost zero."))
    }

    /// The curve with a short tangent line at every point of `--at`.
    func tangentChart() -> Chart {
        var data = DataFile(columns: ["w", "L(w)", "slope dL/dw"], notes: ["Lesson 1: \(curve.formula) and its tangents"])
        let range = curve.plotRange
        data.add("the curve \(curve.formula)", rows: sample(range, count: 301).map { [$0, curve.value($0), curve.derivative($0)] })
        data.add("points where the slope is read", rows: at.values.map { [$0, curve.value($0), curve.derivative($0)] })
        // Each tangent is a segment of half-width 0.45 along w, a blank line between segments.
        data.add("tangent lines", rows: at.values.flatMap { w in
            [-0.45, 0.45].map { dw in [w + dw, curve.value(w) + dw * curve.derivative(w), curve.derivative(w)] }
        }, rowsPerScan: 2)
        var chart = Chart(name: "tangents", title: "The slope of \(curve.formula) at \(at.values.count) points", data: data, commands: [])
        chart.commands = [
            "set xlabel \"w (the parameter)\"",
            "set ylabel \"L(w) (the loss)\"",
            "set xrange [\(range.lowerBound):\(range.upperBound)]",
            "set key top center",
            "plot " + [
                chart.series(0, using: "1:2", style: "lines ls 1", title: curve.formula),
                chart.series(2, using: "1:2", style: "lines ls 2", title: "tangent: slope dL/dw"),
                chart.series(1, using: "1:2", style: "points ls 7 pt 7 ps 1.2"),
                chart.series(1, using: "1:2:(sprintf(\"%.2f\", $3))", style: "labels offset 0,1.3 font \",10\""),
            ].joined(separator: ", \\\n     "),
        ]
        return chart
    }

    /// Contour lines of the two-parameter bowl with the gradient drawn as arrows.
    func gradientChart() -> Chart {
        var data = DataFile(columns: ["w1", "w2", "L", "dL/dw1 (scaled)", "dL/dw2 (scaled)"],
                            notes: ["Lesson 1: \(Self.bowl.formula), its contour grid and gradient arrows",
                                    "Arrows are the gradient scaled by 0.07 so they fit; their directions are exact."])
        let samples = 61
        data.add("grid of L(w1, w2)", rows: Self.bowl.grid(-2.5...4.5, -2.75...1.75, samples: samples).map { $0 + [0, 0] },
                 rowsPerScan: samples)
        let arrowPoints = Self.gradientPoints + [(-1.5, -2), (1, 0.9), (3.5, -1.5), (0.4, -0.2), (-1.8, -0.5), (1.6, -1.2)]
        data.add("gradient arrows", rows: arrowPoints.map { (w1, w2) in
            let (g1, g2) = Self.bowl.gradient(w1, w2)
            return [w1, w2, Self.bowl.value(w1, w2), 0.07 * g1, 0.07 * g2]
        })
        var chart = Chart(name: "gradient", title: "Gradient arrows on the contour lines of \(Self.bowl.formula)",
                          data: data, width: 900, height: 640, commands: [])
        let levels = [0.25, 1, 2, 4, 7, 11, 16, 22, 29]
        chart.commands = chart.traceContours(ofSeries: 0, levels: levels) + [
            "set xlabel \"w₁\"", "set ylabel \"w₂\"",
            "set xrange [-2.5:4.5]", "set yrange [-2.75:1.75]", "set size ratio -1",
            "set key below horizontal",
            "plot $contours using 1:2 with lines ls 8 lc rgb \"#6b8fb5\" title \"contour lines of L\", \\",
            "     " + chart.series(1, using: "1:2:4:5", style: "vectors head filled size 0.08,20 ls 2", title: "∇L: points uphill") + ", \\",
            "     " + chart.series(1, using: "1:2", style: "points ls 7 pt 7 ps 0.8") + ", \\",
            "     \"+\" using (1):(-0.5) every ::0::0 with points ls 3 pt 9 ps 2.2 title \"minimum (1, −0.5)\"",
        ]
        return chart
    }
}

/// `count` evenly spaced values across `range`, both ends included.
func sample(_ range: ClosedRange<Double>, count: Int) -> [Double] {
    (0..<count).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(count - 1) }
}
