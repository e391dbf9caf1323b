import ArgumentParser
import Backprop
import Claims
import Experiments
import Figures
import Foundation
import LessonKit
import PropertyBased
import TestSupport
import Testing

@testable import LessonRunner
@testable import Lessons

/// A lesson that exists only in this file. It is added to the catalogue here and nowhere else, to
/// show that one catalogue line is all the wiring a new lesson needs: it is listed, run by number,
/// fuzzed, and its claims are checked, by the same code that covers the written lessons.
struct AddedLesson: Lesson {
    static let info = LessonInfo(
        number: Catalogue.written.count + 1, slug: "added-by-a-test",
        title: "A lesson added by a test", video: .campusX,
        segment: "the update rule w ← w − η·∂L/∂w",
        summary: "One descent down the bowl, told in a few lines.",
        words: [.learningRate, .step])
    static let says: [any Claim.Type] = [DescentClaim.self]

    @OptionGroup var common: LessonOptions
    @OptionGroup var step: StepOption
    @Option(parsing: .unconditional, help: "Learning rate η.")
    var lr = 0.3
    @Option(parsing: .unconditional, help: "Number of steps.")
    var steps = 10

    var stepping: StepOption? { step }

    static let suggestions = [Suggestion(["--lr", "1.2"], "Past the divergence threshold.")]

    func validate() throws {
        try Check.positive(lr, "--lr")
        try Check.atMost(lr, "--lr", 1e6)
        try Check.count(steps, "--steps", in: 1...1000)
    }

    var experiment: CurveDescent {
        CurveDescent(
            curve: .quadratic, start: LossCurve.quadratic.defaultStart, settings: [.plain(lr)],
            steps: steps, tolerance: 1e-3, divergenceBound: 1e6)
    }

    func teach(_ lesson: LessonContext) throws -> CurveDescentResult {
        lesson.say.compute(experiment.plan)
        let result = experiment.run(taken: lesson.stepThrough(experiment))
        lesson.claim("Where it ended", [ClaimParagraph([result.outcome(0)] + result.ending(0))])
        try lesson.draw(result.pathOnCurve())
        lesson.suggest(Self.suggestions)
        return result
    }

    static let trials = Trials([
        Trial("lr", .number(1e-300...1e6, decades: true, at: [0.3, 0.5, 1, 1.2])),
        Trial("steps", .count(1...1000, at: [1, 10])),
    ])
}

@Suite("A lesson added to the catalogue needs no other wiring")
struct AddedLessonTests {
    static let number = AddedLesson.info.number

    @Test("It is listed, with its summary, and in the glossary under its words")
    func listed() {
        var listing: [String] = []
        var terms: [String] = []
        Catalogue.adding([AddedLesson.self]) {
            printCatalog(write: { listing.append($0) })
            printGlossary(write: { terms.append($0) })
        }
        let row = listing.first { $0.contains("added-by-a-test") }
        #expect(row?.contains(String(Self.number)) == true, "\(listing)")
        #expect(listing.contains { $0.contains(AddedLesson.info.summary) })
        // The learning rate's entry names every lesson that uses the words, this one last.
        let rate = terms.firstIndex { $0.hasSuffix("η (learning rate)") }
        let users = rate.flatMap { terms[($0 + 1)...].first { $0.contains("lessons:") } }
        #expect(users?.hasSuffix(", \(Self.number)") == true, "\(users ?? "no entry")")
        // Outside the scope that added it, the lesson is gone again.
        #expect(lesson(named: String(Self.number)) == nil)
    }

    @Test("It runs by number and by name, writes its chart, and refuses a bad option with 64")
    func run() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent(
            "added-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        var printed: [String] = []
        var errors: [String] = []
        let environment = LessonEnvironment(
            write: { printed.append($0) }, gnuplot: nil, progress: { _ in })
        let (byNumber, byName, refused, help) = Catalogue.adding([AddedLesson.self]) {
            (
                LessonCommand.execute(
                    [String(Self.number), "--out", out.path, "--no-render"],
                    environment: environment, error: { errors.append($0) }),
                LessonCommand.execute(
                    ["added-by-a-test", "--out", out.path, "--no-render", "--lr", "1.2"],
                    environment: environment, error: { errors.append($0) }),
                LessonCommand.execute(
                    [String(Self.number), "--lr", "-1"], environment: environment,
                    error: { errors.append($0) }),
                AddedLesson.helpMessage()
            )
        }
        #expect(byNumber == 0 && byName == 0 && refused == 64)
        #expect(errors == ["Error: --lr must be a positive finite number (got -1)"])
        #expect(printed.contains { $0.contains("Where it ended") })
        let folder = out.appendingPathComponent(AddedLesson.info.folderName)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.contains { $0.hasSuffix(".gp") } && files.contains { $0.hasSuffix(".dat") })
        #expect(help.contains("--step") && !help.contains("--predict"))
    }

    @Test("It is fuzzed: random command lines each give the exit they must")
    func fuzzed() {
        var generator = SeededGenerator(seed: 99)
        Catalogue.adding([AddedLesson.self]) {
            for _ in 0..<24 {
                let (number, arguments) = ArgumentVectors.random(
                    for: AddedLesson.self, using: &generator)
                ArgumentVectors.check(number, arguments)
            }
        }
    }

    @Test("Its claims are checked on runs drawn from its trials, by the checkers of their kinds")
    func claimsChecked() async {
        let tally = await Catalogue.adding([AddedLesson.self]) { await sweep(AddedLesson.self) }
        #expect(tally.runs == generatedCount && tally.claims > 0)
    }
}
