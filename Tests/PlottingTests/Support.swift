import Foundation
import Plotting
import TestSupport

/// The width and height stored in a PNG's IHDR chunk, or nil if `data` is not a PNG.
func pngSize(_ data: Data) -> (width: Int, height: Int)? {
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    guard data.count >= 24, Array(data.prefix(8)) == signature else { return nil }
    let bytes = Array(data[16..<24])
    let width = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
    let height = bytes[4..<8].reduce(0) { $0 << 8 | Int($1) }
    return (width, height)
}

/// A small chart with two series, for the tests.
func sampleChart(name: String = "sample", commands: [String]? = nil) -> Chart {
    var data = DataFile(columns: ["x", "y"], notes: ["a test chart"])
    data.add("squares", rows: (0...4).map { [Double($0), Double($0 * $0)] })
    data.add("line", rows: [[0, 0], [4, 16]])
    var chart = Chart(
        name: name, title: "Squares and a \"line\"", data: data, width: 640, height: 480,
        commands: [])
    chart.commands =
        commands ?? [
            "set xlabel \"x\"",
            "plot " + chart.series(0, using: "1:2", style: "linespoints ls 1", title: "x²") + ", "
                + chart.series(1, using: "1:2", style: "lines ls 2", title: "chord"),
        ]
    return chart
}
