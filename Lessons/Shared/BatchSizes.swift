import ArgumentParser
import Foundation
import LessonKit

/// `--batch-sizes full,100,10,1`: mini-batch sizes, where `full` (nil) is the whole training set.
struct BatchSizes: ExpressibleByArgument {
    var sizes: [Int?]
    init(_ sizes: [Int?]) { self.sizes = sizes }
    init?(argument: String) {
        var sizes: [Int?] = []
        for item in argument.split(separator: ",", omittingEmptySubsequences: false).map({
            $0.trimmingCharacters(in: .whitespaces)
        }) {
            if item == "full" {
                sizes.append(nil)
            } else if let n = Int(item) {
                sizes.append(n)
            } else {
                return nil
            }
        }
        guard !sizes.isEmpty else { return nil }
        self.sizes = sizes
    }
    /// At most six sizes, each a whole number of examples from 1 to 60,000.
    func validate() throws {
        try Check.count(sizes.count, "the number of sizes in --batch-sizes", in: 1...6)
        for size in sizes.compactMap({ $0 }) {
            try Check.count(size, "each size in --batch-sizes", in: 1...60_000)
        }
    }

    var defaultValueDescription: String {
        sizes.map { $0.map(String.init) ?? "full" }.joined(separator: ",")
    }
}

extension BatchSizes {
    /// "full, 100, 10, 1": the sizes as a question lists them.
    var listed: String { sizes.map { $0.map(String.init) ?? "full" }.joined(separator: ", ") }
}
