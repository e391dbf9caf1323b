import ArgumentParser
import Foundation
import Plotting

/// Picture formats a lesson can render.
public enum ImageFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case png, svg, both

    /// The file extensions to render.
    public var extensions: [String] {
        switch self {
        case .png: return ["png"]
        case .svg: return ["svg"]
        case .both: return ["png", "svg"]
        }
    }
}

/// The options every lesson accepts, shared with `@OptionGroup`.
public struct LessonOptions: ParsableArguments, Sendable {
    @Option(
        help: ArgumentHelp(
            "Folder the lesson writes its data, scripts and charts to.", valueName: "dir"))
    public var out: String = "Plots"

    @Option(help: "Picture format to render: png, svg or both.")
    public var format: ImageFormat = .png

    @Flag(
        help: ArgumentHelp(
            "Also draw each chart right here in the terminal, as well as it supports: sixel "
                + "pictures, colour text or plain text. Force one with --terminal sixel, "
                + "--terminal ansi or --terminal dumb.")
    )
    public var terminal = false

    /// The kind `--terminal=KIND` forces (the command line turns `--terminal=sixel` into
    /// `--terminal --terminal-kind sixel`).
    @Option(help: .hidden)
    public var terminalKind: TerminalKind?

    @Flag(help: "Write the data and gnuplot scripts only; do not run gnuplot.")
    public var noRender = false

    @Flag(help: "Print the results only, without the narrative.")
    public var quiet = false

    @Flag(
        help: ArgumentHelp(
            "Write the lesson's page of the lesson book, with its slider, into --out instead of "
                + "printing the lesson (`swift run lesson book` writes every lesson's)."))
    public var book = false

    @Option(
        help: ArgumentHelp(
            "Seconds gnuplot may take over one chart before it is stopped (default 30, or "
                + "BACKPROP_GNUPLOT_TIMEOUT); animations get a second more per frame.",
            valueName: "seconds"))
    public var gnuplotTimeout: Double?

    public init() {}

    /// The same options as command-line words, to hand on to another lesson (`lesson all`).
    public var arguments: [String] {
        var words = ["--out", out, "--format", format.rawValue]
        if terminal { words.append("--terminal") }
        if let terminalKind { words += ["--terminal-kind", terminalKind.rawValue] }
        if noRender { words.append("--no-render") }
        if quiet { words.append("--quiet") }
        if let gnuplotTimeout { words += ["--gnuplot-timeout", String(gnuplotTimeout)] }
        return words
    }

    public func validate() throws {
        try Self.check(out: out, gnuplotTimeout: gnuplotTimeout)
    }

    /// The checks on the output folder and gnuplot's time limit, shared with `lesson book`.
    public static func check(out: String, gnuplotTimeout: Double?) throws {
        if out.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--out must name a folder (got an empty string)")
        }
        if let gnuplotTimeout {
            guard Gnuplot.allowedTimeLimits.contains(gnuplotTimeout) else {
                throw ValidationError(
                    "--gnuplot-timeout must be a number of seconds from 1 to 3600 (got "
                        + "\(Format.formatForCommand(gnuplotTimeout)))"
                )
            }
        }
        // The same bounds hold when the limit comes from the environment; nonsense there is said,
        // not ignored.
        if let text = ProcessInfo.processInfo.environment["BACKPROP_GNUPLOT_TIMEOUT"],
            Double(text).map(Gnuplot.allowedTimeLimits.contains) != true
        {
            throw ValidationError(
                "BACKPROP_GNUPLOT_TIMEOUT must be a number of seconds from 1 to 3600 (got "
                    + "'\(text)'); unset it for the default, 30")
        }
    }
}

/// The options of the lessons where something moves: `--animate` writes an animated GIF.
public struct AnimationOptions: ParsableArguments, Sendable {
    @Flag(help: "Also write an animated GIF of the descent, beside the charts.")
    public var animate = false

    @Flag(
        help: ArgumentHelp(
            "Play the animation as the lesson runs: in a gnuplot window when there is a display, "
                + "else right here in the terminal (the GIF is written too).")
    )
    public var live = false

    @Option(help: "Frames in the animation.")
    public var frames = 40

    @Option(help: "Pause after each frame, in hundredths of a second.")
    public var delay = 12

    public init() {}

    public func validate() throws {
        guard (2...400).contains(frames) else {
            throw ValidationError("--frames must be a whole number from 2 to 400 (got \(frames))")
        }
        guard (1...500).contains(delay) else {
            throw ValidationError(
                "--delay must be a whole number from 1 to 500 hundredths of a second (got \(delay))"
            )
        }
    }

    /// The animation settings, or nil without `--animate` or `--live`.
    public var animation: Animation? {
        animate || live ? Animation(frames: frames, delay: delay) : nil
    }

    /// With `--animate`, every landscape among `charts` turning once around; none without it.
    public func turning(_ charts: [Chart]) -> [Chart] {
        animation.map { animation in charts.compactMap { $0.turning(animation) } } ?? []
    }
}

/// `--step`, in the lessons that have updates to step through: they declare it with
/// `@OptionGroup var step: StepOption`, and only their `--help` offers it.
public struct StepOption: ParsableArguments, Sendable {
    @Flag(
        help: ArgumentHelp(
            "Step through the updates one at a time: Enter or space for the next, a number and "
                + "Enter to jump, a to run to the end, q to stop. Without a terminal every update "
                + "is shown without pausing.")
    )
    public var step = false

    public init() {}
}

/// `--predict`, in the lessons that ask questions: they declare it with
/// `@OptionGroup var predict: PredictOption`, and only their `--help` offers it.
public struct PredictOption: ParsableArguments, Sendable {
    @Flag(
        help: ArgumentHelp(
            "Predict first: the lesson asks one to three questions (read from standard input) and "
                + "says afterwards whether you were right.")
    )
    public var predict = false

    public init() {}
}
