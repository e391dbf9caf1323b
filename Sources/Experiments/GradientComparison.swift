import Backprop
import TunedNetwork

/// One example's gradient three ways: backpropagation, central finite differences and Swift's
/// automatic differentiation, each timed. The experiment of lesson 8.
public struct GradientComparison: Sendable {
    /// A network to check, the example its cost is taken on, and the name it goes by.
    public struct Case: Sendable {
        public let name: String
        public let network: Network
        public let example: Example

        public init(_ name: String, _ network: Network, _ example: Example) {
            self.name = name
            self.network = network
            self.example = example
        }
    }

    public let cases: [Case]

    public init(_ cases: [Case]) {
        self.cases = cases
    }

    /// The three gradients of one case, in the order of `Network.parameters`, and their times.
    public struct Checked: Sendable {
        public let check: Case
        public let backprop: [Double]
        public let finite: [Double]
        /// Nil where the toolchain has no automatic differentiation.
        public let automatic: [Double]?
        /// Median seconds for one gradient by each method, and for one forward pass.
        public let seconds: Seconds

        /// The parameters of each weight matrix with its biases, as ranges of `backprop`.
        public var layers: [Range<Int>] {
            var start = 0
            return check.network.weights.indices.map { l in
                let count =
                    check.network.weights[l].values.count + check.network.biases[l].count
                defer { start += count }
                return start..<(start + count)
            }
        }

        /// In each layer, the largest |backprop − other| ÷ the layer's largest |∂C/∂w|.
        public func errors(_ other: [Double]) -> [Double] {
            layers.map { range in
                let largest = range.map { abs(backprop[$0]) }.max() ?? 0
                let gap = range.map { abs(backprop[$0] - other[$0]) }.max() ?? 0
                return gap / max(largest, .leastNormalMagnitude)
            }
        }
    }

    public struct Seconds: Sendable {
        public let backprop: Double
        public let forward: Double
        public let finite: Double
        public let automatic: Double?
    }

    public struct Result: Sendable {
        public let experiment: GradientComparison
        public let checked: [Checked]
    }

    /// The work of one case: finite differences, 2 forward passes per parameter, and automatic
    /// differentiation, measured to cost a little more (both grow with the square of the
    /// parameters; backpropagation's 21 timed runs are a moment beside them).
    static func work(_ check: Case) -> Work {
        let parameters = Double(check.network.parameterCount)
        return Work(readable: 4.5 * parameters * parameters)
    }

    /// The work `run` does.
    public var work: Work { cases.map(Self.work).reduce(Work(), +) }

    /// Every case, telling `progress` the fraction of the work done.
    public func run(progress: (Double) -> Void = { _ in }) -> Result {
        let total = work.readable
        var before = 0.0
        let checked = cases.map { check in
            let share = Self.work(check).readable
            defer { before += share }
            // Finite differences are 2 of the 4.5 shares; automatic differentiation the rest.
            return Self.check(check) { progress((before + $0 * share * 2 / 4.5) / total) }
        }
        return Result(experiment: self, checked: checked)
    }

    static func check(_ check: Case, progress: (Double) -> Void = { _ in }) -> Checked {
        let (network, example) = (check.network, check.example)
        var backprop: [Double] = []
        var finite: [Double] = []
        var automatic: [Double]?
        let backpropTime = medianSeconds(repeats: 21) {
            backprop = network.backpropagate(example).gradient.flattened
        }
        let forward = medianSeconds(repeats: 21) { _ = network.cost(example) }
        let finiteTime = medianSeconds {
            finite = network.finiteDifferenceGradient(example, progress: progress)
        }
        let automaticTime = medianSeconds { automatic = automaticGradient(network, example) }
        return Checked(
            check: check, backprop: backprop, finite: finite, automatic: automatic,
            seconds: Seconds(
                backprop: backpropTime, forward: forward, finite: finiteTime,
                automatic: automatic == nil ? nil : automaticTime))
    }
}

extension Network {
    /// Multiply-adds for one example: W·a forward; backward, δ·aᵀ for every layer's weights and
    /// Wᵀ·δ for every layer but the first.
    public var multiplyAdds: (forward: Int, backward: Int) {
        let forward = zip(sizes, sizes.dropFirst()).map(*).reduce(0, +)
        let passBack = zip(sizes.dropFirst(), sizes.dropFirst(2)).map(*).reduce(0, +)
        return (forward, forward + passBack)
    }
}
