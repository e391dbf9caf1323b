import Experiments
import Foundation
import Plotting
import Processes
import TestSupport
import Testing

@testable import Backprop
@testable import Datasets
@testable import LessonKit
@testable import Lessons

/// The new pictures hold what the lessons computed.
struct SeeInsideTests {
    @Test(
        """
        Lesson 5's graph: all six weights, each edge's width following |w| and its label the \
        full-batch slope
        """
    )
    func lesson5Graph() throws {
        let run = try runLesson(OneWeight.self, ["--no-render"])
        let network = run.result.network
        let gradient = network.gradient(over: StudentsTraining.examples)
        let edges = try run.rows("network.dat", block: 0)
        #expect(edges.count == 6)
        let widest = network.weights.flatMap(\.values).map(abs).max()!
        for row in edges {
            // Find the weight by its value and check the slope written beside it is backprop's.
            let matches = (0..<2).flatMap { l in
                network.weights[l].values.indices.filter {
                    abs(network.weights[l].values[$0] - row[6]) < 1e-9
                }.map { (l, $0) }
            }
            #expect(
                matches.contains {
                    abs(gradient.weights[$0.0].values[$0.1] - row[7]) < 1e-9 * max(1, abs(row[7]))
                })
            #expect(abs(row[4] - (0.6 + 5.4 * abs(row[6]) / widest)) < 1e-9)
            #expect((row[5] >= 0) == (row[7] <= 0))
        }
        let script = try run.file("network.gp")
        #expect(script.contains("∂L/∂b") && script.contains("cgpa") && script.contains("ŷ"))
    }

    @Test("Lesson 7's graph: the edges into the output neuron carry backprop's slopes")
    func lesson7Graph() throws {
        let run = try runLesson(WishList.self, ["--no-render"])
        let result = run.result
        let edges = try run.rows("network.dat", block: 0)
        let intoOutput = edges.filter { $0[0] == 3 }  // column 1 (layer 2) starts at x = 3
        #expect(intoOutput.count == 5)
        for row in intoOutput {
            // The story's nudge is minus backprop's slope, to the ten digits the data file keeps.
            #expect(
                result.story.weightNudges[2].values.contains {
                    abs($0 + row[7]) <= 1e-8 * abs(row[7])
                })
        }
    }

    @Test(
        """
        The surfaces are the losses they show: every grid point, path point and minimum stands at \
        the cost there
        """,
        arguments: Surface.all)
    func surfaces(_ surface: Surface) throws {
        let type = try #require(lesson(named: surface.lesson))
        let run = try runChosen(type, ["--no-render"] + surface.arguments)
        let name = surface.name
        let grid = try run.rows("\(name).dat", block: 0).filter { $0.count == 3 }
        let height = surface.height
        #expect(grid.count > 1000)
        for row in grid.prefix(200) {
            #expect(abs(row[2] - height(row[0], row[1])) <= 1e-9 * max(1, abs(row[2])))
        }
        // The paths and the minimum lie on the surface: each point at the cost where it stands.
        let blocks = try run.file("\(name).dat").components(separatedBy: "\n\n\n").count
        let marks = try (1..<blocks).flatMap {
            try run.rows("\(name).dat", block: $0).filter { $0.count == 3 }
        }
        #expect(marks.count >= surface.marks)
        for row in marks {
            #expect(abs(row[2] - height(row[0], row[1])) <= 1e-9 * max(1, abs(row[2])))
        }
        #expect(try run.file("\(name).gp").contains("with pm3d"))
    }
}

struct TerminalPictureTests {
    @Test(
        "--terminal sixel draws real pictures: sixel data, one per chart",
        Requirement.gnuplot.trait)
    func sixel() throws {
        let run = try runLesson(
            DescentInOneDimension.self,
            ["--terminal", "--terminal-kind", "sixel", "--format", "png"])
        for chart in run.charts {
            let drawing = try #require(chart.terminalDrawing)
            // A sixel image is a device control string: ESC P … q <sixels> ESC \.
            #expect(
                drawing.hasPrefix("\u{1B}P") && drawing.contains("q")
                    && drawing.contains("\u{1B}\\"))
        }
    }

    @Test("--terminal ansi draws text in colour", Requirement.gnuplot.trait)
    func ansi() throws {
        let run = try runLesson(
            DescentInOneDimension.self, ["--terminal", "--terminal-kind", "ansi"])
        #expect(run.charts.allSatisfy { $0.terminalDrawing?.contains("\u{1B}[38;2;") == true })
    }

    @Test(
        """
        Plain text when the output is not a terminal; sixel when the terminal answers for it; \
        colour on a colour terminal
        """
    )
    func choice() {
        #expect(
            TerminalKind.choose(
                outputIsTerminal: false, environment: ["COLORTERM": "truecolor"],
                answersSixel: { true }) == .dumb)
        #expect(
            TerminalKind.choose(outputIsTerminal: true, environment: [:], answersSixel: { true })
                == .sixel)
        #expect(
            TerminalKind.choose(
                outputIsTerminal: true, environment: ["TERM": "xterm-256color"],
                answersSixel: { false }) == .ansi)
        #expect(
            TerminalKind.choose(
                outputIsTerminal: true, environment: ["TERM": "vt100"], answersSixel: { false })
                == .dumb)
    }
}

struct StepTests {
    func stepping<L: Lesson>(
        _ type: L.Type, _ arguments: [String], keys: String
    ) throws -> (lines: [String], run: LessonRun<L.Result>) {
        let run = try runLesson(
            type, ["--step", "--no-render"] + arguments, charts: .drawnBy(nil), keys: keys)
        return (run.output, run)
    }

    @Test("Two key presses show two updates, q stops, and the lesson goes on with the path so far")
    func twoThenQuit() throws {
        let (lines, run) = try stepping(DescentInOneDimension.self, [], keys: "\n q")
        #expect(lines.filter { $0.contains("⏵ step") }.count == 2)
        #expect(lines.contains { $0.contains("Stopped after 2 updates") })
        #expect(try #require(run.result.runs.first).path.steps.count == 3)
        #expect(try run.rows("progress.dat", block: 0).count == 3)
    }

    @Test(
        """
        Lesson 4 steps every rate at once, and its table and charts end where the learner stopped, \
        even before the first update, when nothing is said of the run
        """
    )
    func ratesSideBySide() throws {
        let (lines, run) = try stepping(
            LearningRates.self, ["--rates", "0.2,1.1", "--steps", "40"], keys: "3\nq")
        #expect(lines.filter { $0.contains("⏵ step") }.count == 3)
        let trials = run.result.runs
        #expect(trials.map { $0.path.steps.count } == [4, 4])
        // The third update of η = 1.1 lands where the theory puts it: w₃ = (1 − 2aη)³·w₀ =
        // (−1.2)³·2.
        #expect(
            lines.contains {
                $0.contains("1.1") && $0.contains(Format.number(2 * pow(-1.2, 3), digits: 5))
            })
        let none = try stepping(LearningRates.self, [], keys: "q")
        let untaken = none.run.result.runs
        #expect(untaken.allSatisfy { $0.path.steps.count == 1 })
        #expect(none.lines.contains { $0.contains("Stopped before the first update") })
        // Nothing is said of a run that did not happen: only theory is left.
        #expect(none.run.claims.allSatisfy { $0 is Theory }, "\(none.run.claims.map(\.sentence))")
        let taken = try stepping(LearningRates.self, [], keys: "\nq")
        #expect(taken.run.claims.contains { !($0 is Theory) })
    }

    @Test("A number and Enter jumps that many; a runs to the end")
    func jumpAndAll() throws {
        let jumped = try stepping(DescentInOneDimension.self, [], keys: "5\nq").lines
        #expect(jumped.filter { $0.contains("⏵ step") }.count == 5)
        let all = try stepping(DescentInOneDimension.self, [], keys: "a").lines
        #expect(all.filter { $0.contains("⏵ step") }.count == 20)
    }

    @Test(
        """
        Every stepping lesson shows what the video talks about: forward values, error, slope, \
        nudge, new value
        """,
        arguments: [
            (4, [], "step"), (5, ["--epochs", "1"], "epoch 1, row"),
            (7, [], "backward through layer"), (10, ["--epochs", "1"], "mini-batch step"),
        ])
    func lessons(number: Int, arguments: [String], heading: String) throws {
        let type = try #require(lesson(named: String(number)))
        let transcript = Lines()
        let out = try temporaryFolder()
        let chosen = try type.parse(["--out", out.path, "--step", "--no-render"] + arguments)
        try chosen.run(
            in: LessonEnvironment(
                write: { transcript.lines.append($0) }, gnuplot: nil, progress: { _ in },
                prompt: { _ in }, readKey: typing("\n\nq")))
        let text = transcript.lines.joined(separator: "\n")
        #expect(transcript.lines.filter { $0.contains("⏵ \(heading)") }.count == 2)
        #expect(text.contains("nudge −η·"))
        #expect(text.contains("Stopped after 2 updates"))
    }

    @Test(
        """
        A stop at a prompt in a real terminal, --step's or --predict's, Ctrl-C, TERM or HUP: the \
        lesson ends at once with the signal's status, and the terminal is as it was
        """,
        Requirement.programs.trait, Requirement.tmux.trait,
        arguments: [("--step", "[step 1 of 20"), ("--predict", "your answer:")],
        [SIGINT, SIGTERM, SIGHUP])
    func stopAtPrompt(_ prompt: (option: String, shown: String), _ signal: Int32) async throws {
        let folder = try temporaryFolder()
        let binary = try #require(lessonBinary).path
        let out = folder.appendingPathComponent("out-\(signal)").path
        let tmux = try sessionKeepingSettings(
            // Job control, as in a terminal's shell: Ctrl-C reaches the lesson, not the shell.
            "set -m; '\(binary)' 3 \(prompt.option) --no-render --out '\(out)'", in: folder)
        defer { tmux.end() }
        try await tmux.wait(for: prompt.shown)
        if signal == SIGINT {
            try tmux.keys("C-c")
        } else {
            kill(try #require(lessonProcess(writingTo: out)), signal)
        }
        try await tmux.wait(for: "SAVED")
        let shown = try tmux.screen()
        #expect(shown.contains("EXIT=\(128 + signal)"), "\(shown)")
        #expect(try settingsKept(in: folder))
    }

    @Test(
        """
        --step in a real terminal: keys read as typed, two presses two updates, q ends, the \
        terminal as it was
        """,
        Requirement.programs.trait,
        Requirement.tmux.trait)
    func terminal() async throws {
        let folder = try temporaryFolder()
        let binary = try #require(lessonBinary).path
        let tmux = try sessionKeepingSettings(
            "'\(binary)' 3 --step --no-render --quiet --out '\(folder.path)/out'", in: folder)
        defer { tmux.end() }
        try await tmux.wait(for: "[step 1 of 20")
        try tmux.keys("Enter")
        try await tmux.wait(for: "[step 2 of 20")
        try tmux.keys("Space")
        try await tmux.wait(for: "[step 3 of 20")
        try tmux.keys("q")
        try await tmux.wait(for: "EXIT=")
        let shown = try tmux.screen()
        #expect(shown.components(separatedBy: "⏵ step").count - 1 == 2)
        #expect(shown.contains("Stopped after 2 updates") && shown.contains("EXIT=0"))
        // No key was echoed as garbage, and the terminal's settings are as they were.
        #expect(
            !shown.contains("^M")
                && !shown.contains(
                    "[step 3 of 20 · Enter: take it · number + Enter: take that many · a: all · q: "
                        + "stop] q"
                ))
        // Wait for the settings after the run to be saved, not for a while.
        try await tmux.wait(for: "SAVED")
        #expect(try settingsKept(in: folder))
    }

    @Test(
        """
        --predict then --step in a real terminal: the answers are typed as lines and seen, then \
        keys are read as typed
        """,
        Requirement.programs.trait,
        Requirement.tmux.trait)
    func predictThenStep() async throws {
        let folder = try temporaryFolder()
        let binary = try #require(lessonBinary).path
        let tmux = try TmuxSession(
            "'\(binary)' 4 --predict --step --no-render --quiet --rates 0.2,0.9 --steps 5 --out "
                + "'\(folder.path)/out'; echo EXIT=$?; sleep 600"
        )
        defer { tmux.end() }
        try await tmux.wait(for: "your answer:")
        try tmux.keys("0.9", "Enter")
        try await tmux.wait(for: "2. Which will diverge?")
        try tmux.keys("none", "Enter")
        try await tmux.wait(for: "[step 1 of 5")
        try tmux.keys("Enter")
        try await tmux.wait(for: "[step 2 of 5")
        try tmux.keys("q")
        try await tmux.wait(for: "EXIT=")
        let shown = try tmux.screen()
        #expect(
            shown.contains("your answer: 0.9\n") && shown.contains("your answer: none\n"),
            "\(shown)")
        #expect(shown.components(separatedBy: "⏵ step").count - 1 == 1)
        #expect(shown.contains("1. You said \"0.9\". Right.") && shown.contains("EXIT=0"))
    }
}

/// `--step` in a real terminal, stopped by a signal or by Ctrl-Z: the terminal is put back.
struct StepSignalTests {

    @Test(
        "--step in a real terminal, ended by a terminating signal: the terminal as it was",
        Requirement.programs.trait,
        Requirement.tmux.trait,
        arguments: [SIGHUP, SIGTERM, SIGUSR1, SIGALRM])
    func signalled(signal: Int32) async throws {
        let folder = try temporaryFolder()
        let binary = try #require(lessonBinary).path
        let out = folder.appendingPathComponent("out").path
        let tmux = try sessionKeepingSettings(
            "'\(binary)' 3 --step --no-render --quiet --out '\(out)'", in: folder)
        defer { tmux.end() }
        try await tmux.wait(for: "[step 1 of 20")
        let pid = try #require(lessonProcess(writingTo: out))
        kill(pid, signal)
        try await tmux.wait(for: "SAVED")
        #expect(try tmux.screen().contains("EXIT=\(128 + signal)"))
        #expect(try settingsKept(in: folder))
    }

    @Test(
        "--step stopped by Ctrl-Z gives the terminal back, and takes its keys again on continuing",
        Requirement.programs.trait,
        Requirement.tmux.trait)
    func suspended() async throws {
        let folder = try temporaryFolder()
        let binary = try #require(lessonBinary).path
        let out = folder.appendingPathComponent("out").path
        let tmux = try TmuxSession(
            "'\(binary)' 3 --step --no-render --quiet --out '\(out)'; echo EXIT=$?; sleep 600")
        defer { tmux.end() }
        try await tmux.wait(for: "[step 1 of 20")
        let pid = try #require(lessonProcess(writingTo: out))
        let tty = try tmux.command(["display", "-p", "-t", tmux.name, "#{pane_tty}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try settings(of: tty).contains(" -echo "))
        try tmux.keys("C-z")
        try #require(waitUntil { state(of: pid) == "T" }, "Ctrl-Z did not stop the lesson")
        #expect(try settings(of: tty).contains(" echo "), "stopped, the terminal still hides keys")
        // Without job control in `sh -c`, Ctrl-Z stopped the whole group: continue it all.
        kill(-getpgid(pid), SIGCONT)
        try #require(
            waitUntil { try settings(of: tty).contains(" -echo ") }, "keys not taken again")
        try tmux.keys("Enter")
        try await tmux.wait(for: "[step 2 of 20")
        try tmux.keys("q")
        try await tmux.wait(for: "EXIT=")
        #expect(try tmux.screen().contains("EXIT=0"))
    }

    /// The terminal settings of `tty`, as `stty -a` says them, with spaces around each word.
    func settings(of tty: String) throws -> String {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/bin/stty")
        process.arguments = ["-a", "-F", tty]
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return " " + text.split(whereSeparator: \.isWhitespace).joined(separator: " ") + " "
    }
}

/// A tmux session running the shell `command` between two saves of the terminal's settings in
/// `folder`; it then shows `EXIT=` and the status, and `SAVED` once the second save is made.
func sessionKeepingSettings(_ command: String, in folder: URL) throws -> TmuxSession {
    try TmuxSession(
        "stty -a > '\(folder.path)/before'; \(command); echo EXIT=$?; "
            + "stty -a > '\(folder.path)/after'; echo SAVED; sleep 600")
}

/// Whether the terminal's settings saved after the command are those saved before it.
func settingsKept(in folder: URL) throws -> Bool {
    try String(contentsOf: folder.appendingPathComponent("before"), encoding: .utf8)
        == String(contentsOf: folder.appendingPathComponent("after"), encoding: .utf8)
}

/// The process of the `lesson` command that writes into `out`, found by its command line.
func lessonProcess(writingTo out: String) -> Int32? {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).first { pid in
        let command =
            (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
        let words = command.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return words.first?.hasSuffix("/lesson") == true && words.contains(out)
    }
}

/// The state letter of process `pid` (R, S, T for stopped, Z), from /proc.
func state(of pid: Int32) -> String? {
    let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
    return stat?.split(separator: ")").last?.split(separator: " ").first.map(String.init)
}

/// Waits until `condition` holds, within a generous bound that only guards against hanging.
func waitUntil(_ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
        if try condition() { return true }
        usleep(20_000)
    }
    return false
}

/// A lesson's loss surface: the lesson, its options, the chart's name, the least number of marked
/// points on it, and the loss at any point, computed here.
struct Surface: Sendable, CustomTestStringConvertible {
    let lesson: String
    let arguments: [String]
    let name: String
    let marks: Int
    let height: @Sendable (Double, Double) -> Double

    var testDescription: String { "\(lesson): \(name)" }

    static let all = [
        Surface(
            lesson: "derivatives", arguments: [], name: "bowl-surface", marks: 1,
            height: { SlopeMeasurement.bowl.value($0, $1) }),
        Surface(
            lesson: "minima", arguments: [], name: "line-fit-surface", marks: 10,
            height: { StudentsData.packageByCGPA.cost(m: $0, b: $1) }),
        Surface(
            lesson: "sgd", arguments: ["--epochs", "1"], name: "paths-surface", marks: 10,
            height: { NoisyLine(seed: 5).data.cost(m: $0, b: $1) }),
    ]
}
