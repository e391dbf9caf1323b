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
        context.asksAgain = environment.asksAgain
        context.wholeOrNothing = environment.wholeOrNothing
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
