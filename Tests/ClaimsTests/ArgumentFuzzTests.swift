import Backprop
import Foundation
import TestSupport
import Testing

@testable import LessonKit
@testable import LessonRunner
@testable import Lessons

/// Argument vectors a learner might type, odd ones included: every option of a lesson, with
/// values from this list or none at all.
enum ArgumentVectors {
    static let values = [
        "0", "1", "-1", "2", "16", "0.5", "-0", "1e-12", "1e-50", "1e39", "1e300", "-1e300", "nan",
        "inf", "-inf",
        "abc", "", "1,2", "0,0", "-3,4", ",", "full", "full,0", "784,10", "784,0,10", "784,16",
        "15", "-15",
        "2147483648", "9999999999999999999", "0x10", "1e-320", "0.001,0.002",
    ]

    /// The options a lesson lists in its help, except those that write elsewhere or wait for a
    /// terminal.
    static func options(of type: any Lesson.Type) -> [String] {
        let help = type.helpMessage()
        let names = help.matches(of: /--[a-z][a-z-]+/).map { String($0.output) }
        return Array(
            Set(names).subtracting([
                "--help", "--out", "--live", "--mnist", "--terminal", "--format", "--animate",
            ])
        ).sorted()
    }

    /// A random command line for lesson `type`: one to three of its options, most with a value.
    static func random(
        for type: any Lesson.Type, using generator: inout SeededGenerator
    ) -> (number: Int, arguments: [String]) {
        let options = Self.options(of: type)
        var arguments: [String] = []
        for _ in 0..<(1 + Int(generator.next() % 3)) {
            let option = options[Int(generator.next() % UInt64(options.count))]
            arguments.append(option)
            if option != "--no-render" && option != "--quiet" && generator.next() % 8 != 0 {
                arguments.append(values[Int(generator.next() % UInt64(values.count))])
            }
        }
        return (type.info.number, arguments)
    }

    /// Options for a short run, wherever a lesson has an option that sets how long it trains; the
    /// random options that follow them override them.
    static func shortRun(of type: any Lesson.Type) -> [String] {
        let short = [("--epochs", "1"), ("--max-epochs", "20"), ("--examples", "50")]
        let offered = options(of: type)
        return short.filter { offered.contains($0.0) }.flatMap { [$0.0, $0.1] }
    }

    /// The exit a command line must give, known before it runs: 64 when its options do not parse
    /// or fall outside their ranges; 1 when they are valid but ask for a training image past the
    /// shipped 10,000; else 0.
    static func expectedExit(_ number: Int, _ arguments: [String]) -> Int32 {
        // Read as the command reads it: a negative number after an option is that option's value.
        let read = LessonCommand.negativeValuesAttached(arguments)
        guard let type = lesson(named: String(number)), (try? type.parse(read)) != nil else {
            return 64
        }
        let index = arguments.firstIndex(of: "--index").flatMap {
            arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil
        }
        return (index ?? 0) >= 10_000 ? 1 : 0
    }

    /// Runs lesson `number` with `arguments` (after `before`, options for a short run) through
    /// the command, and checks it gives the exit it must: on success no error, on failure one
    /// line, and on a usage error nothing written. Returns the error lines it said.
    @discardableResult
    static func check(_ number: Int, _ arguments: [String], before: [String] = []) -> [String] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        var errors: [String] = []
        let status = LessonCommand.execute(
            [String(number), "--no-render", "--quiet", "--out", out.path] + before + arguments,
            environment: LessonEnvironment(write: { _ in }, gnuplot: nil, progress: { _ in }),
            error: { errors.append($0) })
        let described = "lesson \(number) \(arguments.joined(separator: " "))"
        let expected = expectedExit(number, before + arguments)
        #expect(status == expected, "\(described): exit \(status), expected \(expected)")
        if status == 0 {
            #expect(errors.isEmpty, "\(described): \(errors)")
        } else {
            #expect(
                errors.count == 1 && errors[0].hasPrefix("Error: ") && !errors[0].contains("\n"),
                "\(described): \(errors)")
        }
        if status == 64 {
            #expect(
                !FileManager.default.fileExists(atPath: out.path),
                "\(described) was refused but wrote to --out")
        }
        return errors
    }
}

struct ArgumentFuzzTests {
    /// Random command lines for each lesson, from a seed made of its slug: adding a lesson, or
    /// moving one, leaves every other lesson's cases as they were. Few and short, so the suite
    /// stays quick enough for CI.
    static func cases(for slug: String) -> [[String]] {
        var generator = SeededGenerator(seed: stableHash(slug))
        let type = lesson(named: slug)!
        return (0..<4).map { _ in ArgumentVectors.random(for: type, using: &generator).arguments }
    }

    @Test(
        "A random command line gives the exit it must: 0, or one line and 64 or 1, writing nothing",
        arguments: writtenSlugs)
    func randomCommandLine(_ slug: String) throws {
        let type = try #require(lesson(named: slug))
        for arguments in Self.cases(for: slug) {
            ArgumentVectors.check(
                type.info.number, arguments, before: ArgumentVectors.shortRun(of: type))
        }
    }
}

/// A hash of `text` that is the same in every run and on every machine (FNV-1a), unlike Swift's
/// own, which is seeded afresh each run.
func stableHash(_ text: String) -> UInt64 {
    text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
}

struct NegativeNumberTests {
    /// Every option of every lesson that takes a value, by lesson number.
    static let cases: [(number: Int, option: String)] = catalog.flatMap { type in
        ArgumentVectors.options(of: type).filter { !["--no-render", "--quiet"].contains($0) }
            .map { (type.info.number, $0) }
    }

    @Test(
        "A negative number after any option is its value, and is refused in the lesson's words",
        arguments: cases.indices)
    func negative(_ index: Int) {
        let (number, option) = Self.cases[index]
        // One negative number is enough to tell a value from an option; the fuzz tries others.
        // The short-run options go first, so they never override the one under test.
        let said = ArgumentVectors.check(
            number, [option, "-1"],
            before: ArgumentVectors.shortRun(of: lesson(named: String(number))!)
        ).joined()
        #expect(!said.contains("Missing value"), "lesson \(number) \(option) -1: \(said)")
        #expect(said.isEmpty || said.contains(option), "lesson \(number) \(option): \(said)")
        // A number is shown as it was typed, not as Swift prints a Double.
        #expect(!said.contains("(got -1.0)"), "lesson \(number) \(option): \(said)")
    }
}
