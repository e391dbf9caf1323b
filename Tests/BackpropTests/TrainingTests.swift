import CKernels
import TestSupport
import Testing

@testable import Backprop
@testable import TunedNetwork

struct TrainingTests {
    /// A few random examples of a small digit-like problem.
    static func examples(_ count: Int, sizes: [Int], seed: UInt64) -> [Example] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            Example(
                input: (0..<sizes[0]).map { _ in random.nextUnit() },
                target: oneHotTarget(
                    Int(random.next() % UInt64(sizes[sizes.count - 1])), sizes[sizes.count - 1]))
        }
    }

    static func oneHotTarget(_ k: Int, _ n: Int) -> [Double] { (0..<n).map { $0 == k ? 1 : 0 } }

    /// Shapes, batch sizes, kernels and activations. ReLU runs on the small shape only: with 784
    /// inputs some z lands within Float rounding of ReLU's kink, where Float and Double may
    /// rightly choose different sides.
    static let cases: [([Int], Int, Bool, Activation)] = [
        ([784, 30, 10], 10, true, .sigmoid), ([784, 16, 16, 10], 7, true, .sigmoid),
        ([784, 30, 10], 10, true, .tanh),
        ([20, 9, 4], 5, false, .sigmoid), ([20, 9, 4], 3, true, .tanh),
        ([20, 9, 4], 5, true, .relu), ([20, 9, 4], 5, false, .relu),
        // Blocks of rows and a remainder, an odd number of outputs, more than 64 outputs, rows
        // whose length is no multiple of 16.
        ([37, 71, 5], 23, true, .sigmoid), ([784, 30, 10], 13, true, .sigmoid),
        ([37, 71, 5], 12, true, .linear), ([37, 71, 5], 12, false, .linear),
        // More rows than the update sets out scales for at once (64), outputs shared unevenly.
        ([20, 35, 4], 70, true, .sigmoid),
    ]

    /// Every width of kernel this processor can run: the widest, and each narrower path a
    /// processor without it would take (plain loops in C at 32 bits).
    static let widths =
        Processor.kernelBits == 128
        ? [128, 32] : [512, 256, 32].filter { $0 <= Processor.kernelBits }

    @Test(
        "Every path of the tuned kernels gives the readable network's numbers, to 1e-5",
        arguments: cases, widths)
    func fastMatchesReadable(
        _ shape: ([Int], Int, Bool, Activation), bits: Int
    ) {
        let (sizes, batch, vectorised, activation) = shape
        let start = Network(sizes: sizes, activation: activation, seed: 3, initialisation: .scaled)
        let data = Self.examples(3 * batch, sizes: sizes, seed: 8)
        var readable = start
        var fast = FastNetwork(start, vectorised: vectorised, threads: 2, kernelBits: bits)
        var workspace = Workspace()
        let set = TrainingSet(data)
        // A linear network on 37 inputs runs away at 0.5.
        let rate = activation == .linear ? 0.01 : 0.5
        for first in stride(from: 0, to: data.count, by: batch) {
            readable.train(miniBatch: Array(data[first..<(first + batch)]), learningRate: rate)
            // The batch to come named, as an epoch names it: the kernels then work in parts,
            // asking for its rows between them (bit for bit the same: `aheadChangesNothing`).
            let next = (first + batch) % data.count
            fast.train(
                batch: Array(first..<(first + batch))[...], in: set, learningRate: Float(rate),
                workspace: &workspace, next: Array(next..<(next + batch))[...])
        }
        let difference =
            zip(readable.parameters, fast.network.parameters).map { abs($0 - $1) }.max() ?? 1
        #expect(difference < 1e-5)
        let evaluated = fast.evaluate(set)
        #expect(abs(evaluated.cost - readable.averageCost(data)) < 1e-4)
        #expect(evaluated.accuracy == readable.accuracy(data))
    }

    @Test(
        "σ on vectors of sixteen or eight lanes is expf's to a few ulps, NaN and ∞ included",
        arguments: widths)
    func sigmoid(bits: Int) {
        var z: [Float] = [-.infinity, -100, -88, -20, -1, -1e-8, 0, 1e-8, 0.5, 1, 20, 88, 100]
        z += [.infinity, .nan] + (0..<200).map { Float($0 - 100) * 0.173 }
        let bias = [Float](repeating: 0, count: z.count)
        var plain = z
        var tuned = z
        var a = z
        bp_bias_activate(&plain, &a, bias, 1, z.count, Int32(BP_SIGMOID), 32)
        let expected = a
        bp_bias_activate(&tuned, &a, bias, 1, z.count, Int32(BP_SIGMOID), Int32(bits))
        for (got, want) in zip(a, expected) {
            if want.isNaN {
                #expect(got.isNaN)
            } else {
                #expect(abs(got - want) <= 4 * want.ulp, "σ: \(got), expf's \(want)")
            }
        }
        #expect(tuned.elementsEqual(plain) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    @Test(
        "A profiled epoch gives the same numbers as one without, and every part of a step is timed",
        arguments: widths)
    func profiled(bits: Int) {
        let start = Network(sizes: [30, 12, 8, 4], activation: .sigmoid, seed: 5)
        let set = TrainingSet(Self.examples(57, sizes: [30, 12, 8, 4], seed: 9))
        var plain = FastNetwork(start, kernelBits: bits)
        var timed = plain
        var first = SeededGenerator(seed: 4)
        var second = SeededGenerator(seed: 4)
        let profile = StepProfile()
        let cost = plain.trainEpoch(set, batchSize: 5, learningRate: 0.5, generator: &first)
        let timedCost = timed.trainEpoch(
            set, batchSize: 5, learningRate: 0.5, generator: &second, profile: profile)
        #expect(plain.parameters == timed.parameters && cost == timedCost)
        for part in StepProfile.Part.allCases {
            #expect(profile.seconds(in: part) > 0, "\(part.name)")
        }
    }

    @Test(
        "Naming the next batch changes no number: with it and without, the same bits",
        arguments: cases, widths)
    func aheadChangesNothing(_ shape: ([Int], Int, Bool, Activation), bits: Int) {
        let (sizes, batch, vectorised, activation) = shape
        let start = Network(sizes: sizes, activation: activation, seed: 3, initialisation: .scaled)
        let set = TrainingSet(Self.examples(3 * batch, sizes: sizes, seed: 8))
        var told = FastNetwork(start, vectorised: vectorised, kernelBits: bits)
        var untold = told
        var workspace = Workspace()
        let rate: Float = activation == .linear ? 0.01 : 0.5
        for first in stride(from: 0, to: set.count, by: batch) {
            let next = (first + batch) % set.count
            told.train(
                batch: Array(first..<(first + batch))[...], in: set, learningRate: rate,
                workspace: &workspace, next: Array(next..<(next + batch))[...])
            untold.train(
                batch: Array(first..<(first + batch))[...], in: set, learningRate: rate,
                workspace: &workspace)
        }
        #expect(told.parameters == untold.parameters)
    }

    @Test("The caches' sizes read as the system writes them")
    func cacheSizes() {
        #expect(Processor.bytes("32K") == 32_768)
        #expect(Processor.bytes("1024K") == 1 << 20)
        #expect(Processor.bytes("2M") == 2 << 20)
        #expect(Processor.bytes("4096") == 4096)
        #expect(Processor.bytes("") == nil && Processor.bytes("K") == nil)
    }

    @Test("Shuffling is seeded: the same seed, the same order; every index exactly once")
    func shuffling() {
        var a = SeededGenerator(seed: 5)
        var b = SeededGenerator(seed: 5)
        var c = SeededGenerator(seed: 6)
        let first = shuffledIndices(1000, using: &a)
        #expect(first == shuffledIndices(1000, using: &b))
        #expect(first != shuffledIndices(1000, using: &c))
        #expect(first.sorted() == Array(0..<1000))
        #expect(Array(shuffledIndices(10, using: &a).prefix(10)).count == 10)
    }

    @Test("Mini-batches cover every example once; the last may be smaller")
    func batches() {
        let cut = miniBatches(Array(0..<23), size: 10)
        #expect(cut.map(\.count) == [10, 10, 3])
        #expect(cut.flatMap { $0 } == Array(0..<23))
    }

    @Test("Training on a small slice beats chance clearly within a fixed number of steps")
    func learns() {
        // Two well-separated clusters per class in 8 dimensions: chance is 1/4.
        var random = SeededGenerator(seed: 2)
        let centres = (0..<4).map { _ in (0..<8).map { _ in random.nextUnit() } }
        let data = (0..<400).map { i -> Example in
            let k = i % 4
            return Example(
                input: centres[k].map { $0 + 0.1 * random.nextGaussian() },
                target: Self.oneHotTarget(k, 4))
        }
        var network = Network(sizes: [8, 12, 4], activation: .sigmoid, seed: 1)
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<20 {
            network.trainEpoch(data, batchSize: 10, learningRate: 3, generator: &generator)
        }
        #expect(network.accuracy(data) > 0.9)
    }
}
