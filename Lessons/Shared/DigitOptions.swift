import ArgumentParser
import Backprop
import Datasets
import Foundation
import LessonKit
import Processes

/// Options shared by the lessons on handwritten digits.
struct DigitOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A folder holding a full MNIST set in IDX format (train-images-idx3-ubyte[.gz] and the "
                + "rest), "
                + "instead of the 10,000-digit subset that ships with the lessons.",
            valueName: "dir"))
    var mnist: String?

    @Option(
        help: "Seed for the network's random starting weights: the same seed, the same network.")
    var seed: UInt64 = 5

    @Option(
        help: ArgumentHelp(
            "Starting weights: gaussian (every weight from N(0, 1), as in the book) or scaled "
                + "(N(0, 1/n) for n inputs).")
    )
    var initialisation: Network.Initialisation = .gaussian

    @Option(
        help: ArgumentHelp(
            "The largest data file --mnist may read, packed or unpacked, in MB (MNIST's largest is "
                + "47 MB).",
            valueName: "MB"))
    var dataLimit: Int = DataLimit.standard.bytes / 1_000_000

    func validate() throws {
        try Check.count(dataLimit, "--data-limit", in: 1...100_000)
        if let mnist {
            try Check.folder(
                mnist, "--mnist", holding: "train-images-idx3-ubyte(.gz) and the rest of MNIST")
        }
    }

    /// The digits: the shipped subset, or the set in `--mnist`, once it is known to fit in memory.
    func load() throws -> MNIST {
        guard let mnist else { return try MNIST.shipped() }
        let folder = URL(fileURLWithPath: mnist)
        if let pixels = MNIST.pixelCount(in: folder) {
            try Memory.require(
                MemoryNeed(
                    inUse: pixels * MNIST.bytesPerPixel,
                    reserved: pixels * MNIST.bytesPerPixel + Memory.toRun.reserved),
                for: "The MNIST set in \(mnist)",
                otherwise: "use a smaller set")
        }
        let limit = DataLimit(bytes: dataLimit * 1_000_000, raisedBy: "--data-limit <MB>")
        return try MNIST(folder: folder, limit: limit)
    }

    /// The video's network, 784-16-16-10 with sigmoids, from this seed.
    func network(_ sizes: [Int] = [784, 16, 16, 10]) -> Network {
        Network(sizes: sizes, activation: .sigmoid, seed: seed, initialisation: initialisation)
    }

    /// A short description of where the digits came from, and which of two twin files was read.
    func source(_ set: MNIST) -> String {
        (mnist.map { "the MNIST set in \(Check.typed($0))" } ?? "the shipped MNIST subset")
            + " (\(Format.count(set.training.count)) training digits"
            + set.notes.map { "; " + $0 }.joined() + ")"
    }
}

/// `--index N`: the one training image a lesson follows, by default the first 2 (as in the video).
struct ImageChoice: ParsableArguments {
    @Option(help: "Which training image to follow (default: the first 2).")
    var index: Int?

    func validate() throws {
        if let index { try Check.count(index, "--index", in: 0...999_999) }
    }

    /// The chosen image's index, checked against the size of the data set.
    func chosen(in digits: Digits) throws -> Int {
        let chosen = index ?? firstIndex(of: 2, in: digits) ?? 0
        try Self.check(chosen, below: digits.count)
        return chosen
    }

    /// Refuses an index past the training images that `digits` will read, as their file states
    /// their number: before the lesson says a word.
    func fits(_ digits: DigitOptions) throws {
        let folder = digits.mnist.map { URL(fileURLWithPath: $0) }
        guard let index, let count = MNIST.statedTrainingCount(in: folder) else { return }
        try Self.check(index, below: count)
    }

    static func check(_ index: Int, below count: Int) throws {
        guard index < count else {
            throw ValidationError(
                "--index must be below \(count), the number of training images (got \(index))")
        }
    }
}

extension Network.Initialisation: ExpressibleByArgument {}

/// Index of the first training image of `digit`.
func firstIndex(of digit: Int, in digits: Digits) -> Int? {
    digits.labels.firstIndex(of: digit)
}
