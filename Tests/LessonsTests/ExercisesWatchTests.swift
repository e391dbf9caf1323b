import Foundation
import TestSupport
import Testing

/// `exercises watch` in a real terminal. The rebuild after each save is a stand-in
/// (BACKPROP_WATCH_BUILD) that fails on a file saying BROKEN, as the compiler would, and otherwise
/// puts in place the real check child built from what the saved file stands for (a wrong slope,
/// a right one): the watching itself (seeing a save, rebuilding, checking, moving on, recording
/// the day, Ctrl-C) and every verdict are the real programs'.
struct ExercisesWatchTests {
    @Test(
        """
        watch re-checks on every save, says when it does not compile, moves on once right, \
        records the day, and Ctrl-C leaves the terminal as it was
        """,
        Requirement.programs.trait,
        Requirement.tmux.trait)
    func watch() async throws {
        let folder = try temporaryFolder()
        let exercises = folder.appendingPathComponent("Exercises")
        try FileManager.default.createDirectory(at: exercises, withIntermediateDirectories: true)
        let stubs = projectFolder.appendingPathComponent("Sources/ExerciseKit/Stubs")
        for stub in try FileManager.default.contentsOfDirectory(atPath: stubs.path) {
            try FileManager.default.copyItem(
                at: stubs.appendingPathComponent(stub),
                to: exercises.appendingPathComponent(String(stub.dropLast(".stub".count))))
        }
        try FileManager.default.copyItem(
            at: try #require(exercisesBinary), to: folder.appendingPathComponent("exercises"))
        // Real check children, built from the stubs with exercise 1 as the saved file says.
        let solved = Solved.files["01-Slope.swift"]!
        let children = [
            ("stubs", [String: String]()),
            ("wrong", ["01-Slope.swift": solved.replacingOccurrences(of: "(2 * h)", with: "h")]),
            ("right", ["01-Slope.swift": solved]),
        ]
        for (name, files) in children {
            try FileManager.default.copyItem(
                at: try await CheckChildren.shared.child(files),
                to: folder.appendingPathComponent("child-" + name))
        }
        try FileManager.default.copyItem(
            at: folder.appendingPathComponent("child-stubs"),
            to: folder.appendingPathComponent("checker"))
        try script(
            "fake-build",
            in: folder,
            """
            if grep -q BROKEN Exercises/*.swift; then
              echo "$PWD/Exercises/01-Slope.swift:3:5: error: cannot find 'x' in scope"; exit 1
            elif grep -q WRONG Exercises/01-Slope.swift; then install -m 755 child-wrong checker
            elif grep -q RIGHT Exercises/01-Slope.swift; then install -m 755 child-right checker
            fi
            """)
        // The shell around it ignores Ctrl-C, as an interactive one does, and lives on to say
        // how it ended; the program gets Ctrl-C as a learner's would.
        let tmux = try TmuxSession(
            "cd '\(folder.path)' && stty -a > before; trap '' INT; (trap - INT; "
                + "BACKPROP_WATCH_BUILD=./fake-build BACKPROP_CHECK_HELPER=\"$PWD/checker\" "
                + "exec ./exercises watch); echo EXIT=$?; "
                + "stty -a > after; echo SAVED; sleep 600")
        defer { tmux.end() }
        try await tmux.wait(for: "· 1 the slope by central differences: not yet")
        let slope = exercises.appendingPathComponent("01-Slope.swift")
        let stub = try String(contentsOf: slope, encoding: .utf8)
        try Data((stub + "// BROKEN\n").utf8).write(to: slope)
        try await tmux.wait(for: "cannot find 'x' in scope")
        try Data((stub + "// WRONG\n").utf8).write(to: slope)
        try await tmux.wait(for: "✗ 1 the slope by central differences: wrong: a missing factor 2.")
        try Data((stub + "// RIGHT\n").utf8).write(to: slope)
        try await tmux.wait(for: "· 2 one gradient-descent step: not yet")
        try tmux.keys("C-c")
        try await tmux.wait(for: "SAVED")
        let shown = try tmux.screen()
        #expect(shown.contains("Watching Exercises/01-Slope.swift"), "\(shown)")
        #expect(
            shown.contains("It does not compile yet:\n")
                && shown.contains("    Exercises/01-Slope.swift:3:5: error: cannot find 'x'"))
        #expect(shown.contains("Every wrong value is 2 times the right one"), "\(shown)")
        #expect(shown.contains("✓ 1 the slope by central differences: right (tried 40 curves"))
        #expect(shown.contains("Next: exercise 2, Exercises/02-Step.swift."))
        // Three saves, three checks; the Ctrl-C ends it with the status of an interrupt.
        #expect(shown.components(separatedBy: "saved at").count - 1 == 3)
        #expect(shown.contains("Stopped watching.") && shown.contains("EXIT=130"))
        #expect(
            try String(contentsOf: folder.appendingPathComponent("before"), encoding: .utf8)
                == String(contentsOf: folder.appendingPathComponent("after"), encoding: .utf8))
        let progress = try String(
            contentsOf: exercises.appendingPathComponent(".progress"), encoding: .utf8)
        #expect(progress.hasPrefix("1 20") && progress.split(separator: "\n").count == 1)
    }

    /// An executable shell script `name` in `folder`.
    func script(_ name: String, in folder: URL, _ body: String) throws {
        try installScript(body, at: folder.appendingPathComponent(name))
    }
}
