import Backprop

/// The CampusX 2-2-1 network on the four students rows, trained as the video's notebook does: one
/// row at a time, in order, every weight 0.1 and every bias 0 at the start, linear activations.
/// The experiment of lesson 5.
public struct StudentsTraining: Sendable {
    public let learningRate: Double
    public let epochs: Int
    /// The hidden weight to free for the slice, as (row j, column k) of w¹: into h_j from input k.
    public let freed: (j: Int, k: Int)
    /// Training stops, called divergent, once an epoch's mean loss passes this.
    public let divergenceBound: Double

    public static let examples = StudentsData.examples

    public init(learningRate: Double, epochs: Int, freed: (j: Int, k: Int), divergenceBound: Double)
    {
        self.learningRate = learningRate
        self.epochs = epochs
        self.freed = freed
        self.divergenceBound = divergenceBound
    }

    /// The untrained network.
    public static var untrained: Network {
        Network(sizes: [2, 2, 1], activations: [.linear, .linear], weight: 0.1, bias: 0)
    }

    /// What training did.
    public struct Result: Sendable {
        public let experiment: StudentsTraining
        /// The network before training and after every epoch that finished.
        public let snapshots: [Network]
        /// The mean loss over the four rows before training (epoch 0) and after each epoch.
        public let losses: [Double]
        /// The CampusX notebook's number for each finished epoch: the mean of the four row losses
        /// computed while the epoch ran, each before that row's own update.
        public let notebookLosses: [Double]
        /// The mean loss after the epoch that passed the bound (or stopped being finite), the
        /// one after the last epoch kept; nil when training did not diverge.
        public let lossThatPassed: Double?

        /// True when training was stopped because an epoch's mean loss passed the bound.
        public var diverged: Bool { lossThatPassed != nil }

        public var network: Network { snapshots[snapshots.count - 1] }

        /// The mean loss with every parameter as trained except the freed weight, set to `w`.
        public func loss(freedAt w: Double) -> Double {
            var frozen = network
            frozen.weights[0][experiment.freed.j, experiment.freed.k] = w
            return frozen.averageCost(StudentsTraining.examples)
        }

        /// The freed weight now, and its slope ∂L/∂w over all four rows.
        public var freedWeight: (w: Double, slope: Double) {
            let (j, k) = experiment.freed
            let slope = network.gradient(over: StudentsTraining.examples).weights[0][j, k]
            return (network.weights[0][j, k], slope)
        }
    }

    /// One row's update, as training is about to make it: for `--step` to show.
    public struct RowUpdate {
        /// Counted from 1.
        public let epoch: Int
        /// Counted from 0.
        public let row: Int
        /// The network before this update.
        public let network: Network
        public let example: Example
    }

    /// Trains for the epochs. `proceed` is asked before every row's update; when it answers
    /// false (a learner stopped `--step`), training ends there, with the epochs finished so far.
    public func run(proceed: (RowUpdate) -> Bool = { _ in true }) -> Result {
        var network = Self.untrained
        var snapshots = [network]
        var losses = [network.averageCost(Self.examples)]
        var notebook: [Double] = []
        func result(passed: Double? = nil) -> Result {
            Result(
                experiment: self, snapshots: snapshots, losses: losses, notebookLosses: notebook,
                lossThatPassed: passed)
        }
        for epoch in 1..<(epochs + 1) {
            var next = network
            var rowLosses: [Double] = []
            for (row, example) in Self.examples.enumerated() {
                let update = RowUpdate(epoch: epoch, row: row, network: next, example: example)
                guard proceed(update) else { return result() }
                rowLosses.append(next.cost(example))
                next.descend(
                    along: next.backpropagate(example).gradient, learningRate: learningRate)
            }
            let loss = next.averageCost(Self.examples)
            guard loss.isFinite, loss <= divergenceBound else { return result(passed: loss) }
            network = next
            snapshots.append(next)
            losses.append(loss)
            notebook.append(rowLosses.reduce(0, +) / Double(rowLosses.count))
        }
        return result()
    }
}
