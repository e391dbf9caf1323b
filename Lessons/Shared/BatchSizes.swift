import ArgumentParser
import Foundation

/// `--batch-sizes full,100,10,1`: mini-batch sizes, where `full` (nil) is the whole training set.
struct BatchSizes: ExpressibleByArgument {
    var sizes: [Int?]
    init(_ sizes: [Int?]) { self.sizes = sizes }
    init?(argument: String) {
        var sizes: [Int?] = []
        for item in argument.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if item == "full" { sizes.append(nil) } else if let n = Int(item) { sizes.append(n) } else { return nil }
        }
        guard !sizes.isEmpty else { return nil }
        self.sizes = sizes
    }
    var defaultValueDescription: String { sizes.map { $0.map(String.init) ?? "full" }.joined(separator: ",") }
}
