import Backprop
import Claims
import Experiments
import Plotting

/// The figures of lesson 8: each method's error by layer, and the work of one gradient.
extension GradientComparison.Result {
    /// The largest difference from backprop in each layer, relative to its largest entry.
    public func errorsByLayer() -> Chart {
        let layers = checked.flatMap { c in
            c.layers.indices.map { l in
                (
                    name: "\(c.check.name) w\(superscript(l + 1))", finite: c.errors(c.finite)[l],
                    automatic: c.automatic.map { c.errors($0)[l] }
                )
            }
        }
        let finite = layers.enumerated().map { [Double($0.offset) - 0.18, $0.element.finite] }
        let automatic = layers.enumerated().compactMap { i, layer in
            layer.automatic.map { [Double(i) + 0.18, $0] }
        }
        let plot = Plot(
            x: Axis(
                "weights into layer",
                namedTics: layers.enumerated().map { ($0.element.name, Double($0.offset)) }),
            y: .log("largest difference ÷ largest |∂C/∂w| (log scale)", floor: 1e-18),
            series: [
                Series("finite differences", finite, look: .bars(width: 0.35)),
                Series(
                    "automatic differentiation", automatic, look: .bars(width: 0.35),
                    colour: .palette(1)),
            ])
        return .single(
            "gradient-errors", title: "How far each gradient is from backprop, layer by layer",
            plot,
            notes: [
                "largest difference from backprop per layer, relative to the layer's largest entry"
            ])
    }

    /// The work of one gradient of the last network, counted in multiply-adds rather than timed,
    /// so the chart is the same on every run.
    public func work() -> Chart {
        let network = checked[checked.count - 1].check.network
        let count = network.multiplyAdds
        let backprop = Double(count.forward + count.backward)
        let passes = 2 * network.parameterCount
        let finite = Double(passes * count.forward)
        let plot = Plot(
            x: Axis(
                "",
                namedTics: [
                    ("backpropagation: 1 forward + 1 backward pass", 0),
                    ("finite differences: \(Format.count(passes)) forward passes", 1),
                ]),
            y: .log("multiply-adds (log scale)", floor: 1),
            series: [
                Series(
                    nil, [[0, backprop], [1, finite]], look: .bars(width: 0.5), colour: .palette(2))
            ],
            marks: [
                .note(Format.count(Int(backprop)), x: 0, y: backprop),
                .note(Format.count(Int(finite)), x: 1, y: finite),
            ])
        let sizes = network.sizes.map(String.init).joined(separator: "-")
        return .single(
            "gradient-work", title: "Work for one gradient: backprop against finite differences",
            plot, notes: ["multiply-adds for one gradient of the \(sizes) network"])
    }
}
