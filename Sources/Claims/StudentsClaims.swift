import Backprop
import Experiments

/// What can be said about training the 2-2-1 students network (lesson 5).
public enum StudentsClaim: Claim, Equatable {
    /// The mean loss never rose over `epochs` epochs, and ended lower: from `from` to `to`.
    case neverRose(epochs: Int, from: Double, to: Double)
    /// The mean loss rose in these epochs, on its way from `from` to `to`.
    case roseIn(epochs: [Int], from: Double, to: Double)
    /// The mean loss did not change over the epochs: η is too small to move it.
    case unchanged(epochs: Int, loss: Double)
    /// Epoch `epoch`'s mean loss, `loss`, passed the bound, and training was stopped.
    case diverged(epoch: Int, loss: Double, bound: Double)
    /// The notebook's number for epoch 1 against the loss after it.
    case notebookLags(epoch: Int, notebook: Double, after: Double)
    /// The freed weight, the loss there, its slope, and the slope measured by nudging.
    case slope(weight: String, w: Double, loss: Double, slope: Double, measured: Double)
    /// One step w − η·∂L/∂w on the freed weight alone lowers the loss from `from` to `to`.
    case stepDownhill(w: Double, next: Double, from: Double, to: Double)
    /// That step overshoots: the loss does not fall.
    case stepOvershoots(w: Double, next: Double, from: Double, to: Double)
    /// The two hidden neurons still have equal weights in and out.
    case twins

    public var sentence: String {
        func n(_ x: Double, _ digits: Int = 4) -> String { Format.number(x, digits: digits) }
        switch self {
        case .neverRose(let epochs, let from, let to):
            let (a, b) = Format.distinct(from, to, digits: 4)
            let span = epochs == 1 ? "in its one epoch" : "over \(epochs) epochs, never rising"
            return "The mean loss fell \(span), from \(a) to \(b)."
        case .roseIn(let epochs, let from, let to):
            let (a, b) = Format.distinct(from, to, digits: 4)
            let list = Format.summary(epochs.map(String.init))
            return "The mean loss did not fall every epoch: it rose in "
                + "epoch\(epochs.count == 1 ? "" : "s") \(list), on its way from \(a) to \(b). "
                + "Each row takes its own step, and a step for one row can undo another's."
        case .unchanged(let epochs, let loss):
            return
                "The mean loss stayed at \(n(loss, 6)) through \(Format.count(epochs, "epoch")): a "
                + "step this small does not change it, even in the last digit."
        case .diverged(let epoch, let loss, let bound):
            return "Training diverged in epoch \(epoch): the mean loss reached \(n(loss)), past "
                + "\(Format.bound(bound)), so it was stopped. The row-by-row steps overshoot, and "
                + "each makes the next one larger."
        case .notebookLags(let epoch, let notebook, let after):
            return
                "In epoch \(epoch) the notebook prints \(n(notebook, 6)), the mean of the four row "
                + "losses met on the way, each before its own row's update; after the epoch the "
                + "mean loss is \(n(after, 6)). Both are in the table above."
        case .slope(let weight, let w, let loss, let slope, let measured):
            return "At \(weight) = \(n(w, 6)) the mean loss is \(n(loss, 6)) and its slope is "
                + "∂L/∂w = \(n(slope, 6)) (measured by nudging: \(n(measured, 6)))."
        case .stepDownhill(let w, let next, let from, let to):
            let direction = next < w ? "left" : "right"
            let (a, b) = Format.distinct(w, next, digits: 6)
            let (c, d) = Format.distinct(from, to, digits: 6)
            return
                "One step w − η·∂L/∂w on this weight alone moves it \(direction), from \(a) to "
                + "\(b), and the loss falls from \(c) to \(d): downhill, against the sign of the "
                + "slope."
        case .stepOvershoots(let w, let next, let from, let to):
            let (a, b) = Format.distinct(w, next, digits: 6)
            let (c, d) = Format.distinct(from, to, digits: 6)
            let goes = from == to ? "stays at \(c)" : "goes from \(c) to \(d)"
            return "One step w − η·∂L/∂w on this weight alone, from \(a) to \(b), does not go "
                + "downhill: the loss \(goes)."
        case .twins:
            return
                "The two hidden neurons started equal and got equal gradients, so they are still "
                + "twins: starting every weight at 0.1 wastes one of them. That is why networks "
                + "start from random weights."
        }
    }
}

extension StudentsTraining.Result {
    /// How the loss went over the epochs.
    public var trend: StudentsClaim {
        let last = losses[losses.count - 1]
        if diverged, let passed = lossThatPassed {
            return .diverged(epoch: losses.count, loss: passed, bound: experiment.divergenceBound)
        }
        let rises = losses.indices.dropFirst().filter {
            Mutant.studentsRiseFlipped.apply(losses[$0] > losses[$0 - 1]) { !$0 }
        }
        if losses.allSatisfy({ $0 == losses[0] }) {
            return .unchanged(epochs: losses.count - 1, loss: last)
        }
        if rises.isEmpty, losses.count > 1, last < losses[0] {
            return .neverRose(epochs: losses.count - 1, from: losses[0], to: last)
        }
        return .roseIn(epochs: rises, from: losses[0], to: last)
    }

    /// The notebook's number for the first epoch against the loss after it.
    public var notebookLag: [StudentsClaim] {
        guard let first = notebookLosses.first else { return [] }
        return [.notebookLags(epoch: 1, notebook: first, after: losses[1])]
    }

    /// The loss along the freed weight: its value and slope there, and what one step does.
    public func slice(named name: String) -> [StudentsClaim] {
        let (w, slope) = freedWeight
        let next = w - experiment.learningRate * slope
        let (now, then) = (loss(freedAt: w), loss(freedAt: next))
        let measured = centralDifference({ loss(freedAt: $0) }, at: w)
        let step: StudentsClaim =
            then < now
            ? .stepDownhill(w: w, next: next, from: now, to: then)
            : .stepOvershoots(w: w, next: next, from: now, to: then)
        return [.slope(weight: name, w: w, loss: now, slope: slope, measured: measured), step]
    }

    /// The two hidden neurons, when they are still alike.
    public var twins: [StudentsClaim] {
        let w = network.weights
        let same = w[0][0, 0] == w[0][1, 0] && w[0][0, 1] == w[0][1, 1] && w[1][0, 0] == w[1][0, 1]
        return same ? [.twins] : []
    }

    /// Every epoch's two numbers: the notebook's mean row loss during it and the mean loss after
    /// it.
    public func epochTable() -> Table {
        var table = Table([
            "epoch", "notebook: mean row loss during the epoch", "mean loss after the epoch",
        ])
        for (epoch, loss) in losses.enumerated() {
            let notebook = epoch == 0 ? "" : Format.number(notebookLosses[epoch - 1], digits: 8)
            table.add([String(epoch), notebook, Format.number(loss, digits: 8)])
        }
        if let passed = lossThatPassed {
            table.add([String(losses.count), "", "\(Format.number(passed)): stopped"])
        }
        return table
    }

    /// The nine parameters after training, with their names.
    public func parameterTable(_ names: [String]) -> Table {
        var table = Table(["parameter", "value"], leftAligned: [0])
        for (name, value) in zip(names, network.parameters) {
            table.add([name, Format.number(value, digits: 6)])
        }
        return table
    }
}

extension StudentsTraining {
    /// What the training will do, in words.
    public var plan: String {
        "The 2-2-1 network with linear activations, every weight 0.1 and every bias 0, trained as "
            + "the video's notebook does: one row at a time, in order, w ← w − η·∂L/∂w with η = "
            + "\(Format.number(learningRate)), \(Format.count(epochs, "epoch")) (an epoch is one "
            + "pass over the four rows). The notebook prints, for each epoch, the mean of the four "
            + "row losses met while the epoch runs, each before its row's update; we print that "
            + "and the mean loss after the epoch. Training stops, called divergent, if that passes "
            + "\(Format.bound(divergenceBound))."
    }
}
