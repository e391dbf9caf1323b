import Backprop
import Claims
import Experiments
import Plotting

/// The figures of lesson 1: tangents on a curve, and the gradient of a bowl on its contours.
extension SlopeMeasurement.Result {
    /// The curve with a short tangent line at every point, each labelled with its slope.
    public func tangents() -> Chart {
        let curve = experiment.curve
        let points = slopes.map { [$0.w, $0.loss] }
        // Each tangent is a segment of half-width 0.45 along w.
        let tangents = slopes.map { [$0.w - 0.45, $0.loss - 0.45 * $0.exact, 0.9, 0.9 * $0.exact] }
        let plot = Plot(
            x: Axis("w (the parameter)"), y: Axis("L(w) (the loss)"),
            series: [
                Series(
                    curve.formula,
                    sample(curve.plotRange, count: 301).map { [$0, curve.value($0)] }),
                Series("tangent: slope dL/dw", tangents, look: .segments, colour: .palette(1)),
                Series(nil, points, look: .markers, colour: .dark),
            ],
            marks: slopes.map { .note(Format.number($0.exact, digits: 3), x: $0.w, y: $0.loss) })
        return .single(
            "tangents",
            title: "The slope of \(curve.formula) at \(Format.count(slopes.count, "point"))", plot,
            notes: [
                "\(curve.formula), its tangents (x, y, dx, dy) at the points where the slope is "
                    + "read"
            ])
    }

    /// Contour lines of the bowl with the gradient drawn as arrows, and the bowl as a landscape.
    public func gradient() -> [Chart] {
        let bowl = SlopeMeasurement.bowl
        let formula = SlopeMeasurement.bowlFormula
        let scale = 0.07
        let extra: [(Double, Double)] = [
            (-1.5, -2), (1, 0.9), (3.5, -1.5), (0.4, -0.2), (-1.8, -0.5), (1.6, -1.2),
        ]
        let arrows = (SlopeMeasurement.gradientPoints + extra).map { w1, w2 in
            let (g1, g2) = bowl.gradient(w1, w2)
            return [w1, w2, scale * g1, scale * g2]
        }
        let map = ContourMap(
            grid: bowl.grid(-2.5...4.5, -2.75...1.75, samples: 61), samples: 61,
            levels: [0.25, 1, 2, 4, 7, 11, 16, 22, 29], title: "contour lines of L")
        let plot = Plot(
            x: Axis("w₁"), y: Axis("w₂"),
            series: [
                Series(
                    "∇L: points uphill", arrows, look: .arrows(scale: scale), colour: .palette(1)),
                Series("minimum (1, −0.5)", [[1, -0.5]], look: .markers, colour: .palette(2)),
            ],
            contours: map, equalScales: true)
        return [
            .single(
                "gradient", title: "Gradient arrows on the contour lines of \(formula)", plot,
                notes: ["\(formula), its grid and gradient arrows"], height: 640),
            .surface(
                "bowl-surface", title: "The bowl \(formula) as a landscape", plot,
                height: bowl.value,
                zLabel: "L(w₁, w₂)"),
        ]
    }
}
