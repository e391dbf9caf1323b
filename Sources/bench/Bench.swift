import ArgumentParser
import Backprop
import Datasets
import Foundation
import LessonKit
import TunedNetwork

/// `swift run -c release bench`: the processor's own limit (fused multiply-adds with no memory
/// traffic, on one core), then how fast one epoch of mini-batch SGD trains, for the tuned kernels
/// at each width this processor has and, side by side in the same run, the plain batched loops and
/// the readable network, each as a share of that limit.
@main
enum Main {
    /// A refusal is one line, as the lessons' are.
    static func main() async {
        await runWithOneLineErrors(Bench.self)
    }
}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Time one training epoch of the digit networks.",
        discussion:
            "Build in release mode: swift run -c release bench. Prints medians of --runs epochs.")

    @Option(
        help: ArgumentHelp(
            "A folder holding MNIST in IDX format; without it, random data of the same shape.",
            valueName: "dir"))
    var mnist: String?

    @Option(
        parsing: .unconditional, help: "Timed epochs per configuration; the median is reported.")
    var runs = 5

    @Option(parsing: .unconditional, help: "Use only the first N training examples.")
    var examples = 50_000

    @Option(parsing: .unconditional, help: "Cores the tuned kernels may use.")
    var threads = 2

    @Flag(help: "Time the tuned kernels only, without the plain comparison (for profiling).")
    var tunedOnly = false

    @Flag(help: "Also time the readable Double network (slow: one epoch each).")
    var readable = false

    func validate() throws {
        guard (1...100).contains(runs) else {
            throw ValidationError("--runs must be a whole number from 1 to 100 (got \(runs))")
        }
        guard (1...64).contains(threads) else {
            throw ValidationError("--threads must be a whole number from 1 to 64 (got \(threads))")
        }
        guard (1...60_000).contains(examples) else {
            throw ValidationError(
                "--examples must be a whole number from 1 to 60000 (got \(examples))")
        }
        if let mnist {
            try Check.folder(
                mnist, "--mnist", holding: "train-images-idx3-ubyte(.gz) and the rest of MNIST")
        }
    }

    func run() throws {
        let set = try trainingSet().prefix(examples)
        print(
            "bench: \(set.count) training examples "
                + "(\(mnist.map { "MNIST from \($0)" } ?? "random data of MNIST's shape")), median "
                + "of \(runs) epochs"
        )
        #if DEBUG
        print("warning: this is a debug build; run `swift run -c release bench` for real figures")
        #endif
        // The limit first, measured on this core: the same fused multiply-adds as the kernels,
        // with no memory traffic.
        let peak = Processor.peak()
        print(
            "peak: \(String(format: "%.1f", peak.flops / 1e9)) GFLOP/s on one core "
                + "(\(peak.bits)-bit fused multiply-adds, twelve chains, no memory traffic); the "
                + "tuned kernels run on \(Processor.kernelBits)-bit vectors")
        print("")
        print(
            "network        batch  kernel                 s/epoch   examples/s   GFLOP/s   % peak"
                + "   × plain"
        )
        // A well-kept BLAS beside the kernels, where this machine has one.
        let blas = Blas.load()
        var checks: [String] = []
        var reached: [String] = []
        // The caches, as the system reports them, read once.
        let caches = Processor.dataCaches
        for (sizes, batch, goal) in [([784, 30, 10], 10, 60.0), ([784, 16, 16, 10], 100, 50)] {
            let start = Network(sizes: sizes, activation: .sigmoid, seed: 1)
            // Each configuration once: the tuned kernels on every core asked for (when more than
            // one), on one core, and the same batching with plain loops, all in this one run.
            // The widest kernels, and each narrower path a processor without them takes.
            let widest = Processor.kernelBits
            var configurations = [("SIMD\(widest), 1 core", true, 1, widest)]
            if threads > 1 {
                configurations.insert(
                    ("SIMD\(widest), \(threads) cores", true, threads, widest), at: 0)
            }
            if !tunedOnly {
                // AVX2 beside AVX-512 on x86-64; a NEON processor has only the one width.
                for bits in [256] where bits < widest {
                    configurations.append(("SIMD\(bits), 1 core", true, 1, bits))
                }
                // The kernels' plain C loops, which a processor with no vectors runs.
                configurations.append(("plain C, 1 core", true, 1, 32))
                configurations.append(("plain, batched", false, 1, widest))
            }
            var results = configurations.map { name, vectorised, cores, bits in
                let network = FastNetwork(
                    start, vectorised: vectorised, threads: cores, kernelBits: bits)
                let seconds = medianSeconds(repeats: runs) { epoch(network, set, batch) }
                return (name, cores, seconds, Optional(shares(network, set, batch)))
            }
            if let blas, !tunedOnly {
                let named = "\(blas.name) sgemm, 1 core"
                let seconds = medianSeconds(repeats: runs) { blasEpoch(start, blas, set, batch) }
                results.append((named, 1, seconds, nil))
                checks.append(blasCheck(start, blas, set, batch))
            }
            if readable {
                let seconds = medianSeconds { readableEpoch(start, set, batch) }
                results.append(("readable Double", 1, seconds, nil))
            }
            let plain = results.first { $0.0 == "plain, batched" }?.2
            let flops = 2 * Double(multiplyAdds(sizes)) * Double(set.count)
            for (name, cores, seconds, shares) in results {
                // Without a plain run to compare with, the last column says so with a dash.
                let ratio = plain.map { String(format: "%.2f", $0 / seconds) } ?? "–"
                print(
                    pad(sizes.map(String.init).joined(separator: "-"), 14),
                    pad(String(batch), 5, right: true), " ", pad(name, 22),
                    pad(String(format: "%.3f", seconds), 8, right: true),
                    pad(String(format: "%.0f", Double(set.count) / seconds), 12, right: true),
                    pad(String(format: "%.2f", flops / seconds / 1e9), 9, right: true),
                    // Of the peak of the cores it ran on.
                    pad(
                        String(
                            format: "%.1f", 100 * flops / seconds / (peak.flops * Double(cores))),
                        8, right: true),
                    pad(ratio, 9, right: true))
                if let shares { print("      time: \(shares)") }
            }
            // The goal: the widest kernels on one core, as a share of that core's peak.
            if let one = results.first(where: { $0.0 == "SIMD\(Processor.kernelBits), 1 core" }) {
                let share = 100 * flops / one.2 / peak.flops
                reached.append(
                    "\(sizes.map(String.init).joined(separator: "-")) at mini-batch \(batch): "
                        + String(format: "%.1f%% of the peak, ", share)
                        + (share >= goal ? "at least" : "short of") + " the goal of "
                        + String(format: "%.0f%%", goal))
            }
            let traffic = Traffic(
                sizes: sizes, batch: batch, examples: set.count, caches: caches)
            let rates = traffic.line(seconds: results[0].2)
            print("      data a step: \(rates), rates in the first row's")
        }
        print("")
        print("caches: \(Traffic.said(caches)), as the system reports them (the L3 shared)")
        print("goals, widest kernels on one core: " + reached.joined(separator: "; "))
        print("")
        if tunedOnly {
            return
        }
        guard blas != nil else {
            print(
                "No BLAS found to compare with: on Debian, apt-get install libopenblas0; on macOS, "
                    + "Accelerate is always there.")
            return
        }
        for check in checks { print(check) }
    }

    /// After 20 mini-batches from the same start, how far the BLAS network's parameters are from
    /// the tuned network's: the comparison only counts if both do the same arithmetic. (Over a
    /// whole epoch at η = 3 the sums' different orders grow chaotically, to differences of 1 or
    /// more between any two paths, the tuned kernels' own widths included.)
    func blasCheck(_ start: Network, _ blas: Blas, _ set: TrainingSet, _ batch: Int) -> String {
        let steps = 20
        let first = set.prefix(steps * batch)
        var tuned = FastNetwork(start)
        var withBlas = BlasNetwork(start, blas: blas)
        var random = SeededGenerator(seed: 3)
        tuned.trainEpoch(first, batchSize: batch, learningRate: 3.0, generator: &random)
        random = SeededGenerator(seed: 3)
        withBlas.trainEpoch(first, batchSize: batch, learningRate: 3.0, generator: &random)
        let gap = zip(tuned.parameters, withBlas.parameters).map { abs($0 - $1) }.max() ?? 0
        let shape = start.sizes.map(String.init).joined(separator: "-")
        return "\(blas.name) on \(shape), batch \(batch): after \(steps) mini-batches its weights "
            + "and biases are within \(String(format: "%.1e", gap)) of the tuned kernels'"
    }

    func blasEpoch(_ start: Network, _ blas: Blas, _ set: TrainingSet, _ batch: Int) {
        var network = BlasNetwork(start, blas: blas)
        var random = SeededGenerator(seed: 3)
        network.trainEpoch(set, batchSize: batch, learningRate: 3.0, generator: &random)
    }

    /// MNIST's 50,000 training images, or random data of that shape.
    func trainingSet() throws -> TrainingSet {
        if let mnist {
            return try MNIST(folder: URL(fileURLWithPath: mnist)).training.trainingSet()
        }
        var random = SeededGenerator(seed: 7)
        let count = 50_000
        return TrainingSet(
            inputSize: 784, outputSize: 10,
            inputs: (0..<(count * 784)).map { _ in Float(random.nextUnit()) },
            targets: (0..<count).flatMap { _ in oneHot(Int(random.next() % 10)).map(Float.init) })
    }

    /// Multiply-adds per example for a forward and a backward pass: z = W·a, ∂C/∂W = δ·aᵀ, and
    /// δ = Wᵀ·δ′ for every layer but the first.
    func multiplyAdds(_ sizes: [Int]) -> Int {
        let layers = zip(sizes, sizes.dropFirst()).map(*)
        return 2 * layers.reduce(0, +) + layers.dropFirst().reduce(0, +)
    }

    func epoch(
        _ start: FastNetwork, _ set: TrainingSet, _ batch: Int, profile: StepProfile? = nil
    ) {
        var network = start
        var random = SeededGenerator(seed: 3)
        network.trainEpoch(
            set, batchSize: batch, learningRate: 3.0, generator: &random, profile: profile)
    }

    /// One more epoch, each part of every step timed: "forward 41% · σ 6% · … · Swift around 9%",
    /// the Swift around being what the parts leave of the epoch.
    func shares(_ start: FastNetwork, _ set: TrainingSet, _ batch: Int) -> String {
        let profile = StepProfile()
        let total = seconds(
            ContinuousClock().measure { epoch(start, set, batch, profile: profile) })
        let parts = StepProfile.Part.allCases.map { ($0.name, profile.seconds(in: $0)) }
        let around = ("Swift around", max(0, total - parts.map(\.1).reduce(0, +)))
        return (parts + [around]).map { name, spent in
            "\(name) \(String(format: "%.0f", 100 * spent / total))%"
        }.joined(separator: " · ")
    }

    func readableEpoch(_ start: Network, _ set: TrainingSet, _ batch: Int) {
        var network = start
        var random = SeededGenerator(seed: 3)
        let examples = (0..<set.count).map(set.example)
        network.trainEpoch(examples, batchSize: batch, learningRate: 3.0, generator: &random)
    }

    func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let space = String(repeating: " ", count: max(0, width - text.count))
        return right ? space + text : text + space
    }
}
