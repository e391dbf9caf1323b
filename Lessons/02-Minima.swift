import ArgumentParser
import Backprop
import Figures
import Foundation
import LessonKit
import Plotting

/// Lesson 2: where the slope is zero. Calculus solves small losses exactly; networks need descent.
/// CampusX, "Backpropagation Part 3": minima are found by setting the derivatives to zero.
struct Minima: Lesson {
    static let info = LessonInfo(
        number: 2, slug: "minima", title: "Minima by calculus", video: .campusX,
        segment: "finding minima with derivatives",
        summary: "dL/dw = 0 solves a quadratic; both partials = 0 fit a line in closed form; why networks iterate.")

    @OptionGroup var common: LessonOptions
    @Option(parsing: .unconditional, help: "The quadratic L(w) = a·w² + b·w + c: its a (positive, so there is a minimum).")
    var a = 2.0
    @Option(parsing: .unconditional, help: "The quadratic's b.")
    var b = -8.0
    @Option(parsing: .unconditional, help: "The quadratic's c.")
    var c = 11.0
    @Option(help: "Learning rate η for the descent that finds the line fit by iterating.")
    var lr = 0.02
    @Option(help: "Number of descent steps for the line fit.")
    var steps = 5000

    /// A descent whose loss passes this is stopped and called divergent.
    static let divergenceBound = 1e6

    static let suggestions = [
        Suggestion(["--a", "1", "--b", "3", "--c", "0"], "Another quadratic: check w* = −b/2a by hand."),
        Suggestion(["--lr", "0.023"], "Just above 2/λmax for the valley's steep direction: descent blows up."),
        Suggestion(["--steps", "100000"], "Give descent time to crawl all the way along the valley floor."),
    ]

    func validate() throws {
        try Check.positive(a, "--a"); try Check.positive(lr, "--lr"); try Check.count(steps, "--steps", in: 1...1_000_000)
        try [(a, "--a"), (b, "--b"), (c, "--c")].forEach { try Check.within($0.0, $0.1, -1e100...1e100) }; try Check.within(-b / (2 * a), "the minimum w* = −b/2a", -1e6...1e6)
    }

    /// What this run found: the quadratic's minimum, the closed-form fit, and the descent toward it.
    struct Result {
        let wStar: Double, slopeAtMinimum: Double, lossAtMinimum: Double, lossBeside: (Double, Double)
        let fit: (m: Double, b: Double), fitLoss: Double, descent: DescentPathND
        let curvatures: (largest: Double, smallest: Double)
        var distance: Double { hypot(descent.points[descent.points.count - 1][0] - fit.m, descent.points[descent.points.count - 1][1] - fit.b) }
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say, data = StudentsData.packageByCGPA
        say.video("finding minima",
            "The loss is smallest where its slope is zero. For a function of one parameter we set dL/dw = 0 "
            + "and solve; for several, we set every partial derivative to zero at once.")
        say.compute(
            "First the quadratic \(formula): dL/dw = \(Format.number(2 * a))·w \(Format.term(b)) = 0 gives w* = −b / 2a.",
            "Then the CampusX students data (cgpa 8, 7, 6, 5 → package 4, 5, 6, 7 lpa) fitted with a line package = m·cgpa + b "
            + "by least squares (the line whose average squared error, L(m, b) = (1/4) Σ (y − m·x − b)², is smallest). Setting "
            + "∂L/∂m = 0 and ∂L/∂b = 0 gives two linear equations with one solution, a closed form: a formula that gives the "
            + "answer directly. Last, gradient descent finds the same line by walking downhill, as a network must. A descent "
            + "whose loss passes \(Format.number(Self.divergenceBound)) is stopped and called divergent.")

        // One parameter: dL/dw = 2a·w + b vanishes at w* = −b / 2a.
        let wStar = -b / (2 * a)
        let quadratic: @Sendable (Double) -> Double = { [a, b, c] w in a * w * w + b * w + c }
        let fit = data.closedFormFit()
        let descent = descend(loss: { data.cost(m: $0[0], b: $0[1]) }, gradient: { let g = data.gradient(m: $0[0], b: $0[1]); return [g.dm, g.db] },
                              from: [0, 0], learningRate: lr, steps: steps, divergenceBound: Self.divergenceBound)
        let result = lesson.keep(Result(
            wStar: wStar, slopeAtMinimum: centralDifference(quadratic, at: wStar), lossAtMinimum: quadratic(wStar),
            lossBeside: (quadratic(wStar - 0.1), quadratic(wStar + 0.1)), fit: fit, fitLoss: data.cost(m: fit.m, b: fit.b),
            descent: descent, curvatures: data.curvatures))

        say.results("The quadratic's minimum, by setting dL/dw = 0", lines: [
            "w* = −b / 2a = \(Format.number(wStar, digits: 8)), L(w*) = \(Format.number(result.lossAtMinimum, digits: 8)); the measured slope there is "
            + "\(Format.number(result.slopeAtMinimum, digits: 3)), and L(w* ∓ 0.1) = \(Format.number(result.lossBeside.0, digits: 6)), \(Format.number(result.lossBeside.1, digits: 6)).",
        ])

        var two = Table(["method", "m (slope)", "b (intercept)", "L(m, b)", "∂L/∂m", "∂L/∂b"], leftAligned: [0])
        let (dm, db) = data.gradient(m: fit.m, b: fit.b)
        two.add(["closed form", Format.number(fit.m, digits: 8), Format.number(fit.b, digits: 8), Format.number(result.fitLoss, digits: 3),
                 Format.number(dm, digits: 3), Format.number(db, digits: 3)])
        let last = descent.points.count - 1
        for k in Array(Set([1, 10, 100, 1000, 10_000, 100_000, last].filter { $0 <= last })).sorted() {
            let p = descent.points[k], g = data.gradient(m: p[0], b: p[1])
            two.add(["descent, step \(Format.count(k))", Format.number(p[0], digits: 6), Format.number(p[1], digits: 6),
                     Format.number(descent.losses[k], digits: 3), Format.number(g.dm, digits: 3), Format.number(g.db, digits: 3)])
        }
        say.results("The line fit, by setting both partial derivatives to zero, then by descent (η = \(Format.number(lr)))", two)

        try lesson.draw([quadraticChart(result)] + lineFitCharts(data, result))
        say.notice(result.notices(lr: lr))
        lesson.suggest(Self.suggestions)
    }

    /// The quadratic as a person writes it: L(w) = 2·w² − 8·w + 11.
    var formula: String { "L(w) = \(a == 1 ? "" : Format.number(a) + "·")w²" + (b == 0 ? "" : " \(Format.term(b))·w") + (c == 0 ? "" : " \(Format.term(c))") }

    /// The quadratic with its minimum marked and its flat tangent there.
    func quadraticChart(_ result: Result) -> Chart {
        let w = result.wStar, l = result.lossAtMinimum, half = max(3, 3 * abs(w) * 1e-3)
        return .single("quadratic-minimum", title: "\(formula): the slope is zero at the bottom",
                       Plot(x: Axis("w"), y: Axis("L(w)"),
                            series: [Series("L(w)", sample((w - half)...(w + half), count: 201).map { [$0, a * $0 * $0 + b * $0 + c] }),
                                     Series("slope 0 (flat tangent)", [[w - 0.8, l, 1.6, 0]], look: .segments, colour: .palette(1)),
                                     Series("minimum: dL/dw = 0", [[w, l]], look: .markers, colour: .palette(1))],
                            marks: [.note("w* = \(Format.number(w, digits: 3)), L = \(Format.number(l, digits: 3))", x: w, y: l)]),
                       notes: ["Lesson 2: \(formula) and its minimum"])
    }

    /// Contours of the line fit's loss over (m, b), the closed-form minimum and the descent's path.
    func lineFitCharts(_ data: LineFitData, _ result: Result) -> [Chart] {
        let fit = result.fit, descent = result.descent, mRange = (fit.m - 1)...(fit.m + 2.6), bRange = (fit.b - 13)...(fit.b + 5)
        let plot = Plot(x: Axis("m (slope: lpa per cgpa point)", range: mRange), y: Axis("b (intercept, lpa)", range: bRange),
                            series: [Series("descent, η = \(Format.number(lr))", thinned(descent.points), look: .path, colour: .palette(1),
                                            stoppedBecause: descent.diverged ? "diverged: stopped when the loss passed \(Format.number(Self.divergenceBound))" : nil),
                                     Series("closed form: m = \(Format.number(fit.m)), b = \(Format.number(fit.b))", [[fit.m, fit.b]], look: .markers, colour: .palette(2))],
                            contours: contourMap(mRange, bRange, samples: 121, levels: [0.5, 2, 5, 10, 20, 40, 80, 150], title: "contour lines of L", data.cost))
        return [.single("line-fit-contours", title: "The line fit's loss L(m, b): calculus lands on the minimum, descent walks to it", plot,
                        notes: ["Lesson 2: the least-squares loss of package = m·cgpa + b on the students data"], height: 650),
                .surface("line-fit-surface", title: "The line fit's loss L(m, b) as a landscape: a long, narrow valley", plot, height: data.cost,
                         zLabel: "L(m, b)", view: (62, 118))]
    }
}

extension Minima.Result {
    func notices(lr: Double) -> [String] {
        let (high, low) = curvatures
        var notes = [
            abs(slopeAtMinimum) < 1e-6 && lossBeside.0 > lossAtMinimum && lossBeside.1 > lossAtMinimum
                ? "At w* the measured slope is \(Format.number(slopeAtMinimum, digits: 2)) and the loss is higher 0.1 to either side: a minimum, found with no search at all."
                : "At w* the measured slope is \(Format.number(slopeAtMinimum, digits: 2)): at this scale rounding hides the bottom of the curve.",
            "The closed form is m = \(Format.number(fit.m, digits: 6)), b = \(Format.number(fit.b, digits: 6)) with loss \(Format.number(fitLoss, digits: 2)): "
            + "the four students lie exactly on the line package = 12 − cgpa.",
            "λ is the curvature of the loss along one of the valley's two principal directions (an eigenvalue of its matrix of second "
            + "derivatives): here λmax = \(Format.number(high, digits: 4)) across the valley and λmin = \(Format.number(low, digits: 3)) along its floor, "
            + "a ratio of \(Format.number(high / low, digits: 4)). Each step shrinks the distance along a direction by the factor 1 − η·λ.",
        ]
        let steps = descent.points.count - 1
        if descent.diverged {
            notes.append("With η = \(Format.number(lr)) descent diverged at step \(steps): η is above 2/λmax = \(Format.number(2 / high, digits: 4)), so "
                + "1 − η·λmax is below −1 and every step across the valley overshoots further than the last.")
        } else {
            notes.append("After \(Format.count(steps, "step")) descent is \(Format.number(distance, digits: 3)) from the closed form. Along the floor it "
                + "moves by the factor 1 − η·λmin = \(Format.number(1 - lr * low, digits: 6)) per step, so "
                + (distance < 1e-3 ? "it got there, slowly." : "it is still crawling.")
                + " A network's 13,002 equations ∂C/∂w = 0, with sigmoids inside, have no closed form: descent is how we solve them.")
        }
        return notes
    }
}
