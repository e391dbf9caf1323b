import ArgumentParser
import Backprop
import Datasets
import Foundation
import LessonKit

/// Options shared by the lessons on handwritten digits.
struct DigitOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A folder holding a full MNIST set in IDX format (train-images-idx3-ubyte[.gz] and the rest), "
            + "instead of the 10,000-digit subset that ships with the lessons.", valueName: "dir"))
    var mnist: String?

    @Option(help: "Seed for the network's random starting weights: the same seed, the same network.")
    var seed: UInt64 = 4

    /// The digits: the shipped subset, or the set in `--mnist`.
    func load() throws -> MNIST {
        if let mnist { return try MNIST(folder: URL(fileURLWithPath: mnist)) }
        return try MNIST.shipped()
    }

    /// The video's network, 784-16-16-10 with sigmoids, from this seed.
    func network() -> Network {
        Network(sizes: [784, 16, 16, 10], activation: .sigmoid, seed: seed)
    }

    /// A short description of where the digits came from.
    func source(_ set: MNIST) -> String {
        (mnist.map { "the MNIST set in \($0)" } ?? "the shipped MNIST subset")
            + " (\(Format.count(set.training.count)) training digits)"
    }
}

/// Index of the first training image of `digit`.
func firstIndex(of digit: Int, in digits: Digits) -> Int? {
    digits.labels.firstIndex(of: digit)
}
