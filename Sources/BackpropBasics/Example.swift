/// One training example: an input and the output we want for it.
public struct Example: Sendable {
    public let input: [Double]
    public let target: [Double]

    public init(input: [Double], target: [Double]) {
        self.input = input
        self.target = target
    }
}
