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
    "The loss curve: "
        + LossCurve.builtIn.map { "\($0.name) (\($0.formula))" }.joined(separator: ", ") + ".",
    valueName: "name")

/// The help text for `--start`: the default depends on the curve.
let startHelp = ArgumentHelp(
    "Starting value of w (default: the curve's own, "
        + LossCurve.builtIn.map { "\($0.name) \(Format.formatForCommand($0.defaultStart))" }
        .joined(separator: ", ") + ").",
    valueName: "w")

/// The curve, the start and what counts as converged: the options of the lessons that compare
/// descents on one curve (4 and 14), with their checks.
struct CurveOptions: ParsableArguments {
    @Option(help: curveHelp)
    var curve: LossCurve = .quadratic
    @Option(parsing: .unconditional, help: startHelp)
    var start: Double?
    @Option(parsing: .unconditional, help: "Converged means |w − w*| ≤ this.")
    var tolerance = 1e-3

    /// The start given, or the curve's own.
    var w0: Double { start ?? curve.defaultStart }

    func validate() throws {
        // Inside the divergence bound of 1,000 that both lessons use.
        if let start { try Check.within(start, "--start", -999...999) }
        try Check.positive(tolerance, "--tolerance")
        try Check.atMost(tolerance, "--tolerance", 1)
    }
}

extension CurveOptions {
    /// Starts that matter: the minima and the hump of the curves, and either side of them.
    static let specialStarts = [0, 1, -1, 2, -0.2, 0.2] + LossCurve.builtIn.flatMap(\.minima)

    /// The curve options as the tests draw them (see `Trials`).
    static let trials = [
        Trial("curve", .word(LossCurve.builtIn.map(\.name))),
        Trial("start", .number(-999...999, decades: true, at: specialStarts), optional: true),
        Trial("tolerance", .number(1e-300...1, decades: true, at: [1e-3, 1])),
    ]
}
