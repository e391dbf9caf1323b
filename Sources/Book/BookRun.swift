import Claims
import Foundation
import LessonKit
import Plotting

/// One run of a lesson for the book: what it told, part by part, and where its pictures went.
struct BookRun {
    /// The words after `swift run lesson N` that make this run.
    let arguments: [String]
    let transcript: [Passage]
    /// Every claim the run made, for the tests' checkers.
    let claims: [any Claim]
    /// Each chart's picture, by the chart's name.
    var pictures: [String: Picture] = [:]
    /// Each chart drawn for print at its printed size, by the chart's name, for the lesson's own
    /// run.
    var paper: [String: (picture: Picture, atSize: Bool)] = [:]
    /// Each chart's data file and script, by the chart's name, for the lesson's own run.
    var sources: [String: (data: String, script: String)] = [:]

    /// The passages before the run's own: the words and what the video says. They are the same
    /// in every run of a lesson, so a page shows them once, above the slider.
    var opening: ArraySlice<Passage> {
        transcript.prefix { passage in
            switch passage {
            case .words: return true
            case .narrative(let heading, _):
                return heading.hasPrefix("What the video says")
                    || [Narrator.beyondHeading, Narrator.testingHeading].contains(heading)
            default: return false
            }
        }
    }

    /// The passages that belong to this run: from what it computes to what to notice.
    var body: [Passage] {
        transcript.dropFirst(opening.count).filter {
            if case .tryThis = $0 { return false }
            return true
        }
    }

    /// The commands to try next.
    var suggestions: [(command: String, why: String)] {
        transcript.flatMap { passage -> [(command: String, why: String)] in
            if case .tryThis(let suggestions) = passage { return suggestions }
            return []
        }
    }

    /// What the run says to notice: the points a suggested command's run answers with.
    var noticed: [String] {
        transcript.flatMap { passage -> [String] in
            if case .bullets(let heading, let points, _) = passage, heading == "What to notice" {
                return points
            }
            return []
        }
    }

    /// The questions `--predict` asked, each with the run's answer.
    var predictions: [Prediction] {
        transcript.flatMap { passage -> [Prediction] in
            if case .answers(let predictions) = passage { return predictions }
            return []
        }
    }
}

/// A chart's picture in the book: its path from the book's folder, and its width and height (an
/// SVG's view box), so that the page keeps its shape at any width.
struct Picture {
    let path: String
    let width: Int
    let height: Int
    /// Shown as a still image (a live page's, under its strict content policy): no script, no
    /// style of its own.
    var still = false

    /// Reads the size from an SVG's `viewBox`, or takes gnuplot's usual 4:3 for anything else.
    init(path: String, content: Data) {
        self.path = path
        let head = String(decoding: content.prefix(2000), as: UTF8.self)
        let box = head.firstMatch(of: /viewBox="0 0 ([0-9]+) ([0-9]+)"/)
        width = box.flatMap { Int($0.output.1) } ?? 640
        height = box.flatMap { Int($0.output.2) } ?? 480
    }
}
