import Foundation
import TestSupport
import Testing

@testable import Plotting

struct DataFileTests {
    @Test("The header names every column and each block is titled")
    func header() {
        let text = sampleChart().data.text()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "# a test chart")
        #expect(lines[1] == "# columns: x  y")
        #expect(lines[2] == "# index 0: squares")
        #expect(lines[3] == "0 0")
        #expect(lines[7] == "4 16")
    }

    @Test("Series are separated by exactly two blank lines, so gnuplot's index selects them")
    func blocksSeparated() {
        let text = sampleChart().data.text()
        #expect(text.contains("4 16\n\n\n# index 1: line\n0 0\n4 16\n"))
        #expect(!text.contains("\n\n\n\n"))
    }

    @Test("Rows with a value that is not finite never reach the file")
    func nonFiniteDropped() {
        var data = DataFile(columns: ["x", "y"])
        data.add("mixed", rows: [[1, 2], [.nan, 3], [4, .infinity], [5, -.infinity], [6, 7]])
        let numbers = data.text().split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(numbers == ["1 2", "6 7"])
    }

    @Test("A grid has one blank line between scan lines")
    func gridScans() {
        var data = DataFile(columns: ["x", "y", "z"])
        data.add("grid", rows: [[0, 0, 1], [0, 1, 2], [1, 0, 3], [1, 1, 4]], rowsPerScan: 2)
        #expect(data.text().hasSuffix("0 0 1\n0 1 2\n\n1 0 3\n1 1 4\n"))
    }

    @Test(
        "Numbers are written the same way every time, with ten significant digits",
        arguments: [
            (0.1, "0.1"), (1.0 / 3, "0.3333333333"), (-0.0, "0"), (1e-20, "1e-20"),
            (123456789012, "1.23456789e+11"),
        ])
    func numberFormat(value: Double, written: String) {
        #expect(formatForData(value) == written)
    }
}

struct ScriptTests {
    @Test("The script draws from its own data file and says how to run it")
    func selfContained() {
        let text = gnuplotScript(
            for: sampleChart(), origin: "a test", folder: "Plots/00-test", defaultFormat: "png")
        #expect(text.contains("# Draw it again:     cd Plots/00-test && gnuplot sample.gp"))
        #expect(text.contains("\"sample.dat\" index 0 using 1:2"))
        #expect(text.contains("if (!exists(\"format\")) format = \"png\""))
        #expect(text.contains("set terminal pngcairo size 640,480"))
        #expect(text.contains("set terminal svg size 640,480"))
        #expect(text.contains("set terminal dumb"))
        #expect(text.contains(houseStyle))
    }

    @Test("Titles are quoted for gnuplot: quotes and backslashes escaped")
    func quoting() {
        #expect(gnuplotQuoted("a \"b\" \\ c") == "\"a \\\"b\\\" \\\\ c\"")
        let text = gnuplotScript(for: sampleChart(), origin: "", folder: ".", defaultFormat: "svg")
        #expect(text.contains("set title \"Squares and a \\\"line\\\"\""))
        #expect(text.contains("format = \"svg\""))
    }
}

struct AtomicWriteTests {
    @Test("Writing replaces the file whole and leaves no temporary file behind")
    func replaces() throws {
        let folder = try temporaryFolder()
        let target = folder.appendingPathComponent("a.dat")
        try writeAtomically("first\n", to: target)
        try writeAtomically("second\n", to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "second\n")
        #expect(try files(in: folder) == ["a.dat"])
    }

    @Test("A write into a folder that does not exist fails clearly and creates nothing")
    func failsCleanly() throws {
        let folder = try temporaryFolder()
        let target = folder.appendingPathComponent("missing/a.dat")
        #expect(throws: PlottingError.self) { try writeAtomically("x", to: target) }
        #expect(try files(in: folder).isEmpty)
    }
}
