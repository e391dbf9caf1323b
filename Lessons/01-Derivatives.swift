import ArgumentParser
import Backprop
import Figures
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
    var nudge: Double = defaultDifferenceStep

    static let suggestions = [
        Suggestion(["--nudge", "1e-12"], "A nudge too small loses the slope to rounding error."),
        Suggestion(["--nudge", "0.5"], "A nudge too large: the curve bends within it."),
        Suggestion(["--curve", "plateau", "--at", "0,1,2,3,4"], "Far out on the plateau the slope is almost zero."),
    ]

    func validate() throws {
        try at.values.forEach { try Check.within($0, "each point in --at", -1000...1000) }
        try Check.count(at.values.count, "the number of points in --at", in: 1...12)
        try Check.positive(nudge, "--nudge")
        try Check.atMost(nudge, "--nudge", 10)
    }

    /// The two-parameter loss of the second half: an oval bowl, four times steeper along w₂.
    static let bowl = LossSurface(
        value: { w1, w2 in (w1 - 1) * (w1 - 1) + 4 * (w2 + 0.5) * (w2 + 0.5) },
        gradient: { w1, w2 in (2 * (w1 - 1), 8 * (w2 + 0.5)) })
    static let bowlFormula = "L(w₁, w₂) = (w₁ − 1)² + 4·(w₂ + 0.5)²"
    static let gradientPoints: [(Double, Double)] = [(-1, 1), (3, 0), (0, -1.5), (2.5, 0.5)]

    /// The slopes this run measured: (w, by hand, measured) at every point of `--at`.
    struct Result {
        let slopes: [(w: Double, exact: Double, measured: Double)]
        let step: Double
        /// The largest |by hand − measured|, relative to the largest |slope| (or 1).
        var relativeError: Double {
            (slopes.map { abs($0.exact - $0.measured) }.max() ?? 0) / max(1, slopes.map { abs($0.exact) }.max() ?? 0)
        }
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        say.video("02:05",
            "The gradient of the cost tells us, for every weight and bias, how sensitive the cost is to it: "
            + "nudge that one parameter a little and see how much the cost changes. A large entry means "
            + "that parameter matters a lot right now; its sign says which way the cost goes.")
        say.compute(
            "A loss of one parameter, \(curve.formula). Its derivative dL/dw (the slope of the curve) written out by hand, "
            + "next to the slope measured by nudging w by h = \(Format.number(nudge)) to each side: (L(w + h) − L(w − h)) / 2h.",
            "Then a loss of two parameters, \(Self.bowlFormula). Its gradient is the pair of partial derivatives "
            + "(∂L/∂w₁, ∂L/∂w₂): a partial derivative is the slope along one parameter with the other held still.")

        let result = lesson.keep(Result(slopes: at.values.map { ($0, curve.derivative($0), centralDifference(curve.value, at: $0, step: nudge)) }, step: nudge))
        var slopes = Table(["w", "L(w)", "dL/dw by hand", "measured slope", "difference"])
        for s in result.slopes {
            slopes.add([Format.number(s.w), Format.number(curve.value(s.w)), Format.number(s.exact, digits: 8),
                        Format.number(s.measured, digits: 8), Format.number(abs(s.exact - s.measured), digits: 2)])
        }
        say.results("The slope of \(curve.formula), two ways", slopes)

        var gradients = Table(["w₁", "w₂", "L", "∂L/∂w₁", "measured", "∂L/∂w₂", "measured", "more sensitive to"])
        for (w1, w2) in Self.gradientPoints {
            let (d1, d2) = Self.bowl.gradient(w1, w2)
            let measured = numericGradient({ Self.bowl.value($0[0], $0[1]) }, at: [w1, w2], stencil: .threePoint(step: nudge))
            gradients.add([Format.number(w1), Format.number(w2), Format.number(Self.bowl.value(w1, w2)), Format.number(d1),
                           Format.number(measured[0], digits: 8), Format.number(d2), Format.number(measured[1], digits: 8),
                           abs(d1) > abs(d2) ? "w₁" : (abs(d2) > abs(d1) ? "w₂" : "equal")])
        }
        say.results("The gradient of \(Self.bowlFormula)", gradients)

        try lesson.draw([tangentChart(result)] + gradientCharts())
        let steepest = result.slopes.max { abs($0.exact) < abs($1.exact) }!, flattest = result.slopes.min { abs($0.exact) < abs($1.exact) }!
        let (g1, g2) = Self.bowl.gradient(Self.gradientPoints[0].0, Self.gradientPoints[0].1)
        say.notice(result.agreementSentence,
            result.slopes.count > 1
                ? "Of these points the curve is steepest at w = \(Format.number(steepest.w)) (|dL/dw| = \(Format.number(abs(steepest.exact), digits: 3))), "
                  + "where a nudge moves the loss most, and flattest at w = \(Format.number(flattest.w)) (|dL/dw| = \(Format.number(abs(flattest.exact), digits: 3))), "
                  + (flattest.exact == 0 ? "where the slope is zero: a small nudge leaves the loss where it is." : "where the same nudge moves it \(Format.number(abs(steepest.exact / flattest.exact), digits: 3)) times less.")
                : "",
            "At (−1, 1) the gradient is (\(Format.number(g1)), \(Format.number(g2))): the loss is \(Format.number(abs(g2 / g1), digits: 3)) times "
            + "more sensitive to w₂ than to w₁ there. The arrows stand across the contour lines and point uphill; descent walks against them.")
        lesson.suggest(Self.suggestions)
    }

    /// The curve with a short tangent line at every point of `--at`, each labelled with its slope.
    func tangentChart(_ result: Result) -> Chart {
        let points = result.slopes.map { [$0.w, curve.value($0.w)] }
        // Each tangent is a segment of half-width 0.45 along w.
        let tangents = result.slopes.map { [$0.w - 0.45, curve.value($0.w) - 0.45 * $0.exact, 0.9, 0.9 * $0.exact] }
        return .single("tangents", title: "The slope of \(curve.formula) at \(Format.count(result.slopes.count, "point"))",
                       Plot(x: Axis("w (the parameter)"), y: Axis("L(w) (the loss)"),
                            series: [Series(curve.formula, sample(curve.plotRange, count: 301).map { [$0, curve.value($0)] }),
                                     Series("tangent: slope dL/dw", tangents, look: .segments, colour: .palette(1)),
                                     Series(nil, points, look: .markers, colour: .dark)],
                            marks: result.slopes.map { .note(Format.number($0.exact, digits: 3), x: $0.w, y: curve.value($0.w)) }),
                       notes: ["Lesson 1: \(curve.formula), its tangents (x, y, dx, dy) at the points where the slope is read"])
    }

    /// Contour lines of the two-parameter bowl with the gradient drawn as arrows, and the bowl as a landscape.
    func gradientCharts() -> [Chart] {
        let scale = 0.07
        let arrows = (Self.gradientPoints + [(-1.5, -2), (1, 0.9), (3.5, -1.5), (0.4, -0.2), (-1.8, -0.5), (1.6, -1.2)]).map { w1, w2 in
            let (g1, g2) = Self.bowl.gradient(w1, w2)
            return [w1, w2, scale * g1, scale * g2]
        }
        let map = ContourMap(grid: Self.bowl.grid(-2.5...4.5, -2.75...1.75, samples: 61), samples: 61,
                             levels: [0.25, 1, 2, 4, 7, 11, 16, 22, 29], title: "contour lines of L")
        let plot = Plot(x: Axis("w₁"), y: Axis("w₂"), series: [Series("∇L: points uphill", arrows, look: .arrows(scale: scale), colour: .palette(1)),
                                                               Series("minimum (1, −0.5)", [[1, -0.5]], look: .markers, colour: .palette(2))],
                        contours: map, equalScales: true)
        return [.single("gradient", title: "Gradient arrows on the contour lines of \(Self.bowlFormula)", plot,
                        notes: ["Lesson 1: \(Self.bowlFormula), its grid and gradient arrows"], height: 640),
                .surface("bowl-surface", title: "The bowl \(Self.bowlFormula) as a landscape", plot, height: Self.bowl.value, zLabel: "L(w₁, w₂)")]
    }
}

extension Derivatives.Result {
    /// Whether nudging agreed with the formula in this run, and if not, why not.
    var agreementSentence: String {
        let error = Format.number(relativeError, digits: 2)
        if relativeError < 1e-7 {
            return "The measured slope agrees with the formula to \(error) (relative to the largest slope) at every point: "
                + "nudging and dividing is a fine way to check a derivative, which is how lesson 8 checks backpropagation."
        }
        if step < 1e-7 {
            return "With h = \(Format.number(step)) the measured slope is off by up to \(error) of the largest slope: L(w + h) and "
                + "L(w − h) agree in almost every digit a Double keeps (about 16), so their difference is mostly rounding. "
                + "A nudge near 1e-5 balances rounding against the bend of the curve."
        }
        return "With h = \(Format.number(step)) the measured slope is off by up to \(error) of the largest slope: the curve bends "
            + "within the nudge (the error of a central difference grows like h²)."
    }
}
