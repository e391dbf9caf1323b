import Foundation
import TestSupport
import Testing

@testable import Plotting

struct ChartWriterTests {
    @Test("Without gnuplot the data and script are written and nothing else")
    func withoutGnuplot() throws {
        let folder = try temporaryFolder().appendingPathComponent("01-test")
        let writer = try ChartWriter(
            folder: folder, origin: "test", formats: ["png"], drawInTerminal: false, gnuplot: nil)
        let written = try writer.write(sampleChart())
        #expect(writer.cannotRender)
        #expect(written.images.isEmpty)
        #expect(try files(in: folder) == ["sample.dat", "sample.gp"])
    }

    @Test(
        "gnuplot is not found on an empty search path, and a folder named gnuplot is not gnuplot")
    func locateMissing() throws {
        #expect(Gnuplot.locate(searchPath: "") == nil)
        #expect(Gnuplot.locate(searchPath: "/nonexistent-folder") == nil)
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("gnuplot"), withIntermediateDirectories: true)
        #expect(Gnuplot.locate(searchPath: folder.path) == nil)
    }

    @Test("A lesson folder that is a link to another folder is refused; that folder is untouched")
    func linkedFolder() throws {
        let root = try temporaryFolder()
        let elsewhere = try temporaryFolder()
        try Data("keep".utf8).write(to: elsewhere.appendingPathComponent("sample.dat"))
        let folder = root.appendingPathComponent("01-test")
        try FileManager.default.createSymbolicLink(at: folder, withDestinationURL: elsewhere)
        let writer = try ChartWriter(
            folder: folder, origin: "test", formats: ["png"], drawInTerminal: false, gnuplot: nil)
        let error = #expect(throws: PlottingError.self) { _ = try writer.write(sampleChart()) }
        #expect(error?.description.contains("it is a link to another folder") == true)
        #expect(try files(in: elsewhere) == ["sample.dat"])
        #expect(
            try String(contentsOf: elsewhere.appendingPathComponent("sample.dat"), encoding: .utf8)
                == "keep")
    }

    @Test("An output folder that cannot be created is a clear error, and nothing is written")
    func unwritableFolder() throws {
        let root = try temporaryFolder()
        let blocker = root.appendingPathComponent("a-file")
        try Data("not a folder".utf8).write(to: blocker)
        let error = #expect(throws: PlottingError.self) {
            _ = try ChartWriter(
                folder: blocker.appendingPathComponent("01-test"), origin: "", formats: ["png"],
                drawInTerminal: false, gnuplot: nil)
        }
        #expect(error?.description.contains("cannot write to the output folder") == true)
        #expect(error?.description.contains("a-file is a file, not a folder") == true)
        #expect(error?.description.contains("--out") == true)
        #expect(try files(in: root) == ["a-file"])
    }

    @Test(
        "A PNG is rendered at the chart's size",
        Requirement.gnuplot.trait)
    func rendersPNG() throws {
        let gnuplot = try #require(installedGnuplot, "REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
        let folder = try temporaryFolder()
        let writer = try ChartWriter(
            folder: folder, origin: "test", formats: ["png", "svg"], drawInTerminal: true,
            gnuplot: gnuplot)
        let written = try writer.write(sampleChart())
        #expect(written.images.map(\.lastPathComponent) == ["sample.png", "sample.svg"])
        let size = try #require(
            pngSize(try Data(contentsOf: folder.appendingPathComponent("sample.png"))))
        #expect(size.width == 640 && size.height == 480)
        let svg = try String(
            contentsOf: folder.appendingPathComponent("sample.svg"), encoding: .utf8)
        #expect(svg.contains("<svg"))
        #expect(written.terminalDrawing?.contains("Squares and a \"line\"") == true)
        // No partial files are left behind.
        #expect(try files(in: folder) == ["sample.dat", "sample.gp", "sample.png", "sample.svg"])
    }

    @Test(
        "The script re-renders the same chart when run by hand",
        Requirement.gnuplot.trait)
    func scriptRunsAlone() throws {
        let gnuplot = try #require(installedGnuplot, "REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
        let folder = try temporaryFolder()
        let writer = try ChartWriter(
            folder: folder, origin: "test", formats: [], drawInTerminal: false, gnuplot: gnuplot)
        _ = try writer.write(sampleChart())
        // The same as `cd folder && gnuplot sample.gp`, with no variables set.
        _ = try gnuplot.run(script: "sample.gp", in: folder)
        let size = try #require(
            pngSize(try Data(contentsOf: folder.appendingPathComponent("sample.png"))))
        #expect(size.width == 640)
    }

    @Test(
        "gnuplot's own error is shown, and no picture is left",
        Requirement.gnuplot.trait)
    func gnuplotErrorSurfaces() throws {
        let gnuplot = try #require(installedGnuplot, "REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
        let folder = try temporaryFolder()
        let writer = try ChartWriter(
            folder: folder, origin: "test", formats: ["png"], drawInTerminal: false,
            gnuplot: gnuplot)
        let broken = sampleChart(
            name: "broken", commands: ["plot \"broken.dat\" index 0 using 1:2 with nosuchstyle"])
        // The chart is not drawn, and says why; writing it does not fail, so a lesson's other
        // charts go on.
        let written = try writer.write(broken)
        guard case .gnuplotFailed(let script, let message)? = written.failure else {
            Issue.record("expected gnuplotFailed, got \(String(describing: written.failure))")
            return
        }
        #expect(written.images.isEmpty)
        #expect(script.hasSuffix("broken.gp"))
        #expect(message.contains("nosuchstyle") || message.contains("expecting"))
        #expect(try files(in: folder) == ["broken.dat", "broken.gp"])
    }
}

struct SessionTests {
    @Test(
        "A session takes commands and inline data and hands back the drawing",
        Requirement.gnuplot.trait)
    func inlineData() throws {
        let gnuplot = try #require(installedGnuplot, "REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
        let session = try gnuplot.openSession(in: try temporaryFolder(), timeLimit: 30)
        try session.send("set terminal dumb size 60,20\nset title \"inline\"\n")
        try session.sendData("points", rows: [[0, 0], [1, 1], [2, 4], [3, .nan]])
        try session.send("plot $points using 1:2 with linespoints notitle\n")
        let result = try session.finish()
        #expect(result.status == 0)
        #expect(result.output.contains("inline"))
        #expect(result.errors.isEmpty)
    }

    @Test(
        "A bad command makes the session report gnuplot's message and a failing status",
        Requirement.gnuplot.trait)
    func badCommand() throws {
        let gnuplot = try #require(installedGnuplot, "REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
        let session = try gnuplot.openSession(in: try temporaryFolder(), timeLimit: 30)
        try session.send("plot nosuchvariable\n")
        let result = try session.finish()
        #expect(result.status != 0)
        #expect(result.errors.contains("undefined variable: nosuchvariable"))
    }

    @Test("The backend is the one the build asked for")
    func backendName() {
        #if GnuplotIostream
        #expect(Gnuplot.backend == "gnuplot-iostream (C++)")
        #else
        #expect(Gnuplot.backend == "Swift pipe")
        #endif
    }
}
