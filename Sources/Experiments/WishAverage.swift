import Backprop
import Datasets

/// Every example's gradient on the first training images, their average (the full gradient),
/// and how much each example agrees with it. The experiment of lesson 9.
public struct WishAverage: Sendable {
    public let network: Network
    public let digits: Digits
    /// How many of the first training images are averaged.
    public let count: Int
    /// The length of the step that compares the full gradient with one example's.
    public static let stepLength = 0.01

    public init(network: Network, digits: Digits, count: Int) {
        self.network = network
        self.digits = digits
        self.count = min(count, digits.count)
    }

    /// The index in `Network.parameters` where the output layer's weights start: the
    /// parameters end with the output layer's weights and then its biases.
    public var outputStart: Int {
        let outputs = network.sizes[network.sizes.count - 1]
        let inputs = network.sizes[network.sizes.count - 2]
        return network.parameterCount - outputs * inputs - outputs
    }

    public struct Result: Sendable {
        public let experiment: WishAverage
        public let labels: [Int]
        /// The average gradient over the examples, in the order of `Network.parameters`.
        public let full: [Double]
        /// The four output weights with the largest average wish, as parameter indices.
        public let chosen: [Int]
        /// For each chosen weight, each example's wish −∂C₀/∂w.
        public let wishes: [[Double]]
        /// For each chosen weight, minus the measured slope of the average cost.
        public let measured: [Double]
        /// Each example's cosine with the full gradient.
        public let cosines: [Double]
        /// How much a step along the full gradient lowers the average cost, and a step of the
        /// same length along the gradient of the example that agrees best.
        public let fullFall: Double
        public let singleFall: Double
        /// The mean output of the digits an example is not.
        public let meanWrongOutput: Double

        /// For each chosen weight, the average wish −∂C/∂w.
        public var averageWish: [Double] { chosen.map { -full[$0] } }
        /// The example whose gradient agrees best with the full gradient.
        public var best: Int { cosines.indices.max { cosines[$0] < cosines[$1] } ?? 0 }
        /// Examples pointing within 90° of the full gradient.
        public var agreeing: Int { cosines.filter { $0 > 0 }.count }
        /// The output weight the examples most want to change, by parameter index.
        public var strongest: Int { chosen.max { abs(full[$0]) < abs(full[$1]) }! }

        /// "w³[2,7]": a chosen weight's name, output neuron first.
        public func name(_ parameter: Int) -> String {
            let inputs = experiment.network.sizes[experiment.network.sizes.count - 2]
            let offset = parameter - experiment.outputStart
            let layer = experiment.network.sizes.count - 1
            return "w\(superscript(layer))[\(offset / inputs),\(offset % inputs)]"
        }

        /// The output neuron, so the digit, a chosen weight leads into.
        public func digit(_ parameter: Int) -> Int {
            let inputs = experiment.network.sizes[experiment.network.sizes.count - 2]
            return (parameter - experiment.outputStart) / inputs
        }
    }

    /// Every measurement, telling `progress` the fraction done, in shares measured on 60,000
    /// digits: the averaged gradient 5, each example's gradient 4, the 8 nudged costs 8, and the
    /// two steps and the outputs the last 5.
    public func run(progress: (Double) -> Void = { _ in }) -> Result {
        let data = digits.lazyExamples(limit: count)
        let full = network.gradient(over: data).flattened
        progress(5 / 22)
        let outputs = network.sizes[network.sizes.count - 1]
        let inputs = network.sizes[network.sizes.count - 2]
        let weights = outputStart..<(outputStart + outputs * inputs)
        let chosen = weights.sorted { abs(full[$0]) > abs(full[$1]) }.prefix(4).sorted()
        // One example at a time, keeping only what is shown: 60,000 gradients of 13,002 numbers
        // would not fit in memory.
        var cosines: [Double] = []
        var wishes = chosen.map { _ in [Double]() }
        for example in data {
            let gradient = network.backpropagate(example).gradient.flattened
            cosines.append(cosine(gradient, full))
            for (i, p) in chosen.enumerated() { wishes[i].append(-gradient[p]) }
            progress((5 + 4 * Double(cosines.count) / Double(data.count)) / 22)
        }
        let measured = chosen.enumerated().map { (i, p) in
            defer { progress((9 + 2 * Double(i + 1)) / 22) }
            return -centralDifference(
                { w in
                    var nudged = network
                    nudged.parameters[p] = w
                    return nudged.averageCost(data)
                }, at: network.parameters[p])
        }
        let best = cosines.indices.max { cosines[$0] < cosines[$1] } ?? 0
        let single = network.backpropagate(data[best]).gradient.flattened
        let wrong = data.flatMap { example in
            zip(network.output(for: example.input), example.target).filter { $0.1 == 0 }.map(\.0)
        }
        return Result(
            experiment: self, labels: Array(digits.labels.prefix(count)), full: full,
            chosen: chosen, wishes: wishes, measured: measured, cosines: cosines,
            fullFall: network.costDecrease(over: data, along: full, by: Self.stepLength),
            singleFall: network.costDecrease(over: data, along: single, by: Self.stepLength),
            meanWrongOutput: wrong.reduce(0, +) / Double(max(wrong.count, 1)))
    }
}

/// ¹, ², ³: a layer number as a superscript.
public func superscript(_ n: Int) -> String {
    let digits = Array("⁰¹²³⁴⁵⁶⁷⁸⁹")
    return String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } })
}
