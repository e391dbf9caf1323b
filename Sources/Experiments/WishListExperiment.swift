import Backprop
import Datasets

/// One training image's backward pass, told neuron by neuron as the video tells it
/// (`WishListStory`), beside the network's own backpropagation. The experiment of lesson 7.
public struct WishListExperiment: Sendable {
    public let network: Network
    public let digits: Digits
    /// The training image followed.
    public let index: Int
    /// The neuron of layer 1 whose incoming nudges are drawn; nil for the one that wants most.
    public let neuron: Int?

    public init(network: Network, digits: Digits, index: Int, neuron: Int?) {
        self.network = network
        self.digits = digits
        self.index = index
        self.neuron = neuron
    }

    /// One weight's nudge from the story beside minus the measured slope of the cost.
    public struct SpotCheck: Sendable, Equatable {
        /// The weight matrix, counted from 0 (so wˡ⁺¹), and the weight's row and column.
        public let layer: Int
        public let j: Int
        public let k: Int
        public let nudge: Double
        public let measured: Double
    }

    public struct Result: Sendable {
        public let experiment: WishListExperiment
        public let example: Example
        public let label: Int
        public let story: WishListStory
        public let backward: BackwardPass
        /// The neuron of layer 1 whose incoming nudges are drawn.
        public let hidden: Int
        /// In every weight matrix, the weight that wants the biggest nudge, nudged by hand.
        public let spotChecks: [SpotCheck]

        public var pass: ForwardPass { backward.forward }

        /// The largest |story's nudge + backprop's ∂C₀/∂w| over every parameter.
        public var mismatch: Double {
            zip(story.parameterNudges, backward.gradient.flattened).map { abs($0 + $1) }.max() ?? 0
        }

        /// The neurons of layer 2 whose weights into the right digit want the biggest nudges.
        public var strongest: [Int] {
            story.strongestWeightNudges(into: label, layer: 2, count: 5)
        }

        /// Each of those neurons' rank by activation: 1 for the most active of layer 2.
        public var ranks: [Int] { strongest.map { story.rank(of: $0, in: pass.activations[2]) } }

        /// The nudge each of the 784 weights into neuron `hidden` of layer 1 wants.
        public var incomingNudges: [Double] {
            (0..<story.weightNudges[0].columns).map { story.weightNudges[0][hidden, $0] }
        }

        /// The neurons of layers 1, 2 and 3 worth drawing: the right output neuron, the five of
        /// layer 2 whose weights into it want the biggest nudges, and for each of those the two
        /// strongest from layer 1.
        public var strongestPaths: [[Int]] {
            let second = strongest
            let first = Set(
                second.flatMap { story.strongestWeightNudges(into: $0, layer: 1, count: 2) })
            return [first.sorted(), second.sorted(), [label]]
        }
    }

    public func run() -> Result {
        let example = digits.example(index)
        let pass = network.forward(example.input)
        let story = WishListStory(network: network, pass: pass, target: example.target)
        let checks = story.spotChecks(network: network, example: example).map {
            SpotCheck(layer: $0.layer, j: $0.j, k: $0.k, nudge: $0.nudge, measured: $0.measured)
        }
        return Result(
            experiment: self, example: example, label: digits.labels[index], story: story,
            backward: network.backpropagate(example),
            hidden: neuron ?? story.strongestNeuron(layer: 1), spotChecks: checks)
    }
}
