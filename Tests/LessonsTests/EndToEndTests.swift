import Foundation
import Plotting
import Testing

@testable import LessonKit
@testable import Lessons

/// Every lesson run end to end into a temporary folder, with its files and numbers checked.
struct EndToEndTests {
    /// Every lesson in the catalogue, by number.
    static let numbers = catalog.map { $0.info.number }

    @Test(
        """
        Each lesson writes a .dat, a .gp and, with gnuplot, a .png per chart, and nothing else; \
        the same files on every run; and each script redraws its chart alone
        """,
        arguments: numbers)
    func endToEnd(number: Int) throws {
        let type = try #require(lesson(named: String(number)))
        let run = try runChosen(type)
        let charts = run.charts.map(\.name)
        #expect(!charts.isEmpty && Set(charts).count == charts.count)
        let rendered = installedGnuplot != nil
        let expected = charts.flatMap { name in
            [".dat", ".gp"].map { name + $0 } + (rendered ? [name + ".png"] : [])
        }
        #expect(try files(in: run.folder) == expected.sorted())
        #expect(run.text.contains("Lesson \(number) · \(type.info.title)"))
        for section in ["What the video says", "What we compute", "What to notice", "Try this"] {
            #expect(run.text.contains("▸ \(section)"), "lesson \(number) lacks \(section)")
        }
        #expect(!run.claims.isEmpty, "lesson \(number) made no claims")
        // The words the lesson explains at its top are words it then uses.
        let words = run.section("Words used here (all of them: `swift run lesson terms`)")
        let rest = run.text.replacingOccurrences(of: words, with: "")
        for term in type.info.words {
            #expect(
                rest.contains(term.mark),
                "lesson \(number) explains \(term.name) but never uses \(term.mark)")
        }
        // A second run, not drawn, writes byte-identical data, and scripts that differ only in
        // the folder they name.
        let second = try runChosen(type, ["--no-render"])
        for name in charts.flatMap({ [$0 + ".dat", $0 + ".gp"] }) {
            let first = try run.file(name).replacingOccurrences(of: run.folder.path, with: "DIR")
            let again = try second.file(name).replacingOccurrences(
                of: second.folder.path, with: "DIR")
            #expect(first == again, "\(name) differs between runs")
        }
        // Each of its scripts draws the chart again with gnuplot alone.
        guard rendering else { return }
        let gnuplot = try #require(installedGnuplot, "REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
        for chart in second.charts {
            let output = try gnuplot.run(script: chart.script.lastPathComponent, in: second.folder)
            #expect(output.warnings.isEmpty, "\(chart.name): \(output.warnings)")
            let image = second.folder.appendingPathComponent("\(chart.name).png")
            #expect(FileManager.default.fileExists(atPath: image.path), "\(chart.name).png")
        }
    }

    @Test("The narrative comes in the order of the guide")
    func narrativeOrder() throws {
        let text = try runLesson(LearningRates.self, ["--no-render"]).text
        let order = [
            "What the video says", "What we compute", "learning rates on", "Charts in",
            "What to notice", "Try this",
        ]
        let positions = try order.map {
            try #require(text.range(of: $0)?.lowerBound, "\($0) missing")
        }
        #expect(positions == positions.sorted())
    }

    @Test("--quiet prints the results and no narrative")
    func quiet() throws {
        let run = try runLesson(Derivatives.self, ["--quiet", "--no-render"])
        #expect(!run.text.contains("What the video says"))
        #expect(!run.text.contains("Try this"))
        #expect(run.text.contains("The slope of"))
    }

    @Test("Without gnuplot a lesson still writes data and scripts and says how to render them")
    func withoutGnuplot() throws {
        let run = try runLesson(Derivatives.self, [], gnuplot: .some(nil))
        #expect(
            try files(in: run.folder) == [
                "bowl-surface.dat", "bowl-surface.gp", "gradient.dat", "gradient.gp",
                "tangents.dat", "tangents.gp",
            ])
        let hint = run.output.filter { $0.contains("Charts not rendered") }
        #expect(hint.count == 1)
        #expect(hint.first?.contains("apt-get install gnuplot-nox") == true)
        #expect(hint.first?.contains("gnuplot NAME.gp") == true)
    }

    @Test("An --out that cannot be written is a clear error and nothing is written")
    func unwritableOut() throws {
        let root = try temporaryFolder()
        let blocker = root.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        #expect(throws: PlottingError.self) {
            _ = try runLesson(
                DescentInOneDimension.self, [], out: blocker.appendingPathComponent("Plots"))
        }
        #expect(try files(in: root) == ["not-a-folder"])
    }

    @Test(
        "An --out too long for the system is refused before the lesson runs, leaving no folder",
        arguments: [
            Array(repeating: String(repeating: "a", count: 200), count: 25),
            [
                "b"
                    + String(
                        repeating: "b", count: 299)
            ],
        ])
    func tooLongOut(components: [String]) throws {
        let root = try temporaryFolder()
        let out = components.reduce(root) { $0.appendingPathComponent($1) }
        var lines: [String] = []
        let error = #expect(throws: PlottingError.self) {
            _ = try DescentInOneDimension.parse(["--out", out.path, "--no-render"]).run(
                in: LessonEnvironment(write: { lines.append($0) }, gnuplot: nil))
        }
        let said = error?.description ?? ""
        #expect(said.contains("bytes long") && said.count < 400, "\(said)")
        #expect(lines.isEmpty, "the lesson ran before refusing its folder")
        #expect(try files(in: root).isEmpty)
    }

    @Test(
        "--format both renders PNG and SVG; --terminal draws the charts as text",
        .enabled(if: rendering, noGnuplot))
    func formats() throws {
        let gnuplot = try #require(installedGnuplot, "REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
        let run = try runLesson(
            DescentInOneDimension.self, ["--format", "both", "--terminal"], gnuplot: .some(gnuplot))
        #expect(
            try files(in: run.folder).filter { $0.hasSuffix(".svg") } == [
                "path-on-curve.svg", "progress.svg",
            ])
        #expect(
            try files(in: run.folder).filter { $0.hasSuffix(".png") } == [
                "path-on-curve.png", "progress.png",
            ])
        #expect(run.charts.allSatisfy { $0.terminalDrawing?.contains("Descent on") == true })
    }
}
