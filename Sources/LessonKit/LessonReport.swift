import Foundation
import Plotting

/// What one run of a lesson left behind: the charts it wrote and the claims it said.
public struct LessonReport {
    public let charts: [WrittenChart]
    /// Every claim the lesson said about its run, with its numbers.
    public let claims: [any Claim]
    /// Whether it stepped through updates (`--step`) and asked questions (`--predict`).
    public var stepped = false
    public var asked = false
    /// The lesson as it was told, part by part: what the lesson book's page is made of.
    public var transcript: [Passage] = []
    /// The charts as drawn, by name: what another run can keep beneath its own as a baseline.
    public var drawn: [String: Chart] = [:]
}

/// One run of a lesson: its report and what its experiment found, as the lesson's own type.
public struct Taught<Result> {
    public let report: LessonReport
    public let result: Result
}
