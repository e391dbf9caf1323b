import Foundation
import Plotting
import TestSupport
import Testing

@testable import LessonKit
@testable import Lessons

/// Frames in an animated GIF: one Graphic Control Extension (21 F9 04) per frame.
func gifFrames(_ data: Data) -> Int {
    let bytes = [UInt8](data)
    guard bytes.count > 6, String(decoding: bytes[0..<6], as: UTF8.self) == "GIF89a" else {
        return 0
    }
    return (0..<(bytes.count - 2)).filter {
        bytes[$0] == 0x21 && bytes[$0 + 1] == 0xF9 && bytes[$0 + 2] == 0x04
    }.count
}

struct AnimationTests {
    @Test(
        "--animate writes a GIF with one frame per step, from a script gnuplot can run again",
        Requirement.gnuplot.trait,
        arguments: [
            (3, ["--steps", "12"], "descent-animation", 13),
            (4, ["--frames", "25"], "learning-rates-animation", 25),
            (10, ["--epochs", "1", "--batch-sizes", "100"], "paths-animation", 40),
            (12, ["--epochs", "3"], "training-animation", 4), (5, [], "network-animation", 6),
        ])
    func animatedGIF(number: Int, options: [String], name: String, frames: Int) throws {
        let type = try #require(lesson(named: String(number)))
        let run = try runChosen(type, ["--quiet", "--animate"] + options)
        #expect(
            FileManager.default.fileExists(
                atPath: run.folder.appendingPathComponent("\(name).gp").path))
        #expect(try run.file("\(name).gp").contains("set terminal gif animate delay"))
        try #require(installedGnuplot != nil, "REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
        let gif = try Data(contentsOf: run.folder.appendingPathComponent("\(name).gif"))
        #expect(gifFrames(gif) == frames)
        #expect(gif.count < 3_000_000)
    }

    @Test(
        """
        --animate turns lesson 10's landscape once around, from the still's own numbers; the \
        script redraws and plays alone
        """,
        Requirement.gnuplot.trait)
    func turningLandscape() throws {
        let gnuplot = try #require(installedGnuplot, "REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
        let run = try runLesson(
            SGD.self,
            ["--quiet", "--animate", "--frames", "12", "--epochs", "1", "--batch-sizes", "100"])
        #expect(
            try run.file("paths-surface-turning.dat").split(separator: "\n").dropFirst(2)
                == run.file("paths-surface.dat").split(separator: "\n").dropFirst(2))
        let script = try run.file("paths-surface-turning.gp")
        #expect(script.contains("do for [frame = 0:11]") && script.contains("frame * 360.0 / 12"))
        #expect(!script.contains("\"paths-surface.dat\""))
        #expect(
            gifFrames(
                try Data(contentsOf: run.folder.appendingPathComponent("paths-surface-turning.gif"))
            ) == 12)
        // Made again by gnuplot alone, with no variables set, and played in the terminal.
        let again = try gnuplot.run(script: "paths-surface-turning.gp", in: run.folder)
        #expect(
            again.warnings.split(separator: "\n").allSatisfy {
                $0.contains("frames in animation sequence")
            }, "\(again.warnings)")
        let live = try gnuplot.run(
            script: "paths-surface-turning.gp", in: run.folder, variables: [("live", "0.001")])
        #expect(live.standardOutput.components(separatedBy: "\u{1B}[H\u{1B}[2J").count - 1 == 12)
        #expect(live.warnings.isEmpty, "\(live.warnings)")
    }

    @Test("Without --animate no GIF is written")
    func noAnimation() throws {
        let run = try runLesson(DescentInOneDimension.self, ["--quiet", "--no-render"])
        #expect(try files(in: run.folder).allSatisfy { !$0.contains("animation") })
    }
}

struct LiveTests {
    @Test(
        "--live with no display and no terminal says so in one line, writes the GIF and succeeds",
        Requirement.gnuplot.trait)
    func liveWithoutTerminal() throws {
        try #require(installedGnuplot != nil, "REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
        let run = try runLesson(DescentInOneDimension.self, ["--quiet", "--live", "--steps", "5"])
        #expect(
            run.output.filter { $0.contains("--live found no display and no terminal") }.count == 1)
        #expect(
            FileManager.default.fileExists(
                atPath: run.folder.appendingPathComponent("descent-animation.gif").path))
    }

    @Test(
        "The animation script plays live on the dumb terminal, one frame per step",
        Requirement.gnuplot.trait)
    func livePlayback() throws {
        let gnuplot = try #require(installedGnuplot, "REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
        let run = try runLesson(
            DescentInOneDimension.self, ["--quiet", "--animate", "--steps", "4", "--no-render"])
        let output = try gnuplot.run(
            script: "descent-animation.gp", in: run.folder, variables: [("live", "0.001")])
        #expect(output.standardOutput.components(separatedBy: "step ").count - 1 == 5)
        #expect(output.standardOutput.contains("\u{1B}[H\u{1B}[2J"))
    }
}
