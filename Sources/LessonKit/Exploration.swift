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
    /// How each of the slider's runs keeps the lesson's own run in view.
    public let comparison: Comparison
    /// Another option that follows the slider, and the values it takes: at each position the
    /// largest of them no larger than the slider's value (the smallest when all are larger).
    public let companion: (option: String, values: [Double])?

    /// How a slider's run is compared with the lesson's own run.
    public enum Comparison: Sendable, Equatable {
        /// The option holds one value, `own` by default: the slider's run replaces it, and the
        /// thumb starts at the value nearest `own`.
        case replacing(own: Double)
        /// The option holds a list, `own` as typed ("0.05,0.2,0.9,1.1") by default: the slider's
        /// value joins it, so every chart keeps the lesson's own series beside the new one.
        case adding(to: String)
    }

    public init(
        _ option: String, name: String, values: [Double], comparison: Comparison,
        companion: (option: String, values: [Double])? = nil
    ) {
        self.companion = companion
        precondition(values.count >= 2 && zip(values, values.dropFirst()).allSatisfy { $0 < $1 })
        self.option = option
        self.name = name
        self.values = values
        self.comparison = comparison
    }

    /// Where the thumb starts: at the lesson's own value, or at the left end when the slider
    /// adds a series to the lesson's own.
    public var startPosition: Int {
        guard case .replacing(let own) = comparison else { return 0 }
        return values.indices.min { abs(log(values[$0] / own)) < abs(log(values[$1] / own)) } ?? 0
    }

    /// The words that run the lesson at `value`, the lesson's own run made with `own`: the
    /// value alone, or the lesson's own list with the value added (once).
    public func arguments(_ value: Double, own: [String] = []) -> [String] {
        let following = companion.map { companion in
            let below = companion.values.filter { $0 <= value }.max()
            return [companion.option, typed(below ?? companion.values.min() ?? value)]
        }
        guard case .adding(let defaults) = comparison else {
            return [option, typed(value)] + (following ?? [])
        }
        let list = Self.value(of: option, in: own) ?? defaults
        let items = list.split(separator: ",").map(String.init)
        let already = items.contains { Double($0) == value || $0 == typed(value) }
        return [option, already ? list : list + "," + typed(value)] + (following ?? [])
    }

    /// What the slider shows at `value`: "--lr 0.5", or "--rates 0.05,0.2,0.9,1.1 and 0.5".
    public func label(_ value: Double, own: [String] = []) -> String {
        guard case .adding(let defaults) = comparison else { return "\(option) \(typed(value))" }
        let list = Self.value(of: option, in: own) ?? defaults
        let words = arguments(value, own: own)
        let follows = companion.map { " (\($0.option) \(words[3]))" } ?? ""
        return words[1] == list
            ? "\(option) \(list): \(typed(value)) is already one of them" + follows
            : "\(option) \(list) and \(typed(value))" + follows
    }

    /// The value given to `option` in `arguments` ("--rates 1,2" or "--rates=1,2"), the last one
    /// if it is given twice.
    static func value(of option: String, in arguments: [String]) -> String? {
        var found: String?
        for (index, word) in arguments.enumerated() {
            if word == option, index + 1 < arguments.count { found = arguments[index + 1] }
            if word.hasPrefix(option + "=") { found = String(word.dropFirst(option.count + 1)) }
        }
        return found
    }

    /// The value as typed on the command line: 0.45, 10, 3e-14.
    public func typed(_ value: Double) -> String {
        Format.formatForCommand(value)
    }

    /// Learning rates for a bowl of curvature a (L = a·(w − w*)² + c): dense around 1/(2a), where
    /// one step lands on the minimum, and 1/a, where the jumps stop shrinking; 27 values from
    /// 0.01/a to 1.5/a.
    public static func rates(
        onBowlOfCurvature a: Double, option: String = "--lr", comparison: Comparison
    ) -> Exploration {
        let fractions = [
            0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.48, 0.5, 0.52, 0.55,
            0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 1, 1.02, 1.05, 1.1, 1.2, 1.5,
        ]
        return Exploration(
            option, name: "learning rate η", values: fractions.map { $0 / a },
            comparison: comparison)
    }

    /// The values m·10^e for each exponent from `low` to `high` and each mantissa m (1 and 3:
    /// 1e-14, 3e-14, 1e-13, …), up to 10^high.
    public static func decades(
        _ option: String, name: String, from low: Int, to high: Int, mantissas: [Double] = [1, 3],
        comparison: Comparison
    ) -> Exploration {
        let values = (low..<high).flatMap { exponent in
            mantissas.compactMap { Double("\($0)e\(exponent)") }
        }
        return Exploration(
            option, name: name, values: values + [pow(10, Double(high))], comparison: comparison)
    }
}
