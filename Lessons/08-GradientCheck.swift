import ArgumentParser
import Backprop
import Datasets
import Figures
import LessonKit
import Plotting

/// Lesson 8: is the gradient right? Backpropagation against nudging and against Swift's own
/// automatic differentiation, and why nobody trains by nudging.
struct GradientCheck: Lesson {
    static let info = LessonInfo(
        number: 8, slug: "gradient-check", title: "The gradient, checked three ways", video: .threeBlueOneBrown,
        segment: "02:05, the gradient as sensitivity; backprop computes it",
        summary: "Backprop against finite differences and automatic differentiation, and the cost of each.")

    @OptionGroup var common: LessonOptions
    @OptionGroup var digits: DigitOptions
    @OptionGroup var image: ImageChoice

    static let suggestions = [
        Suggestion(["--seed", "9"], "Another random network: the same agreement."),
        Suggestion([], "Optimised code: every time drops, the ratios stay large.", release: true),
    ]

    /// One network checked three ways: for each layer (parameters, largest |∂C/∂w|, each method's largest error ÷ that).
    struct Checked {
        let name: String, network: Network
        let layers: [(count: Int, largest: Double, finite: Double, automatic: Double?)]
        let seconds: (backprop: Double, forward: Double, finite: Double, automatic: Double?)

        init(_ name: String, _ network: Network, _ example: Example) {
            self.name = name
            self.network = network
            var backprop: [Double] = [], numeric: [Double] = [], auto: [Double]?
            let backpropTime = medianSeconds(repeats: 21) { backprop = network.backpropagate(example).gradient.flattened }
            let forward = medianSeconds(repeats: 21) { _ = network.cost(example) }
            let finite = medianSeconds { numeric = network.finiteDifferenceGradient(example) }
            let automatic = medianSeconds { auto = automaticGradient(network, example) }
            seconds = (backpropTime, forward, finite, auto == nil ? nil : automatic)
            var offset = 0
            layers = network.weights.indices.map { l in
                let range = offset..<(offset + network.weights[l].values.count + network.biases[l].count)
                offset = range.upperBound
                let largest = backprop[range].map(abs).max() ?? 0
                func error(_ other: [Double]) -> Double { (range.map { abs(backprop[$0] - other[$0]) }.max() ?? 0) / max(largest, .leastNormalMagnitude) }
                return (range.count, largest, error(numeric), auto.map(error))
            }
        }
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        let mnist = try digits.load(), chosen = try image.chosen(in: mnist.training)
        say.video("02:05, the gradient as sensitivity",
            "Each entry of the gradient says how sensitive the cost is to one weight or bias. Backpropagation finds all of them at "
            + "once by walking the network backward. It is easy to get wrong by hand, so we check it.")
        say.compute(
            "Three gradients of one example's cost: backpropagation; central finite differences (nudge each parameter by ±1e-5 and "
            + "measure the cost: 2 forward passes per parameter); and Swift's reverse-mode automatic differentiation (reverse mode: "
            + "the derivatives are carried from the cost back to the inputs, as backprop does) of the cost written a second time as "
            + "plain arithmetic. Once for a small 3-4-2 network, once for the video's 784-16-16-10 network on \(imageName(chosen, label: mnist.training.labels[chosen])).")
        if !automaticDifferentiationIsAvailable {
            say.plain("  This Swift toolchain has no automatic differentiation (_Differentiation), so backprop is checked against finite differences only.")
        }
        let checks = lesson.keep([Checked("3-4-2", Network(sizes: [3, 4, 2], activation: .sigmoid, seed: digits.seed), Example(input: [0.5, -1.2, 2.0], target: [1, 0])),
                                  Checked("784-16-16-10", digits.network(), mnist.training.example(chosen))])

        var errors = Table(["network", "weights into layer", "parameters", "largest |∂C/∂w|", "finite differences", "automatic differentiation"], leftAligned: [0, 1])
        for check in checks {
            for (l, layer) in check.layers.enumerated() {
                errors.add([check.name, "\(l + 1) (\(check.network.sizes[l])→\(check.network.sizes[l + 1]))", Format.count(layer.count), Format.number(layer.largest, digits: 3),
                            Format.number(layer.finite, digits: 2), layer.automatic.map { Format.number($0, digits: 2) } ?? "not available"])
            }
        }
        say.results("Largest difference from backprop in each layer, relative to the layer's largest entry", errors)
        let digit = checks[1], time = digit.seconds, passes = 2 * digit.network.parameterCount
        var costs = Table(["method", "work", "time", "× backprop"], leftAligned: [0, 1])
        costs.add(["backpropagation", "1 forward + 1 backward pass", readableTime(time.backprop), "1"])
        costs.add(["finite differences", "\(Format.count(passes)) forward passes", readableTime(time.finite), Format.count(Int((time.finite / time.backprop).rounded()))])
        if let automatic = time.automatic {
            costs.add(["automatic differentiation", "1 recorded pass + 1 pullback", readableTime(automatic), Format.count(Int((automatic / time.backprop).rounded()))])
        }
        say.results("The cost of one gradient of the digit network (one forward pass alone: \(readableTime(time.forward)))", costs)

        try lesson.draw(errorChart(checks), workChart(digit.network))
        say.notice(notices(checks))
        lesson.suggest(Self.suggestions)
    }

    func notices(_ checks: [Checked]) -> [String] {
        let finite = checks.flatMap(\.layers).map(\.finite).max() ?? 0, automatic = checks.flatMap(\.layers).compactMap(\.automatic).max()
        let digit = checks[1], time = digit.seconds, work = multiplyAdds(digit.network)
        return [
            finite < 1e-5
                ? "Finite differences agree with backprop to \(Format.number(finite, digits: 2)) of each layer's largest entry, the error of nudging by 1e-5"
                  + (automatic.map { "; automatic differentiation to \(Format.number($0, digits: 2)), which is rounding." } ?? ".")
                : "Finite differences differ from backprop by up to \(Format.number(finite, digits: 2)) of a layer's largest entry: more than nudging explains.",
            "Backpropagation is reverse-mode differentiation done by hand: it starts at the cost and walks back, reusing what each layer found. "
            + "Counted in multiply-adds, its backward pass is \(Format.number(Double(work.backward) / Double(work.forward), digits: 3)) forward passes; "
            + "measured here, forward and backward together took \(Format.number(time.backprop / time.forward, digits: 3)) times one forward pass.",
            "Finite differences need \(Format.count(2 * digit.network.parameterCount)) forward passes here, and took "
            + "\(Format.count(Int((time.finite / time.backprop).rounded()))) times as long as backprop: good for checking, hopeless for training.",
            time.automatic.map { "Automatic differentiation took \(Format.count(Int(($0 / time.backprop).rounded()))) times as long as backprop: our cost reads θ "
                + "one number at a time and the differentiator records every read; written with whole matrices, as ML libraries do, it costs a few backward passes." } ?? "",
        ]
    }

    /// Multiply-adds for one example: z = W·a forward; δ·aᵀ for every layer's weights and Wᵀ·δ for every layer but the first, backward.
    func multiplyAdds(_ network: Network) -> (forward: Int, backward: Int) {
        let forward = zip(network.sizes, network.sizes.dropFirst()).map(*).reduce(0, +)
        return (forward, forward + zip(network.sizes.dropFirst(), network.sizes.dropFirst(2)).map(*).reduce(0, +))
    }

    func errorChart(_ checks: [Checked]) -> Chart {
        let bars = checks.flatMap { check in check.layers.enumerated().map { ("\(check.name) w\(superscript($0.offset + 1))", $0.element) } }
        return .single("gradient-errors", title: "How far each gradient is from backprop, layer by layer",
                       Plot(x: Axis("weights into layer", namedTics: bars.enumerated().map { ($0.element.0, Double($0.offset)) }),
                            y: .log("largest difference ÷ largest |∂C/∂w| (log scale)", floor: 1e-18),
                            series: [Series("finite differences", bars.enumerated().map { [Double($0.offset) - 0.18, $0.element.1.finite] }, look: .bars(width: 0.35)),
                                     Series("automatic differentiation", bars.enumerated().compactMap { i, bar in bar.1.automatic.map { [Double(i) + 0.18, $0] } },
                                            look: .bars(width: 0.35), colour: .palette(1))]),
                       notes: ["Lesson 8: largest difference from backprop per layer, relative to the layer's largest entry"])
    }

    /// The work of one gradient, counted in multiply-adds rather than timed, so the chart is the same on every run.
    func workChart(_ network: Network) -> Chart {
        let work = multiplyAdds(network), finite = 2 * network.parameterCount * work.forward
        return .single("gradient-work", title: "Work for one gradient: backprop against finite differences",
                       Plot(x: Axis("", namedTics: [("backpropagation: 1 forward + 1 backward pass", 0), ("finite differences: \(Format.count(2 * network.parameterCount)) forward passes", 1)]),
                            y: .log("multiply-adds (log scale)", floor: 1),
                            series: [Series(nil, [[0, Double(work.forward + work.backward)], [1, Double(finite)]], look: .bars(width: 0.5), colour: .palette(2))],
                            marks: [.note(Format.count(work.forward + work.backward), x: 0, y: Double(work.forward + work.backward)), .note(Format.count(finite), x: 1, y: Double(finite))]),
                       notes: ["Lesson 8: multiply-adds for one gradient of the \(network.sizes.map(String.init).joined(separator: "-")) network"])
    }
}
