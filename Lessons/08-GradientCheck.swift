import ArgumentParser
import Backprop
import Datasets
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

    /// One network checked three ways.
    struct Checked {
        let name: String
        let network: Network
        let backprop: [Double], finiteDifferences: [Double], automatic: [Double]
        let backpropSeconds: Double, forwardSeconds: Double, finiteDifferenceSeconds: Double, automaticSeconds: Double

        init(_ name: String, _ network: Network, _ example: Example) {
            self.name = name
            self.network = network
            var gradient: [Double] = [], numeric: [Double] = [], auto: [Double] = []
            backpropSeconds = medianSeconds(repeats: 21) { gradient = network.backpropagate(example).gradient.flattened }
            forwardSeconds = medianSeconds(repeats: 21) { _ = network.cost(example) }
            finiteDifferenceSeconds = medianSeconds { numeric = network.finiteDifferenceGradient(example) }
            automaticSeconds = medianSeconds { auto = DifferentiableCost(network: network, example: example).gradient(at: network.parameters) }
            backprop = gradient
            finiteDifferences = numeric
            automatic = auto
        }

        /// For each layer: (parameters, largest |∂C/∂w|, largest error of each method ÷ that).
        var layers: [(count: Int, largest: Double, finite: Double, automatic: Double)] {
            var offset = 0
            return network.weights.indices.map { l in
                let count = network.weights[l].values.count + network.biases[l].count
                let range = offset..<(offset + count)
                offset += count
                let largest = backprop[range].map(abs).max() ?? 0
                func error(_ other: [Double]) -> Double {
                    (range.map { abs(backprop[$0] - other[$0]) }.max() ?? 0) / max(largest, .leastNormalMagnitude)
                }
                return (count, largest, error(finiteDifferences), error(automatic))
            }
        }
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        let mnist = try digits.load()
        let chosen = try image.chosen(in: mnist.training)
        say.video("02:05, the gradient as sensitivity",
            "Each entry of the gradient says how sensitive the cost is to one weight or bias. Backpropagation finds "
            + "all of them at once by walking the network backward. It is easy to get wrong by hand, so we check it.")
        say.compute(
            "Three gradients of one example's cost: backpropagation; central finite differences (nudge each parameter by "
            + "±1e-5 and measure the cost: 2 forward passes per parameter); and Swift's reverse-mode automatic "
            + "differentiation of the cost written a second time as plain arithmetic. Once for a small 3-4-2 network, "
            + "once for the video's 784-16-16-10 network on training image \(chosen).")

        let small = Network(sizes: [3, 4, 2], activation: .sigmoid, seed: digits.seed)
        let smallExample = Example(input: [0.5, -1.2, 2.0], target: [1, 0])
        let checks = [Checked("3-4-2", small, smallExample), Checked("784-16-16-10", digits.network(), mnist.training.example(chosen))]

        var errors = Table(["network", "layer", "parameters", "largest |∂C/∂w|", "finite differences", "automatic differentiation"], leftAligned: [0, 1])
        for check in checks {
            for (l, layer) in check.layers.enumerated() {
                errors.add([check.name, "\(l + 1) (\(check.network.sizes[l])→\(check.network.sizes[l + 1]))", Format.count(layer.count),
                            Format.number(layer.largest, digits: 3), Format.number(layer.finite, digits: 2), Format.number(layer.automatic, digits: 2)])
            }
        }
        say.results("Largest difference from backprop in each layer, relative to the layer's largest entry", errors)

        let digit = checks[1]
        let passes = 2 * digit.network.parameterCount
        var costs = Table(["method", "work", "time", "× backprop"], leftAligned: [0, 1])
        costs.add(["backpropagation", "1 forward + 1 backward pass", readableTime(digit.backpropSeconds), "1"])
        costs.add(["finite differences", "\(Format.count(passes)) forward passes", readableTime(digit.finiteDifferenceSeconds),
                   Format.count(Int((digit.finiteDifferenceSeconds / digit.backpropSeconds).rounded()))])
        costs.add(["automatic differentiation", "1 recorded pass + 1 pullback", readableTime(digit.automaticSeconds),
                   Format.count(Int((digit.automaticSeconds / digit.backpropSeconds).rounded()))])
        say.results("The cost of one gradient of the digit network (one forward pass alone: \(readableTime(digit.forwardSeconds)))", costs)

        try lesson.draw(errorChart(checks), workChart(digit.network))

        say.notice(
            "All three agree: finite differences to about 1e-9 of each layer's largest entry (the error of nudging by 1e-5), "
            + "automatic differentiation to rounding, about 1e-16.",
            "Backpropagation is reverse-mode differentiation done by hand: both start at the cost and walk back, reusing "
            + "what each layer found for the layer before it. That is why one backward pass costs about as much as a forward pass.",
            "Finite differences need two forward passes per parameter: \(Format.count(passes)) here, about "
            + "\(Format.count(Int((digit.finiteDifferenceSeconds / digit.backpropSeconds).rounded()))) times the work of backprop. "
            + "Good for checking, hopeless for training.",
            "Automatic differentiation gets the same numbers with no hand-written backward pass, but our cost reads θ one "
            + "number at a time and the differentiator records every read; written with whole matrices (as ML libraries do) it costs "
            + "a few backward passes.")
        say.tryThis(
            (command: "\(Self.info.command) --seed 9", why: "Another random network: the same agreement."),
            (command: "swift run -c release lesson 8", why: "Optimised code: every time drops, the ratios stay large."))
    }

    func errorChart(_ checks: [Checked]) -> Chart {
        var data = DataFile(columns: ["bar", "finite differences", "automatic differentiation"],
                            notes: ["Lesson 8: largest difference from backprop per layer, relative to the layer's largest entry"])
        var rows: [[Double]] = [], labels: [String] = []
        for check in checks {
            for (l, layer) in check.layers.enumerated() {
                rows.append([Double(rows.count), max(layer.finite, 1e-17), max(layer.automatic, 1e-17)])
                labels.append("\(check.name) L\(l + 1)")
            }
        }
        data.add("layers", rows: rows)
        var chart = Chart(name: "gradient-errors", title: "How far each gradient is from backprop, layer by layer", data: data, commands: [])
        let tics = labels.enumerated().map { "\(gnuplotQuoted($0.element)) \($0.offset)" }.joined(separator: ", ")
        chart.commands = [
            "set logscale y", "set format y \"1e%L\"", "set yrange [1e-18:1e-5]",
            "set ylabel \"largest difference ÷ largest |∂C/∂w|\"", "set xtics (\(tics)) rotate by -20",
            "set xrange [-0.6:\(rows.count) - 0.4]", "set key top right",
            "set style fill solid 0.85 border lc rgb \"#333333\"", "set boxwidth 0.35",
            "# Zero differences are drawn at 1e-17 so the log scale can show them.",
            "plot " + chart.series(0, using: "($1-0.18):2", style: "boxes ls 1", title: "finite differences") + ", \\",
            "     " + chart.series(0, using: "($1+0.18):3", style: "boxes ls 2", title: "automatic differentiation"),
        ]
        return chart
    }

    /// The work of one gradient, counted in multiply-adds rather than timed, so the chart is the
    /// same on every run and every machine.
    func workChart(_ network: Network) -> Chart {
        let forward = zip(network.sizes, network.sizes.dropFirst()).map(*).reduce(0, +)
        // Backward: δ·aᵀ for every layer's weights, and Wᵀ·δ for every layer but the first.
        let backward = forward + zip(network.sizes.dropFirst(), network.sizes.dropFirst(2)).map(*).reduce(0, +)
        let finite = 2 * network.parameterCount * forward
        var data = DataFile(columns: ["bar", "multiply-adds"], notes: ["Lesson 8: multiply-adds for one gradient of the \(network.sizes.map(String.init).joined(separator: "-")) network"])
        data.add("work", rows: [[0, Double(forward + backward)], [1, Double(finite)]])
        var chart = Chart(name: "gradient-work", title: "Work for one gradient: backprop against finite differences", data: data, commands: [])
        chart.commands = [
            "set logscale y", "set ylabel \"multiply-adds (log scale)\"", "unset key", "set yrange [1e3:1e10]", "set format y \"1e%L\"",
            "set xtics (\"backpropagation\\n1 forward + 1 backward pass\" 0, \"finite differences\\n\(Format.count(2 * network.parameterCount)) forward passes\" 1)",
            "set xrange [-0.6:1.6]", "set style fill solid 0.85 border lc rgb \"#333333\"", "set boxwidth 0.5",
            "plot " + chart.series(0, using: "1:2:($1 == 0 ? 0x009E73 : 0xD55E00)", style: "boxes lc rgb variable") + ", \\",
            "     " + chart.series(0, using: "1:2:(sprintf(\"%.3g\", $2))", style: "labels offset 0,1"),
        ]
        return chart
    }
}
