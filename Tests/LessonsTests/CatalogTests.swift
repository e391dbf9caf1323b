import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import LessonKit
@testable import Lessons

/// What the catalogue declares is what each lesson does: every test here walks `catalog`, so a
/// lesson added to it is covered with no other edit.
struct CatalogTests {
    static let numbers = catalog.map { $0.info.number }

    @Test("Numbers and names are unique, and numbered 1, 2, 3, … in order")
    func numbering() {
        #expect(Self.numbers == Array(1...catalog.count))
        #expect(Set(catalog.map { $0.info.slug }).count == catalog.count)
    }

    @Test(
        "--help offers --step and --predict exactly where the lesson declares them",
        arguments: numbers)
    func help(number: Int) throws {
        let type = try #require(lesson(named: String(number)))
        let help = type.helpMessage()
        // The flag itself, not --steps.
        let step = try Regex("--step(?![a-z-])")
        #expect(help.contains(step) == type.offersStep, "\(help)")
        #expect(help.contains("--predict") == type.offersPredict, "\(help)")
    }

    @Test(
        "A lesson that offers --step steps, and one that offers --predict asks", arguments: numbers)
    func offers(number: Int) throws {
        let type = try #require(lesson(named: String(number)))
        var arguments = ["--out", try temporaryFolder().path, "--no-render", "--quiet"]
        if type.offersStep { arguments.append("--step") }
        if type.offersPredict { arguments.append("--predict") }
        let chosen = try type.parse(arguments)
        let shown = Lines()
        let answers = Lines()
        answers.lines = ["1", "1", "1"]
        let report = try chosen.run(
            in: LessonEnvironment(
                write: { shown.lines.append($0) }, gnuplot: nil, progress: { _ in },
                readAnswer: { answers.lines.isEmpty ? nil : answers.lines.removeFirst() },
                prompt: { _ in }, readKey: typing("a")))
        let text = shown.lines.joined(separator: "\n")
        #expect(report.stepped == type.offersStep)
        #expect(report.asked == type.offersPredict)
        #expect(text.contains("Your predictions") == type.offersPredict)
    }

    @Test(
        "--step and --predict where a lesson does not offer them are usage errors",
        arguments: numbers)
    func refused(number: Int) throws {
        let type = try #require(lesson(named: String(number)))
        for (flag, offered) in [("--step", type.offersStep), ("--predict", type.offersPredict)]
        where !offered {
            #expect(throws: (any Error).self) { _ = try type.parse([flag]) }
        }
    }
}
