import ArgumentParser
import Backprop
import LessonKit
import Plotting

/// Lesson 5: the loss depends on every parameter; hold all but one still and it is a curve again.
/// CampusX, "Backpropagation Part 3": the 2-2-1 network on the students data.
struct OneWeight: Lesson {
    static let info = LessonInfo(
        number: 5, slug: "one-weight", title: "The loss depends on every parameter", video: .campusX,
        segment: "the loss as a function of one weight",
        summary: "Train the 2-2-1 students network row by row, then see its loss as a curve of one hidden weight.")

    @OptionGroup var common: LessonOptions

    @Option(help: "Learning rate η, as in the CampusX notebook.")
    var lr = 0.001

    @Option(help: "Passes over the four rows.")
    var epochs = 5

    @Option(help: "Which hidden weight to free: 1 = cgpa → h₁, 2 = profile → h₁, 3 = cgpa → h₂, 4 = profile → h₂.")
    var hiddenWeight = 1

    func validate() throws {
        try Check.positive(lr, "--lr")
        try Check.count(epochs, "--epochs", in: 1...100_000)
        try Check.count(hiddenWeight, "--hidden-weight", in: 1...4)
    }

    /// The students data as examples: (cgpa, profile score) → package.
    static let examples = zip(zip(StudentsData.cgpa, StudentsData.profileScore), StudentsData.package).map {
        Example(input: [$0.0, $0.1], target: [$1])
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        say.video("the loss depends on every trainable parameter",
            "The network's prediction ŷ, and so the loss (y − ŷ)², depends on every weight and bias at once: "
            + "here 6 weights and 3 biases, 9 parameters. Training changes all of them together, each along "
            + "its own partial derivative. Freeze all but one and the loss becomes an ordinary curve of that one weight.")
        say.compute(
            "The 2-2-1 network with linear activations, every weight 0.1 and every bias 0, trained the way the "
            + "video's notebook does: one row at a time, in order, w ← w − η·∂L/∂w with η = \(Format.number(lr)), "
            + "\(epochs) epochs. Each row's loss is taken before its update; an epoch's loss is their mean. "
            + "The gradients are exact: all nine come from the same forward pass (the notebook updates W² first "
            + "and then uses the new W² for W¹, a small difference).")

        var network = Network(sizes: [2, 2, 1], activations: [.linear, .linear], weight: 0.1, bias: 0)
        var epochLosses: [Double] = []
        for _ in 0..<epochs {
            var losses: [Double] = []
            for example in Self.examples {
                let pass = network.backpropagate(example)
                losses.append(QuadraticCost.cost(output: pass.forward.output, target: example.target))
                network.descend(along: pass.gradient, learningRate: lr)
            }
            epochLosses.append(losses.reduce(0, +) / Double(losses.count))
        }
        var table = Table(["epoch", "mean loss"])
        for (index, loss) in epochLosses.enumerated() { table.add([String(index + 1), Format.number(loss, digits: 8)]) }
        say.results("Training, \(network.parameterCount) parameters", table)

        var parameters = Table(["parameter", "value"], leftAligned: [0])
        let names = ["w¹₁₁ (cgpa → h₁)", "w¹₁₂ (profile → h₁)", "w¹₂₁ (cgpa → h₂)", "w¹₂₂ (profile → h₂)", "b¹₁", "b¹₂",
                     "w²₁₁ (h₁ → ŷ)", "w²₁₂ (h₂ → ŷ)", "b²₁"]
        for (name, value) in zip(names, network.parameters) { parameters.add([name, Format.number(value, digits: 6)]) }
        say.results("The nine parameters after training", parameters)

        // Free one hidden weight; everything else stays as trained.
        let index = hiddenWeight - 1, (row, column) = (index / 2, index % 2)
        let current = network.weights[0][row, column]
        let lossOf: (Double) -> Double = { w in
            var frozen = network
            frozen.weights[0][row, column] = w
            return frozen.averageCost(Self.examples)
        }
        let slope = network.gradient(over: Self.examples).weights[0][row, column]
        let next = current - lr * slope
        say.results("The loss as a function of \(names[index]) alone", lines: [
            "At w = \(Format.number(current, digits: 6)) the mean loss is \(Format.number(lossOf(current), digits: 6)) "
            + "and its slope is ∂L/∂w = \(Format.number(slope, digits: 6)) (measured by nudging: \(Format.number(centralDifference(lossOf, at: current), digits: 6))).",
            "One update step, w − η·∂L/∂w, moves w \(slope > 0 ? "left" : "right") to \(Format.number(next, digits: 6)), "
            + "where the loss is \(Format.number(lossOf(next), digits: 6)).",
        ])

        try lesson.draw(epochChart(epochLosses), curveChart(lossOf, current: current, slope: slope, next: next, name: names[index]))

        say.notice(
            "The loss falls every epoch, slowly: η = 0.001 keeps every step small.",
            "With the other eight parameters frozen the loss is a parabola in this weight (the network is linear), "
            + "and the update moves downhill along it, against the sign of the slope.",
            "Training changes all nine parameters at once; each curve like this one is a slice through a 9-dimensional surface.",
            "The two hidden neurons started equal and got equal gradients, so they are still twins: starting every "
            + "weight at 0.1 wastes one of them. That is why networks start from random weights.")
        say.tryThis(
            (command: "\(Self.info.command) --epochs 50", why: "Keep going: the loss keeps falling."),
            (command: "\(Self.info.command) --lr 0.01", why: "Ten times the rate: watch whether it still settles."),
            (command: "\(Self.info.command) --hidden-weight 4", why: "Slice along another weight."))
    }

    func epochChart(_ losses: [Double]) -> Chart {
        var data = DataFile(columns: ["epoch", "mean loss"], notes: ["Lesson 5: the mean loss of each epoch, η = \(lr)"])
        data.add("mean loss per epoch", rows: losses.enumerated().map { [Double($0.offset + 1), $0.element] })
        var chart = Chart(name: "loss-by-epoch", title: "The 2-2-1 network's mean loss, epoch by epoch (η = \(Format.number(lr)))", data: data, commands: [])
        chart.commands = [
            "set xlabel \"epoch\"", "set ylabel \"mean loss (y − ŷ)², lpa²\"", "set key top right",
            "set xtics 1" + (losses.count > 20 ? "0" : ""),
            "plot " + chart.series(0, using: "1:2", style: "linespoints ls 1 pt 7 ps 1", title: "mean loss"),
        ]
        return chart
    }

    func curveChart(_ lossOf: (Double) -> Double, current: Double, slope: Double, next: Double, name: String) -> Chart {
        var data = DataFile(columns: ["w", "mean loss", "slope"], notes: ["Lesson 5: the mean loss with every parameter but \(name) frozen"])
        let range = (current - 1)...(current + 1)
        data.add("the loss as a function of the one weight", rows: sample(range, count: 201).map { [$0, lossOf($0), 0] })
        data.add("the current weight", rows: [[current, lossOf(current), slope]])
        data.add("after one update step", rows: [[next, lossOf(next), 0]])
        data.add("tangent at the current weight", rows: [-0.3, 0.3].map { [current + $0, lossOf(current) + $0 * slope, slope] })
        // An inset zoomed in on the step, which at η = 0.001 is far too small to see on the whole curve.
        let reach = max(abs(next - current), 1e-9) * 4
        let zoom = (min(current, next) - reach)...(max(current, next) + reach)
        data.add("the loss near the step", rows: sample(zoom, count: 101).map { [$0, lossOf($0), 0] })
        var chart = Chart(name: "one-weight", title: "The loss as a function of \(name), the other 8 parameters frozen", data: data, commands: [])
        let points = [
            chart.series(1, using: "1:2", style: "points ls 7 pt 7 ps 1.5", title: "now"),
            chart.series(2, using: "1:2", style: "points ls 3 pt 9 ps 1.8", title: "after one step (η = \(Format.number(lr)))"),
        ]
        chart.commands = [
            "set multiplot",
            "set xlabel \"\(name)\"", "set ylabel \"mean loss, lpa²\"", "set key top left",
            "plot " + chart.series(0, using: "1:2", style: "lines ls 1", title: "loss") + ", \\",
            "     " + chart.series(3, using: "1:2", style: "lines ls 2 dt 2", title: "slope ∂L/∂w = \(Format.number(slope, digits: 4))") + ", \\",
            "     " + points.joined(separator: ", \\\n     "),
            "# The inset: the same curve, zoomed in on the step.",
            "unset title", "set origin 0.56,0.42", "set size 0.4,0.42", "unset key", "set xlabel \"zoomed in\"", "unset ylabel",
            "set xtics \(formatForData((zoom.upperBound - zoom.lowerBound) / 2)) format \"%.4f\"", "set ytics format \"%.4f\"",
            "set object 1 rect from screen 0.5,0.37 to screen 0.975,0.87 behind fc rgb \"white\" fillstyle solid 1.0 border lc rgb \"#cccccc\"",
            "plot " + chart.series(4, using: "1:2", style: "lines ls 1") + ", \\",
            "     " + points.joined(separator: ", \\\n     "),
            "unset multiplot",
        ]
        return chart
    }
}
