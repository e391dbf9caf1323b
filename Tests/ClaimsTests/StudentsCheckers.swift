import Backprop
import Claims
import Experiments
import Foundation
import TestSupport

// The checkers for lesson 5, from the raw numbers: the mean loss after every epoch, the trained
// network's parameters, and the network's own loss and gradient, recomputed here.

/// Whether a claim of lesson 5 is true of its training.
func holds(_ claim: StudentsClaim, in result: StudentsTraining.Result) -> Bool {
    let losses = result.losses
    let rows = StudentsData.examples
    let (j, k) = result.experiment.freed
    // The mean loss with the freed weight set to w, every other parameter as trained.
    func loss(_ w: Double) -> Double {
        var network = result.snapshots[result.snapshots.count - 1]
        network.weights[0][j, k] = w
        let total = rows.map { row -> Double in
            let y = network.forward(row.input).output[0]
            return (y - row.target[0]) * (y - row.target[0])
        }.reduce(0, +)
        return total / Double(rows.count)
    }
    switch claim {
    case .neverRose(let epochs, let from, let to):
        return !result.diverged && epochs == losses.count - 1 && from == losses[0]
            && to == losses[losses.count - 1] && to < from
            && zip(losses, losses.dropFirst()).allSatisfy { $1 <= $0 }
    case .roseIn(let epochs, let from, let to):
        let rises = (1..<losses.count).filter { losses[$0] > losses[$0 - 1] }
        return !result.diverged && !epochs.isEmpty && epochs == rises && from == losses[0]
            && to == losses[losses.count - 1]
    case .unchanged(let epochs, let value):
        return epochs == losses.count - 1 && losses.allSatisfy { $0 == value }
    case .diverged(let epoch, let value, let bound):
        return result.diverged && epoch == losses.count
            && bound == result.experiment.divergenceBound
            && (value > bound || !value.isFinite) && losses.allSatisfy { $0 <= bound }
    case .notebookLags(let epoch, let notebook, let after):
        // Epoch 1 again, row by row: each row's loss before its own update.
        var network = result.snapshots[0]
        var met: [Double] = []
        for row in rows {
            met.append(network.cost(row))
            network.descend(
                along: network.backpropagate(row).gradient,
                learningRate: result.experiment.learningRate)
        }
        return epoch == 1 && notebook == met.reduce(0, +) / 4 && after == losses[1]
            && abs(after - network.averageCost(rows)) <= 1e-12 * max(1, after)
    case .slope(_, let w, let value, let slope, let measured):
        let trained = result.snapshots[result.snapshots.count - 1]
        let h = 1e-5 * max(1, abs(w))
        let nudged = (loss(w + h) - loss(w - h)) / (2 * h)
        let scale = max(1, abs(nudged))
        return w == trained.weights[0][j, k] && abs(value - loss(w)) <= 1e-12 * max(1, value)
            && abs(slope - nudged) <= 1e-4 * scale && abs(measured - nudged) <= 1e-4 * scale
    case .stepDownhill(let w, let next, let from, let to):
        return abs(from - loss(w)) <= 1e-12 * max(1, from)
            && abs(to - loss(next)) <= 1e-12 * max(1, to)
            && to < from && next != w
    case .stepOvershoots(let w, let next, let from, let to):
        return abs(from - loss(w)) <= 1e-12 * max(1, from)
            && abs(to - loss(next)) <= 1e-12 * max(1, to)
            && to >= from
    case .twins:
        let w = result.snapshots[result.snapshots.count - 1].weights
        return w[0][0, 0] == w[0][1, 0] && w[0][0, 1] == w[0][1, 1] && w[1][0, 0] == w[1][0, 1]
    }
}
