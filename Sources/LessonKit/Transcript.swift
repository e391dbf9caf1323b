import Claims
import Plotting

/// One part of a lesson as it was told, kept beside the printed lines so that another
/// presentation (the lesson book's page) tells the same lesson from the same words and numbers.
public enum Passage: @unchecked Sendable {
    /// What the video says, or what the lesson computes: a heading over paragraphs.
    case narrative(heading: String, paragraphs: [String])
    /// The words the lesson uses, each with its meaning.
    case words(heading: String, [Term])
    /// A table of results.
    case table(heading: String, Table)
    /// Sentences about the run, each a claim with its numbers.
    case claims(heading: String, [any Claim])
    /// Sentences under a heading that are not claims about the run.
    case lines(heading: String, [String])
    /// Points to take away; `claims` holds them when they were said as claims.
    case bullets(heading: String, [String], claims: [any Claim])
    /// The charts written, in the order drawn.
    case charts(heading: String, [DrawnChart])
    /// The questions `--predict` asks before the lesson computes.
    case questions([String])
    /// What the run answered to each question: the question and the run's own reason.
    case answers([Prediction])
    /// Commands to try next, each with why.
    case tryThis([(command: String, why: String)])
    /// A line said as it is.
    case plain(String)
}

extension Passage {
    /// The passage without what was measured with a clock (a table's `measured` columns, a
    /// claim's `measured`), which differs from run to run: the terminal says it, the transcript
    /// (and so the lesson book) keeps only what can be counted. Nil when nothing is left.
    var counted: Passage? {
        switch self {
        case .table(let heading, let table):
            return .table(heading: heading, table.counted)
        case .claims(let heading, let claims):
            let kept = claims.filter { !$0.measured }
            return kept.isEmpty ? nil : .claims(heading: heading, kept)
        case .bullets(let heading, let points, let claims) where !claims.isEmpty:
            let kept = claims.filter { !$0.measured }
            return kept.isEmpty
                ? nil : .bullets(heading: heading, kept.map(\.sentence), claims: kept)
        default:
            return self
        }
    }
}

/// A chart as a lesson drew it: its title and the files it became.
public struct DrawnChart: Sendable {
    public let title: String
    public let written: WrittenChart
}
