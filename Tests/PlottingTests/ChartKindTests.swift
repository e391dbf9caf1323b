import Foundation
import TestSupport
import Testing

@testable import Plotting
@testable import Processes

// The chart kinds, one by one: what each writes to its data file, what its commands ask of
// gnuplot, and, where gnuplot is installed, that every kind draws without a word from it. The
// figure snapshots (Tests/FiguresTests) pin whole scripts as the lessons use them; these pin the
// rules the kinds keep for any plot.

/// A plot with one series of each look that needs only x and y, and `extra` series after them.
func everyLook(_ extra: [Series] = []) -> Plot {
    let xs = (0...6).map(Double.init)
    let looks: [Look] = [.line, .dashed, .points, .path, .steps, .markers, .bars(width: 0.4)]
    let series = looks.enumerated().map { index, look in
        Series(
            "look \(index)", xs.map { [$0, Double(index) + sin($0)] }, look: look,
            colour: .palette(index))
    }
    return Plot(
        x: Axis("step", wholeNumbers: true), y: Axis("value"), series: series + extra,
        marks: [.level(3, "a level"), .threshold(2.5, "a threshold"), .note("a note", x: 1, y: 6)])
}

/// A small contour map of x² + 2y² on a 5 × 5 grid.
let bowlMap: ContourMap = {
    let axis = stride(from: -2.0, through: 2, by: 1)
    let grid = axis.flatMap { y in axis.map { x in [x, y, x * x + 2 * y * y] } }
    return ContourMap(grid: grid, samples: 5, levels: [1, 2, 4], title: "contour lines of L")
}()

/// A path down the bowl, with arrows along it.
let bowlPlot = Plot(
    x: Axis("w₁"), y: Axis("w₂"),
    series: [
        Series("path", [[2, 2], [1, 0.5], [0.3, 0.1], [0, 0]], look: .path),
        Series("start", [[2, 2]], look: .markers, colour: .palette(1)),
        Series("slopes", [[2, 2, -0.4, -0.8]], look: .arrows(scale: 0.1), colour: .dark),
        Series("far away", [[9, 9]], look: .markers, colour: .palette(2)),
    ],
    contours: bowlMap, equalScales: true)

/// The rows of the data file's blocks, as `index N` picks them, in order.
func blockRows(_ chart: Chart) -> [Int] { chart.data.blocks.map(\.rows.count) }

struct ChartKindTests {
    @Test("One panel: a block per series, a clause per series, each naming its own block")
    func single() {
        let chart = Chart.single("looks", title: "Every look", everyLook())
        #expect(blockRows(chart) == Array(repeating: 7, count: 7))
        #expect(chart.data.columns == ["step", "value"])
        let plot = chart.commands.last ?? ""
        #expect(plot.hasPrefix("plot "))
        for index in 0..<7 {
            #expect(plot.contains("\"looks.dat\" index \(index) using"), "block \(index)")
            #expect(plot.contains("title \"look \(index)\""))
        }
        for style in ["with lines", "dt 2", "with points", "with linespoints", "with steps"] {
            #expect(plot.contains(style), "\(style)")
        }
        #expect(plot.contains("with boxes"))
        #expect(chart.width == 900 && chart.height == 600)
    }

    @Test("Numbers that are not finite are left out of the data, and a footnote counts them")
    func nonFinite() {
        let points = [[0, 1], [1, .nan], [2, .infinity], [3, 4]]
        let alone = [[0, Double.nan]]
        let chart = Chart.single(
            "holes", title: "Holes",
            Plot(
                x: Axis("x"), y: Axis("y"),
                series: [Series("gappy", points), Series("empty", alone, colour: .palette(1))]))
        #expect(blockRows(chart) == [2])
        let text = chart.commands.joined(separator: "\n")
        #expect(text.contains("gappy: 2 points are not a finite number and are left out."))
        #expect(text.contains("empty: 1 point is not a finite number and is left out."))
        #expect(text.contains("empty has no points to draw."))
        #expect(!chart.data.text().contains("nan") && !chart.data.text().contains("inf"))
    }

    @Test("A panel with nothing to draw still draws its axes")
    func nothing() {
        let chart = Chart.single(
            "empty", title: "Empty", Plot(x: Axis("x"), y: Axis("y"), series: []))
        #expect(chart.commands.last == "plot NaN notitle")
        #expect(chart.data.blocks.isEmpty)
    }

    @Test("A line through a single point is drawn as a point")
    func lonePoint() {
        let chart = Chart.single(
            "one", title: "One",
            Plot(x: Axis("x"), y: Axis("y"), series: [Series("one", [[1, 2]])]))
        #expect(chart.commands.last?.contains("with points") == true)
        #expect(chart.commands.last?.contains("with lines") == false)
    }

    @Test("A log axis holds values at its floor, and a footnote says how many")
    func logFloor() {
        let chart = Chart.single(
            "log", title: "Log",
            Plot(
                x: Axis("step"), y: .log("loss", floor: 1e-12),
                series: [Series("loss", [[0, 1], [1, 1e-3], [2, 0], [3, -1]])]))
        let text = chart.commands.joined(separator: "\n")
        #expect(text.contains("using 1:($2 > 1e-12 ? $2 : 1e-12)"))
        #expect(text.contains("loss: 2 values below 1e-12 (zero included)"))
        #expect(text.contains("set logscale y"))
    }

    @Test("A stated range leaves points out, and a footnote counts them")
    func statedRange() {
        let chart = Chart.single(
            "range", title: "Range",
            Plot(
                x: Axis("x", range: 0...2), y: Axis("y"),
                series: [Series("s", [[0, 0], [1, 1], [3, 9], [4, 16]])]))
        let text = chart.commands.joined(separator: "\n")
        #expect(
            text.contains("s: 2 of its 4 points lie outside the drawn ranges and are not shown."))
    }

    @Test("Arrows carry their direction in columns 3 and 4, and their scale is said")
    func arrows() {
        let chart = Chart.single("map", title: "Map", bowlPlot)
        #expect(chart.data.columns == ["w₁", "w₂", "dx", "dy"])
        // The grid first, then the series: 25 rows in scan lines of 5.
        #expect(blockRows(chart) == [25, 4, 1, 1, 1])
        #expect(chart.data.blocks[0].rowsPerScan == 5)
        let text = chart.commands.joined(separator: "\n")
        #expect(text.contains("using 1:2:3:4 with vectors head"))
        #expect(text.contains("drawn at 0.1× their true length to fit"))
        #expect(text.contains("set size ratio -1"))
    }

    @Test("Footnotes break between words so that no line runs past 96 columns")
    func footnotes() {
        let words = (1...60).map { "word\($0)" }
        let long = words.joined(separator: " ")
        let lines = footnoteLines([long, "short"])
        #expect(lines.allSatisfy { $0.count <= 96 })
        #expect(lines.last == "short")
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.hasPrefix("   ") })
        let rejoined = lines.dropLast().joined(separator: " ").split(separator: " ")
        #expect(rejoined.map(String.init) == words)
        // A word longer than a line stays whole, on a line of its own.
        let huge = String(repeating: "x", count: 120)
        #expect(footnoteLines(["a " + huge]) == ["a", "   " + huge])
        // Notes under one panel: the bottom margin grows with them.
        #expect(Chart.footnoteCommands([]) == ["set bmargin"])
        #expect(Chart.footnoteCommands(["one", "two"]).first == "set bmargin 7")
    }

    @Test(
        "Small multiples: every panel placed in a cell of its own, inside the canvas",
        arguments: [(1, 1), (3, 2), (4, 2), (5, 3), (7, 4)])
    func panels(count: Int, columns: Int) throws {
        let plots = (0..<count).map { index in
            var plot = everyLook()
            plot.title = "panel \(index)"
            plot.notes = index == 0 ? ["a note under the panels"] : []
            return plot
        }
        let chart = Chart.panels("small", title: "Small", plots, columns: columns)
        let rows = (count + columns - 1) / columns
        #expect(chart.height == 340 * rows + 70)
        #expect(chart.data.blocks.count == 7 * count)
        // First whether the chart is drawn for paper, whose layout is given beside the screen's.
        #expect(chart.commands.first?.hasPrefix("onpaper = ") == true)
        #expect(
            chart.commands.dropFirst().first?.hasPrefix("set multiplot title \"Small\"") == true)
        #expect(chart.commands.last == "unset multiplot")
        #expect(chart.commands.filter { $0.hasPrefix("plot ") }.count == count)
        // Each panel's plot reads its own blocks: panel p's first series is block 7p.
        let plotsDrawn = chart.commands.filter { $0.hasPrefix("plot ") }
        for (index, plot) in plotsDrawn.enumerated() {
            #expect(plot.contains("index \(7 * index) using"), "panel \(index)")
        }
        // "set origin x, (onpaper ? y on paper : y on screen)", and the same for sizes.
        let origins = try chart.commands.filter { $0.hasPrefix("set origin ") }.map { line in
            try #require(numbers(in: line).count == 3 ? numbers(in: line) : nil)
        }
        let sizes = try chart.commands.filter { $0.hasPrefix("set size 0") }.map { line in
            try #require(numbers(in: line).count == 3 ? numbers(in: line) : nil)
        }
        #expect(Set(origins.map { "\($0)" }).count == count, "\(origins)")
        for (origin, size) in zip(origins, sizes) {
            #expect(origin[0] >= 0 && origin[0] + size[0] <= 1 + 1e-9)
            for layout in [1, 2] {
                #expect(origin[layout] >= 0 && origin[layout] + size[layout] <= 1 + 1e-9)
            }
        }
        #expect(chart.commands.contains { $0.contains("a note under the panels") })
    }

    @Test(
        "An animation has at most one frame per step, at least one, and reveals series by row",
        arguments: [(10, 5), (10, 11), (10, 50), (0, 3), (3, 0)])
    func animation(steps: Int, frames: Int) {
        let path = Series(
            "path", (0...max(steps, 1)).map { [Double($0), Double($0 * $0)] }, look: .path,
            revealEvery: 1, markHead: true)
        let chart = Chart.animation(
            "walk", title: "Walk", [Plot(x: Axis("step"), y: Axis("loss"), series: [path])],
            steps: steps, frames: frames, delay: 10, frameTitle: "step %d")
        let expected = max(1, min(frames, steps + 1))
        #expect(chart.animation == Animation(frames: expected, delay: 10))
        #expect(chart.commands.contains("do for [frame = 0:\(expected - 1)] {"))
        #expect(chart.commands.last == "}")
        let text = chart.commands.joined(separator: "\n")
        let last = path.points.count - 1
        #expect(text.contains("every ::0::(k < \(last) ? k : \(last))"))
        #expect(text.contains("every ::(k < \(last) ? k : \(last))::(k < \(last) ? k : \(last))"))
        if expected == 1 {
            #expect(text.contains("k = steps"))
        }
        // The script plays live on a terminal: each frame is cleared before and paused after.
        let script = gnuplotScript(for: chart, origin: "test", folder: "/tmp", defaultFormat: "png")
        #expect(script.contains("set terminal gif animate delay 10 loop 0"))
        #expect(script.contains("if (exists(\"live\")) { pause live }"))
    }

    @Test(
        "Pictures: a block of side² pixels each, in scan lines, on a canvas that fits them",
        arguments: [1, 3, 10])
    func pictures(count: Int) {
        let pictures = (0..<count).map { index in
            Picture(
                "digit \(index)", values: (0..<16).map { Double(($0 + index) % 5) / 4 }, side: 4)
        }
        let chart = Chart.pictures(
            "digits", title: "Digits", pictures, columns: 5,
            colourBar: ColourBar("ink", range: 0...1, palette: .ink))
        #expect(blockRows(chart) == Array(repeating: 16, count: count))
        #expect(chart.data.blocks.allSatisfy { $0.rowsPerScan == 4 })
        // Each pixel's row holds its column, its row and its value.
        #expect(chart.data.blocks[0].rows[6] == [2, 1, 0.25])
        if count == 1 {
            #expect(chart.width == 680 && chart.height == 600)
        } else {
            let columns = min(5, count)
            let rows = (count + columns - 1) / columns
            #expect(chart.width == 120 * columns + 170)
            #expect(chart.height == 142 * rows + 80)
        }
        let plots = chart.commands.filter { $0.contains("{ plot ") }
        #expect(plots.count == count)
        #expect(chart.commands.contains("set cbrange [0:1]"))
        #expect(chart.commands.last == "unset multiplot")
    }

    @Test("A surface draws the grid in 3-D with what lies over it; off the grid stays on the map")
    func surface() {
        let chart = Chart.surface(
            "bowl", title: "Bowl", bowlPlot, height: { $0 * $0 + 2 * $1 * $1 }, zLabel: "L")
        #expect(chart.data.columns == ["w₁", "w₂", "L"])
        // The grid, the path and the start: the arrows stay on the flat map, and the point at
        // (9, 9) lies off the grid.
        #expect(blockRows(chart) == [25, 4, 1])
        #expect(chart.data.blocks[1].rows[1] == [1, 0.5, 1.5])
        let text = chart.commands.joined(separator: "\n")
        #expect(text.contains("set cntrparam levels discrete 1, 2, 4"))
        #expect(text.contains("set zrange [0:12]"))
        #expect(text.contains("with pm3d"))
        #expect(text.contains("blue: path; orange-red: start; grey lines on the floor"))
        #expect(chart.landscape != nil)
    }

    @Test("A surface of a plot without a contour map is a flat chart")
    func surfaceWithoutMap() {
        var plot = bowlPlot
        plot.contours = nil
        let chart = Chart.surface("flat", title: "Flat", plot, height: { $0 + $1 }, zLabel: "L")
        #expect(chart.landscape == nil)
        #expect(chart.commands.last?.hasPrefix("plot ") == true)
        #expect(chart.turning(Animation(frames: 4, delay: 5)) == nil)
    }

    @Test("Turning a landscape: a full turn in the frames asked for, reading its own data file")
    func turning() throws {
        let still = Chart.surface(
            "bowl", title: "Bowl", bowlPlot, height: { $0 * $0 + 2 * $1 * $1 }, zLabel: "L")
        let turning = try #require(still.turning(Animation(frames: 36, delay: 8)))
        #expect(turning.name == "bowl-turning" && turning.title == "Bowl, turning")
        let text = turning.commands.joined(separator: "\n")
        #expect(text.contains("do for [frame = 0:35] {"))
        #expect(text.contains("turn = 32 + frame * 360.0 / 36"))
        #expect(text.contains("\"bowl-turning.dat\""))
        #expect(!text.contains("\"bowl.dat\""))
        #expect(blockRows(turning) == blockRows(still))
    }

    @Test("The script: how to run it again, the output chosen with -e, the chart's commands")
    func script() {
        let chart = Chart.single("looks", title: "Every look", everyLook())
        let script = gnuplotScript(
            for: chart, origin: "Lesson 99", folder: "/tmp/out\n set output", defaultFormat: "svg")
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "# Every look")
        #expect(lines[1] == "# Lesson 99")
        #expect(script.contains("if (!exists(\"format\")) format = \"svg\""))
        #expect(script.contains("set terminal pngcairo size 900,600"))
        #expect(script.contains("set terminal dumb size 100,33"))
        // A hostile folder name stays inside its comment as one shell word.
        #expect(!lines.contains { $0.hasPrefix(" set output") })
        #expect(script.hasSuffix(chart.commands.joined(separator: "\n") + "\n"))
    }
}

/// The numbers in a line of gnuplot commands, in order.
func numbers(in line: String) -> [Double] {
    line.matches(of: /-?[0-9]+(\.[0-9]+)?(e-?[0-9]+)?/).compactMap { Double($0.output.0) }
}

struct ChartKindRenderingTests {
    /// One chart of every kind, drawn from the same small plots.
    static let charts: [Chart] = {
        let still = Chart.surface(
            "bowl-surface", title: "Bowl", bowlPlot, height: { $0 * $0 + 2 * $1 * $1 },
            zLabel: "L")
        var twoAxes = everyLook()
        twoAxes.y2 = Axis("other")
        twoAxes.series[0].onSecondAxis = true
        twoAxes.series[1].stoppedBecause = "stopped early"
        return [
            Chart.single("looks", title: "Every look", everyLook()),
            Chart.single("two-axes", title: "Two axes", twoAxes),
            Chart.single("map", title: "Map", bowlPlot),
            Chart.panels("panels", title: "Panels", [everyLook(), bowlPlot], columns: 2),
            Chart.pictures(
                "pictures", title: "Pictures",
                [Picture("a", values: (0..<16).map { Double($0) / 15 }, side: 4)], columns: 1,
                colourBar: ColourBar("ink", range: 0...1, palette: .ink)),
            still,
        ]
    }()

    @Test(
        "Every chart kind draws as PNG and as text without a word from gnuplot",
        Requirement.gnuplot.trait, arguments: charts.indices)
    func drawn(_ index: Int) throws {
        let gnuplot = try #require(installedGnuplot, "REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
        let chart = Self.charts[index]
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try ChartWriter(
            folder: folder, origin: "test", formats: ["png"], drawInTerminal: true,
            gnuplot: gnuplot)
        let written = try writer.write(chart)
        #expect(written.warnings.isEmpty && written.failure == nil, "\(written.warnings)")
        let png = try Data(contentsOf: folder.appendingPathComponent("\(chart.name).png"))
        let size = try #require(pngSize(png))
        #expect(size.width == chart.width && size.height == chart.height)
        #expect(written.terminalDrawing?.isEmpty == false)
    }
}

struct WholePictureTests {
    @Test("A picture is whole only with its ending: PNG's IEND, GIF's trailer, SVG's </svg>")
    func endings() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let iend: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [1, 2, 3] + iend
        let cases: [(bytes: [UInt8], format: String, whole: Bool)] = [
            (png, "png", true), (Array(png.dropLast()), "png", false),
            (Array(png.prefix(8)), "png", false), ([], "png", false),
            (Array("GIF89a...".utf8) + [0x3B], "gif", true),
            (Array("GIF89a...".utf8), "gif", false),
            (Array("<svg>\n<g/>\n</svg>\n".utf8), "svg", true),
            (Array("<svg>\n<g/>\n".utf8), "svg", false),
        ]
        for (index, item) in cases.enumerated() {
            let url = folder.appendingPathComponent("picture-\(index).\(item.format)")
            try Data(item.bytes).write(to: url)
            #expect(isWholePicture(at: url, format: item.format) == item.whole, "case \(index)")
        }
    }
}

struct BoundedBytesTests {
    @Test("A stream is kept by its first and last bytes, and what was left out is counted")
    func bounded() {
        var kept = BoundedBytes(half: 4)
        kept.append(Data("abc".utf8))
        #expect(kept.text == "abc" && kept.leftOut == 0)
        kept.append(Data("defgh".utf8))
        #expect(kept.text == "abcdefgh" && kept.leftOut == 0)
        kept.append(Data(String(repeating: "x", count: 1000).utf8))
        kept.append(Data("wxyz".utf8))
        #expect(kept.leftOut == 1004)
        #expect(kept.text == "abcd\n[… 1004 bytes left out …]\nwxyz")
    }
}

struct GnuplotMessageTests {
    @Test(
        """
        gnuplot's message is shown, not obeyed: escape sequences that would retitle or clear the \
        terminal come out as visible pictures, tabs and line breaks stay
        """
    )
    func controlsVisible() {
        let said = trimmed("line 1: \u{1B}]0;owned\u{07}\u{1B}[2J bad\tcommand\nline 2")
        #expect(said == "line 1: ␛]0;owned␇␛[2J bad\tcommand\nline 2")
    }

    @Test(
        """
        A drawing for the terminal keeps its colours and sixels and shows any other escape; \
        before, a gnuplot could retitle or clear the terminal through its drawing
        """
    )
    func drawingKeepsOnlyDrawing() throws {
        let reset = "\u{1B}[0m"
        let colours = "\u{0C}\u{1B}[0;39m  +--+\n\u{1B}[38;2;0;114;178m *\u{1B}[0m\n"
        #expect(terminalDrawing(colours) == colours + reset)
        let sixel = "\u{1B}Pq\"1;1;60;40\n#2;2;2;1;2#2!60~-\u{1B}\\"
        #expect(terminalDrawing(sixel) == sixel)
        let hostile = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[8mplot\r\n"
        #expect(terminalDrawing(hostile) == "␛]0;owned␇␛[2J\u{1B}[8mplot␍\n" + reset)
        // A sixel that never ends, or holds a control character (C1 ones too), is not drawn.
        #expect(terminalDrawing("\u{1B}Pq#2!6~") == "␛Pq#2!6~")
        #expect(terminalDrawing("\u{1B}Pq#2\u{07}~\u{1B}\\") == "␛Pq#2␇~␛\\")
        #expect(terminalDrawing("\u{1B}Pq#2\u{9B}2J~\u{1B}\\") == "␛Pq#2\u{FFFD}2J~␛\\")
    }

    @Test("What gnuplot itself draws for the terminal, as the lessons ask for it, is kept whole")
    func gnuplotsOwnDrawing() throws {
        let gnuplot = try #require(installedGnuplot, "gnuplot draws the terminal pictures")
        for terminal in ["dumb ansirgb 40 12", "sixelgd truecolor size 80,60"] {
            let run = Process()
            run.executableURL = URL(fileURLWithPath: gnuplot.executable)
            run.arguments = ["-e", "set terminal \(terminal); plot sin(x)"]
            let pipe = Pipe()
            run.standardOutput = pipe
            run.standardError = FileHandle.nullDevice
            try run.run()
            let drawn = String(
                decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            run.waitUntilExit()
            let shown = terminalDrawing(drawn)
            #expect(!drawn.isEmpty && [drawn, drawn + "\u{1B}[0m"].contains(shown), "\(terminal)")
        }
    }
}
