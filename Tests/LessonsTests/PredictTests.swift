import Foundation
import TestSupport
import Testing

@testable import LessonKit
@testable import Lessons

/// Runs a lesson with `--predict`, the answers given one a line as if piped in, or as if typed at
/// a terminal (`typed`).
func predicting<L: Lesson>(
    _ type: L.Type, _ arguments: [String], answers: [String], typed: Bool = false
) throws -> (lines: [String], out: URL) {
    let out = try temporaryFolder().appendingPathComponent("out")
    let transcript = Lines()
    var remaining = answers
    let lesson = try type.parse(["--out", out.path, "--predict", "--no-render"] + arguments)
    var environment = LessonEnvironment(
        write: { transcript.lines.append($0) }, gnuplot: nil, progress: { _ in },
        readAnswer: { remaining.isEmpty ? nil : remaining.removeFirst() }, prompt: { _ in })
    environment.asksAgain = typed
    try lesson.run(in: environment)
    return (transcript.lines, out)
}

struct PredictTests {
    @Test(
        """
        On a terminal, an answer that does not read is asked for again, once, saying what reads; \
        from a pipe, or a second time, it is taken as it is, and said unreadable afterwards
        """
    )
    func askedAgain() throws {
        let typed = try predicting(
            DescentInOneDimension.self, [], answers: ["banana", "about 40", "maybe", "perhaps"],
            typed: true
        ).lines
        #expect(
            typed.filter { $0.contains(" as an answer: give") } == [
                "     I could not read banana as an answer: give a number, or never.",
                "     I could not read maybe as an answer: give yes or no.",
            ])
        // Asked again once only: the second unreadable answer is taken, and said so afterwards.
        #expect(
            typed.contains {
                $0.contains("2. You said \"perhaps\". I could not read \"perhaps\" as an answer.")
            })
        #expect(typed.contains { $0.contains("1. You said \"about 40\".") })
        let piped = try predicting(DescentInOneDimension.self, [], answers: ["banana", "no"]).lines
        #expect(!piped.contains { $0.contains("I could not read banana as an answer:") })
        #expect(piped.contains { $0.contains("I could not read \"banana\" as an answer.") })
    }

    @Test(
        """
        Lesson 4 asks which rates oscillate and which diverge, and judges the answers with the \
        run's numbers
        """
    )
    func learningRates() throws {
        let (lines, _) = try predicting(LearningRates.self, [], answers: ["0.9, 1.1", "1.1"])
        let said = lines.joined(separator: "\n")
        #expect(
            said.contains(
                "Which of η = 0.05,0.2,0.9,1.1 will jump across the minimum at least once?"))
        #expect(
            said.contains("1. You said \"0.9, 1.1\". Right. In this run 0.9,1.1 jumped across w*."))
        #expect(said.contains("2. You said \"1.1\". Right. In this run 1.1 diverged."))
    }

    @Test("A wrong prediction is told what happened instead")
    func wrongAnswer() throws {
        let (lines, _) = try predicting(
            DescentInOneDimension.self, ["--lr", "0.9", "--steps", "40"], answers: ["5", "no"])
        let said = lines.joined(separator: "\n")
        #expect(said.contains("1. You said \"5\". Not this time. It took 35 steps."))
        let crossed = "2. You said \"no\". Not this time. η = 0.9 jumped across w* = 0 40 times"
        #expect(said.contains(crossed))
    }

    @Test(
        "An answer that cannot be read is said so, not counted",
        arguments: [
            (Average.self as any Lesson.Type, ["--examples", "50"], ["maybe", "seven"]),
            (Epochs.self as any Lesson.Type, ["--max-epochs", "20"], ["fast"]),
        ])
    func unreadable(type: any Lesson.Type, arguments: [String], answers: [String]) throws {
        let (lines, _) = try predicting(type, arguments, answers: answers)
        #expect(lines.contains { $0.contains("I could not read") || $0.contains("Not this time") })
    }

    @Test(
        "Closed input is a clear error, not a hang, and nothing is written",
        arguments: [
            (DescentInOneDimension.self as any Lesson.Type, [String]()),
            (LearningRates.self as any Lesson.Type, []), (Average.self as any Lesson.Type, []),
            (SGD.self as any Lesson.Type, ["--epochs", "1"]), (Epochs.self as any Lesson.Type, []),
        ])
    func closedInput(type: any Lesson.Type, arguments: [String]) throws {
        var caught: Error?
        var out: URL?
        do {
            out = try predicting(type, arguments, answers: []).out
        } catch { caught = error }
        let error = try #require(caught as? NoAnswer)
        #expect(error.question == 1 && error.description.contains("standard input ended"))
        #expect(out == nil)
    }
}

struct PromptSignalTests {
    @Test(
        "A terminating signal at a --predict prompt is heard at once, though no answer comes",
        Requirement.programs.trait, .timeLimit(.minutes(2)),
        arguments: [SIGINT, SIGTERM, SIGHUP])
    func heardAtThePrompt(signal: Int32) async throws {
        let lesson = Process()
        lesson.executableURL = try #require(lessonBinary)
        lesson.arguments = [
            "4", "--predict", "--no-render", "--out", try temporaryFolder().path,
        ]
        // An input that stays open and silent, as a person who has not answered yet.
        let input = Pipe()
        let output = Pipe()
        lesson.standardInput = input
        lesson.standardOutput = output
        lesson.standardError = FileHandle.nullDevice
        try lesson.run()
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("your answer:") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        kill(lesson.processIdentifier, signal)
        for _ in 0..<200 where lesson.isRunning {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(!lesson.isRunning, "the lesson still waits for an answer")
        if lesson.isRunning { lesson.terminate() }
        lesson.waitUntilExit()
        #expect(lesson.terminationStatus == 128 + signal)
        try input.fileHandleForWriting.close()
    }
}
