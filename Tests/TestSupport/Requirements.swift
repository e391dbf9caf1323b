import Foundation
import Plotting
import Testing

/// Something a test needs from the machine (gnuplot, a browser, tmux, root), with its switch:
/// where it is missing the test is skipped, saying why, unless the switch `REQUIRE_…=1` is set
/// (as CI sets every one), and then the test runs and fails on what is missing. No skip goes
/// unnoticed in CI.
public struct Requirement: Sendable {
    /// What is needed, in words: "gnuplot", "chromium".
    public let name: String
    /// The environment switch that turns a skip into a failure: "REQUIRE_GNUPLOT".
    public let variable: String
    /// Whether the machine has it.
    public let met: Bool

    public init(_ name: String, variable: String, met: Bool) {
        self.name = name
        self.variable = variable
        self.met = met
    }

    /// Whether the switch is on.
    public var required: Bool { ProcessInfo.processInfo.environment[variable] == "1" }

    /// Whether a test that needs it runs: it is there, or its absence must fail.
    public var runs: Bool { met || required }

    /// The trait that skips the test where the requirement is missing and not required.
    public var trait: ConditionTrait {
        .enabled(if: runs, Comment(rawValue: "\(name) is missing (\(variable)=1 makes this fail)"))
    }

    /// Fails the test, in one line, when the requirement is missing.
    public func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard !met else { return }
        Issue.record(
            Comment(rawValue: "\(variable)=1 but \(name) is missing"),
            sourceLocation: sourceLocation)
        throw RequirementMissing(name: name)
    }
}

/// Thrown by `Requirement.check()` to end a test whose requirement is missing.
public struct RequirementMissing: Error {
    public let name: String
}

/// gnuplot, found on PATH.
public let installedGnuplot = Gnuplot.locate()

extension Requirement {
    public static let gnuplot = Requirement(
        "gnuplot", variable: "REQUIRE_GNUPLOT", met: installedGnuplot != nil)
    public static let tmux = Requirement(
        "tmux", variable: "REQUIRE_TMUX", met: executable(named: "tmux") != nil)
    public static let bash = Requirement(
        "bash", variable: "REQUIRE_BASH", met: executable(named: "bash") != nil)
    /// A user other than root, for the test of a file the learner may not read (root reads every
    /// file). CI runs as root, so this is the one requirement CI does not set: that test shows as
    /// skipped there, and runs wherever a learner's or a developer's tests run.
    public static let notRoot = Requirement(
        "a user other than root", variable: "REQUIRE_NOT_ROOT", met: getuid() != 0)
    /// A headless browser, for the lesson book's pages.
    public static let browser = Requirement(
        "chromium", variable: "REQUIRE_BROWSER", met: chromium != nil)
    /// The `lesson` and `exercises` commands, built beside the tests (as `swift test` builds
    /// them), for the tests that run them as a learner does.
    public static let programs = Requirement(
        "the lesson and exercises commands built beside the tests", variable: "REQUIRE_PROGRAMS",
        met: lessonBinary != nil && exercisesBinary != nil)
}

/// The browser, when there is one.
public let chromium: URL? = ["chromium", "chromium-browser", "google-chrome"].lazy
    .compactMap { executable(named: $0).map(URL.init(fileURLWithPath:)) }.first

/// A program built beside the test bundle (`lesson`, `exercises`), if it is there.
public func builtProgram(_ name: String) -> URL? {
    let candidates = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
        .compactMap { $0 }
        .map { $0.deletingLastPathComponent().appendingPathComponent(name) }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}

/// The `lesson` command built beside these tests.
public let lessonBinary = builtProgram("lesson")
/// The `exercises` command built beside these tests.
public let exercisesBinary = builtProgram("exercises")

/// The full path of the program `name` on PATH, if there is one.
public func executable(named name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}
