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
