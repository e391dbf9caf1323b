import Foundation
import Testing

@testable import LessonKit
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
        .enabled(if: lessonBinary != nil, "the lesson command is not built beside the tests"),
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
}
