import Backprop
import Claims
import Experiments
import Plotting

/// A network as a graph: the layers `layers` (network layer numbers, consecutive), in each only the
/// neurons `shown`, edges between them carrying their weight and ∂C/∂w from `gradient`.
public func networkGraph(
    _ network: Network, _ pass: ForwardPass, _ gradient: Gradient, layers: [Int], shown: [[Int]],
    names: (Int, Int) -> String, biases: Bool, labelEdges: Bool
) -> NetworkGraph {
    let columns = zip(layers, shown).map { layer, neurons in
        neurons.map { j in
            NetworkGraph.Neuron(
                names(layer, j), activation: pass.activations[layer][j],
                detail: biases && layer > 0
                    ? "b = \(Format.number(network.biases[layer - 1][j], digits: 3)), ∂L/∂b = "
                        + "\(Format.number(gradient.biases[layer - 1][j], digits: 3))"
                    : nil)
        }
    }
    let edges = layers.indices.dropLast().flatMap { c in
        shown[c + 1].indices.flatMap { to in
            shown[c].indices.map { from in
                let l = layers[c]
                let (j, k) = (shown[c + 1][to], shown[c][from])
                return NetworkGraph.Edge(
                    column: c, from: from, to: to, weight: network.weights[l][j, k],
                    slope: gradient.weights[l][j, k])
            }
        }
    }
    return NetworkGraph(
        columns: columns, columnNames: layers.map { "layer \($0)" }, edges: edges,
        labelEdges: labelEdges)
}

/// The CampusX 2-2-1 students network as a graph: activations for the first row, every weight and
/// bias with its slope over all four rows.
public func studentsGraph(_ network: Network) -> NetworkGraph {
    networkGraph(
        network, network.forward(StudentsData.examples[0].input),
        network.gradient(over: StudentsData.examples), layers: [0, 1, 2],
        shown: [[0, 1], [0, 1], [0]],
        names: { l, j in [["cgpa", "profile"], ["h₀", "h₁"], ["ŷ"]][l][j] }, biases: true,
        labelEdges: true)
}

/// The figures of lesson 5: the students network trained row by row.
extension StudentsTraining.Result {
    /// The mean loss epoch by epoch: after each epoch, and the notebook's mean of the row losses
    /// met during it.
    public func lossByEpoch() -> Chart {
        let eta = Format.number(experiment.learningRate)
        let after = Series(
            "mean loss after the epoch",
            losses.enumerated().map { [Double($0.offset), $0.element] },
            look: .path,
            stoppedBecause: diverged
                ? "diverged: the next epoch's loss passed "
                    + Format.bound(experiment.divergenceBound)
                : nil)
        let notebook = Series(
            "notebook: mean row loss during the epoch",
            notebookLosses.enumerated().map { [Double($0.offset + 1), $0.element] }, look: .path,
            colour: .palette(1))
        let plot = Plot(
            x: Axis("epoch", wholeNumbers: true),
            y: .log("mean loss (y − ŷ)², lpa² (log scale)", floor: 1e-12),
            series: [after, notebook])
        return .single(
            "loss-by-epoch", title: "The 2-2-1 network's mean loss, epoch by epoch (η = \(eta))",
            plot,
            notes: [
                "The mean loss over the four rows after each epoch (0: untrained), and the "
                    + "notebook's number"
            ])
    }

    /// The loss along the freed weight, whole and zoomed in on one step (too small to see at η =
    /// 0.001).
    public func slice(named name: String) -> Chart {
        let (w, slope) = freedWeight
        let next = w - experiment.learningRate * slope
        let (now, then) = (loss(freedAt: w), loss(freedAt: next))
        let reach = max(abs(next - w), 1e-9) * 4
        func panel(_ range: ClosedRange<Double>, _ title: String, tangent: Double) -> Plot {
            let tangentLine = [
                [w - tangent, now - tangent * slope, 2 * tangent, 2 * tangent * slope]
            ]
            return Plot(
                x: Axis(name), y: Axis("mean loss, lpa²"),
                series: [
                    Series("loss", sample(range, count: 201).map { [$0, loss(freedAt: $0)] }),
                    Series(
                        "slope ∂L/∂w = \(Format.number(slope, digits: 4))", tangentLine,
                        look: .segments,
                        colour: .palette(1)),
                    Series("now", [[w, now]], look: .markers, colour: .dark),
                    Series("after one step", [[next, then]], look: .markers, colour: .palette(2)),
                ], title: title)
        }
        let zoom = (min(w, next) - reach)...(max(w, next) + reach)
        return .panels(
            "one-weight", title: "The loss as a function of \(name), the other 8 parameters frozen",
            [
                panel((w - 1)...(w + 1), "the whole valley", tangent: 0.3),
                panel(zoom, "zoomed in on the step", tangent: reach / 4),
            ], columns: 2, notes: ["The mean loss with every parameter but \(name) frozen"],
            width: 1200,
            panelHeight: 520)
    }

    /// The network as training left it, every parameter with its slope: after the last epoch,
    /// or, when training diverged, after the last epoch before it did (untrained when that was
    /// the first), and the title says which.
    public func graph() -> Chart {
        let kept = snapshots.count - 1
        let title: String
        if let passed = lossThatPassed {
            let loss = passed.isFinite ? "passed \(Format.number(passed, digits: 3))" : "overflowed"
            title =
                kept == 0
                ? "The untrained 2-2-1 network: epoch 1 diverged (its mean loss \(loss))"
                : "The 2-2-1 network after epoch \(kept), the last before epoch \(kept + 1) "
                    + "diverged (its mean loss \(loss))"
        } else {
            let epochs = Format.count(kept, "epoch")
            title = "The 2-2-1 network after \(epochs): all 9 parameters, each with its slope ∂L/∂w"
        }
        return .network(
            "network", title: title, studentsGraph(network),
            notes: ["Activations for the first row (cgpa 8, profile 8); slopes over all four rows"])
    }

    /// The network epoch by epoch, about `settings.frames` frames.
    public func graphs(_ settings: Animation) -> Chart {
        let every = max(1, snapshots.count / settings.frames)
        let frames = snapshots.indices.filter { $0 % every == 0 }.map {
            ("After epoch \($0)", studentsGraph(snapshots[$0]))
        }
        return .networkAnimation(
            "network-animation", title: "The 2-2-1 network, epoch by epoch", frames,
            delay: max(settings.delay, 40))
    }
}
