import ArgumentParser
import LessonKit

/// `--layers 784,30,10`: the sizes of a digit network's layers, input first.
struct LayerSizes: ExpressibleByArgument, Equatable {
    var sizes: [Int]

    init(_ sizes: [Int]) {
        self.sizes = sizes
    }

    init?(argument: String) {
        let items = argument.split(separator: ",", omittingEmptySubsequences: false).map {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        guard !items.isEmpty, items.allSatisfy({ $0 != nil }) else { return nil }
        sizes = items.compactMap { $0 }
    }

    var defaultValueDescription: String { sizes.map(String.init).joined(separator: ",") }

    /// "784-16-16-10": the sizes as a network's name.
    var name: String { sizes.map(String.init).joined(separator: "-") }

    /// A digit network reads 784 pixels and answers with 10 outputs, with positive sizes between.
    func validateForDigits(_ option: String = "--layers") throws {
        guard sizes.count >= 2 else {
            throw ValidationError(
                "\(option) needs at least an input and an output layer, like 784,30,10 (got "
                    + "\(defaultValueDescription))"
            )
        }
        guard sizes.first == 784 else {
            throw ValidationError(
                "\(option) must start with 784, one input per pixel (got "
                    + "\(defaultValueDescription))"
            )
        }
        guard sizes.last == 10 else {
            throw ValidationError(
                "\(option) must end with 10, one output per digit (got \(defaultValueDescription))")
        }
        guard sizes.allSatisfy({ (1...10_000).contains($0) }) else {
            throw ValidationError(
                "\(option) sizes must be whole numbers from 1 to 10000 (got "
                    + "\(defaultValueDescription))"
            )
        }
        guard sizes.count <= 12 else {
            throw ValidationError("\(option) may have at most 12 layers (got \(sizes.count))")
        }
        // Weights and biases, each layer into the next: refuse a network too big to train here.
        let parameters = zip(sizes, sizes.dropFirst()).map { $0 * $1 + $1 }.reduce(0, +)
        guard parameters <= 2_000_000 else {
            throw ValidationError(
                "\(option) \(defaultValueDescription) has \(Format.count(parameters)) weights and "
                    + "biases; the lessons train at most 2,000,000"
            )
        }
    }
}

extension LayerSizes {
    /// Small digit networks for the tests' runs: no hidden layer, one neuron, a few, and deep.
    static let smallForTrials = [
        "784,10", "784,1,10", "784,2,10", "784,5,10", "784,1,1,1,10", "784,3,5,2,10", "784,4,3,10",
    ]
}
