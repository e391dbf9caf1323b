import ArgumentParser
import Claims
import Foundation
import LessonKit
import Plotting

@testable import Lessons

/// One lesson run with generated options, without gnuplot: what it printed, its result and the
/// claims it made.
struct GeneratedRun<Result> {
    let command: String
    let output: [String]
    let result: Result
    let claims: [any Claim]

    /// Everything printed, folded to single spaces, so a sentence is found wherever it was wrapped.
    var text: String { fold(output.joined(separator: " ")) }
}

/// `text` with every run of white space folded to one space.
func fold(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// A folder for this process's generated runs, made once.
let scratch: URL = {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("claims-tests-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

/// Collects printed lines; one per run, so runs never share it.
final class Lines: @unchecked Sendable {
    var lines: [String] = []
}

/// Runs lesson `type` with `arguments`, building its charts but writing and drawing none.
/// With `answers`, they are read one by one where the lesson asks (it must be given --predict).
func generatedRun<L: Lesson>(
    _ type: L.Type, _ arguments: [String], answers: [String] = []
) throws -> GeneratedRun<L.Result> {
    let folder = scratch.appendingPathComponent(UUID().uuidString)
    defer { try? FileManager.default.removeItem(at: folder) }
    let lines = Lines()
    let lesson = try type.parse(["--out", folder.path, "--no-render"] + arguments)
    var environment = LessonEnvironment(write: { lines.lines.append($0) }, gnuplot: nil)
    environment.writesCharts = false
    let typed = Lines()
    typed.lines = answers
    environment.prompt = { lines.lines.append($0) }
    environment.readAnswer = { typed.lines.isEmpty ? nil : typed.lines.removeFirst() }
    let told = try lesson.taught(in: environment)
    let report = told.report
    let command = (["lesson", String(type.info.number)] + arguments).joined(separator: " ")
    return GeneratedRun(
        command: command, output: lines.lines, result: told.result, claims: report.claims)
}

/// The claims inside `claims`, with every paragraph opened into its parts.
func flattened(_ claims: [any Claim]) -> [any Claim] {
    claims.flatMap { claim -> [any Claim] in
        guard let paragraph = claim as? ClaimParagraph else { return [claim] }
        return flattened(paragraph.claims)
    }
}

/// How many generated runs each lesson gets: 200 in an ordinary `swift test`, and
/// `BACKPROP_CLAIM_SWEEP` (CI asks for 1,000, in a release build) when set.
let generatedCount: Int = sweep ?? 200

/// How many generated runs each lesson on the digit network gets (6 to 12): each run takes about
/// ten times as long as one of the other lessons', so an ordinary `swift test` runs 60 of them;
/// `BACKPROP_CLAIM_SWEEP` sets this too (CI's release sweep runs 1,000 of every lesson).
let digitCount: Int = sweep ?? 60

/// The number of generated runs asked for in the environment, if any.
let sweep = ProcessInfo.processInfo.environment["BACKPROP_CLAIM_SWEEP"].flatMap(Int.init)

/// A number as a learner types it on the command line.
func typed(_ x: Double) -> String {
    Format.formatForCommand(x)
}

/// A list of numbers as a learner types it: 0.5,1.2.
func typed(_ values: [Double]) -> String {
    values.map(typed).joined(separator: ",")
}

/// gnuplot, for the sample of generated runs that is drawn; with REQUIRE_GNUPLOT=1 (as in CI) its
/// absence fails that test instead of skipping it.
let gnuplot = Gnuplot.locate()
let gnuplotRequired = ProcessInfo.processInfo.environment["REQUIRE_GNUPLOT"] == "1"

/// Runs lesson `type` with `arguments` and draws its charts with gnuplot; the charts it wrote.
func drawnRun(_ type: any Lesson.Type, _ arguments: [String]) throws -> [WrittenChart] {
    let folder = scratch.appendingPathComponent(UUID().uuidString)
    defer { try? FileManager.default.removeItem(at: folder) }
    let lesson = try type.parse(["--out", folder.path, "--quiet"] + arguments)
    let report = try lesson.run(in: LessonEnvironment(write: { _ in }, gnuplot: gnuplot))
    return report.charts
}
