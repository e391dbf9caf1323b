/// The multiply-adds a computation will do, counted before it starts, by the kind of code that
/// does them: the fast network (Float, a mini-batch at a time) or the readable one (Double, one
/// example at a time, with an array or two made for each). A lesson turns them into an estimated
/// time, to refuse hours of work unless asked and to say how long is left.
public struct Work: Sendable, Equatable {
    public var fast: Double
    public var readable: Double

    public init(fast: Double = 0, readable: Double = 0) {
        self.fast = fast
        self.readable = readable
    }

    public static func + (a: Work, b: Work) -> Work {
        Work(fast: a.fast + b.fast, readable: a.readable + b.readable)
    }

    /// Mini-batch training of a network of `parameters` on `examples` for `epochs`: a forward and
    /// a backward pass for each example (3 multiply-adds per parameter), and a step per mini-batch
    /// (counted as 3 more per parameter: small batches pay for their many steps).
    public static func training(
        parameters: Int, examples: Int, epochs: Int, batchSize: Int
    )
        -> Work
    {
        let perExample = 3 + 3 / Double(max(batchSize, 1))
        return Work(fast: Double(epochs) * Double(examples) * Double(parameters) * perExample)
    }

    /// Running `examples` forward through a network of `parameters`, `times` times.
    public static func forward(
        parameters: Int, examples: Int, times: Int = 1, fast: Bool = true
    )
        -> Work
    {
        let count = Double(times) * Double(examples) * Double(parameters)
        return fast ? Work(fast: count) : Work(readable: count)
    }
}
