/// The quadratic cost, as 3Blue1Brown defines it.
///
/// For one example, the sum of the squared differences between what the network gives and
/// what we wanted: C₀ = Σⱼ (aⱼ − yⱼ)². There is no ½ in front, anywhere in this project, so
/// ∂C₀/∂aⱼ = 2·(aⱼ − yⱼ). The cost over a data set is the average of C₀ over its examples.
public enum QuadraticCost {
    /// C₀ = Σⱼ (aⱼ − yⱼ)² for one example.
    public static func cost(output: [Double], target: [Double]) -> Double {
        zip(output, target).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
    }

    /// ∂C₀/∂aⱼ = 2·(aⱼ − yⱼ): how the cost moves with each output activation.
    public static func derivative(output: [Double], target: [Double]) -> [Double] {
        zip(output, target).map { 2 * ($0 - $1) }
    }
}

extension Network {
    /// C₀ for one example.
    public func cost(_ example: Example) -> Double {
        QuadraticCost.cost(output: output(for: example.input), target: example.target)
    }

    /// The cost over a data set: the average of every example's C₀.
    /// Any collection of examples will do, including a lazy view that makes each example as it
    /// is read: a large set need never be held whole as examples (60,000 digits would take 400 MB
    /// that way).
    @inlinable
    public func averageCost(_ examples: some Collection<Example>) -> Double {
        guard !examples.isEmpty else { return 0 }
        return examples.reduce(0) { $0 + cost($1) } / Double(examples.count)
    }
}
