import Foundation
import Processes
import TestSupport
import Testing

@testable import LessonKit
@testable import LessonRunner
@testable import Lessons
@testable import Plotting

/// Every message names the thing and what to do: no Foundation error text, no bare error number,
/// and a signal named as a signal.
struct MessageTests {
    @Test("A gnuplot ended by a signal is said to have been, with the signal's name")
    func signalled() throws {
        let gnuplot = try fakeGnuplot("cat > /dev/null; kill -SEGV $$")
        let error = #expect(throws: PlottingError.self) {
            _ = try gnuplot.run(script: "x.gp", in: try temporaryFolder())
        }
        #expect(
            error?.description.hasSuffix(
                "it was ended by signal 11 (segmentation fault) and said nothing") == true,
            "\(String(describing: error))")
    }

    @Test("A gnuplot that is no program at all is said to be one this system cannot run")
    func notAProgram() throws {
        let folder = try temporaryFolder()
        let fake = folder.appendingPathComponent("gnuplot")
        try Data("not a program".utf8).write(to: fake)
        chmod(fake.path, 0o755)
        let error = #expect(throws: PlottingError.self) {
            _ = try Gnuplot(executable: fake.path).run(script: "x.gp", in: folder)
        }
        #expect(
            error?.description == "could not start gnuplot at \(fake.path): it is not a program "
                + "this system can run")
    }

    @Test(
        "BACKPROP_GNUPLOT_TIMEOUT is held to the bounds of --gnuplot-timeout, and nonsense is said",
        Requirement.programs.trait,
        arguments: [("0.001", false), ("abc", false), ("-5", false), ("1e9", false), ("5", true)])
    func timeoutFromTheEnvironment(value: String, accepted: Bool) throws {
        let folder = try temporaryFolder()
        let (process, errors) = try startLesson(
            ["3", "--no-render", "--quiet", "--out", folder.appendingPathComponent("out").path],
            gnuplotFolder: folder, extra: ["BACKPROP_GNUPLOT_TIMEOUT": value])
        let said = String(
            decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == (accepted ? 0 : 64), "\(said)")
        if !accepted {
            #expect(
                said == "Error: BACKPROP_GNUPLOT_TIMEOUT must be a number of seconds from 1 to "
                    + "3600 (got '\(value)'); unset it for the default, 30\n")
        }
    }

    @Test(
        """
        A data file this user may not read is said to be so; as root (as CI runs), the lesson is \
        run as nobody, for whom the permission still counts
        """,
        .enabled(
            if: lessonBinary != nil
                && (getuid() != 0 || FileManager.default.fileExists(atPath: "/usr/bin/setpriv")),
            "needs the lesson command, and setpriv when run as root"))
    func unreadableData() throws {
        // Everything in a folder of its own that nobody may enter, the lesson copied in, since
        // the build folder may sit where nobody cannot go.
        let folder = try temporaryFolder()
        chmod(folder.path, 0o755)
        let binary = folder.appendingPathComponent("lesson")
        try FileManager.default.copyItem(at: try #require(lessonBinary), to: binary)
        let data = folder.appendingPathComponent("mnist")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for file in ["train", "t10k"].flatMap({
            ["\($0)-images-idx3-ubyte", "\($0)-labels-idx1-ubyte"]
        }) {
            try Data([0, 0, 8, 1, 0, 0, 0, 0]).write(to: data.appendingPathComponent(file))
        }
        let locked = data.appendingPathComponent("train-images-idx3-ubyte")
        chmod(locked.path, 0)
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        chmod(out.path, 0o777)
        let asNobody = getuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
        let run = try measured(
            "\(asNobody)'\(binary.path)' 6 --mnist '\(data.path)' --out '\(out.path)' --quiet")
        #expect(run.status == 1)
        #expect(run.errors == "Error: cannot read \(locked.path): permission denied\n")
    }
}

struct MnistFolderTests {
    /// Runs `lesson` with `arguments` as the command does: its status and what it said.
    func execute(_ arguments: [String]) -> (status: Int32, said: [String], wrote: [String]) {
        let said = Lines()
        let wrote = Lines()
        let status = LessonCommand.execute(
            arguments,
            environment: LessonEnvironment(write: { wrote.lines.append($0) }, progress: { _ in }),
            error: { said.lines.append($0) })
        return (status, said.lines, wrote.lines)
    }

    @Test(
        """
        A --mnist that is missing, not a folder, or a circle of links is a usage error: one line \
        saying which, exit 64, before the lesson says anything
        """
    )
    func refused() throws {
        let folder = try temporaryFolder()
        let loop = folder.appendingPathComponent("loop")
        try FileManager.default.createSymbolicLink(
            atPath: loop.path, withDestinationPath: loop.path)
        let cases = [
            (folder.appendingPathComponent("missing").path, "there is no such folder"),
            ("/dev/zero", "it is not a folder"),
            (loop.path, "its links lead round in a circle"),
        ]
        for (path, problem) in cases {
            let run = execute(["6", "--mnist", path, "--no-render", "--out", folder.path])
            #expect(run.status == 64)
            #expect(
                run.said == [
                    "Error: --mnist must name a folder holding train-images-idx3-ubyte(.gz) and "
                        + "the rest of MNIST; \(problem) (got \(path))"
                ])
            #expect(run.wrote.isEmpty, "\(run.wrote)")
        }
    }

    @Test(
        """
        A value is echoed as typed, on one line: a newline made visible, a blank one quoted, a \
        long one cut to about 80 characters saying how many items or characters it holds
        """
    )
    func typed() {
        #expect(Check.typed("a\nb") == "a␊b")
        #expect(Check.typed("") == "\"\"")
        #expect(Check.typed("two words") == "\"two words\"")
        let list = Check.typed(Array(repeating: "1", count: 5_000).joined(separator: ","))
        #expect(list == String(repeating: "1,", count: 25) + "… (5,000 items)")
        let word = Check.typed(String(repeating: "x", count: 5_000))
        #expect(word == String(repeating: "x", count: 50) + "… (5,000 characters)")
        #expect(Check.typed(String(repeating: "y", count: 80)) == String(repeating: "y", count: 80))
    }
}

struct OtherProgramsRefuseInOneLine {
    @Test(
        "exercises and bench refuse a bad value in one line, as the lessons do, with exit 64",
        Requirement.programs.trait,
        arguments: [
            (
                "exercises", ["check", "11"],
                "Error: there is no exercise 11; they are numbered 1 to 10"
            ),
            (
                "exercises", ["train", "--epochs", "-1"],
                "Error: --epochs must be a whole number from 1 to 30 (got -1)"
            ),
            (
                "bench", ["--runs", "-1"],
                "Error: --runs must be a whole number from 1 to 100 (got -1)"
            ),
            (
                "bench", ["--mnist", "/no/such/folder"],
                "Error: --mnist must name a folder holding train-images-idx3-ubyte(.gz) and the "
                    + "rest of MNIST; there is no such folder (got /no/such/folder)"
            ),
            (
                "exercises", ["reset", "\u{1B}[2J"],
                "Error: The value '␛[2J' is invalid for '<number>'"
            ),
        ])
    func refused(program: String, arguments: [String], says: String) async throws {
        let binary = try #require(builtProgram(program))
        let run = try await runToTheEnd(
            binary, arguments, reading: .errors, limit: 60)
        #expect(run.ending == .exited(64))
        #expect(run.printed == says + "\n", "\(run.printed)")
        #expect(run.other.isEmpty, "\(run.other)")
    }
}
