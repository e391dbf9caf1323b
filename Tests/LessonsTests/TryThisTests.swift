import Foundation
import Plotting
import TestSupport
import Testing

@testable import Backprop
@testable import LessonKit
@testable import Lessons

/// One "try this" command a lesson suggests.
struct LessonCase: Sendable, CustomTestStringConvertible {
    let number: Int
    let arguments: [String]
    var testDescription: String { "lesson \(number) " + arguments.joined(separator: " ") }

    /// Every command every lesson suggests; the defaults are the end-to-end tests' (a suggestion
    /// of a release build with no options is the defaults too). `DIR` stands for a full MNIST
    /// folder; those cases run only when one is beside the project. A long run suggested for a
    /// release build runs here for one epoch, where the lesson has epochs.
    static let all: [LessonCase] = catalog.flatMap { type in
        type.suggestions.compactMap { suggestion -> LessonCase? in
            guard !suggestion.arguments.isEmpty else { return nil }
            if suggestion.arguments.contains("DIR"),
                !FileManager.default.fileExists(atPath: fullMNIST.path)
            {
                return nil
            }
            let short =
                suggestion.release && type.helpMessage().contains("--epochs")
                ? ["--epochs", "1"] : []
            let arguments = suggestion.arguments.map { $0 == "DIR" ? fullMNIST.path : $0 }
            return LessonCase(number: type.info.number, arguments: arguments + short)
        }
    }
}

/// Every command a lesson suggests: it runs cleanly, gnuplot draws every chart without a word of
/// warning, and it says what to notice. What it says is checked on generated runs (ClaimsTests).
struct TryThisTests {
    @Test(
        "A suggested command runs cleanly, draws without warnings, and says what to notice",
        arguments: LessonCase.all)
    func tryThis(_ run: LessonCase) throws {
        let type = try #require(lesson(named: String(run.number)))
        let result = try runChosen(type, run.arguments)
        for chart in result.charts {
            #expect(chart.warnings.isEmpty, "gnuplot warned about \(chart.name): \(chart.warnings)")
            if installedGnuplot != nil {
                #expect(!chart.images.isEmpty, "\(chart.name) was not drawn")
            }
        }
        #expect(!result.notice.isEmpty, "no \"What to notice\"")
        let plural = try Regex(
            #"\b1 (steps|epochs|examples|points|starts|times|passes|values|rates)\b"#)
        #expect(result.text.firstMatch(of: plural) == nil, "a plural after 1 in: \(result.text)")
        #expect(!result.claims.isEmpty, "lesson \(run.number) made no claims")
    }
}
