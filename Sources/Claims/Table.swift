/// A table of results with aligned columns, as the lessons print them.
public struct Table: Sendable {
    public enum Alignment: Sendable { case left, right }

    public let headers: [String]
    public let alignments: [Alignment]
    public private(set) var rows: [[String]] = []
    /// The columns that hold times measured with a clock: printed in the terminal, left out of
    /// the lesson book, whose pages are the same bytes on every run.
    public var measured: Set<Int> = []

    /// Columns are right-aligned (numbers) unless `leftAligned` names them.
    public init(_ headers: [String], leftAligned: Set<Int> = []) {
        self.headers = headers
        self.alignments = headers.indices.map { leftAligned.contains($0) ? .left : .right }
    }

    public mutating func add(_ cells: [String]) {
        precondition(cells.count == headers.count, "a row needs one cell per column")
        rows.append(cells)
    }

    /// The table without its measured columns: only what can be counted or computed again.
    public var counted: Table {
        let kept = headers.indices.filter { !measured.contains($0) }
        var table = Table(
            kept.map { headers[$0] },
            leftAligned: Set(kept.indices.filter { alignments[kept[$0]] == .left }))
        for row in rows { table.add(kept.map { row[$0] }) }
        return table
    }

    /// The table as lines: header, a rule, then the rows, columns separated by two spaces.
    public func lines() -> [String] {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func render(_ cells: [String]) -> String {
            cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return alignments[column] == .left
                    ? cells[column] + padding : padding + cells[column]
            }.joined(separator: "  ").replacingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return [render(headers), rule] + rows.map(render)
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
