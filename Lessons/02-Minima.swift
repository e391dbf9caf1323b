import ArgumentParser
import Backprop
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

    func validate() throws {
        try Check.positive(a, "--a")
        try Check.finite(b, "--b")
        try Check.finite(c, "--c")
        try Check.positive(lr, "--lr")
        try Check.count(steps, "--steps", in: 1...1_000_000)
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        let data = StudentsData.packageByCGPA
        say.video("finding minima",
            "The loss is smallest where its slope is zero. For a function of one parameter we set dL/dw = 0 "
            + "and solve; for several, we set every partial derivative to zero at once.")
        say.compute(
            "First the quadratic \(formula): dL/dw = \(Format.number(2 * a))·w \(signed(b)) = 0 gives w* = −b / 2a.",
            "Then the CampusX students data (cgpa 8, 7, 6, 5 → package 4, 5, 6, 7 lpa) fitted with a line "
            + "package = m·cgpa + b by least squares, L(m, b) = (1/4) Σ (y − m·x − b)². Setting ∂L/∂m = 0 and "
            + "∂L/∂b = 0 gives two linear equations with one solution. Last, gradient descent finds the "
            + "same line by walking downhill, because a network's loss has no such closed form.")

        // One parameter: dL/dw = 2a·w + b vanishes at w* = −b / 2a.
        let wStar = -b / (2 * a)
        let quadratic: @Sendable (Double) -> Double = { [a, b, c] w in a * w * w + b * w + c }
        var one = Table(["", "value"], leftAligned: [0])
        one.add(["w* = −b / 2a", Format.number(wStar, digits: 8)])
        one.add(["L(w*)", Format.number(quadratic(wStar), digits: 8)])
        one.add(["measured slope at w*", Format.number(centralDifference(quadratic, at: wStar), digits: 3)])
        one.add(["L(w* − 0.1), L(w* + 0.1)",
                 "\(Format.number(quadratic(wStar - 0.1), digits: 6)), \(Format.number(quadratic(wStar + 0.1), digits: 6))"])
        say.results("The quadratic's minimum, by setting dL/dw = 0", one)

        // Two parameters: the normal equations of the line fit.
        let fit = data.closedFormFit()
        let (dm, db) = data.gradient(m: fit.m, b: fit.b)
        let descent = descend(
            loss: { data.cost(m: $0[0], b: $0[1]) },
            gradient: { let g = data.gradient(m: $0[0], b: $0[1]); return [g.dm, g.db] },
            from: [0, 0], learningRate: lr, steps: steps)
        var two = Table(["method", "m (slope)", "b (intercept)", "L(m, b)", "∂L/∂m", "∂L/∂b"], leftAligned: [0])
        two.add(["closed form", Format.number(fit.m, digits: 8), Format.number(fit.b, digits: 8),
                 Format.number(data.cost(m: fit.m, b: fit.b), digits: 3), Format.number(dm, digits: 3), Format.number(db, digits: 3)])
        for k in checkpoints(descent.points.count - 1) {
            let p = descent.points[k], g = data.gradient(m: p[0], b: p[1])
            two.add(["descent, step \(Format.count(k))", Format.number(p[0], digits: 6), Format.number(p[1], digits: 6),
                     Format.number(descent.losses[k], digits: 3), Format.number(g.dm, digits: 3), Format.number(g.db, digits: 3)])
        }
        say.results("The line fit, by setting both partial derivatives to zero, then by descent (η = \(Format.number(lr)))", two)
        // A rate past 2/λ makes each step overshoot further than the last: the loss ends above where it began.
        if descent.diverged || descent.losses[descent.losses.count - 1] > descent.losses[0] {
            say.results("Descent", lines: ["η = \(Format.number(lr)) is too large for this valley: the loss blew up. Try --lr 0.02."])
        }

        try lesson.draw(quadraticChart(wStar: wStar), lineFitChart(data, fit: fit, descent: descent))

        // The loss curves 2·mean(x²) along m and 2 along b: their ratio is how lopsided the valley is.
        let lopsided = data.x.map { $0 * $0 }.reduce(0, +) / Double(data.x.count)
        say.notice(
            "At w* the measured slope is zero and the loss is higher on both sides: a minimum, found with no search at all.",
            "The students data lie exactly on the line package = 12 − cgpa, so the best fit has zero loss and m = −1, b = 12.",
            "Descent gets to the same line, but the valley is long and narrow (the loss curves "
            + "\(Format.number(lopsided, digits: 3)) times more steeply along m than along b), so after the first few steps it crawls along the floor. "
            + "For a network, 13,002 equations like ∂C/∂w = 0 with sigmoids inside have no closed form: descent is how we solve them.")
        say.tryThis(
            (command: "\(Self.info.command) --a 1 --b 3 --c 0", why: "Another quadratic: check w* = −b/2a by hand."),
            (command: "\(Self.info.command) --lr 0.023", why: "Just above 2/λ for the valley's steep direction (λ ≈ 88.9): descent blows up."))
    }

    /// The quadratic as a person writes it: L(w) = 2·w² − 8·w + 11.
    var formula: String { "L(w) = \(Format.number(a))·w² \(signed(b))·w \(signed(c))" }

    /// "+ 3" or "− 8", for writing a term after another.
    func signed(_ x: Double) -> String { (x < 0 ? "− " : "+ ") + Format.number(abs(x)) }

    /// Steps at which to print the descent: a few, spread over the run on a log scale.
    func checkpoints(_ last: Int) -> [Int] {
        Array(Set([1, 10, 100, 1000, 10_000, 100_000, last].filter { $0 <= last })).sorted()
    }

    /// The quadratic with its minimum marked.
    func quadraticChart(wStar: Double) -> Chart {
        var data = DataFile(columns: ["w", "L(w)"], notes: ["Lesson 2: L(w) = \(a)·w² + \(b)·w + \(c) and its minimum"])
        let range = (wStar - 3)...(wStar + 3)
        data.add("the quadratic", rows: sample(range, count: 201).map { [$0, a * $0 * $0 + b * $0 + c] })
        data.add("its minimum, where dL/dw = 0", rows: [[wStar, a * wStar * wStar + b * wStar + c]])
        var chart = Chart(name: "quadratic-minimum", title: "\(formula): the slope is zero at the bottom", data: data, commands: [])
        chart.commands = [
            "set xlabel \"w\"", "set ylabel \"L(w)\"", "set key top center",
            "plot " + chart.series(0, using: "1:2", style: "lines ls 1", title: "L(w)") + ", \\",
            "     " + chart.series(1, using: "1:2", style: "points ls 2 pt 7 ps 2", title: "minimum: dL/dw = 0") + ", \\",
            "     " + chart.series(1, using: "($1-0.8):2:(1.6):(0)", style: "vectors nohead ls 2 dt 2", title: "slope 0 (flat tangent)") + ", \\",
            "     " + chart.series(1, using: "1:2:(sprintf(\"w* = %.3g, L = %.3g\", $1, $2))", style: "labels offset 0,1.6"),
        ]
        return chart
    }

    /// Contours of the line fit's loss over (m, b), the closed-form minimum and the descent's path.
    func lineFitChart(_ fitData: LineFitData, fit: (m: Double, b: Double), descent: DescentPathND) -> Chart {
        var data = DataFile(columns: ["m", "b", "L(m, b)"], notes: ["Lesson 2: the least-squares loss of package = m·cgpa + b on the students data"])
        let mRange = (fit.m - 1)...(fit.m + 2.6), bRange = (fit.b - 13)...(fit.b + 5)
        let samples = 121
        var rows: [[Double]] = []
        for m in sample(mRange, count: samples) { for b in sample(bRange, count: samples) { rows.append([m, b, fitData.cost(m: m, b: b)]) } }
        data.add("grid of L(m, b)", rows: rows, rowsPerScan: samples)
        data.add("the closed-form minimum", rows: [[fit.m, fit.b, fitData.cost(m: fit.m, b: fit.b)]])
        // Keep about 400 points of the path: every step early on, then thinned.
        let keep = descent.points.indices.filter { $0 < 50 || $0 % max(1, descent.points.count / 400) == 0 || $0 == descent.points.count - 1 }
        data.add("gradient descent from (0, 0), η = \(lr)", rows: keep.map { descent.points[$0] + [descent.losses[$0]] })
        var chart = Chart(name: "line-fit-contours", title: "The line fit's loss L(m, b): calculus lands on the minimum, descent walks to it",
                          data: data, width: 900, height: 650, commands: [])
        chart.commands = chart.traceContours(ofSeries: 0, levels: [0.5, 2, 5, 10, 20, 40, 80, 150]) + [
            "set xlabel \"m (slope: lpa per cgpa point)\"", "set ylabel \"b (intercept, lpa)\"",
            "set xrange [\(mRange.lowerBound):\(mRange.upperBound)]", "set yrange [\(bRange.lowerBound):\(bRange.upperBound)]",
            "set key top right",
            "plot $contours using 1:2 with lines ls 8 lc rgb \"#6b8fb5\" title \"contour lines of L\", \\",
            "     " + chart.series(2, using: "1:2", style: "linespoints ls 2 pt 7 ps 0.4", title: "descent, η = \(Format.number(lr)), \(Format.count(steps)) steps") + ", \\",
            "     " + chart.series(1, using: "1:2", style: "points ls 3 pt 9 ps 2.5", title: "closed form: m = \(Format.number(fit.m)), b = \(Format.number(fit.b))"),
        ]
        return chart
    }
}
