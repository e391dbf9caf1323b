import Backprop
import Foundation
import TestSupport
import Testing

@testable import LessonKit
@testable import Lessons
@testable import Plotting

/// A stand-in for gnuplot: a shell script that misbehaves in a chosen way.
func fakeGnuplot(_ body: String) throws -> Gnuplot {
    Gnuplot(executable: try fakeGnuplotFolder(body).appendingPathComponent("gnuplot").path)
}

/// Lesson 3 run with `gnuplot`, which must draw neither of its two charts: what the lesson said
/// and its output folder.
func lesson3DrawingNothing(with gnuplot: Gnuplot) throws -> (lines: [String], root: URL) {
    let root = try temporaryFolder()
    var lines: [String] = []
    let lesson = try DescentInOneDimension.parse(["--out", root.path])
    #expect(throws: PlottingError.chartsNotDrawn(["path-on-curve", "progress"])) {
        try lesson.run(
            in: LessonEnvironment(
                write: { lines.append($0) }, gnuplot: gnuplot, progress: { _ in }))
    }
    return (lines, root)
}

/// Every hidden partial file left in a folder tree.
func partialFiles(in folder: URL) -> [String] {
    let walker = FileManager.default.enumerator(atPath: folder.path)
    return (walker?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".partial") }
}

struct GnuplotMisbehaviourTests {
    @Test(
        """
        A gnuplot that hangs is stopped at the time limit, said in one line; the data and scripts \
        stay
        """
    )
    func hanging() throws {
        let root = try temporaryFolder()
        let pids = root.appendingPathComponent("pids").path
        // It starts a child of its own first, as a plot window would; the child goes with it.
        let gnuplot = try fakeGnuplot(
            "sleep 60 & echo $! >> '\(pids)'; echo $$ >> '\(pids)'; exec sleep 60")
        var lines: [String] = []
        let lesson = try Derivatives.parse(["--out", root.path, "--gnuplot-timeout", "1"])
        let error = #expect(throws: PlottingError.self) {
            try lesson.run(
                in: LessonEnvironment(
                    write: { lines.append($0) }, gnuplot: gnuplot, progress: { _ in }))
        }
        #expect(error == .chartsNotDrawn(["tangents", "gradient", "bowl-surface"]))
        #expect(lines.filter { $0.contains("took longer than 1 s") }.count == 3)
        let started = try String(contentsOfFile: pids, encoding: .utf8).split(separator: "\n")
            .compactMap { Int32($0) }
        #expect(started.count == 6)
        for pid in started { #expect(ends(pid), "gnuplot or its child \(pid) is still running") }
        let folder = root.appendingPathComponent(Derivatives.info.folderName)
        #expect(
            try files(in: folder) == [
                "bowl-surface.dat", "bowl-surface.gp", "gradient.dat", "gradient.gp",
                "tangents.dat", "tangents.gp",
            ])
        #expect(partialFiles(in: root).isEmpty)
    }

    @Test("A gnuplot that exits without drawing is reported as gnuplot's failure")
    func drawsNothing() throws {
        let (lines, root) = try lesson3DrawingNothing(
            with: try fakeGnuplot("cat > /dev/null; exit 0"))
        #expect(lines.contains { $0.contains("without an error but wrote no picture") })
        #expect(partialFiles(in: root).isEmpty)
    }

    @Test(
        """
        A gnuplot that leaves a child running (as a plot window does) is heard at once when it \
        ends, and the child goes with it
        """,
        // A guard against hanging, not a measurement: had the lesson waited for the child, its
        // gnuplot time limit would have stopped it, and it says so.
        .timeLimit(.minutes(3))
    )
    func leavesAChild() throws {
        // The child holds every descriptor gnuplot had, Foundation's private one too, for ten
        // minutes.
        let pids = try temporaryFolder().appendingPathComponent("pids")
        let gnuplot = try fakeGnuplot(
            "sleep 600 </dev/null >/dev/null 2>&1 & echo $! >> '\(pids.path)'; cat > /dev/null; "
                + "echo 'no such terminal' >&2; exit 3"
        )
        let root = try temporaryFolder()
        var lines: [String] = []
        let lesson = try DescentInOneDimension.parse([
            "--out", root.path, "--gnuplot-timeout", "20",
        ])
        #expect(throws: PlottingError.chartsNotDrawn(["path-on-curve", "progress"])) {
            try lesson.run(
                in: LessonEnvironment(
                    write: { lines.append($0) }, gnuplot: gnuplot, progress: { _ in }))
        }
        #expect(lines.contains { $0.contains("no such terminal") })
        #expect(!lines.contains { $0.contains("took longer") })
        // Nothing left running: every child gnuplot left behind was stopped with it.
        let children = try String(contentsOf: pids, encoding: .utf8).split(separator: "\n")
        #expect(!children.isEmpty)
        for pid in children.compactMap({ Int32($0) }) {
            #expect(ends(pid), "gnuplot's child \(pid) is still running")
        }
    }

    @Test(
        "gnuplot's own errors are trimmed to a few readable lines, however many it prints",
        arguments: [(100, "92 more lines from gnuplot"), (100_000, "many more lines from gnuplot")])
    func trimmedErrors(lines: Int, said: String) throws {
        let gnuplot = try fakeGnuplot(
            "cat > /dev/null; for i in $(seq 1 \(lines)); do echo \"line $i: something is wrong\" "
                + ">&2; done; exit 1"
        )
        let error = #expect(throws: PlottingError.self) {
            _ = try gnuplot.run(script: "x.gp", in: try temporaryFolder())
        }
        let message = error?.description ?? ""
        #expect(message.split(separator: "\n").count <= 10)
        #expect(message.contains("line 1: something is wrong") && message.contains(said))
    }

    @Test(
        """
        A chart gnuplot cannot draw is said in one line, and the lesson's other charts are still \
        drawn
        """,
        Requirement.gnuplot.trait)
    func oneChartFails() throws {
        let real = try #require(installedGnuplot).executable
        let gnuplot = try fakeGnuplot(
            "input=$(cat); case \"$input\" in *tangents.gp*) echo 'tangents: no valid points' >&2; "
                + "exit 1;; esac; printf '%s\\n' \"$input\" | \(real)"
        )
        let root = try temporaryFolder()
        var lines: [String] = []
        let lesson = try Derivatives.parse(["--out", root.path])
        #expect(throws: PlottingError.chartsNotDrawn(["tangents"])) {
            try lesson.run(
                in: LessonEnvironment(
                    write: { lines.append($0) }, gnuplot: gnuplot, progress: { _ in }))
        }
        #expect(lines.filter { $0.contains("not drawn") }.count == 1)
        #expect(
            try files(in: root.appendingPathComponent(Derivatives.info.folderName)).contains(
                "gradient.png"))
    }

    @Test(
        """
        Folder names with quotes, backquotes, $ and newlines are data: nothing runs, every chart \
        is drawn
        """,
        Requirement.gnuplot.trait,
        arguments: [
            "it's", "a\"b", "x`touch PWNED`y", "$HOME", "new\nline", "semi;colon", "back\\slash",
        ])
    func hostileFolder(name: String) throws {
        let root = try temporaryFolder()
        let run = try runLesson(
            DescentInOneDimension.self, ["--steps", "3"], out: root.appendingPathComponent(name))
        #expect(run.charts.allSatisfy { $0.images.count == 1 && $0.warnings.isEmpty })
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("PWNED").path))
        #expect(
            !FileManager.default.fileExists(
                atPath: FileManager.default.currentDirectoryPath + "/PWNED"))
        // The "draw it again" line stays a comment: every line before the first command starts with
        // #.
        let script = try run.file("progress.gp")
        let header = script.split(separator: "\n", omittingEmptySubsequences: false).prefix {
            !$0.hasPrefix("# Where the picture goes")
        }
        #expect(header.allSatisfy { $0.isEmpty || $0.hasPrefix("#") })
    }

    @Test("Without a locale gnuplot still draws without a warning")
    func noLocale() {
        let environment = Gnuplot.environment(["PATH": "/usr/bin"])
        #expect(environment["LC_ALL"]?.lowercased().contains("utf") == true)
        #expect(Gnuplot.environment(["LANG": "de_DE.UTF-8"])["LC_ALL"] == nil)
    }
}

/// Runs the built `lesson` command with a stand-in gnuplot first on the PATH.
func startLesson(
    _ arguments: [String], gnuplotFolder: URL, extra: [String: String] = [:]
) throws -> (Process, Pipe) {
    let process = Process()
    process.executableURL = lessonBinary
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["PATH"] = gnuplotFolder.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
    environment.merge(extra) { $1 }
    process.environment = environment
    let errors = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    try process.run()
    return (process, errors)
}

/// A folder holding a stand-in `gnuplot` made of `body`.
func fakeGnuplotFolder(_ body: String) throws -> URL {
    let bin = try temporaryFolder().appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    try installScript(body, at: bin.appendingPathComponent("gnuplot"))
    return bin
}

/// An executable bash script made of `body`, at `url`. It is written beside, then installed by
/// `install` in a process of its own: a file this process held open for writing could be
/// inherited by a child another test starts at that moment, and running it would then fail with
/// "text file busy".
func installScript(_ body: String, at url: URL) throws {
    let text = url.appendingPathExtension("txt")
    try Data("#!/bin/bash\n\(body)\n".utf8).write(to: text)
    let install = Process()
    install.executableURL = URL(fileURLWithPath: "/usr/bin/install")
    install.arguments = ["-m", "755", text.path, url.path]
    try install.run()
    install.waitUntilExit()
    try #require(install.terminationStatus == 0)
}

struct InterruptTests {
    @Test(
        """
        Ctrl-C, or any terminating signal, stops the lesson and its gnuplot together: exit 128 + \
        the signal, no gnuplot or child of its left running, no partial file
        """,
        Requirement.programs.trait,
        arguments: [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM])
    func interrupt(signal: Int32) throws {
        let folder = try temporaryFolder()
        let root = folder.appendingPathComponent("out")
        let pids = folder.appendingPathComponent("pids")
        // A gnuplot that starts a child of its own (as a plot window would) and the picture,
        // then hangs: the lesson is caught mid-render.
        let bin = try fakeGnuplotFolder(
            """
            echo $$ >> "$FAKE_GNUPLOT_PIDS"
            sleep 60 &
            echo $! >> "$FAKE_GNUPLOT_PIDS"
            outfile=$(cat | sed -n 's/^outfile = "\\(.*\\)"$/\\1/p')
            [ -n "$outfile" ] && echo started > "$outfile"
            exec sleep 60
            """)
        let (process, errors) = try startLesson(
            ["3", "--out", root.path], gnuplotFolder: bin, extra: ["FAKE_GNUPLOT_PIDS": pids.path])
        // Wait (at most 30 s) until gnuplot has begun the picture (not just a data file being
        // written).
        let deadline = Date().addingTimeInterval(30)
        func drawing() -> Bool {
            partialFiles(in: root).contains { $0.contains(".png.") }
                && FileManager.default.fileExists(atPath: pids.path)
        }
        while !drawing() && Date() < deadline && process.isRunning { usleep(20_000) }
        try #require(drawing(), "gnuplot never started a picture")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + signal)
        #expect(partialFiles(in: root).isEmpty)
        let said = String(
            decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.contains("Stopped"))
        let started = try String(contentsOf: pids, encoding: .utf8).split(separator: "\n")
            .compactMap { Int32($0) }
        #expect(started.count >= 2)
        for pid in started {
            #expect(ends(pid), "gnuplot or its child \(pid) is still running")
        }
    }

    @Test(
        """
        A signal that ends lesson doctor while it waits on a hanging gnuplot stops that gnuplot \
        and its child first (exercise checks run the same way)
        """,
        Requirement.programs.trait,
        arguments: [SIGTERM, SIGHUP])
    func doctorStopped(signal: Int32) throws {
        let folder = try temporaryFolder()
        let pids = folder.appendingPathComponent("pids")
        let bin = try fakeGnuplotFolder(
            """
            sleep 600 &
            echo $! >> "$FAKE_GNUPLOT_PIDS"
            echo $$ >> "$FAKE_GNUPLOT_PIDS"
            exec sleep 600
            """)
        let (process, _) = try startLesson(
            ["doctor", "--out", folder.appendingPathComponent("out").path], gnuplotFolder: bin,
            extra: ["FAKE_GNUPLOT_PIDS": pids.path])
        let asked = waitUntil {
            ((try? String(contentsOf: pids, encoding: .utf8)) ?? "").split(separator: "\n").count
                == 2
        }
        try #require(asked, "the doctor never asked gnuplot")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + signal)
        let started = try String(contentsOf: pids, encoding: .utf8).split(separator: "\n")
            .compactMap { Int32($0) }
        for pid in started { #expect(ends(pid), "gnuplot or its child \(pid) is still running") }
    }

    @Test(
        """
        Ctrl-C at any moment of a run leaves only whole files: each one equals the uninterrupted \
        run's, none is partial
        """,
        Requirement.programs.trait)
    func interruptAnywhere() throws {
        // A quick gnuplot, so that the run is mostly our own writes of data, scripts and pictures:
        // its "picture" is a PNG's signature and its closing IEND chunk.
        let bin = try fakeGnuplotFolder(
            """
            outfile=$(cat | sed -n 's/^outfile = "\\(.*\\)"$/\\1/p')
            png='\\211PNG\\r\\n\\032\\n\\0\\0\\0\\0IEND\\256B`\\202'
            [ -n "$outfile" ] && printf "$png" > "$outfile"
            exit 0
            """)
        let folder = try temporaryFolder()
        let root = folder.appendingPathComponent("out")
        let whole = folder.appendingPathComponent("whole")
        // The whole run, timed, is the reference; the interrupted runs write to the same folder
        // name, so that their scripts (which name it) can be compared byte for byte.
        let started = Date()
        let (complete, _) = try startLesson(["4", "--out", root.path], gnuplotFolder: bin)
        complete.waitUntilExit()
        let runTime = Date().timeIntervalSince(started)
        try #require(complete.terminationStatus == 0)
        try FileManager.default.moveItem(at: root, to: whole)
        var random = SeededGenerator(seed: 2026)
        for _ in 0..<30 {
            try? FileManager.default.removeItem(at: root)
            let (process, errors) = try startLesson(["4", "--out", root.path], gnuplotFolder: bin)
            usleep(UInt32(Double.random(in: 0...runTime, using: &random) * 1_000_000))
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            let said = String(
                decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            // Caught before the lesson installed its handling (the program still loading), Ctrl-C
            // ends it the ordinary way, before anything was written; afterwards, the lesson's
            // handling ends it with 130.
            let early =
                process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT
            let how = process.terminationReason == .uncaughtSignal ? "signal" : "exit"
            #expect(
                early
                    || (process.terminationReason == .exit
                        && [0, 130].contains(process.terminationStatus)),
                "\(how) \(process.terminationStatus): \(said)"
            )
            if early { #expect(!FileManager.default.fileExists(atPath: root.path)) }
            #expect(partialFiles(in: root).isEmpty)
            let left =
                (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? [])
            for file in left where !file.hasSuffix("/") {
                var isFolder: ObjCBool = false
                guard
                    FileManager.default.fileExists(
                        atPath: root.appendingPathComponent(file).path, isDirectory: &isFolder),
                    !isFolder.boolValue
                else { continue }
                #expect(
                    FileManager.default.contentsEqual(
                        atPath: root.appendingPathComponent(file).path,
                        andPath: whole.appendingPathComponent(file).path), "\(file) is not whole")
            }
        }
    }
}

/// Whether process `pid` ends (or is left a zombie, ended but not yet reaped by whoever adopted
/// it) within a generous bound that only guards against hanging.
func ends(_ pid: Int32) -> Bool {
    let deadline = Date().addingTimeInterval(10)
    repeat {
        #if os(Linux)
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        let zombie =
            stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces)
            .hasPrefix("Z") == true
        #else
        let zombie = false
        #endif
        if kill(pid, 0) != 0 || zombie { return true }
        usleep(20_000)
    } while Date() < deadline
    return false
}

struct EscapedChildTests {
    @Test(
        """
        A process a gnuplot starts in a session of its own is stopped when the lesson ends, on \
        its own, by a signal, or killed by SIGKILL, which it cannot catch: the gnuplot goes too \
        (Linux)
        """,
        Requirement.programs.trait, .timeLimit(.minutes(2)), .enabled(if: isLinux),
        arguments: [nil, SIGTERM, SIGKILL] as [Int32?])
    func sessionOfItsOwn(signal: Int32?) async throws {
        let record = try temporaryFolder().appendingPathComponent("pids")
        let folder = try escapingGnuplot(
            recordingIn: record, then: signal == nil ? "cat > /dev/null" : "exec sleep 600")
        let (lesson, _) = try startLesson(
            ["3", "--out", try temporaryFolder().path], gnuplotFolder: folder)
        if let signal {
            for _ in 0..<400 where !FileManager.default.fileExists(atPath: record.path) {
                try await Task.sleep(for: .milliseconds(25))
            }
            try await Task.sleep(for: .milliseconds(200))
            kill(lesson.processIdentifier, signal)
        }
        lesson.waitUntilExit()
        let pids = try String(contentsOf: record, encoding: .utf8).split(separator: "\n")
            .compactMap { Int32($0) }
        #expect(!pids.isEmpty)
        for pid in pids { #expect(await ends(pid), "\(pid) outlived the lesson") }
    }
}

/// A gnuplot that writes its pid to `record`, starts a `sleep` in a session of its own (its pid
/// recorded too), then does `last`: one that tries to escape whatever stops it.
func escapingGnuplot(recordingIn record: URL, then last: String) throws -> URL {
    try fakeGnuplotFolder(
        """
        if [ "$1" = "--version" ]; then echo "gnuplot 5.4 patchlevel 4"; exit 0; fi
        echo $$ >> '\(record.path)'
        setsid sleep 600 < /dev/null > /dev/null 2>&1 &
        echo $! >> '\(record.path)'
        \(last)
        """)
}

#if os(Linux)
let isLinux = true
#else
let isLinux = false
#endif
