import ArgumentParser
import Foundation
import Plotting
import Processes

/// A numbered lesson: a command with its own options that narrates one part of a video,
/// computes it, prints the results and draws the charts.
///
/// A lesson supplies its `info`, the shared `common` options and `teach(_:)`; running it by
/// number or slug, `--help`, the output folder and gnuplot are taken care of here.
public protocol Lesson: ParsableCommand {
    /// What the lesson's experiment found: the structured result its claims and charts are
    /// chosen from, which `teach(_:)` returns so that a test can check every claim against it.
    associatedtype Result
    static var info: LessonInfo { get }
    /// The kinds of claim the lesson may say about its run; a test fails a run that says another,
    /// and every kind here has a checker registered for it on the test side.
    static var says: [any Claim.Type] { get }
    /// The options every lesson accepts (`--out`, `--format`, `--terminal`, `--no-render`,
    /// `--quiet`).
    var common: LessonOptions { get }
    /// Tells the lesson: narrative, computation, results, charts, what to notice, what to try;
    /// returns what the experiment found.
    func teach(_ lesson: LessonContext) throws -> Result
    /// The commands the lesson suggests at its end; each is also a test case.
    static var suggestions: [Suggestion] { get }
    /// `--step`, when the lesson offers it (`@OptionGroup var step: StepOption`).
    var stepping: StepOption? { get }
    /// `--predict`, when the lesson offers it (`@OptionGroup var predict: PredictOption`).
    var predicting: PredictOption? { get }
    /// The runs a test may draw from the lesson: each option's range and the values that matter
    /// in it, for the generated runs that check every claim the lesson says.
    static var trials: Trials { get }
    /// The main parameter, explored with a slider on the lesson's page in the book; nil when the
    /// lesson has none.
    static var exploration: Exploration? { get }
}

extension Lesson {
    public var stepping: StepOption? { nil }
    public var predicting: PredictOption? { nil }

    /// Whether the lesson offers `--step`: read from its declaration, its defaults parsed.
    public static var offersStep: Bool { (try? parse([]))?.stepping != nil }
    /// Whether the lesson offers `--predict`.
    public static var offersPredict: Bool { (try? parse([]))?.predicting != nil }
}

/// A "try this" command: the options to add to the lesson, and why.
public struct Suggestion: Sendable {
    /// The words after `swift run lesson N`.
    public let arguments: [String]
    public let why: String
    /// Suggest a release build (`swift run -c release`), for the long runs.
    public let release: Bool

    public init(_ arguments: [String], _ why: String, release: Bool = false) {
        self.arguments = arguments
        self.why = why
        self.release = release
    }

    /// The command as the learner types it.
    public func command(for info: LessonInfo) -> String {
        (["swift", "run"] + (release ? ["-c", "release"] : []) + ["lesson", String(info.number)]
            + arguments).joined(separator: " ")
    }
}

/// What one run of a lesson left behind: the charts it wrote and the claims it said.
public struct LessonReport {
    public let charts: [WrittenChart]
    /// Every claim the lesson said about its run, with its numbers.
    public let claims: [any Claim]
    /// Whether it stepped through updates (`--step`) and asked questions (`--predict`).
    public var stepped = false
    public var asked = false
    /// The lesson as it was told, part by part: what the lesson book's page is made of.
    public var transcript: [Passage] = []
    /// The charts as drawn, by name: what another run can keep beneath its own as a baseline.
    public var drawn: [String: Chart] = [:]
}

/// Where a lesson's words and pictures go; tests swap these for their own.
public struct LessonEnvironment: @unchecked Sendable {
    /// Receives every printed line.
    public var write: (String) -> Void
    /// The gnuplot to render with, or nil when none is installed.
    public var gnuplot: Gnuplot?
    /// Receives the progress of long work: on a terminal a status line that replaces itself (""
    /// clears it), elsewhere whole lines, a few seconds apart. By default the error stream.
    public var progress: (String) -> Void
    /// Whether `progress` is a terminal's status line (redrawn often) or a log (a line every few
    /// seconds).
    public var progressOnTerminal = isatty(STDERR_FILENO) == 1
    /// Reads one answer for `--predict`; nil when the input has ended.
    public var readAnswer: () -> String?
    /// Shows a prompt without ending the line, so the answer can be typed after it.
    public var prompt: (String) -> Void
    /// Reads one key for `--step`; nil to read the terminal when `keysFromTerminal` (and there is
    /// one).
    public var readKey: (() -> UInt8?)?
    /// With `--step` and no `readKey`, read keys from the terminal. Only the real command does;
    /// tests never wait.
    public var keysFromTerminal: Bool
    /// False to build the charts but write no file: the generated-runs tests check what a lesson
    /// says, hundreds of times, and leave its charts to the tests that draw them.
    public var writesCharts = true
    /// Where SVG pictures find gnuplot's mouse script, relative to them (the lesson book sets
    /// it); nil for still pictures.
    public var svgScripts: String?
    /// Another run's charts, by name, to draw beneath this run's as its baseline, each series
    /// named with `label` (the lesson book's slider keeps the lesson's own run on every chart).
    public var baseline: (label: String, charts: [String: Chart])?

    public init(
        write: @escaping (String) -> Void = Output.line, gnuplot: Gnuplot? = Gnuplot.locate(),
        progress: @escaping (String) -> Void = terminalProgress,
        readAnswer: @escaping () -> String? = readAnswerEchoed,
        prompt: @escaping (String) -> Void = {
            Output.write($0)
        }, readKey: (() -> UInt8?)? = nil,
        keysFromTerminal: Bool = false
    ) {
        self.readKey = readKey
        self.keysFromTerminal = keysFromTerminal
        self.write = write
        self.gnuplot = gnuplot
        self.progress = progress
        self.readAnswer = readAnswer
        self.prompt = prompt
    }
}

extension Lesson {
    public static var suggestions: [Suggestion] { [] }
    public static var exploration: Exploration? { nil }

    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: info.slug,
            abstract: "\(info.paddedNumber) \(info.title): \(info.summary)",
            discussion: "Follows \(info.video.rawValue), \(info.segment). "
                + "Run it as `swift run lesson \(info.number)`, `lesson \(info.paddedNumber)` or "
                + "`lesson \(info.slug)`.",
            aliases: Array(Set([String(info.number), info.paddedNumber])).sorted())
    }

    public func run() throws {
        try run(in: LessonEnvironment(keysFromTerminal: true))
    }

    /// Runs the lesson, printing through `environment` and rendering with its gnuplot.
    @discardableResult
    public func run(in environment: LessonEnvironment) throws -> LessonReport {
        try taught(in: environment).report
    }

    /// Runs the lesson as `run(in:)` does, and hands back its result beside the report, typed:
    /// what a test checks the lesson's claims against.
    public func taught(in environment: LessonEnvironment) throws -> Taught<Result> {
        let info = Self.info
        let folder = URL(fileURLWithPath: common.out).appendingPathComponent(info.folderName)
        var writer = try ChartWriter(
            folder: folder,
            origin: "Lesson \(info.paddedNumber) · \(info.slug) · written by `\(info.command)`",
            formats: common.noRender ? [] : common.format.extensions,
            drawInTerminal: (common.terminal || common.terminalKind != nil) && !common.noRender,
            gnuplot: environment.gnuplot,
            timeLimit: common.gnuplotTimeout ?? Gnuplot.defaultTimeLimit,
            terminalFormat: (common.terminalKind
                ?? (common.terminal ? TerminalKind.choose() : .dumb)).rawValue)
        writer.svgScripts = environment.svgScripts
        let say = Narrator(
            quiet: common.quiet, write: environment.write, progress: environment.progress,
            prompt: environment.prompt)
        // With --step on a terminal, keys are read raw from the first update to the end of the
        // lesson.
        let step = stepping?.step ?? false
        let keyboard =
            step && environment.readKey == nil && environment.keysFromTerminal
            ? KeysWhenAsked() : nil
        let context = LessonContext(
            info: info, say: say, writer: writer, predict: predicting?.predict ?? false,
            readAnswer: environment.readAnswer,
            prompt: environment.prompt, step: step,
            readKey: environment.readKey ?? keyboard.map { keys in { keys.read() } })
        context.writesCharts = environment.writesCharts
        context.baseline = environment.baseline
        context.progressOnTerminal = environment.progressOnTerminal
        say.header(info)
        say.words(for: info)
        let result = try teach(context)
        withExtendedLifetime(keyboard) {}
        if !context.notDrawn.isEmpty { throw PlottingError.chartsNotDrawn(context.notDrawn) }
        var report = LessonReport(charts: context.written, claims: context.said)
        report.stepped = context.stepped
        report.asked = context.asked
        report.transcript = say.transcript
        report.drawn = context.drawnCharts
        return Taught(report: report, result: result)
    }
}

/// One run of a lesson: its report and what its experiment found, as the lesson's own type.
public struct Taught<Result> {
    public let report: LessonReport
    public let result: Result
}

/// Redraws `line` in place on standard error when it is a terminal; elsewhere writes it as a line
/// of its own (`ProgressMeter` writes one only every few seconds there), and "" writes nothing.
public func terminalProgress(_ line: String) {
    if isatty(STDERR_FILENO) == 1 {
        Output.error("\r" + line + "\u{1B}[K")
    } else if !line.isEmpty {
        Output.error(line + "\n")
    }
}

/// What a lesson works with while it teaches: the narrator and the chart writer.
public final class LessonContext {
    public let info: LessonInfo
    /// Prints the narrative and the results.
    public let say: Narrator
    let writer: ChartWriter
    /// Every chart written so far.
    public private(set) var written: [WrittenChart] = []
    /// Every claim said about the run so far, in the order said.
    public internal(set) var said: [any Claim] = []
    /// The charts gnuplot could not draw; the lesson ends with an error naming them.
    public private(set) var notDrawn: [String] = []

    /// True with `--predict`: the lesson asks before it computes.
    public let predict: Bool
    /// Whether the lesson asked its questions.
    public internal(set) var asked = false
    let readAnswer: () -> String?
    let prompt: (String) -> Void
    /// True with `--step`; `readKey` reads the keys, nil when there is no terminal.
    let step: Bool
    let readKey: (() -> UInt8?)?
    /// Whether the lesson asked for its stepper.
    public internal(set) var stepped = false
    /// False when the environment asked for no chart files (see `LessonEnvironment.writesCharts`).
    var writesCharts = true
    /// How progress is shown (see `LessonEnvironment.progressOnTerminal`).
    var progressOnTerminal = false
    /// Charts to draw beneath this run's (see `LessonEnvironment.baseline`).
    var baseline: (label: String, charts: [String: Chart])?
    /// The charts drawn, by name, as drawn.
    var drawnCharts: [String: Chart] = [:]

    init(
        info: LessonInfo, say: Narrator, writer: ChartWriter, predict: Bool,
        readAnswer: @escaping () -> String?,
        prompt: @escaping (String) -> Void, step: Bool, readKey: (() -> UInt8?)?
    ) {
        self.step = step
        self.readKey = readKey
        self.info = info
        self.say = say
        self.writer = writer
        self.predict = predict
        self.readAnswer = readAnswer
        self.prompt = prompt
    }

    /// Prints the lesson's "try this" commands.
    public func suggest(_ suggestions: [Suggestion]) {
        say.tryThis(suggestions.map { (command: $0.command(for: info), why: $0.why) })
    }

    /// Writes the charts (data, script, picture) and lists them under a "Charts" heading,
    /// with one line on how to render them when gnuplot is missing.
    public func draw(_ charts: Chart...) throws {
        try draw(charts)
    }

    /// Writes the charts and lists them; with `live`, then plays every animated one (see
    /// `playLive`).
    public func draw(_ charts: [Chart], live: Bool) throws {
        try draw(charts)
        if live { try playLive(charts.filter { $0.animation != nil }) }
    }

    /// Plays animations as they are drawn: in a gnuplot window when there is a display and an
    /// interactive terminal, else on this terminal with the dumb terminal. With neither, or
    /// without gnuplot, it says so in one line; the files are written either way.
    public func playLive(_ charts: [Chart]) throws {
        guard !charts.isEmpty else { return }
        guard let gnuplot = writer.gnuplot else {
            say.plain(
                "  --live needs gnuplot to draw; the data and scripts were written, and "
                    + "\(installGnuplot) brings it."
            )
            return
        }
        let window = gnuplot.windowTerminal()
        guard window != nil || isatty(STDOUT_FILENO) == 1 else {
            say.plain(
                "  --live found no display and no terminal to draw on; the animation was written "
                    + "as a GIF instead."
            )
            return
        }
        for chart in charts {
            let pause = Double(chart.animation?.delay ?? 10) / 100
            var variables = [("live", String(pause))]
            if let window { variables.append(("window", window)) }
            _ = try gnuplot.run(
                script: "\(chart.name).gp", in: writer.folder, variables: variables,
                showOutput: true,
                timeLimit: writer.timeLimit + Double(chart.animation?.frames ?? 0) * pause + 10)
        }
    }

    /// Writes the charts and lists them; see `draw(_:)`.
    public func draw(_ charts: [Chart]) throws {
        guard writesCharts else { return }
        var table = Table(["file", "what it shows"], leftAligned: [0, 1])
        var warnings: [String] = []
        var drawings: [String] = []
        var drawn: [DrawnChart] = []
        for original in charts {
            let chart =
                baseline.flatMap { baseline in
                    baseline.charts[original.name].flatMap {
                        original.over(baseline: $0, label: baseline.label)
                    }
                } ?? original
            drawnCharts[chart.name] = chart
            let result = try writer.write(chart)
            written.append(result)
            drawn.append(DrawnChart(title: chart.title, written: result))
            let shown = result.images.first ?? result.script
            let files = result.images.dropFirst().map(\.lastPathComponent)
            table.add([([shown.lastPathComponent] + files).joined(separator: ", "), chart.title])
            if !result.warnings.isEmpty {
                warnings.append("gnuplot said about \(chart.name): \(result.warnings)")
            }
            if let failure = result.failure {
                warnings.append("not drawn: \(failure.description)")
                notDrawn.append(chart.name)
            }
            if let drawing = result.terminalDrawing { drawings.append(drawing) }
        }
        let folder = shellWord(displayPath(writer.folder))
        let heading =
            "Charts in \(folder)/ (beside each, NAME.dat holds the numbers and NAME.gp draws them)"
        say.record(.charts(heading: heading, drawn))
        say.printTable(heading, table)
        warnings.forEach { say.plain("  " + $0) }
        if writer.cannotRender {
            say.plain(
                "  Charts not rendered: gnuplot is not installed. Install it with "
                    + "\(installGnuplot), "
                    + "then draw them with `cd \(folder) && gnuplot NAME.gp`.")
        }
        drawings.forEach { say.plain($0) }
    }
}

/// How to install gnuplot on this system, for the lines that say it is missing.
public var installGnuplot: String {
    #if os(macOS)
    return "`brew install gnuplot`"
    #else
    return "`apt-get install gnuplot-nox` (with sudo unless you are root)"
    #endif
}

/// Reads an answer from standard input; when it comes from a pipe, shows it after the prompt, as
/// a terminal would have.
public func readAnswerEchoed() -> String? {
    let line = readLine()
    if isatty(STDIN_FILENO) == 0 { Output.line(line ?? "") }
    return line
}
