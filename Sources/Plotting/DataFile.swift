import Foundation

/// One series in a data file; gnuplot picks it with `index N`, counting from 0.
public struct DataBlock: Sendable {
    /// What the series is, written as a comment above it and usable as a legend title.
    public var title: String
    /// The rows, one number per column.
    public var rows: [[Double]]
    /// For a grid (contour plots), the number of rows in one scan line; gnuplot wants a
    /// single blank line between scan lines. Nil for an ordinary series.
    public var rowsPerScan: Int?

    public init(title: String, rows: [[Double]], rowsPerScan: Int? = nil) {
        self.title = title
        self.rows = rows
        self.rowsPerScan = rowsPerScan
    }
}

/// A plain-text data file for gnuplot: whitespace-separated columns under a `#` header that
/// names every column, and one block per series separated by two blank lines.
public struct DataFile: Sendable {
    /// The names of the columns, in order; used in the header.
    public var columns: [String]
    /// The series, in the order `index 0`, `index 1`, …
    public private(set) var blocks: [DataBlock] = []
    /// Lines of explanation written at the top, each as a comment.
    public var notes: [String]

    public init(columns: [String], notes: [String] = []) {
        self.columns = columns
        self.notes = notes
    }

    /// Adds a series and returns its gnuplot index.
    @discardableResult
    public mutating func add(_ title: String, rows: [[Double]], rowsPerScan: Int? = nil) -> Int {
        blocks.append(DataBlock(title: title, rows: rows, rowsPerScan: rowsPerScan))
        return blocks.count - 1
    }

    /// The file's text. Rows holding a value that is not a finite number are left out,
    /// so an infinity or NaN never reaches gnuplot.
    public func text() -> String {
        var lines = notes.map { "# \($0)" }
        lines.append("# columns: " + columns.joined(separator: "  "))
        for (index, block) in blocks.enumerated() {
            if index > 0 {
                lines.append("")
                lines.append("")
            }
            lines.append("# index \(index): \(block.title)")
            for (rowNumber, row) in block.rows.enumerated() {
                if let scan = block.rowsPerScan, rowNumber > 0, rowNumber % scan == 0 {
                    lines.append("")
                }
                guard row.allSatisfy(\.isFinite) else { continue }
                lines.append(row.map(formatForData).joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A number as it is written to data files: ten significant digits, the same on every run.
public func formatForData(_ x: Double) -> String {
    x == 0 ? "0" : String(format: "%.10g", x)
}
