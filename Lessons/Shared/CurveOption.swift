import ArgumentParser
import Backprop
import LessonKit

/// `--curve NAME`: one of the built-in loss curves, shared by the lessons on one parameter.
extension LossCurve: ExpressibleByArgument {
    public init?(argument: String) {
        guard let curve = LossCurve.named(argument) else { return nil }
        self = curve
    }

    public var defaultValueDescription: String { name }

    public static var allValueStrings: [String] { builtIn.map(\.name) }
}

/// The help text for `--curve`: every curve with its formula.
let curveHelp = ArgumentHelp(
    "The loss curve: " + LossCurve.builtIn.map { "\($0.name) (\($0.formula))" }.joined(separator: ", ") + ".",
    valueName: "name")

/// The help text for `--start`: the default depends on the curve.
let startHelp = ArgumentHelp(
    "Starting value of w (default: the curve's own, "
        + LossCurve.builtIn.map { "\($0.name) \(Format.formatForCommand($0.defaultStart))" }.joined(separator: ", ") + ").",
    valueName: "w")

extension LossCurve {
    /// The formula as a reader writes it: "L(w) = w²", "L(w) = 5·(w − 1)²".
    var formula: String {
        switch name {
        case "double-well": return "L(w) = w⁴/4 − w² + 0.4·w"
        case "plateau": return "L(w) = 1 − e^(−w²/2)"
        default:
            let a = bowlCurvature ?? 1, center = minima.first ?? 0
            let shift = center == 0 ? "w" : "(w \(center < 0 ? "+" : "−") \(Format.number(abs(center))))"
            return a == 1 ? "L(w) = \(shift)²" : "L(w) = \(Format.number(a))·\(shift)²"
        }
    }

    /// One phrase on what this curve teaches.
    var about: String {
        switch name {
        case "double-well": return "two valleys, a deep one on the left and a shallow one on the right: the start decides"
        case "plateau": return "a well with flat shoulders: far out the slope nearly vanishes and descent crawls"
        default:
            let a = bowlCurvature ?? 1
            return a == 1 ? "the plain bowl: one minimum, slope 2w" : "a steeper bowl: the same shape, \(Format.number(a)) times the curvature"
        }
    }
}
