import Claims
import Foundation

/// A lesson's main parameter, to explore with a slider on its page in the lesson book: the option
/// that sets it and the values the book runs the lesson at, dense where the lesson changes
/// character (around 1/(2a) and 1/a for a learning rate on a bowl, say).
///
/// Every value is an ordinary run of the lesson with that option, so its sentences are chosen
/// from its own numbers and checked like any other run's.
public struct Exploration: Sendable {
    /// The option the slider sets, e.g. "--lr".
    public let option: String
    /// What it is, in words, e.g. "learning rate η".
    public let name: String
    /// The values, in increasing order.
    public let values: [Double]
    public init(_ option: String, name: String, values: [Double]) {
        precondition(values.count >= 2 && zip(values, values.dropFirst()).allSatisfy { $0 < $1 })
        self.option = option
        self.name = name
        self.values = values
    }

    /// The value as typed on the command line: 0.45, 10, 3e-14.
    public func typed(_ value: Double) -> String {
        Format.formatForCommand(value)
    }

    /// The words that run the lesson at `value`.
    public func arguments(_ value: Double) -> [String] {
        [option, typed(value)]
    }

    /// Learning rates for a bowl of curvature a (L = a·(w − w*)² + c): dense around 1/(2a), where
    /// one step lands on the minimum, and 1/a, where the jumps stop shrinking; 27 values from
    /// 0.01/a to 1.5/a.
    public static func rates(onBowlOfCurvature a: Double, option: String = "--lr") -> Exploration {
        let fractions = [
            0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.48, 0.5, 0.52, 0.55,
            0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 1, 1.02, 1.05, 1.1, 1.2, 1.5,
        ]
        return Exploration(
            option, name: "learning rate η", values: fractions.map { $0 / a })
    }

    /// The values m·10^e for each exponent from `low` to `high` and each mantissa m (1 and 3:
    /// 1e-14, 3e-14, 1e-13, …), up to 10^high.
    public static func decades(
        _ option: String, name: String, from low: Int, to high: Int, mantissas: [Double] = [1, 3]
    ) -> Exploration {
        let values = (low..<high).flatMap { exponent in
            mantissas.compactMap { Double("\($0)e\(exponent)") }
        }
        return Exploration(option, name: name, values: values + [pow(10, Double(high))])
    }
}
