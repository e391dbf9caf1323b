import Backprop
import Claims
import Experiments
import Plotting

/// The figures of lesson 2: the quadratic at its minimum, and the line fit's loss over (m, b).
extension MinimaByCalculus.Result {
    /// The quadratic with its minimum marked and its flat tangent there.
    public func quadraticMinimum() -> Chart {
        let (w, l) = (wStar, lossAtMinimum)
        let half = max(3, 3 * abs(w) * 1e-3)
        let curve = sample((w - half)...(w + half), count: 201).map { [$0, quadratic($0)] }
        let formula = experiment.formula
        let plot = Plot(
            x: Axis("w"), y: Axis("L(w)"),
            series: [
                Series("L(w)", curve),
                Series(
                    "slope 0 (flat tangent)", [[w - 0.8, l, 1.6, 0]], look: .segments,
                    colour: .palette(1)),
                Series("minimum: dL/dw = 0", [[w, l]], look: .markers, colour: .palette(1)),
            ],
            marks: [
                .note(
                    "w* = \(Format.number(w, digits: 3)), L = \(Format.number(l, digits: 3))", x: w,
                    y: l)
            ])
        return .single(
            "quadratic-minimum", title: "\(formula): the slope is zero at the bottom", plot,
            notes: ["\(formula) and its minimum"])
    }

    /// Contours of the line fit's loss over (m, b), the closed-form minimum and the descent's
    /// path; and the same loss as a landscape.
    public func lineFit() -> [Chart] {
        let data = MinimaByCalculus.data
        let mRange = (fit.m - 1)...(fit.m + 2.6)
        let bRange = (fit.b - 13)...(fit.b + 5)
        let eta = Format.number(experiment.learningRate)
        let stopped =
            "diverged: stopped when the loss passed " + Format.bound(experiment.divergenceBound)
        let closed = "closed form: m = \(Format.number(fit.m)), b = \(Format.number(fit.b))"
        let levels: [Double] = [0.5, 2, 5, 10, 20, 40, 80, 150]
        let plot = Plot(
            x: Axis("m (slope: lpa per cgpa point)", range: mRange),
            y: Axis("b (intercept, lpa)", range: bRange),
            series: [
                Series(
                    "descent, η = \(eta)", thinned(descent.points), look: .path,
                    colour: .palette(1),
                    stoppedBecause: descent.diverged ? stopped : nil),
                Series(closed, [[fit.m, fit.b]], look: .markers, colour: .palette(2)),
            ],
            contours: contourMap(
                mRange, bRange, samples: 121, levels: levels, title: "contour lines of L", data.cost
            ))
        // The title says what descent did in this run, as the claims do.
        let descentDid: String
        switch descentOutcome {
        case .descentDiverged: descentDid = "descent runs away"
        case .descentUnsettled: descentDid = "descent never settles"
        default: descentDid = "descent walks to it"
        }
        let title = "The line fit's loss L(m, b): calculus lands on the minimum, \(descentDid)"
        return [
            .single(
                "line-fit-contours", title: title, plot,
                notes: ["The least-squares loss of package = m·cgpa + b on the students data"],
                height: 650),
            .surface(
                "line-fit-surface",
                title: "The line fit's loss L(m, b) as a landscape: a long, narrow valley", plot,
                height: data.cost, zLabel: "L(m, b)", view: (62, 118)),
        ]
    }
}
