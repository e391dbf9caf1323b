import Claims
import Foundation
import LessonKit
import Plotting
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// gnuplot for the end-to-end tests: they render when it is installed, and with
/// REQUIRE_GNUPLOT=1 (as in CI) its absence is a failure rather than a quiet skip.
let installedGnuplot = Gnuplot.locate()
let gnuplotRequired = ProcessInfo.processInfo.environment["REQUIRE_GNUPLOT"] == "1"

/// Tests that need gnuplot to draw run when it is installed, and with REQUIRE_GNUPLOT=1 even when
/// it is not (so that they fail); otherwise they show as skipped, with this reason.
let rendering = installedGnuplot != nil || gnuplotRequired
let noGnuplot: Comment = "gnuplot is not installed"

/// A fresh temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "lesson-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// What a lesson run left: its printed lines and the charts it wrote.
struct LessonRun<Result> {
    let output: [String]
    let charts: [WrittenChart]
    /// What the lesson's experiment found, as the lesson's own type.
    let result: Result
    let folder: URL
    /// Every claim the lesson said about its run.
    var claims: [any Claim] = []

    /// Everything printed, with line breaks and runs of spaces folded to one space, so a
    /// sentence can be found wherever the narrator wrapped it.
    var text: String {
        output.joined(separator: " ").split(separator: " ", omittingEmptySubsequences: true).joined(
            separator: " ")
    }

    /// The "What to notice" section, folded like `text`: the sentences computed from the run.
    var notice: String { section("What to notice") }

    /// The lines under the heading `▸ heading`, up to the next heading, folded to one line.
    func section(_ heading: String) -> String {
        guard let start = output.firstIndex(of: "▸ \(heading)") else { return "" }
        let body = output[(start + 1)...].prefix { !$0.hasPrefix("▸ ") }
        return body.joined(separator: " ").split(separator: " ", omittingEmptySubsequences: true)
            .joined(separator: " ")
    }

    /// The contents of one of the lesson's files.
    func file(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The numeric rows of block `index` of a data file.
    func rows(_ name: String, block index: Int) throws -> [[Double]] {
        let blocks = try file(name).components(separatedBy: "\n\n\n")
        return blocks[index].split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: " ").compactMap { Double($0) } }
    }
}

/// Collects printed lines; a class so the lesson's write closure can append to it.
final class Transcript: @unchecked Sendable {
    var lines: [String] = []
}

/// Runs `Type` with `arguments` into a new temporary `--out`, rendering when gnuplot is there.
func runLesson<L: Lesson>(
    _ type: L.Type, _ arguments: [String] = [], out: URL? = nil, gnuplot: Gnuplot?? = nil
) throws -> LessonRun<L.Result> {
    let root = try out ?? temporaryFolder()
    let transcript = Transcript()
    let lesson = try type.parse(["--out", root.path] + arguments)
    let tool: Gnuplot? = gnuplot ?? installedGnuplot
    if tool == nil && gnuplotRequired && gnuplot == nil {
        Issue.record("REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
    }
    let told = try lesson.taught(
        in: LessonEnvironment(write: { transcript.lines.append($0) }, gnuplot: tool))
    let report = told.report
    return LessonRun(
        output: transcript.lines, charts: report.charts, result: told.result,
        folder: root.appendingPathComponent(type.info.folderName), claims: report.claims)
}

/// Runs a lesson chosen while the tests run, as `runLesson(_:_:out:gnuplot:)` does; its result,
/// whose type is the lesson's own, is left out.
func runChosen(
    _ type: any Lesson.Type, _ arguments: [String] = [], out: URL? = nil, gnuplot: Gnuplot?? = nil
) throws -> LessonRun<Void> {
    func opened<L: Lesson>(_ type: L.Type) throws -> LessonRun<Void> {
        let run = try runLesson(type, arguments, out: out, gnuplot: gnuplot)
        return LessonRun<Void>(
            output: run.output, charts: run.charts, result: (), folder: run.folder,
            claims: run.claims)
    }
    return try opened(type)
}

/// The names of the files in a folder, sorted.
func files(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
}

/// What a child did: its exit status, what it said on standard error, and its peak resident
/// memory in bytes, read from the kernel's own account of it (`wait4`).
struct MeasuredRun {
    let status: Int32
    let errors: String
    let peak: Int
}

/// Runs `script` with bash, its standard output thrown away, and measures it.
func measured(_ script: String) throws -> MeasuredRun {
    let errorFile = try temporaryFolder().appendingPathComponent("errors")
    var actions: posix_spawn_file_actions_t = .init()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(
        &actions, 2, errorFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var pid: pid_t = 0
    let words: [String] = ["/bin/bash", "-c", script]
    let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let started = posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ)
    try #require(started == 0)
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
    #if os(Linux)
    let peak = usage.ru_maxrss * 1024
    #else
    let peak = usage.ru_maxrss
    #endif
    let said = try String(contentsOf: errorFile, encoding: .utf8)
    // A normal exit's status is in bits 8–15; a death by a signal shows as 128 + the signal.
    let code = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return MeasuredRun(status: code, errors: said, peak: Int(peak))
}
