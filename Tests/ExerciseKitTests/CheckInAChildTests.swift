import Foundation
import Processes
import TestSupport
import Testing

@testable import ExerciseKit

/// A stand-in for `exercises verdict-of-one`: a shell script with the given body.
private func helper(_ body: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "exercise-helper-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    // The script is written beside, then installed by `install` in a process of its own: a file
    // this process held open for writing could be inherited by a child another test starts at
    // that moment, and running it would then fail with "text file busy".
    let text = folder.appendingPathComponent("verdict.txt")
    try Data("#!/bin/bash\n\(body)\n".utf8).write(to: text)
    let url = folder.appendingPathComponent("verdict")
    let install = Process()
    install.executableURL = URL(fileURLWithPath: "/usr/bin/install")
    install.arguments = ["-m", "755", text.path, url.path]
    try install.run()
    install.waitUntilExit()
    return url
}

/// The build folder the tests run from: its `Modules` hold what the exercises compile against.
let build = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()

/// Where a stand-in helper writes the process id of the child it starts: a file in a fresh folder.
private func childPidFile() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "exercise-children-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("pid").path
}

struct CheckInAChildTests {
    @Test(
        "Every verdict survives the trip from the child to the parent as one line",
        arguments: [
            Verdict.done("200 cases"), .notYet("exercise 8 uses your answer to exercise 6"),
            .wrong(mistake: "the wrong sign", explanation: "entry 0:\texpected 1,\ngot −1"),
            .wrong(mistake: nil, explanation: "off"),
        ])
    func roundTrip(verdict: Verdict) {
        let back = Verdict(line: verdict.line)
        #expect(back?.status == verdict.status)
        if case .wrong(let mistake, _) = verdict, case .wrong(let backMistake, let text)? = back {
            #expect(backMistake == mistake && !text.contains("\t") && !text.contains("\n"))
        } else {
            #expect(back == verdict)
        }
    }

    // The time limit is a guard against hanging, not a measurement: the verdict says the loop
    // was stopped.
    @Test(
        "A learner's endless loop is stopped at the time limit and said so; the check goes on",
        .timeLimit(.minutes(1)))
    func endlessLoop() async throws {
        let verdict = await Checker.checkInAChild(
            2, helper: try helper("while true; do :; done"), arguments: [], limit: 1)
        #expect(
            verdict
                == .wrong(
                    mistake: nil,
                    explanation:
                        "your code ran for 1 s without finishing and was stopped. Look for a loop "
                        + "whose condition never becomes false."
                ))
    }

    @Test(
        """
        A crash is a wrong answer that names Swift's message, the learner's file and line, and the \
        case; advice on sizes only when every square layer before was right
        """
    )
    func crash() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crash-\(UUID().uuidString)/Exercises")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = folder.appendingPathComponent("05-LayerGradient.swift")
        try Data("// line 1\n        w[j, k] = delta[j] * a[k + 1]\n".utf8).write(to: source)
        // What `verdict-of-one` prints before each case, and what Swift's runtime prints on a
        // failed bounds check.
        func crashing(_ before: String) throws -> URL {
            try helper(
                """
                printf '\(before)'
                printf 'trying\\t2\\t24\\ta layer of 3 neurons with 5 inputs\\tan input is zero\\n'
                echo 'Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range' >&2
                echo '  2 [ra] 0x01 specialized Array.subscript.getter + 85 in libswiftCore.so' >&2
                echo '  3 [ra] 0x02 layerGradient(error:previousActivations:) + 732 in x at \
                \(source.path):2:35' >&2
                kill -TRAP $$
                """)
        }
        let square =
            "trying\\t0\\t24\\ta layer of 2 neurons with 2 inputs\\tthe layer is square\\n"
            + "tried\\t0\\tright\\n"
            + "trying\\t1\\t24\\ta layer of 3 neurons with 3 inputs\\tthe layer is square\\n"
            + "tried\\t1\\tright\\n"
        let verdict = await Checker.checkInAChild(
            5, helper: try crashing(square), arguments: [], limit: 10)
        #expect(
            verdict
                == .wrong(
                    mistake: nil,
                    explanation:
                        "your code crashed (Index out of range) at "
                        + "Exercises/05-LayerGradient.swift:2: `w[j, k] = delta[j] * a[k + 1]` in "
                        + "case 3 of 24 (a layer of 3 neurons with 5 inputs); the 2 before it were "
                        + "right. Right on every square layer, it crashed on the first that is "
                        + "not: "
                        + "rows and columns are swapped somewhere. " + Checker.sizes))
        // A case before was wrong: nothing points at the sizes, so nothing is said of them.
        let mixed = square.replacingOccurrences(of: "1\\tright", with: "1\\twrong")
        let plain = await Checker.checkInAChild(
            5, helper: try crashing(mixed), arguments: [], limit: 10)
        guard case .wrong(nil, let explanation)? = plain else {
            Issue.record("\(String(describing: plain))")
            return
        }
        #expect(explanation.hasSuffix("1 of the 2 before it was right."))
        #expect(!explanation.contains("rows and columns"))
        // A crash with nothing said at all.
        let bare = await Checker.checkInAChild(
            3, helper: try helper("kill -TRAP $$"), arguments: [], limit: 10)
        #expect(bare == .wrong(mistake: nil, explanation: "your code crashed."))
    }

    @Test(
        """
        A real out-of-range index in an exercise, compiled as the exercises are, crashes with \
        Swift's message, and the verdict names the learner's file, line and code
        """,
        .timeLimit(.minutes(10)))
    func realCrash() async throws {
        let modules = build.appendingPathComponent("Modules")
        let basics = build.appendingPathComponent("BackpropBasics.build")
        try #require(FileManager.default.fileExists(atPath: modules.path), "\(modules.path)")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "real-crash-\(UUID().uuidString)")
        let exercises = root.appendingPathComponent("Exercises")
        try FileManager.default.createDirectory(at: exercises, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: projectFolder.appendingPathComponent("Exercises/Given.swift"),
            to: exercises.appendingPathComponent("Given.swift"))
        let planted = """
            public func layerGradient(
                error delta: [Double], previousActivations a: [Double]
            ) throws -> (weights: Matrix, biases: [Double]) {
                var w = Matrix(rows: delta.count, columns: a.count)
                for j in delta.indices {
                    for k in a.indices {
                        w[j, k] = delta[j] * a[k + 1]
                    }
                }
                return (w, delta)
            }

            """
        try Data(planted.utf8).write(to: exercises.appendingPathComponent("05-LayerGradient.swift"))
        let main = root.appendingPathComponent("main.swift")
        try Data("print(try layerGradient(error: [1, 2], previousActivations: [3, 4, 5]))\n".utf8)
            .write(to: main)
        let objects = try FileManager.default.contentsOfDirectory(atPath: basics.path)
            .filter { $0.hasSuffix(".swift.o") }.map { basics.appendingPathComponent($0).path }
        let program = root.appendingPathComponent("crashes")
        // Compiled asynchronously, so that no thread of the shared pool waits on the compiler.
        let compile = try await runToTheEnd(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["swiftc", "-g", "-Onone", "-module-name", "Exercises", "-I", modules.path]
                + [exercises.appendingPathComponent("Given.swift").path]
                + [exercises.appendingPathComponent("05-LayerGradient.swift").path, main.path]
                + objects + ["-o", program.path],
            limit: 300)
        try #require(compile.ending == .exited(0), "\(compile.other)")
        let run = try await runToTheEnd(
            program, [], environment: Checker.childEnvironment, limit: 30)
        #expect(run.ending == .crashed(signal: SIGILL) || run.ending == .crashed(signal: SIGTRAP))
        #expect(
            Crash(errors: run.other).sentence
                == "your code crashed (Index out of range) at "
                + "Exercises/05-LayerGradient.swift:7: `w[j, k] = delta[j] * a[k + 1]`")
    }

    @Test("The child's verdict is the parent's; a helper that cannot start gives none")
    func passedOn() async throws {
        let line = Verdict.wrong(mistake: "a missing factor 2", explanation: "expected 2, got 1")
            .line
        let verdict = await Checker.checkInAChild(
            3, helper: try helper("printf '%s\\n' '\(line)'"), arguments: [], limit: 10)
        #expect(verdict == .wrong(mistake: "a missing factor 2", explanation: "expected 2, got 1"))
        let none = await Checker.checkInAChild(
            3, helper: URL(fileURLWithPath: "/nonexistent/verdict"), arguments: [], limit: 1)
        #expect(none == nil)
    }

    @Test(
        "A check stopped at its time limit takes the children it started with it",
        .timeLimit(.minutes(1)))
    func childrenStopped() async throws {
        let pidFile = try childPidFile()
        let verdict = await Checker.checkInAChild(
            2, helper: try helper("sleep 600 & echo $! > '\(pidFile)'; while true; do :; done"),
            arguments: [], limit: 1)
        #expect(verdict?.status == "wrong")
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmed))
        #expect(await ends(pid), "the helper's child \(pid) outlived the check")
    }

    @Test(
        """
        A helper that ends while a child of its own still holds its output is heard at once, and \
        the child goes with it
        """,
        .timeLimit(.minutes(1)))
    func childHoldsThePipe() async throws {
        let pidFile = try childPidFile()
        let line = Verdict.done("40 steps").line
        // The background sleep keeps the helper's output open for ten minutes; the verdict must
        // not wait for it, nor be taken for a hang.
        let verdict = await Checker.checkInAChild(
            2,
            helper: try helper(
                "sleep 600 & echo $! > '\(pidFile)'; printf '%s\\n' '\(line)'; exit 0"),
            arguments: [], limit: 20)
        #expect(verdict == .done("40 steps"))
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmed))
        #expect(await ends(pid), "the helper's child \(pid) outlived the check")
    }
}

/// Whether process `pid` is gone within a few seconds: a child killed with its group is reaped by
/// init once its parent has gone, a moment later.
func ends(_ pid: Int32) async -> Bool {
    for _ in 0..<200 {
        if kill(pid, 0) != 0 { return true }
        try? await Task.sleep(for: .milliseconds(25))
    }
    return false
}

extension String {
    /// Without the white space at either end.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
