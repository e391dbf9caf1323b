import ArgumentParser

/// A comma-separated list of numbers on the command line: `--rates 0.05,0.2,0.9,1.1`.
public struct NumberList: ExpressibleByArgument, Sendable, Equatable {
    public var values: [Double]

    public init(_ values: [Double]) {
        self.values = values
    }

    /// Reads "0.05,0.2,-1"; nil (an invalid value) if any item is not a number.
    public init?(argument: String) {
        let items = argument.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = items.compactMap(Double.init)
        guard !items.isEmpty, numbers.count == items.count else { return nil }
        values = numbers
    }

    public var defaultValueDescription: String { Format.list(values) }
}
