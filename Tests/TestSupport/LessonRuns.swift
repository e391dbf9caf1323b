import Foundation
import LessonKit
import Plotting
import Testing

/// What one run of a lesson left, as a test sees it: what it printed, the charts it wrote, what
/// its experiment found (as the lesson's own type) and every claim it said.
public struct LessonRun<Result> {
    /// The command line, as a learner would type it after `swift run`.
    public let command: String
    public let output: [String]
    public let charts: [WrittenChart]
    public let result: Result
    public let claims: [any Claim]
    /// The lesson's folder in `--out`.
    public let folder: URL
    /// The whole report: the transcript, whether it stepped or asked.
    public let report: LessonReport

    /// Everything printed, every run of white space folded to one space, so a sentence is found
    /// wherever the narrator wrapped it.
    public var text: String { fold(output.joined(separator: " ")) }

    /// The "What to notice" section, folded like `text`: the sentences computed from the run.
    public var notice: String { section("What to notice") }

    /// The lines under the heading `▸ heading`, up to the next heading, folded to one line.
    public func section(_ heading: String) -> String {
        guard let start = output.firstIndex(of: "▸ \(heading)") else { return "" }
        let body = output[(start + 1)...].prefix { !$0.hasPrefix("▸ ") }
        return fold(body.joined(separator: " "))
    }

    /// The contents of one of the lesson's files.
    public func file(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The numeric rows of block `index` of a data file.
    public func rows(_ name: String, block index: Int) throws -> [[Double]] {
        let blocks = try file(name).components(separatedBy: "\n\n\n")
        return blocks[index].split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: " ").compactMap { Double($0) } }
    }

    /// The same run with its result left out (for a lesson chosen while the tests run).
    public var withoutResult: LessonRun<Void> {
        LessonRun<Void>(
            command: command, output: output, charts: charts, result: (), claims: claims,
            folder: folder, report: report)
    }
}

/// `text` with every run of white space folded to one space.
public func fold(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// Collects what a lesson prints; one per run, so runs never share it.
public final class Lines: @unchecked Sendable {
    public var lines: [String] = []
    public init(_ lines: [String] = []) { self.lines = lines }
}

/// Keys for `--step`, typed one by one; nil once they run out.
public func typing(_ text: String) -> () -> UInt8? {
    var keys = Array(text.utf8)
    return { keys.isEmpty ? nil : keys.removeFirst() }
}

/// How a test run treats the charts.
public enum ChartFiles {
    /// Written, and drawn with the gnuplot installed (missing, with REQUIRE_GNUPLOT=1, a failure).
    case drawn
    /// Written, and drawn with this gnuplot (nil: written, not drawn).
    case drawnBy(Gnuplot?)
    /// Built, and neither written nor drawn: the claims' checks run hundreds of lessons.
    case notWritten
}

/// The one way the tests run a lesson: parsed from `arguments` with `--out` a fresh folder (or
/// `out`), printing into the run's lines; answering `--predict` with `answers`, one a line, and
/// `--step` with `keys`. With `keep` false, the fresh folder is removed once the run is over.
public func runLesson<L: Lesson>(
    _ type: L.Type, _ arguments: [String] = [], out: URL? = nil,
    charts: ChartFiles = .drawn, answers: [String] = [],
    keys: String? = nil, keep: Bool = true
) throws -> LessonRun<L.Result> {
    let root = try out ?? temporaryFolder("lesson-tests")
    defer { if !keep && out == nil { try? FileManager.default.removeItem(at: root) } }
    if case .drawn = charts, installedGnuplot == nil, Requirement.gnuplot.required {
        Issue.record("REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
    }
    let lines = Lines()
    let typed = Lines(answers)
    let lesson = try type.parse(["--out", root.path] + arguments)
    var gnuplot: Gnuplot? = nil
    if case .drawn = charts { gnuplot = installedGnuplot }
    if case .drawnBy(let tool) = charts { gnuplot = tool }
    var environment = LessonEnvironment(
        write: { lines.lines.append($0) }, gnuplot: gnuplot, progress: { _ in },
        readKey: keys.map(typing))
    environment.writesCharts = if case .notWritten = charts { false } else { true }
    environment.prompt = { lines.lines.append($0) }
    environment.readAnswer = { typed.lines.isEmpty ? nil : typed.lines.removeFirst() }
    // Answers come as if piped in, even when the tests run on a terminal.
    environment.asksAgain = false
    let told = try lesson.taught(in: environment)
    let command = (["lesson", String(type.info.number)] + arguments).joined(separator: " ")
    return LessonRun(
        command: command, output: lines.lines, charts: told.report.charts, result: told.result,
        claims: told.report.claims, folder: root.appendingPathComponent(type.info.folderName),
        report: told.report)
}

/// Runs a lesson chosen while the tests run (by number or name), as `runLesson` does; its result,
/// whose type is the lesson's own, is left out.
public func runChosen(
    _ type: any Lesson.Type, _ arguments: [String] = [], out: URL? = nil,
    charts: ChartFiles = .drawn, answers: [String] = [], keep: Bool = true
) throws -> LessonRun<Void> {
    func opened<L: Lesson>(_ type: L.Type) throws -> LessonRun<Void> {
        try runLesson(type, arguments, out: out, charts: charts, answers: answers, keep: keep)
            .withoutResult
    }
    return try opened(type)
}
