import Plotting

/// A 28×28 picture as a gnuplot heat map: one row of the data file per pixel (column, row, value),
/// drawn `with image` with row 0 at the top, as the digit was written.
func imageChart(
    name: String, title: String, values: [Double], side: Int = 28, palette: String, range: (Double, Double), valueLabel: String
) -> Chart {
    var data = DataFile(columns: ["column", "row", valueLabel], notes: ["\(side)×\(side) values, row by row from the top"])
    data.add(title, rows: values.enumerated().map { [Double($0.offset % side), Double($0.offset / side), $0.element] }, rowsPerScan: side)
    var chart = Chart(name: name, title: title, data: data, width: 640, height: 600, commands: [])
    chart.commands = [
        "set size ratio -1", "unset grid", "unset key",
        "set xrange [-0.5:\(side) - 0.5]", "set yrange [\(side) - 0.5:-0.5]",
        "set xtics 0,7", "set ytics 0,7", "set xlabel \"pixel column\"", "set ylabel \"pixel row\"",
        palette,
        "set cbrange [\(formatForData(range.0)):\(formatForData(range.1))]",
        "set cblabel \(gnuplotQuoted(valueLabel))",
        "# Text terminals cannot shade pixels: there, strong values are drawn as characters instead.",
        "threshold = \(formatForData(0.25 * max(abs(range.0), abs(range.1))))",
        "if (format eq \"dumb\") {",
        "    plot " + chart.series(0, using: "1:($3 > threshold ? $2 : NaN)", style: "points pt \"#\"") + ", \\",
        "         " + chart.series(0, using: "1:($3 < -threshold ? $2 : NaN)", style: "points pt \"o\""),
        "} else {",
        "    plot " + chart.series(0, using: "1:2:3", style: "image"),
        "}",
    ]
    return chart
}

/// White for 0 to black for 1: ink on paper.
let inkPalette = "set palette gray negative"

/// Blue for negative, white for zero, red for positive: which way each value wants to move.
let divergingPalette = "set palette defined (-1 \"#2166ac\", 0 \"#f7f7f7\", 1 \"#b2182b\")"

/// Several 28×28 pictures side by side, each with a short title: a grid of small multiples.
func imageGridChart(
    name: String, title: String, images: [(title: String, values: [Double])], columns: Int,
    palette: String, range: (Double, Double), note: String
) -> Chart {
    var data = DataFile(columns: ["column", "row", "value"], notes: [note, "one block per picture, 28×28 values row by row from the top"])
    for image in images {
        data.add(image.title, rows: image.values.enumerated().map { [Double($0.offset % 28), Double($0.offset / 28), $0.element] }, rowsPerScan: 28)
    }
    let rows = max(1, (images.count + columns - 1) / columns)
    var chart = Chart(name: name, title: title, data: data, width: 110 * columns + 60, height: 125 * rows + 70, commands: [])
    chart.commands = [
        "set multiplot layout \(rows),\(columns) title \(gnuplotQuoted(title)) font \",13\" margins 0.02,0.98,0.02,0.9 spacing 0.01,0.04",
        "unset key", "unset tics", "unset border", "unset grid", "unset colorbox", "set size ratio -1",
        "set xrange [-0.5:27.5]", "set yrange [27.5:-0.5]", palette,
        "set cbrange [\(formatForData(range.0)):\(formatForData(range.1))]",
    ]
    for (index, image) in images.enumerated() {
        chart.commands += [
            "set title \(gnuplotQuoted(image.title)) font \",10\" offset 0,-0.6",
            "if (format eq \"dumb\") { plot " + chart.series(index, using: "1:(abs($3) > \(formatForData(0.4 * max(abs(range.0), abs(range.1)))) ? $2 : NaN)", style: "points pt \"#\"")
                + " } else { plot " + chart.series(index, using: "1:2:3", style: "image") + " }",
        ]
    }
    chart.commands.append("unset multiplot")
    return chart
}
