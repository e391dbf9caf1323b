import Foundation
import Plotting
import Testing

@testable import Backprop
@testable import LessonKit
@testable import Lessons

/// One lesson run: its defaults, or one of the "try this" commands it suggests.
struct LessonCase: Sendable, CustomTestStringConvertible {
    let number: Int
    let arguments: [String]
    var testDescription: String {
        "lesson \(number) " + (arguments.isEmpty ? "(defaults)" : arguments.joined(separator: " "))
    }

    /// Every lesson with its defaults, then with each command it suggests. `DIR` stands for a full
    /// MNIST folder; those cases run only when one is beside the project.
    static let all: [LessonCase] = catalog.flatMap { type in
        [LessonCase(number: type.info.number, arguments: [])]
            + type.suggestions.compactMap { suggestion in
                guard suggestion.arguments.contains("DIR") else {
                    return LessonCase(number: type.info.number, arguments: suggestion.arguments)
                }
                guard FileManager.default.fileExists(atPath: fullMNIST.path) else { return nil }
                return LessonCase(
                    number: type.info.number,
                    arguments: suggestion.arguments.map { $0 == "DIR" ? fullMNIST.path : $0 })
            }
    }
}

/// Every lesson, with its defaults and with every command it suggests: it runs cleanly, gnuplot
/// draws every chart without a word of warning, and what it says fits the numbers it computed.
struct TryThisTests {
    @Test(
        "Runs cleanly, draws without warnings, and its narration fits its numbers",
        arguments: LessonCase.all)
    func tryThis(_ run: LessonCase) throws {
        let type = try #require(lesson(named: String(run.number)))
        let result = try runLesson(type, run.arguments)
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
        try expectNarrationFits(run.number, result)
        // The words the lesson explains at its top are words it then uses.
        if run.arguments.isEmpty {
            let words = result.section("Words used here (all of them: `swift run lesson terms`)")
            let rest = result.text.replacingOccurrences(of: words, with: "")
            for term in type.info.words {
                #expect(
                    rest.contains(term.mark),
                    "lesson \(run.number) explains \(term.name) but never uses \(term.mark)")
            }
        }
    }
}

/// Every lesson says claims about its run; each is checked, from the raw numbers, on hundreds of
/// generated runs in ClaimsTests.
func expectNarrationFits(_ number: Int, _ run: LessonRun) throws {
    #expect(!run.claims.isEmpty, "lesson \(number) made no claims")
}
