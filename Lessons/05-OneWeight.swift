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
    @Option(help: "Passes over the four rows (an epoch is one pass).")
    var epochs = 5
    @Option(help: "Which hidden weight to free: 1 = cgpa → h₀, 2 = profile → h₀, 3 = cgpa → h₁, 4 = profile → h₁.")
    var hiddenWeight = 1
    @OptionGroup var animation: AnimationOptions

    /// Training stops, called divergent, once the mean loss passes this.
    static let divergenceBound = 1e6

    static let suggestions = [
        Suggestion(["--epochs", "50"], "Keep going: does the loss keep falling?"),
        Suggestion(["--lr", "0.01"], "Ten times the rate: watch whether it still settles."),
        Suggestion(["--lr", "0.05"], "Larger still: the row-by-row steps overshoot."),
        Suggestion(["--hidden-weight", "4"], "Slice along another weight."), Suggestion(["--step", "--epochs", "1"], "One row at a time: every update of an epoch, step by step."),
    ]

    func validate() throws {
        try Check.positive(lr, "--lr"); try Check.atMost(lr, "--lr", 1e6)
        try Check.count(epochs, "--epochs", in: 1...100_000); try Check.count(hiddenWeight, "--hidden-weight", in: 1...4)
    }

    static let examples = StudentsData.examples, names = ["w¹[0,0] (cgpa → h₀)", "w¹[0,1] (profile → h₀)", "w¹[1,0] (cgpa → h₁)", "w¹[1,1] (profile → h₁)", "b¹[0]", "b¹[1]", "w²[0,0] (h₀ → ŷ)", "w²[0,1] (h₁ → ŷ)", "b²[0]"]

    /// What training did, and the slice of the loss along the freed weight.
    struct Result {
        /// The mean loss over the four rows before training (epoch 0) and after each epoch.
        let losses: [Double], diverged: Bool, network: Network
        let weight: (now: Double, slope: Double, next: Double, lossNow: Double, lossNext: Double)
        var twins: Bool { network.weights[0][0, 0] == network.weights[0][1, 0] && network.weights[0][0, 1] == network.weights[0][1, 1] }
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        say.video("the loss depends on every trainable parameter",
            "The network's prediction ŷ, and so the loss (y − ŷ)², depends on every weight and bias at once: "
            + "here 6 weights and 3 biases, 9 parameters. Training changes all of them together, each along "
            + "its own partial derivative. Freeze all but one and the loss becomes an ordinary curve of that one weight.")
        say.compute(
            "The 2-2-1 network with linear activations, every weight 0.1 and every bias 0, trained as the video's notebook "
            + "does: one row at a time, in order, w ← w − η·∂L/∂w with η = \(Format.number(lr)), \(Format.count(epochs, "epoch")) "
            + "(an epoch is one pass over the four rows). After each epoch, the mean loss over the rows. Training stops, called "
            + "divergent, if that passes \(Format.number(Self.divergenceBound)). \(indexingConvention)")

        var network = Network(sizes: [2, 2, 1], activations: [.linear, .linear], weight: 0.1, bias: 0)
        var losses = [network.averageCost(Self.examples)], diverged = false, stopped = false, snapshots = [network]
        let (row, column) = ((hiddenWeight - 1) / 2, (hiddenWeight - 1) % 2), stepper = lesson.stepper
        for epoch in 1...epochs where !stopped {
            var next = network
            for (r, example) in Self.examples.enumerated() {
                // --step: every row's update, shown before it is made; stopped, the charts end here.
                if let stepper, !stepper.show("epoch \(epoch), row \(r + 1) of 4", rowUpdate(next, example, eta: lr, weight: (0, row, column), name: Self.names[hiddenWeight - 1])) { stopped = true; break }
                next.descend(along: next.backpropagate(example).gradient, learningRate: lr)
            }
            let loss = next.averageCost(Self.examples)
            guard loss.isFinite, loss <= Self.divergenceBound else { diverged = true; break }
            network = next
            losses.append(loss); snapshots.append(next)
        }
        // Free one hidden weight; everything else stays as trained.
        let trained = network
        let lossOf: (Double) -> Double = { w in var frozen = trained; frozen.weights[0][row, column] = w; return frozen.averageCost(Self.examples) }
        let now = network.weights[0][row, column], slope = network.gradient(over: Self.examples).weights[0][row, column]
        let result = lesson.keep(Result(losses: losses, diverged: diverged, network: network,
                                        weight: (now, slope, now - lr * slope, lossOf(now), lossOf(now - lr * slope))))

        var table = Table(["epoch", "mean loss"]); losses.enumerated().forEach { table.add([String($0.offset), Format.number($0.element, digits: 8)]) }
        if diverged { table.add([String(losses.count), "passed \(Format.number(Self.divergenceBound)): stopped"]) }
        say.results("Training, \(network.parameterCount) parameters (epoch 0 is the untrained network)", table)
        var parameters = Table(["parameter", "value"], leftAligned: [0])
        zip(Self.names, network.parameters).forEach { parameters.add([$0, Format.number($1, digits: 6)]) }
        say.results("The nine parameters after training", parameters)
        let name = Self.names[hiddenWeight - 1], w = result.weight
        say.results("The loss as a function of \(name) alone", lines: [
            "At w = \(Format.number(w.now, digits: 6)) the mean loss is \(Format.number(w.lossNow, digits: 6)) and its slope is ∂L/∂w = "
            + "\(Format.number(w.slope, digits: 6)) (measured by nudging: \(Format.number(centralDifference(lossOf, at: w.now), digits: 6))).",
            "One full-batch step, w − η·∂L/∂w, moves w \(w.slope > 0 ? "left" : "right") to \(Format.number(w.next, digits: 6)), where the loss is \(Format.number(w.lossNext, digits: 6)).",
        ])

        try lesson.draw([epochChart(result), sliceChart(lossOf, result, name: name),
                         .network("network", title: "The 2-2-1 network after training: all 9 parameters, each with its slope ∂L/∂w", studentsGraph(network),
                                  notes: ["Lesson 5: activations for the first row (cgpa 8, profile 8); slopes over all four rows"])]
                        + (animation.animation.map { settings in [.networkAnimation("network-animation", title: "The 2-2-1 network, epoch by epoch", snapshots.indices.filter {
                            $0 % max(1, snapshots.count / settings.frames) == 0 }.map { ("After epoch \($0)", studentsGraph(snapshots[$0])) }, delay: max(settings.delay, 40))] } ?? []), live: animation.live)
        say.notice(result.notices(lr: lr))
        lesson.suggest(Self.suggestions)
    }

    func epochChart(_ result: Result) -> Chart {
        .single("loss-by-epoch", title: "The 2-2-1 network's mean loss, epoch by epoch (η = \(Format.number(lr)))",
                Plot(x: Axis("epoch", wholeNumbers: true), y: .log("mean loss (y − ŷ)², lpa² (log scale)", floor: 1e-12),
                     series: [Series("mean loss after the epoch", result.losses.enumerated().map { [Double($0.offset), $0.element] }, look: .path,
                                     stoppedBecause: result.diverged ? "diverged: the next epoch's loss passed \(Format.number(Self.divergenceBound))" : nil)]),
                notes: ["Lesson 5: the mean loss over the four rows after each epoch (0: untrained), η = \(lr)"])
    }

    /// The loss along the freed weight, whole and zoomed in on the update step (too small to see at η = 0.001).
    func sliceChart(_ lossOf: (Double) -> Double, _ result: Result, name: String) -> Chart {
        let w = result.weight, reach = max(abs(w.next - w.now), 1e-9) * 4
        func panel(_ range: ClosedRange<Double>, _ title: String, tangent: Double) -> Plot {
            Plot(x: Axis(name), y: Axis("mean loss, lpa²"),
                 series: [Series("loss", sample(range, count: 201).map { [$0, lossOf($0)] }),
                          Series("slope ∂L/∂w = \(Format.number(w.slope, digits: 4))", [[w.now - tangent, w.lossNow - tangent * w.slope, 2 * tangent, 2 * tangent * w.slope]],
                                 look: .segments, colour: .palette(1)),
                          Series("now", [[w.now, w.lossNow]], look: .markers, colour: .dark),
                          Series("after one step", [[w.next, w.lossNext]], look: .markers, colour: .palette(2))], title: title)
        }
        return .panels("one-weight", title: "The loss as a function of \(name), the other 8 parameters frozen", [
            panel((w.now - 1)...(w.now + 1), "the whole valley", tangent: 0.3),
            panel((min(w.now, w.next) - reach)...(max(w.now, w.next) + reach), "zoomed in on the step", tangent: reach / 4),
        ], columns: 2, notes: ["Lesson 5: the mean loss with every parameter but \(name) frozen"], width: 1200, panelHeight: 520)
    }
}

extension OneWeight.Result {
    func notices(lr: Double) -> [String] {
        let rises = losses.indices.dropFirst().filter { losses[$0] > losses[$0 - 1] }
        let first = Format.number(losses[0], digits: 4), last = Format.number(losses[losses.count - 1], digits: 4)
        let trend = diverged
            ? "With η = \(Format.number(lr)) training diverged in epoch \(losses.count): its mean loss passed \(Format.number(OneWeight.divergenceBound)), so it was stopped. The row-by-row steps overshoot, and each makes the next one larger."
            : rises.isEmpty
                ? "The loss fell every epoch, from \(first) to \(last): with η = \(Format.number(lr)) every step is small enough to go downhill."
                : "The loss did not fall every epoch: it rose in epoch\(rises.count == 1 ? "" : "s") \(rises.map(String.init).joined(separator: ", ")), "
                  + "on its way from \(first) to \(last). Each row takes its own step, and with η = \(Format.number(lr)) a step for one row can undo another's."
        let step = weight.lossNext < weight.lossNow
            ? "With the other eight parameters frozen the loss is a parabola in this weight (the network is linear), and one step moved "
              + "downhill along it, from \(Format.number(weight.lossNow, digits: 6)) to \(Format.number(weight.lossNext, digits: 6)), against the sign of the slope."
            : "With the other eight parameters frozen the loss is a parabola in this weight, and one step of η = \(Format.number(lr)) overshoots "
              + "its bottom: the loss goes from \(Format.number(weight.lossNow, digits: 6)) to \(Format.number(weight.lossNext, digits: 6))."
        return [trend, step,
                "Training changes all nine parameters at once; each curve like this one is a slice through a 9-dimensional surface.",
                twins ? "The two hidden neurons started equal and got equal gradients, so they are still twins: starting every weight at 0.1 "
                    + "wastes one of them. That is why networks start from random weights." : ""]
    }
}
