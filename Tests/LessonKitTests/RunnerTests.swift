import ArgumentParser
import Foundation
import Plotting
import TestSupport
import Testing

@testable import LessonKit
@testable import LessonRunner
@testable import Lessons

struct RunnerTests {
    @Test(
        "A lesson is found by number, padded number and slug",
        arguments: ["4", "04", "learning-rates"])
    func lookUp(name: String) throws {
        #expect(lesson(named: name)?.info.number == 4)
        #expect(LessonCommand.unknownLesson(in: [name]) == nil)
        let command = try LessonCommand.parseAsRoot([name, "--quiet"])
        #expect(command is LearningRates)
    }

    @Test(
        "An unknown lesson is one clear sentence and exit code 64",
        arguments: ["99", "0", "-1", "-0.5", "nope", "learning-rate"])
    func unknown(name: String) throws {
        let error = try #require(LessonCommand.unknownLesson(in: [name, "--quiet"]))
        let message = LessonCommand.message(for: error)
        #expect(message.contains("there is no lesson '\(name)'"))
        #expect(message.contains("swift run lesson list"))
        #expect(LessonCommand.exitCode(for: error) == ExitCode(64))
    }

    @Test(
        """
        Through the command line: an unknown lesson, a bad value and a value out of range are one \
        line with exit 64
        """,
        arguments: [
            ["99"], ["4", "--rates", "abc"], ["4", "--lr", "1"], ["7", "--index", "10000"],
            ["12", "--lr", "1e-50"],
            // Escapes, a bell and a line break typed in a word are shown, not obeyed.
            ["\u{1B}]0;title\u{07}"], ["4\n5"], ["4", "--\u{1B}[2J"], ["4", "extra\u{1B}[2J"],
        ])
    func refusedInOneLine(arguments: [String]) {
        var errors: [String] = []
        let status = LessonCommand.execute(
            arguments + ["--no-render"],
            environment: LessonEnvironment(write: { _ in }, gnuplot: nil),
            error: { errors.append($0) })
        #expect(status == 64)
        #expect(errors.count == 1 && errors[0].hasPrefix("Error: ") && !errors[0].contains("\n"))
        #expect(!(errors.first ?? "").unicodeScalars.contains { $0.value < 0x20 }, "\(errors)")
    }

    @Test(
        """
        --terminal=KIND and --terminal KIND force the same kind; --terminal alone leaves the \
        choice to the terminal
        """,
        arguments: [
            ["1", "--terminal=sixel"], ["1", "--terminal", "sixel", "--quiet"],
            ["1", "--quiet", "--terminal", "--nudge", "0.01"],
        ])
    func forcedTerminal(arguments: [String]) throws {
        let words = try LessonCommand.forcedTerminal(in: arguments).get()
        let lesson = try #require(try LessonCommand.parseAsRoot(words) as? any Lesson)
        #expect(lesson.common.terminal)
        #expect(
            lesson.common.terminalKind
                == (arguments.contains { $0.contains("sixel") } ? .sixel : nil))
    }

    @Test(
        "An unknown terminal kind is one line with exit 64",
        arguments: [["1", "--terminal", "kitty"], ["1", "--terminal="]])
    func unknownTerminal(arguments: [String]) {
        var errors: [String] = []
        let status = LessonCommand.execute(
            arguments, environment: LessonEnvironment(write: { _ in }, gnuplot: nil),
            error: { errors.append($0) })
        #expect(status == 64)
        #expect(errors.count == 1 && errors[0].contains("must be dumb, ansi or sixel"))
    }

    @Test(
        """
        With --predict and closed input, the command says so in one line and exits 1, writing \
        nothing
        """
    )
    func predictClosedInput() {
        var errors: [String] = []
        let out = FileManager.default.temporaryDirectory.appendingPathComponent(
            "predict-\(UUID().uuidString)")
        let status = LessonCommand.execute(
            ["4", "--predict", "--no-render", "--out", out.path],
            environment: LessonEnvironment(
                write: { _ in }, gnuplot: nil, readAnswer: { nil }, prompt: { _ in }),
            error: { errors.append($0) })
        #expect(
            status == 1 && errors.count == 1 && errors[0].contains("--predict asks 2 questions"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test(
        "Commands and options are not mistaken for lessons",
        arguments: [[], ["list"], ["all", "--quiet"], ["--help"], ["help", "4"]])
    func notLessons(arguments: [String]) {
        #expect(LessonCommand.unknownLesson(in: arguments) == nil)
    }

    @Test("The list shows every lesson with its number, title and video segment")
    func list() {
        var lines: [String] = []
        printCatalog { lines.append($0) }
        let text = lines.joined(separator: "\n")
        for lesson in catalog.map({ $0.info }) {
            #expect(text.contains("\(lesson.paddedNumber)  \(lesson.slug)"))
            #expect(text.contains(lesson.title))
            #expect(text.contains(lesson.segment))
            #expect(text.contains(lesson.summary))
        }
    }

    @Test("Lesson numbers and slugs are unique and in order")
    func catalogOrder() {
        let numbers = catalog.map { $0.info.number }
        #expect(numbers == Array(1...numbers.count))
        #expect(Set(catalog.map { $0.info.slug }).count == catalog.count)
        #expect(
            catalog.map { $0.info.folderName }.prefix(4) == [
                "01-derivatives", "02-minima", "03-descent-1d", "04-learning-rates",
            ])
    }

    @Test("Negative numbers are read as values, as people type them")
    func negativeValues() throws {
        let descent = try #require(
            try LessonCommand.parseAsRoot(["3", "--start", "-3"]) as? DescentInOneDimension)
        #expect(descent.start == -3)
        let minima = try #require(try LessonCommand.parseAsRoot(["2", "--b", "-4"]) as? Minima)
        #expect(minima.b == -4)
        let rates = try #require(
            try LessonCommand.parseAsRoot(["1", "--at", "-2,-1"]) as? Derivatives)
        #expect(rates.at.values == [-2, -1])
        // Through the command, a negative number after any option is attached to it.
        let attached = LessonCommand.negativeValuesAttached
        #expect(attached(["3", "--lr", "-1"]) == ["3", "--lr=-1"])
        #expect(attached(["1", "--at", "-2,-1"]) == ["1", "--at=-2,-1"])
        #expect(
            attached(["3", "--lr", "-.5", "--seed", "-inf"]) == ["3", "--lr=-.5", "--seed=-inf"])
        #expect(attached(["3", "--lr=-1", "--quiet"]) == ["3", "--lr=-1", "--quiet"])
        #expect(attached(["3", "--lr", "-h"]) == ["3", "--lr", "-h"])
        #expect(attached(["3", "--lr", "--steps", "-2e3"]) == ["3", "--lr", "--steps=-2e3"])
    }

    @Test(
        "A value the parser cannot read is refused in the lessons' own words",
        arguments: [
            (["6", "--seed", "-1"], "--seed must be a whole number, 0 or more (got -1)"),
            (["3", "--lr", "abc"], "--lr must be a number (got abc)"),
            (["3", "--steps", "1.5"], "--steps must be a whole number (got 1.5)"),
            (
                ["4", "--rates", "0.1,x"],
                "--rates must be a number, or several separated by commas (got 0.1,x)"
            ),
            (
                ["3", "--curve", "wiggly"],
                "--curve must be one of quadratic, double-well, plateau "
                    + "or steep (got wiggly)"
            ),
            (
                ["6", "--initialisation", "uniform"],
                "--initialisation must be one of gaussian or scaled (got uniform)"
            ),
            (["3", "--lr", ""], "--lr must be a number (got nothing)"),
            // A line break typed in a value is shown as typed, on the one line.
            (["3", "--lr", "1\n2"], "--lr must be a number (got 1␊2)"),
            (["3", "--lr=1\n2"], "--lr must be a number (got 1␊2)"),
        ])
    func ourWords(arguments: [String], said: String) {
        var errors: [String] = []
        let status = LessonCommand.execute(
            arguments + ["--no-render"], environment: LessonEnvironment(write: { _ in }),
            error: { errors.append($0) })
        #expect(status == 64)
        #expect(errors == ["Error: " + said])
    }

    @Test("An --out no system could make is a usage error (64); an unwritable one is not (1)")
    func impossibleOut() throws {
        let name = String(repeating: "b", count: 300)
        var errors: [String] = []
        let status = LessonCommand.execute(
            ["3", "--out", "/tmp/" + name, "--no-render"],
            environment: LessonEnvironment(write: { _ in }), error: { errors.append($0) })
        #expect(status == 64)
        // The path is shortened to its ends in the message; the long name is named.
        #expect(errors.count == 1)
        #expect(
            errors.first?.hasPrefix("Error: cannot write to the output folder /tmp/bbb") == true)
        #expect(
            errors.first?.hasSuffix(
                "bbb/03-descent-1d: the name \"bbbbbbbbbbbbbbbbbbbb…\" is 300 bytes long, and a "
                    + "name may have at most 255. Choose another one with --out DIR.") == true)
        // A file where the folder should be is this machine's state, not a typing mistake.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try Data().write(to: file)
        let blocked = LessonCommand.execute(
            ["3", "--out", file.path + "/inside", "--no-render"],
            environment: LessonEnvironment(write: { _ in }), error: { _ in })
        #expect(blocked == 1)
    }

    /// Bad values: each is refused with exit code 64 and a message naming the option.
    static let badOptions: [([String], String)] = [
        (["3", "--steps", "0"], "--steps"),
        (["3", "--steps", "-3"], "--steps"),
        (["3", "--lr", "abc"], "--lr"),
        (["3", "--lr", "nan"], "--lr"),
        (["3", "--lr", "inf"], "--lr"),
        (["3", "--lr", "-0.1"], "--lr"),
        (["3", "--curve", "wiggly"], "--curve"),
        (["3", "--start", "inf"], "--start"),
        (["4", "--rates", "0.1,x"], "--rates"),
        (["4", "--rates", "0.1,-2"], "--rates"),
        (["4", "--tolerance", "0"], "--tolerance"),
        (["2", "--a", "-1"], "--a"),
        (["1", "--nudge", "0"], "--nudge"),
        (["1", "--format", "jpeg"], "--format"),
        (["1", "--out", ""], "--out"),
        (["5", "--epochs", "0"], "--epochs"),
        (["5", "--hidden-weight", "5"], "--hidden-weight"),
        (["6", "--seed", "-1"], "--seed"),
        (["6", "--initialisation", "uniform"], "--initialisation"),
        (["6", "--index", "-2"], "--index"),
        (["7", "--neuron", "17"], "--neuron"),
        (["9", "--examples", "1"], "--examples"),
        (["10", "--batch-sizes", "full,0"], "--batch-sizes"),
        (["10", "--batch-sizes", "10,ten"], "--batch-sizes"),
        (["11", "--target", "0"], "--target"),
        (["11", "--rates", "0.1,-1"], "--rates"),
        (["12", "--layers", "100,30,10"], "--layers must start with 784"),
        (["12", "--layers", "784,30,9"], "--layers must end with 10"),
        (["12", "--layers", "784,0,10"], "--layers sizes must be whole numbers"),
        (["12", "--layers", "784,-5,10"], "--layers"),
        (["12", "--layers", "784"], "--layers needs at least"),
        (["12", "--layers", "784,x,10"], "--layers"),
        (["12", "--batch-size", "0"], "--batch-size"),
        (["12", "--epochs", "0"], "--epochs"),
        (["12", "--threads", "0"], "--threads"),
        (["3", "--frames", "1"], "--frames"),
        (["4", "--delay", "0"], "--delay"),
    ]

    @Test(
        "Bad option values are refused with a clear message and exit code 64", arguments: badOptions
    )
    func badOption(arguments: [String], option: String) {
        do {
            _ = try LessonCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect(LessonCommand.exitCode(for: error) == ExitCode(64), "\(arguments)")
            #expect(
                LessonCommand.message(for: error).contains(option),
                "\(arguments): \(LessonCommand.message(for: error))")
        }
    }
}

struct DoctorTests {
    @Test(
        "lesson doctor finds gnuplot, its terminals and the output folder, and draws a test chart",
        .enabled(
            if: Gnuplot.locate() != nil
                || ProcessInfo.processInfo.environment["REQUIRE_GNUPLOT"] == "1"))
    func doctor() async throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent(
            "doctor-\(UUID().uuidString)")
        let checks = await Doctor.checks(out: out)
        let byName = Dictionary(uniqueKeysWithValues: checks.map { ($0.name, $0) })
        #expect(byName["gnuplot"]?.ok == true)
        #expect(byName["terminal pngcairo"]?.ok == true)
        #expect(byName["test render"]?.ok == true, "\(String(describing: byName["test render"]))")
        #expect(checks.contains { $0.name.hasPrefix("output folder") && $0.ok })
        // Checking the folder does not make it.
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("lesson doctor says, in words, why a gnuplot that is no program cannot be run")
    func doctorNotAProgram() async throws {
        let folder = try doctorFolder()
        let fake = try executable(in: folder, "not a program")
        let checks = await Doctor.gnuplotChecks(Gnuplot(executable: fake.path), limit: 5)
        #expect(
            checks.first?.found
                == "could not start \(fake.path): it is not a program this system can run")
    }

    @Test(
        "lesson doctor, drawing with a gnuplot that writes no picture, does not advise the doctor")
    func doctorDrewNothing() async throws {
        let folder = try doctorFolder()
        let fake = try executable(in: folder, "#!/bin/bash\ncat > /dev/null\nexit 0\n")
        let check = Doctor.testRender(Gnuplot(executable: fake.path), limit: 10)
        #expect(!check.ok)
        #expect(check.found.contains("wrote no picture"), "\(check.found)")
        #expect(!check.found.contains("lesson doctor"), "\(check.found)")
        #expect(check.fix.contains("pngcairo"))
    }

    @Test("lesson doctor says what is missing when the output folder cannot be written")
    func doctorBlockedFolder() async throws {
        let root = try doctorFolder()
        let file = root.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let checks = await Doctor.checks(out: file.appendingPathComponent("Plots"))
        let check = try #require(checks.first { $0.name.hasPrefix("output folder") })
        #expect(!check.ok && check.found.contains("a-file is a file, not a folder"))
    }

    @Test(
        """
        lesson doctor reports a gnuplot that hangs, within its time limit, and asks it nothing \
        more
        """,
        // A guard against hanging, not a measurement: the fake gnuplot sleeps far longer.
        .timeLimit(.minutes(3))
    )
    func doctorHangingGnuplot() async throws {
        let folder = try doctorFolder()
        let script = try executable(
            in: folder, "#!/bin/bash\necho $$ >> \"\(folder.path)/pids\"\nexec sleep 600\n")
        let checks = await Doctor.gnuplotChecks(Gnuplot(executable: script.path), limit: 1)
        #expect(checks.count == 1 && !checks[0].ok)
        #expect(
            checks[0].found.contains("gave no answer within 1 s and was stopped"),
            "\(checks[0].found)")
        // The hanging gnuplot was asked once, and is gone.
        let pids = try String(contentsOf: folder.appendingPathComponent("pids"), encoding: .utf8)
            .split(separator: "\n").compactMap { Int32($0) }
        #expect(pids.count == 1)
        for pid in pids { #expect(kill(pid, 0) != 0) }
    }
}

/// A fresh folder for one doctor test.
private func doctorFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "doctor-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// A stand-in gnuplot in `folder`: an executable file holding `contents`.
private func executable(in folder: URL, _ contents: String) throws -> URL {
    let file = folder.appendingPathComponent("gnuplot")
    try Data(contents.utf8).write(to: file)
    chmod(file.path, 0o755)
    return file
}
