import Foundation
import Testing

@testable import ExerciseKit

/// A stand-in for `exercises verdict-of-one`: a shell script with the given body.
private func helper(_ body: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "exercise-helper-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent("verdict")
    try Data("#!/bin/bash\n\(body)\n".utf8).write(to: url)
    chmod(url.path, 0o755)
    return url
}

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
        A crash (a failed bounds check is a signal) is a wrong answer that says so, with the sizes \
        hint where weights are involved
        """
    )
    func crash() async throws {
        let verdict = await Checker.checkInAChild(
            5, helper: try helper("echo -n 'wrong\t'; kill -TRAP $$"), arguments: [], limit: 10)
        guard case .wrong(nil, let explanation)? = verdict else {
            Issue.record("\(String(describing: verdict))")
            return
        }
        #expect(explanation.hasPrefix("your code crashed while it was checked"))
        #expect(explanation.contains("transposed weights?"))
        let plain = await Checker.checkInAChild(
            3, helper: try helper("exit 3"), arguments: [], limit: 10)
        #expect(
            plain
                == .wrong(
                    mistake: nil,
                    explanation:
                        "your code crashed while it was checked (an index out of range, most "
                        + "likely)."
                ))
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
