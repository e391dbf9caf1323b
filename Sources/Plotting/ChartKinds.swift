/// The kinds of chart a lesson can ask for. Each writes one data file (a block per series) and
/// the gnuplot commands that draw it, with the guarantees of `Plot` kept for every lesson at once.
extension Chart {
    /// One panel: series against a step or an epoch, a curve with a path on it, contours with
    /// paths or arrows, bars, or two axes, all as a `Plot`.
    public static func single(
        _ name: String, title: String, _ plot: Plot, notes: [String] = [],
        width: Int = 900, height: Int = 600
    ) -> Chart {
        var data = DataFile(columns: columns(of: [plot]), notes: notes)
        let panel = addBlocks(of: plot, id: 0, to: &data, file: "\(name).dat")
        var chart = Chart(
            name: name, title: title, data: data, width: width, height: height, commands: [])
        let footnotes = panel.footnotes
        chart.commands = panel.commands() + footnoteCommands(footnotes) + [panel.plotCommand()]
        chart.recipe = Recipe(plots: [plot], notes: notes, panels: nil)
        return chart
    }

    /// Small multiples: one panel per plot, `columns` to a row, sharing one title.
    public static func panels(
        _ name: String, title: String, _ plots: [Plot], columns: Int, notes: [String] = [],
        width: Int = 1000, panelHeight: Int = 340
    ) -> Chart {
        let (data, scripts, screenLayout) = panelled(
            name, plots, notes: notes, columns: columns, panelHeight: panelHeight)
        var chart = Chart(
            name: name, title: title, data: data, width: width, height: screenLayout.height,
            commands: [])
        chart.recipe = Recipe(
            plots: plots, notes: notes, panels: (columns: columns, panelHeight: panelHeight))
        // On paper the canvas is smaller and its text relatively taller: the panels make room.
        var layout = screenLayout
        layout.paperHeight = chart.paperSize.height
        chart.commands = [
            "onpaper = exists(\"format\") ? (format eq \"paper\") : 0",
            "set multiplot title \(gnuplotQuoted(title)) font titlefont",
        ]
        for (index, script) in scripts.enumerated() {
            chart.commands += layout.placement(index) + script.commands()
            if index == scripts.count - 1 { chart.commands += layout.footnoteLabels() }
            chart.commands += [
                "set title \(gnuplotQuoted(script.plot.title ?? "")) font panelfont",
                script.plotCommand(),
            ]
        }
        chart.commands.append("unset multiplot")
        return chart
    }

    /// What every chart of several panels starts from: one data file holding each plot's blocks,
    /// each plot's script, and the panels laid out `columns` to a row with the footnotes below.
    static func panelled(
        _ name: String, _ plots: [Plot], notes: [String], columns: Int, panelHeight: Int
    ) -> (data: DataFile, scripts: [PanelScript], layout: PanelLayout) {
        var data = DataFile(columns: self.columns(of: plots), notes: notes)
        let scripts = plots.enumerated().map {
            addBlocks(of: $0.element, id: $0.offset, to: &data, file: "\(name).dat")
        }
        let layout = PanelLayout(
            count: plots.count, columns: columns,
            footnotes: footnoteLines(scripts.flatMap(\.footnotes)),
            height: panelHeight * ((plots.count + columns - 1) / columns) + 70)
        return (data, scripts, layout)
    }

    /// An animation: the panels redrawn frame by frame, each series marked `revealEvery` growing by
    /// one row per that many steps; `steps` is the last step, `frameTitle` a text with one `%d` for
    /// it.
    public static func animation(
        _ name: String, title: String, _ plots: [Plot], columns: Int = 1, steps: Int,
        frames: Int, delay: Int, frameTitle: String, width: Int = 800, panelHeight: Int = 460
    ) -> Chart {
        let (data, scripts, layout) = panelled(
            name, plots,
            notes: ["Every frame is drawn from these numbers by the loop in \(name).gp."],
            columns: columns, panelHeight: panelHeight)
        let frames = max(1, min(frames, steps + 1))
        var chart = Chart(
            name: name, title: title, data: data, width: width, height: layout.height, commands: [])
        chart.animation = Animation(frames: frames, delay: delay)
        chart.commands = [
            "unset title",
            "steps = \(steps)",
            "do for [frame = 0:\(frames - 1)] {",
            "    k = \(frames > 1 ? "int(frame * steps / \(frames - 1))" : "steps")    # the step "
                + "this frame shows",
            "    set multiplot title sprintf(\(gnuplotQuoted(frameTitle)), k) font \",14\"",
        ]
        for (index, script) in scripts.enumerated() {
            var body = layout.placement(index) + script.commands()
            if index == scripts.count - 1 { body += layout.footnoteLabels() }
            body += ["set title \(gnuplotQuoted(script.plot.title ?? "")) font \",12\""]
            chart.commands +=
                body.map { "    " + $0 } + [
                    "    "
                        + script.plotCommand(animated: true).replacingOccurrences(
                            of: "\n", with: "\n    ")
                ]
        }
        chart.commands += ["    unset multiplot", "}"]
        return chart
    }

    /// Pictures on a square grid (digits, the weights into a neuron) side by side, sharing one
    /// colour bar that says what the colours mean.
    public static func pictures(
        _ name: String, title: String, _ pictures: [Picture], columns: Int, colourBar: ColourBar,
        notes: [String] = [], cell: Int = 120
    ) -> Chart {
        var data = DataFile(
            columns: ["column", "row", colourBar.label],
            notes: notes + ["one block per picture, row by row from the top"])
        for picture in pictures {
            data.add(
                picture.title,
                rows: picture.values.enumerated().map {
                    [
                        Double($0.offset % picture.side), Double($0.offset / picture.side),
                        $0.element,
                    ]
                }, rowsPerScan: picture.side)
        }
        let columns = max(1, min(columns, pictures.count))
        let rows = max(1, (pictures.count + columns - 1) / columns)
        let single = pictures.count == 1
        let width = single ? 680 : cell * columns + 170
        let height = single ? 600 : (cell + 22) * rows + 80
        var chart = Chart(
            name: name, title: title, data: data, width: width, height: height, commands: [])
        // The pictures fill the left; the colour bar stands on the right of the canvas.
        let right = single ? 0.8 : 1 - 150.0 / Double(width)
        let top = 1 - 55.0 / Double(height)
        let side = pictures.first?.side ?? 28
        let threshold = formatForData(
            0.3 * max(abs(colourBar.range.lowerBound), abs(colourBar.range.upperBound)))
        chart.commands = [
            "set multiplot title \(gnuplotQuoted(title)) font \",14\"",
            "unset key", "unset grid", "set size ratio -1", colourBar.command,
            "set cbrange [\(formatForData(colourBar.range.lowerBound)):"
                + "\(formatForData(colourBar.range.upperBound))]",
            "set cblabel \(gnuplotQuoted(colourBar.label))",
            "set xrange [-0.5:\(side) - 0.5]", "set yrange [\(side) - 0.5:-0.5]",
            single
                ? "set xtics 0,7; set ytics 0,7; set xlabel \"pixel column\"; set ylabel \"pixel "
                    + "row\""
                : "unset tics; unset border",
            "set colorbox user origin screen \(formatForData(right + 0.04)), screen 0.12 size "
                + "screen 0.025, screen \(formatForData(top - 0.2))",
        ]
        let cellWidth = right / Double(columns)
        let cellHeight = (top - 0.02) / Double(rows)
        for (index, picture) in pictures.enumerated() {
            let column = index % columns
            let row = index / columns
            chart.commands += [
                "set origin \(formatForData(Double(column) * cellWidth)), "
                    + "\(formatForData(top - Double(row + 1) * cellHeight))",
                "set size \(formatForData(cellWidth)), \(formatForData(cellHeight))",
                "set title \(gnuplotQuoted(picture.title)) font \",\(single ? 12 : 10)\""
                    + (single ? "" : " offset 0,-0.8"),
                "# Text terminals cannot shade pixels: there, strong values are drawn as "
                    + "characters instead.",
                "if (format eq \"dumb\" || format eq \"ansi\") { plot "
                    + chart.series(
                        index, using: "1:($3 > \(threshold) ? $2 : NaN)", style: "points pt \"#\"")
                    + ", "
                    + chart.series(
                        index, using: "1:($3 < -\(threshold) ? $2 : NaN)", style: "points pt \"o\"")
                    + " } else { plot " + chart.series(index, using: "1:2:3", style: "image")
                    + " }",
                index == 0 ? "unset colorbox" : "",
            ].filter { !$0.isEmpty }
        }
        chart.commands.append("unset multiplot")
        chart.printsAtSize = false
        return chart
    }

    /// The column names of the data file: x and y, then whatever the looks need.
    static func columns(of plots: [Plot]) -> [String] {
        guard let plot = plots.first else { return [] }
        var names = [plot.x.label, plot.y.label]
        let widest = plots.flatMap(\.series).map { $0.points.first?.count ?? 2 }.max() ?? 2
        if plots.flatMap(\.series).contains(where: { $0.look.hasDirection }) {
            names += ["dx", "dy"]
        }
        while names.count < widest { names.append("value \(names.count + 1)") }
        return names
    }

    /// Adds a plot's contour grid and series to the data file, and returns the script that draws
    /// them.
    static func addBlocks(
        of plot: Plot, id: Int, to data: inout DataFile, file: String
    ) -> PanelScript {
        // Only finite numbers reach gnuplot; what was left out is said in a footnote.
        var plot = plot
        for index in plot.series.indices {
            let all = plot.series[index].points
            plot.series[index].points = all.filter { $0.allSatisfy(\.isFinite) }
            let dropped = all.count - plot.series[index].points.count
            if dropped > 0 {
                plot.notes.append(
                    "\(plot.series[index].title ?? "A series"): \(dropped) "
                        + "\(dropped == 1 ? "point is" : "points are") not a finite number and "
                        + "\(dropped == 1 ? "is" : "are") left out."
                )
            }
        }
        var contourBlock: Int?
        if let contours = plot.contours {
            contourBlock = data.add(
                "grid of \(contours.title)", rows: contours.grid, rowsPerScan: contours.samples)
        }
        let blocks = plot.series.map { series -> Int? in
            let rows = series.points.filter { $0.allSatisfy(\.isFinite) }
            return rows.isEmpty ? nil : data.add(series.title ?? "series", rows: rows)
        }
        return PanelScript(
            plot: plot, file: file, blocks: blocks, contourBlock: contourBlock, id: id)
    }

    /// Footnotes under a single plot, each on a line of its own, with the bottom margin to hold
    /// them.
    static func footnoteCommands(_ notes: [String]) -> [String] {
        let notes = footnoteLines(notes)
        guard !notes.isEmpty else { return ["set bmargin"] }
        return ["set bmargin \(4 + Int((1.3 * Double(notes.count)).rounded(.up)))"]
            + notes.reversed().enumerated().map { index, note in
                "set label \(gnuplotQuoted(note)) at character 1, character "
                    + "\(formatForData(0.8 + 1.3 * Double(index))) font notefont front"
            }
    }
}

/// Footnotes as the lines they are drawn on: a long note breaks between words, its later lines
/// indented, so that no line runs past the right edge of a 100-column text terminal, of a GIF,
/// whose font runs wider than the PNG's, or of a chart printed 400 pt wide with 9 pt notes.
func footnoteLines(_ notes: [String], width: Int = 80) -> [String] {
    notes.flatMap { note -> [String] in
        var lines: [String] = []
        var line = ""
        for word in note.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = "   " + word
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        return lines + [line]
    }
}

/// Where each panel of a set of small multiples goes: cells of a grid under the title, with
/// room at the bottom for the footnotes.
struct PanelLayout {
    let count: Int
    let columns: Int
    let footnotes: [String]
    let height: Int
    /// The canvas's height on paper, in points, when the chart is also drawn for paper: there a
    /// line of text takes a larger share of the canvas, and each place is given for both.
    var paperHeight: Int?

    init(count: Int, columns: Int, footnotes: [String], height: Int) {
        self.count = count
        self.columns = columns
        self.footnotes = footnotes
        self.height = height
    }

    var rows: Int { max(1, (count + columns - 1) / columns) }
    /// The canvas fraction taken by the footnotes (`line` high each), and by the title (`title`).
    func bottom(_ height: Double, line: Double) -> Double {
        footnotes.isEmpty ? 0 : min(0.4, (Double(footnotes.count) * line + 10) / height)
    }
    func top(_ height: Double, title: Double) -> Double { 1 - title / height }

    /// A place on the canvas, as a fraction of its height: on screen, and on paper when the chart
    /// is drawn there too ("(onpaper ? 0.4 : 0.45)").
    func place(_ fraction: (_ height: Double, _ line: Double, _ title: Double) -> Double) -> String
    {
        let screen = formatForData(fraction(Double(height), 17, 40))
        guard let paperHeight else { return screen }
        return "(onpaper ? \(formatForData(fraction(Double(paperHeight), 13, 30))) : \(screen))"
    }

    func placement(_ index: Int) -> [String] {
        let cellWidth = 1 / Double(columns)
        let column = index % columns
        let row = index / columns
        let rows = Double(self.rows)
        let origin = place { height, line, title in
            let top = self.top(height, title: title)
            return top - Double(row + 1) * (top - bottom(height, line: line)) / rows
        }
        let size = place { height, line, title in
            (self.top(height, title: title) - bottom(height, line: line)) / rows
        }
        return [
            "set origin \(formatForData(Double(column) * cellWidth)), \(origin)",
            "set size \(formatForData(cellWidth)), \(size)",
        ]
    }

    func footnoteLabels() -> [String] {
        footnotes.reversed().enumerated().map { index, note in
            let at = place { height, line, _ in (Double(index) * line + 8) / height }
            return
                "set label \(gnuplotQuoted(note)) at screen 0.01, screen \(at) font \",10\" front"
        }
    }
}

extension Look {
    /// Arrows and segments carry a direction (dx, dy) in columns 3 and 4.
    var hasDirection: Bool {
        switch self {
        case .arrows, .segments: return true
        default: return false
        }
    }
}

extension Chart {
    /// The loss of two parameters as a landscape: the contour map's grid drawn in 3-D (pm3d), its
    /// contour lines projected beneath, and the plot's paths and markers lying on the surface at
    /// the height `height` gives them. Arrows stay on the flat map, where their scale is stated.
    public static func surface(
        _ name: String, title: String, _ plot: Plot, height: @escaping (Double, Double) -> Double,
        zLabel: String,
        view: (elevation: Double, turn: Double) = (58, 32), notes: [String] = [], width: Int = 900,
        pictureHeight: Int = 700
    ) -> Chart {
        guard let map = plot.contours else {
            return single(
                name, title: title, plot, notes: notes, width: width, height: pictureHeight)
        }
        var data = DataFile(columns: [plot.x.label, plot.y.label, zLabel], notes: notes)
        data.add("grid of \(map.title)", rows: map.grid, rowsPerScan: map.samples)
        let file = gnuplotQuoted("\(name).dat")
        var clauses: [String] = []
        var legend: [String] = []
        for (index, series) in plot.series.enumerated()
        where series.look != .arrows(scale: 1) && !series.look.hasDirection {
            // Only what lies over the grid is drawn on the landscape; the flat map shows the rest.
            let xs = map.grid.map { $0[0] }
            let ys = map.grid.map { $0[1] }
            let inside = { (p: [Double]) in
                p.count >= 2 && (xs.min()!...xs.max()!).contains(p[0])
                    && (ys.min()!...ys.max()!).contains(p[1])
            }
            let rows = series.points.filter(inside).map { [$0[0], $0[1], height($0[0], $0[1])] }
                .filter { $0[2].isFinite }
            guard !rows.isEmpty else { continue }
            let block = data.add(series.title ?? "series \(index)", rows: rows)
            let style =
                series.look == .markers ? "points pt 7 ps 1.6" : "linespoints pt 7 ps 0.5 lw 2"
            clauses.append(
                "\(file) index \(block) using 1:2:3 with \(style) lc rgb "
                    + "\(colourOf(series.colour)) nocontours notitle"
            )
            if let title = series.title { legend.append("\(colourName(series.colour)): \(title)") }
        }
        // A key would stand on the landscape: what the colours are is said beneath it instead.
        legend.append("grey lines on the floor: \(map.title)")
        var chart = Chart(
            name: name, title: title, data: data, width: width, height: pictureHeight, commands: [])
        let zs = map.grid.map { $0[2] }.filter(\.isFinite)
        let setup =
            [
                "# The landscape: the grid as a coloured surface, its contour lines projected on "
                    + "the floor.",
                "set xlabel \(gnuplotQuoted(plot.x.label))",
                "set ylabel \(gnuplotQuoted(plot.y.label))",
                "set zlabel \(gnuplotQuoted(zLabel)) rotate parallel", "set ticslevel 0",
                "set grid",
                "set xrange [*:*]", "set yrange [*:*]",
                "set zrange [\(formatForData(zs.min() ?? 0)):\(formatForData(zs.max() ?? 1))]",
                "set contour base",
                "set cntrparam levels discrete "
                    + map.levels.map(formatForData).joined(separator: ", "),
                "set palette defined (0 \"#2166ac\", 1 \"#f7f7f7\", 2 \"#b2182b\")",
                "set cblabel \(gnuplotQuoted(zLabel))", "set colorbox",
                "unset key", "unset clabel",
            ]
            + footnoteCommands(
                [legend.joined(separator: "; ") + "."] + (plot.notes.isEmpty ? [] : plot.notes))
        let mesh =
            "splot \(file) index 0 using 1:2:3 with lines nocontours notitle"
            + (clauses.isEmpty ? "" : ", \\\n      " + clauses.joined(separator: ", \\\n      "))
        let shaded =
            "splot \(file) index 0 using 1:2:3 with pm3d nocontours notitle, \\\n      \(file) "
            + "index 0 using 1:2:3 with lines nosurface lc rgb \"#777777\" notitle"
            + (clauses.isEmpty ? "" : ", \\\n      " + clauses.joined(separator: ", \\\n      "))
        let landscape = Landscape(setup: setup, view: view, mesh: mesh, shaded: shaded)
        chart.commands =
            setup + ["set view \(formatForData(view.elevation)), \(formatForData(view.turn))"]
            + landscape.drawing(textWhen: "format eq \"dumb\" || format eq \"ansi\"")
        chart.landscape = landscape
        return chart
    }
}

/// What `Chart.surface` drew, kept so that the same landscape can be turned in an animation.
public struct Landscape: Sendable {
    let setup: [String]
    let view: (elevation: Double, turn: Double)
    /// The splot command for text terminals, which cannot shade: the surface as a mesh of lines.
    let mesh: String
    /// The splot command for pictures: the shaded surface, its contour lines on the floor.
    let shaded: String

    /// Draws the mesh when gnuplot finds `condition` true, the shaded surface otherwise.
    func drawing(textWhen condition: String) -> [String] {
        [
            "if (\(condition)) {",
            "    # Text terminals cannot shade: the surface as a mesh of lines.",
            "    " + indent(mesh),
            "} else {", "    " + indent(shaded), "}",
        ]
    }

    private func indent(_ command: String) -> String {
        command.replacingOccurrences(of: "\n", with: "\n    ")
    }
}

extension Chart {
    /// The same landscape seen from all around, for `--animate`: one full turn about the vertical
    /// axis in `animation.frames` frames, at the still picture's elevation, so that the valley can
    /// be seen from every side. Nil for a chart that is not a landscape.
    public func turning(_ animation: Animation) -> Chart? {
        guard let landscape else { return nil }
        var chart = Chart(
            name: name + "-turning", title: title + ", turning", data: data, width: width,
            height: height, commands: [])
        chart.animation = animation
        // The commands name their own data file: the turning chart reads its copy.
        let rename = { (line: String) in
            line.replacingOccurrences(
                of: gnuplotQuoted(self.dataFileName), with: gnuplotQuoted(chart.dataFileName))
        }
        chart.commands =
            landscape.setup.map(rename) + [
                "do for [frame = 0:\(animation.frames - 1)] {",
                "    turn = \(formatForData(landscape.view.turn)) + frame * 360.0 / "
                    + "\(animation.frames)    # degrees about the vertical axis",
                "    set view \(formatForData(landscape.view.elevation)), turn - 360 * floor(turn "
                    + "/ 360)",
            ]
            + landscape.drawing(textWhen: "exists(\"live\") && !exists(\"window\")").map {
                "    " + rename($0).replacingOccurrences(of: "\n", with: "\n    ")
            } + ["}"]
        return chart
    }
}

/// A house colour's name, for a legend written in words.
func colourName(_ colour: Colour) -> String {
    switch colour {
    case .palette(let n):
        return ["blue", "orange-red", "green", "pink", "orange", "sky blue", "black"][n % 7]
    case .guide: return "grey"
    case .dark, .bySign: return "black"
    }
}

/// The rgb colour of a house colour, for commands that cannot use a line style.
func colourOf(_ colour: Colour) -> String {
    switch colour {
    case .palette(let n):
        return gnuplotQuoted(
            ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"][n % 7])
    case .guide: return "\"#999999\""
    case .dark, .bySign: return "\"#000000\""
    }
}
