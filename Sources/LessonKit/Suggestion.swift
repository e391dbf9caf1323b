import Foundation

/// A "try this" command: the options to add to the lesson, and why.
public struct Suggestion: Sendable {
    /// The words after `swift run lesson N`.
    public let arguments: [String]
    public let why: String
    /// Suggest a release build (`swift run -c release`), for the long runs.
    public let release: Bool

    public init(_ arguments: [String], _ why: String, release: Bool = false) {
        self.arguments = arguments
        self.why = why
        self.release = release
    }

    /// The command as the learner types it.
    public func command(for info: LessonInfo) -> String {
        (["swift", "run"] + (release ? ["-c", "release"] : []) + ["lesson", String(info.number)]
            + arguments).joined(separator: " ")
    }
}
