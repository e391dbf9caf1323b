import Foundation

/// Turns one `Plot` into gnuplot commands. This is where the guarantees of the vocabulary are
/// kept: ranges that hold the data, log floors, keys outside the data, footnotes that say what
/// was cut off or scaled.
struct PanelScript {
    let plot: Plot
    /// The data file's name, as the commands refer to it.
    let file: String
    /// The block index of each series (nil for a series with no points), and of the contour grid.
    let blocks: [Int?]
    let contourBlock: Int?
    /// A name that is unique within the chart, for the traced contours' datablock.
    let id: Int

    /// Footnotes: the lesson's own, then what the chart had to do to the data.
    var footnotes: [String] {
        var notes = plot.notes
        let prefix = plot.name.map { "\($0): " } ?? ""
        func name(_ series: Series) -> String { prefix + (series.title ?? "a series") }
        for series in plot.series {
            let axis = series.onSecondAxis ? (plot.y2 ?? plot.y) : plot.y
            if let floor = axis.logFloor {
                let below = series.points.filter { $0.count > 1 && $0[1] < floor }.count
                if below > 0 {
                    notes.append(
                        "\(name(series)): \(below) \(below == 1 ? "value" : "values") below "
                            + "\(formatForTics(floor)) (zero included) "
                            + "\(below == 1 ? "is" : "are") drawn on the log scale's floor line at "
                            + "\(formatForTics(floor))."
                    )
                }
            }
            let outside = series.points.filter { row in
                (plot.x.range.map { !$0.contains(row[0]) } ?? false)
                    || (row.count > 1 && (axis.range.map { !$0.contains(row[1]) } ?? false))
            }.count
            if outside > 0 {
                notes.append(
                    "\(name(series)): \(outside) of its \(series.points.count) points "
                        + "\(outside == 1 ? "lies" : "lie") outside the drawn ranges and "
                        + "\(outside == 1 ? "is" : "are") not shown."
                )
            }
            if let stopped = series.stoppedBecause {
                notes.append("\(name(series)) \(stopped) (the ×).")
            }
            if series.points.isEmpty { notes.append("\(name(series)) has no points to draw.") }
            if case .arrows(let scale) = series.look {
                notes.append(
                    scale == 1
                        ? "The arrows (\(series.title ?? "vectors")) are drawn at their true "
                            + "length."
                        : "The arrows (\(series.title ?? "vectors")) are drawn at "
                            + "\(formatForTics(scale))× their true length to fit; their directions "
                            + "are exact."
                )
            }
        }
        // Two series with the same points draw one line: say so, or the key promises a line that
        // cannot be seen. Series that coincide are named together, once: "a, b and c have the same
        // values".
        let drawn = plot.series.filter { $0.title != nil && !$0.points.isEmpty }
        var named = Set<Int>()
        for (i, first) in drawn.enumerated() where !named.contains(i) {
            let later = drawn.indices.dropFirst(i + 1)
            let group = [i] + later.filter { !named.contains($0) && sameLine(first, drawn[$0]) }
            guard group.count > 1 else { continue }
            named.formUnion(group)
            let titles = group.map { drawn[$0].title! }
            let list = titles.dropLast().joined(separator: ", ") + " and " + titles.last!
            let these = group.count == 2 ? "their lines lie" : "their lines all lie"
            notes.append("\(prefix)\(list) have the same values: \(these) on top of each other.")
        }
        return notes
    }

    /// Whether two series would be drawn as one line: the same x, and y equal to a millionth.
    func sameLine(_ a: Series, _ b: Series) -> Bool {
        let floor = plot.y.logFloor ?? 0
        return a.points.count == b.points.count
            && zip(a.points, b.points).allSatisfy { p, q in
                p[0] == q[0]
                    && (abs(p[1] - q[1]) <= 1e-6 * max(abs(p[1]), abs(q[1]))
                        || (p[1] < floor && q[1] < floor))
            }
    }

    /// The commands that set up and draw the panel.
    func commands() -> [String] {
        var lines = [
            "unset label", "unset arrow", "unset object", "unset logscale", "unset y2tics",
            "unset y2label",
            "set tics nomirror", "unset colorbox",
            plot.equalScales ? "set size ratio -1" : "set size noratio",
        ]
        if let contours = plot.contours, let block = contourBlock {
            lines += traceContours(contours, block: block)
        }
        lines += axisCommands(plot.x, name: "x", extent: extent(column: 0, axis: plot.x))
        lines += axisCommands(plot.y, name: "y", extent: extent(column: 1, axis: plot.y))
        if let y2 = plot.y2 {
            lines += axisCommands(
                y2, name: "y2", extent: extent(column: 1, axis: y2, secondAxis: true))
            lines.append("set y2tics")
        }
        if let bar = plot.colourBar {
            lines += [
                bar.command,
                "set cbrange [\(formatForData(bar.range.lowerBound)):"
                    + "\(formatForData(bar.range.upperBound))]",
                "set cblabel \(gnuplotQuoted(bar.label))", "set colorbox",
            ]
        }
        for series in plot.series {
            if case .bars(let width) = series.look {
                lines += [
                    "set boxwidth \(formatForData(width))",
                    "set style fill solid 0.85 border lc rgb \"#333333\"",
                ]
            }
        }
        lines += plot.marks.flatMap(markCommands)
        let titled =
            plot.series.contains { $0.title != nil && !$0.points.isEmpty } || plot.contours != nil
        // The key goes above the plot area, in rows across its width: it never covers data.
        lines.append(titled ? "set key above center horizontal maxrows 4" : "unset key")
        return lines
    }

    /// The plot command itself; in an animation, revealed series end at row `(k / every)` of frame
    /// step `k`.
    func plotCommand(animated: Bool = false) -> String {
        var clauses: [String] = []
        if let contours = plot.contours, contourBlock != nil {
            clauses.append(
                "$contours\(id) using 1:2 with lines ls 8 lc rgb \"#6b8fb5\" title "
                    + "\(gnuplotQuoted(contours.title))"
            )
        }
        for (series, block) in zip(plot.series, blocks) {
            guard let block else { continue }
            clauses += seriesClauses(series, block: block, animated: animated)
        }
        // A panel with nothing to draw still draws its axes: a function that is nowhere defined.
        if clauses.isEmpty { clauses.append("NaN notitle") }
        return "plot " + clauses.joined(separator: ", \\\n     ")
    }

    func seriesClauses(_ series: Series, block: Int, animated: Bool) -> [String] {
        let source = "\(gnuplotQuoted(file)) index \(block)"
        let last = series.points.count - 1
        var every = ""
        var head = ""
        if animated, let step = series.revealEvery {
            let row =
                step == 1
                ? "(k < \(last) ? k : \(last))"
                : "(int(k / \(step)) < \(last) ? int(k / \(step)) : \(last))"
            every = " every ::0::\(row)"
            head = " every ::\(row)::\(row)"
        }
        let axes = series.onSecondAxis ? " axes x1y2" : ""
        var title = series.title.map(gnuplotQuoted) ?? "notitle"
        if series.stoppedBecause != nil, let name = series.title {
            title = gnuplotQuoted("\(name) ×")
        }
        if series.title != nil { title = "title " + title }
        let y = columnY(series)
        let style = lineStyle(series.colour)
        var clauses: [String]
        // A line through one point draws nothing: a lone point is drawn as a point.
        let look: Look =
            series.points.count == 1 && [.line, .dashed, .steps, .path].contains(series.look)
            ? .points : series.look
        switch look {
        case .line: clauses = ["\(source)\(every) using 1:\(y) with lines \(style) \(title)"]
        case .dashed: clauses = ["\(source)\(every) using 1:\(y) with lines \(style) dt 2 \(title)"]
        case .points:
            clauses = ["\(source)\(every) using 1:\(y) with points \(style) pt 7 ps 0.5 \(title)"]
        case .path:
            clauses = [
                "\(source)\(every) using 1:\(y) with linespoints \(style) pt 7 ps 0.6 \(title)"
            ]
        case .steps: clauses = ["\(source)\(every) using 1:\(y) with steps \(style) \(title)"]
        case .markers:
            clauses = ["\(source)\(every) using 1:\(y) with points \(style) pt 7 ps 2 \(title)"]
        case .arrows:
            clauses = [
                "\(source)\(every) using 1:2:3:4 with vectors head filled size screen 0.012,20 "
                    + "\(style) lw 1.6 \(title)"
            ]
        case .segments:
            clauses = ["\(source)\(every) using 1:2:3:4 with vectors nohead \(style) dt 2 \(title)"]
        case .bars:
            if series.colour == .bySign {
                clauses = [
                    "\(source) using 1:\(y):($2 >= 0 ? 0xb2182b : 0x2166ac) with boxes lc rgb "
                        + "variable \(title)"
                ]
            } else {
                clauses = ["\(source) using 1:\(y) with boxes \(style) \(title)"]
            }
        case .colouredPoints:
            clauses = ["\(source)\(every) using 1:2:3 with points pt 7 ps 0.4 lc palette \(title)"]
        }
        clauses[0] += axes
        if !head.isEmpty && series.markHead {
            clauses.append(
                "\(source)\(head) using 1:\(y) with points \(style) pt 7 ps 2 notitle\(axes)")
        }
        if series.stoppedBecause != nil, last >= 0 {
            let row = animated && series.revealEvery != nil ? "" : " every ::\(last)::\(last)"
            if row.isEmpty == false {
                clauses.append(
                    "\(source)\(row) using 1:\(y) with points \(style) pt 2 ps 2.5 lw 2 "
                        + "notitle\(axes)"
                )
            }
        }
        return clauses
    }

    /// The y column, held at the floor of a log axis so zeros and negatives still show.
    func columnY(_ series: Series) -> String {
        let axis = series.onSecondAxis ? (plot.y2 ?? plot.y) : plot.y
        guard let floor = axis.logFloor else { return "2" }
        return "($2 > \(formatForData(floor)) ? $2 : \(formatForData(floor)))"
    }

    func lineStyle(_ colour: Colour) -> String {
        switch colour {
        case .palette(let n): return "ls \(paletteStyle(n))"
        case .guide: return "ls 8"
        case .dark, .bySign: return "ls 7"
        }
    }

    /// The smallest and largest value in `column` over every series on this axis, with arrows'
    /// tips, bar edges, marks and the contour grid included.
    func extent(column: Int, axis: Axis, secondAxis: Bool = false) -> ClosedRange<Double>? {
        var values: [Double] = []
        let onAxis =
            column == 0 ? plot.series : plot.series.filter { $0.onSecondAxis == secondAxis }
        for series in onAxis {
            for row in series.points where row.count > column {
                var value = row[column]
                if let floor = axis.logFloor { value = max(value, floor) }
                values.append(value)
                if series.look.hasDirection, row.count > column + 2 {
                    values.append(row[column] + row[column + 2])
                }
                if case .bars(let width) = series.look {
                    if column == 0 {
                        values += [value - width / 2, value + width / 2]
                    } else if axis.logFloor == nil {
                        values.append(0)
                    }
                }
            }
        }
        if !secondAxis {
            for mark in plot.marks {
                switch mark {
                case .level(let y, _) where column == 1: values.append(y)
                case .threshold(let x, _) where column == 0: values.append(x)
                case .band(let range, _, _) where column == 0:
                    values += [range.lowerBound, range.upperBound]
                case .note(_, let x, let y): values.append(column == 0 ? x : y)
                default: break
                }
            }
            if let contours = plot.contours, values.isEmpty || column < 2 {
                values += contours.grid.map { $0[column] }
            }
        }
        guard let low = values.min(), let high = values.max() else { return nil }
        return low...high
    }

    func axisCommands(_ axis: Axis, name: String, extent: ClosedRange<Double>?) -> [String] {
        var lines = ["set \(name)label \(gnuplotQuoted(axis.label))"]
        if axis.logFloor != nil {
            lines += ["set logscale \(name)", "set format \(name) \"%g\""]
        } else {
            lines.append("set format \(name) \"% g\"")
        }
        if let range = axis.range
            ?? extent.map({
                padded($0, log: axis.logFloor != nil, contour: plot.contours != nil && name != "y2")
            })
        {
            lines.append(
                "set \(name)range "
                    + "[\(formatForData(range.lowerBound)):\(formatForData(range.upperBound))]"
            )
            let span = range.upperBound - range.lowerBound
            if axis.wholeNumbers && axis.namedTics.isEmpty {
                lines.append("set \(name)tics \(formatForData(niceStep(span / 8, atLeast: 1)))")
            } else if name == "x" && axis.namedTics.isEmpty && axis.logFloor == nil && span > 0 {
                // About five tics, so their labels never run into each other in a narrow panel.
                lines.append("set xtics \(formatForData(niceStep(span / 5, atLeast: 0)))")
            }
        } else {
            lines += ["set \(name)range [*:*]", "set \(name)tics autofreq"]
        }
        if !axis.namedTics.isEmpty {
            lines.append(
                "set \(name)tics ("
                    + axis.namedTics.map { "\(gnuplotQuoted($0.label)) \(formatForData($0.at))" }
                    .joined(separator: ", ") + ")")
        } else if !axis.wholeNumbers && !(name == "x" && axis.logFloor == nil) {
            lines.append("set \(name)tics autofreq")
        }
        return lines
    }

    /// The data's extent with a little room around it, so no point sits on the border.
    func padded(_ extent: ClosedRange<Double>, log: Bool, contour: Bool) -> ClosedRange<Double> {
        if contour {
            let room = 0.02 * (extent.upperBound - extent.lowerBound)
            return (extent.lowerBound - room)...(extent.upperBound + room)
        }
        if log {
            // Out to the next 1, 2 or 5 times a power of ten, with room to spare, and to a whole
            // decade if the range would hold none, so that at least one tic is labelled.
            let steps = [1.0, 2, 5]
            func below(_ x: Double) -> Double {
                let p = pow(10, floor(log10(x)))
                return steps.map { $0 * p }.last { $0 < x } ?? p / 2
            }
            func above(_ x: Double) -> Double {
                let p = pow(10, floor(log10(x)))
                return (steps + [10]).map { $0 * p }.first { $0 > x } ?? 10 * p
            }
            var low = below(extent.lowerBound * 0.98)
            var high = above(extent.upperBound / 0.98)
            if floor(log10(low)) == floor(log10(high)) {
                (low, high) = (pow(10, floor(log10(low))), pow(10, floor(log10(low)) + 1))
            }
            if high <= low { high = 10 * low }
            return low...high
        }
        let span = extent.upperBound - extent.lowerBound
        let room = span > 0 ? 0.05 * span : max(abs(extent.lowerBound) * 0.1, 1)
        return (extent.lowerBound - room)...(extent.upperBound + room)
    }

    func markCommands(_ mark: Mark) -> [String] {
        switch mark {
        case let .level(y, text):
            return [
                "set arrow from graph 0, first \(formatForData(y)) to graph 1, first "
                    + "\(formatForData(y)) nohead ls 8 back",
                "set label \(gnuplotQuoted(text)) at graph 0.01, first \(formatForData(y)) offset "
                    + "0,0.7 font \",9\" front",
            ]
        case let .threshold(x, text):
            return [
                "set arrow from first \(formatForData(x)), graph 0 to first \(formatForData(x)), "
                    + "graph 0.9 nohead ls 8 lc rgb \"#333333\" back",
                "set label \(gnuplotQuoted(text)) at first \(formatForData(x)), graph 0.03 offset "
                    + "0.5,0 font \",10\" front",
            ]
        case let .band(range, text, colour):
            let colours = [
                "#56B4E9", "#009E73", "#E69F00", "#D55E00", "#CC79A7", "#0072B2", "#999999",
            ]
            return [
                "set object rect from first \(formatForData(range.lowerBound)), graph 0 to first "
                    + "\(formatForData(range.upperBound)), graph 1 "
                    + "fc rgb \"\(colours[colour % colours.count])\" fs transparent solid 0.18 "
                    + "noborder behind",
                "set label \(gnuplotQuoted(text)) at first "
                    + "\(formatForData((range.lowerBound + range.upperBound) / 2)), graph 0.96 "
                    + "center font \",10\" front",
            ]
        case let .note(text, x, y):
            return [
                "set label \(gnuplotQuoted(text)) at first \(formatForData(x)), first "
                    + "\(formatForData(y)) offset 0,1.2 center font \",10\" front"
            ]
        }
    }

    /// gnuplot traces the contour lines of the grid into a datablock, so the plot can draw them in
    /// 2-D.
    func traceContours(_ contours: ContourMap, block: Int) -> [String] {
        [
            "# gnuplot traces the contour lines of the grid into $contours\(id); the plot draws "
                + "them in 2-D.",
            "set contour base", "unset surface", "set view map",
            "set cntrparam levels discrete "
                + contours.levels.map(formatForData).joined(separator: ", "),
            "set table $contours\(id)",
            "splot \(gnuplotQuoted(file)) index \(block) using 1:2:3 with lines notitle",
            "unset table", "unset contour", "set surface",
        ]
    }
}

/// A step of 1, 2 or 5 times a power of ten, near `raw` and no smaller than `atLeast`.
func niceStep(_ raw: Double, atLeast minimum: Double) -> Double {
    guard raw > minimum else { return minimum }
    let power = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
    return max(step, minimum)
}

/// A number for a footnote or a tic: 1e-12, 0.5, 1000.
func formatForTics(_ x: Double) -> String {
    String(format: "%g", x)
}
