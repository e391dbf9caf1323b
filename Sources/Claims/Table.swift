/// A table of results with aligned columns, as the lessons print them.
public struct Table: Sendable {
    public enum Alignment: Sendable { case left, right }

    public let headers: [String]
    public let alignments: [Alignment]
    public private(set) var rows: [[String]] = []

    /// Columns are right-aligned (numbers) unless `leftAligned` names them.
    public init(_ headers: [String], leftAligned: Set<Int> = []) {
        self.headers = headers
        self.alignments = headers.indices.map { leftAligned.contains($0) ? .left : .right }
    }

    public mutating func add(_ cells: [String]) {
        precondition(cells.count == headers.count, "a row needs one cell per column")
        rows.append(cells)
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
