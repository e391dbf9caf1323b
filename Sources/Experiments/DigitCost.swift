import Backprop
import Datasets

/// An untrained digit network on one training image: its ten outputs against the wanted ones,
/// that image's cost C₀ = Σⱼ (aⱼ − yⱼ)², and the average cost over every training image.
/// The experiment of lesson 6.
public struct DigitCost: Sendable {
    public let network: Network
    public let digits: Digits
    /// The training image followed.
    public let index: Int

    public init(network: Network, digits: Digits, index: Int) {
        self.network = network
        self.digits = digits
        self.index = index
    }

    /// One image's outputs and cost, and the average cost over the set.
    public struct Result: Sendable {
        public let experiment: DigitCost
        /// The digit the image shows.
        public let label: Int
        public let pixels: [Double]
        /// The network's ten outputs aⱼ, and the wanted ones yⱼ (1 for the label, 0 elsewhere).
        public let output: [Double]
        public let target: [Double]
        /// This image's cost C₀.
        public let cost: Double
        /// The average C₀ over every training image.
        public let average: Double

        /// Each output's square (aⱼ − yⱼ)².
        public var squares: [Double] {
            zip(output, target).map { ($0 - $1) * ($0 - $1) }
        }

        /// The network's guess: its brightest output (the first, when several tie).
        public var guess: Int {
            output.indices.reduce(0) { output[$1] > output[$0] ? $1 : $0 }
        }
    }

    public func run() -> Result {
        let example = digits.example(index)
        let output = network.output(for: example.input)
        return Result(
            experiment: self, label: digits.labels[index], pixels: example.input, output: output,
            target: example.target,
            cost: QuadraticCost.cost(output: output, target: example.target),
            average: network.averageCost(digits.lazyExamples()))
    }
}
