import Backprop
import Book
import Claims
import Experiments
import Foundation
import LessonKit
import PropertyBased
import TestSupport
import Testing

@testable import Lessons

// Every lesson run with hundreds of option vectors drawn from its own `trials` (declared beside
// the lesson) to every edge of each option's range. For each run every claim it made is judged,
// from the run's raw numbers, by the checker registered for the claim's kind (Checked.swift); and
// every claim's words are what it printed. The runs are drawn with swift-property-based's
// generators from a seed made of the lesson's slug, the same every time; a failure prints its
// command line.

@Suite("Generated runs: every claim holds")
struct GeneratedRunTests {
    @Test(
        "Every claim a lesson says holds, on runs drawn to every edge of its options",
        arguments: writtenSlugs)
    func generated(slug: String) async throws {
        let tally = try await Sweeps.shared.tally(slug)
        print("\(slug): \(tally.runs) runs, \(tally.claims) claims, \(tally.seconds) s")
        // A generator that mostly draws refused runs checks little: most must run.
        #expect(tally.refused * 4 < tally.runs, "\(tally.refused) of \(tally.runs) refused")
        #expect(tally.claims > 0, "no claim said in \(tally.runs) runs")
        // Fixed theory holds whatever the run: a number in it would be a claim no checker reads.
        for sentence in tally.theory {
            let numbers = numbersIn(theory: sentence)
            #expect(numbers.isEmpty, "numbers \(numbers) in fixed theory text: \(sentence)")
        }
    }
}

/// The numbers standing on their own in a sentence of theory: those a measurement would print.
/// A formula's digits ("1/(2a)", "(1 − 2aη)", "w₁") are part of its notation, 0 and 1 are the
/// targets and the bounds of the theory itself, and "lesson 4" names a lesson.
func numbersIn(theory sentence: String) -> [String] {
    let words = sentence.replacing(#/lessons? [0-9]+/#, with: "").split(separator: " ")
    let numbers = words.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.:;)")) }
        .filter { word in
            !word.isEmpty && word.allSatisfy { $0.isNumber || $0 == "." || $0 == "," }
        }
    return numbers.filter { $0 != "0" && $0 != "1" }
}

/// Runs lesson `type` on vectors drawn from its trials and judges every claim it says; counts the
/// runs, those refused, and each kind and variant of claim said.
func sweep<L: Lesson>(_ type: L.Type, count: Int? = nil) async -> Tally {
    let tally = TallyBox()
    let started = ContinuousClock.now
    let trials = type.trials
    let runs = count ?? (trials.costly ? digitCount : generatedCount)
    let generator = trials.generator(number: type.info.number)
    // Drawn from a seed made of the lesson's slug: the same runs every time, so the coverage
    // report's counts are the same from one run of the tests to the next.
    var random = Xoshiro(seed: (stableHash(type.info.slug), UInt64(runs), 27, 1))
    for _ in 0..<runs {
        let command = generator.run(using: &random)
        tally.value.runs += 1
        guard (try? type.parse(command.arguments)) != nil else {
            tally.value.refused += 1
            continue
        }
        // The lesson computes on a thread of its own, so that the tests that wait find the pool
        // free; its verdicts come back here.
        do {
            let (faults, claims) = try await offThePool {
                let run = try generatedRun(type, command.arguments, answers: command.answers)
                return (problems(run, type), run.claims)
            }
            let said = faults.joined(separator: "\n")
            #expect(faults.isEmpty, "\(said)\n  \(command.testDescription)")
            tally.value.count(claims)
        } catch {
            Issue.record("\(error) in \(command.testDescription)")
        }
    }
    tally.value.seconds = Int((ContinuousClock.now - started).components.seconds)
    return tally.value
}

/// What is wrong with a run's words and claims: each claim printed as its words, no sentence that
/// contradicts itself, and every claim judged true by its kind's checker.
func problems<L: Lesson>(_ run: LessonRun<L.Result>, _ type: L.Type) -> [String] {
    var found = wordProblems(run)
    if run.claims.isEmpty { found.append("no claims") }
    for verdict in verdicts(type, run.claims, result: run.result) {
        if let fault = verdict.fault { found.append("\(fault): \(verdict.sentence)") }
    }
    return found
}

/// Every claim printed as its own words, and none of them a sentence that contradicts itself.
func wordProblems<Result>(_ run: LessonRun<Result>) -> [String] {
    let text = run.text
    var found = run.claims.filter { !text.contains(fold($0.sentence)) }.map {
        "not printed: \($0.sentence)"
    }
    // "shrank from 4 to 4": a change said with the same number at both ends.
    let same = #/from (-?[0-9][0-9.,e-]*) to (-?[0-9][0-9.,e-]*)\b/#
    for match in text.matches(of: same) where match.output.1 == match.output.2 {
        found.append("the same at both ends: \"\(text[match.range])\"")
    }
    let plural = #/\b1 (steps|epochs|starts|times|jumps|rates|passes|forward passes)\b/#
    found += text.matches(of: plural).map { "a plural of one: \(text[$0.range])" }
    // A list of more than 8 numbers is summarised (first, last, count), not read out.
    let long = #/([0-9][0-9.e-]*, ){8,}[0-9]/#
    found += text.matches(of: long).map { "a list too long to read: \(text[$0.range])" }
    return found
}

@Suite("Generated runs: a sample is drawn")
struct DrawnSampleTests {
    @Test(
        "Charts of generated runs draw without a word from gnuplot",
        Requirement.gnuplot.trait)
    func drawn() async throws {
        try Requirement.gnuplot.check()
        for type in Catalogue.written {
            let generator = type.trials.generator(number: type.info.number)
            await propertyCheck(count: 2, input: generator) { command in
                guard (try? type.parse(command.arguments)) != nil else { return }
                let charts = try runChosen(type, ["--quiet"] + command.arguments, keep: false)
                    .charts
                for chart in charts {
                    let quiet = chart.warnings.isEmpty && chart.failure == nil
                    #expect(quiet, "\(chart.name): \(chart.warnings) in \(command.testDescription)")
                    #expect(
                        !chart.images.isEmpty,
                        "\(chart.name) not drawn in \(command.testDescription)")
                }
            }
        }
    }
}

@Suite("The lesson book's runs: every claim holds")
struct BookRunTests {
    /// Every run the book shows: the lesson's own, the slider's, and the suggestions it answers.
    @Test(
        "Every run the book shows says only what its own numbers support",
        arguments: writtenSlugs)
    func bookRuns(slug: String) async throws {
        let taught = try #require(lesson(named: slug))
        try await bookRuns(of: taught)
    }

    func bookRuns<L: Lesson>(of taught: L.Type) async throws {
        // The book answers --predict with nothing; the reasons it gives are claims too.
        let predict = taught.offersPredict ? ["--predict"] : []
        let answers = taught.offersPredict ? ["", "", ""] : []
        // Lessons that train the digit network take seconds a run: an ordinary `swift test` checks
        // their own runs and every fourth of the slider's, and CI's release sweep checks them all.
        let sampled = sweep == nil && taught.trials.costly
        var runs = [[String]()] + (sampled ? [] : LessonBook.tried(taught).map(\.arguments))
        if let exploration = taught.exploration {
            #expect((20...40).contains(exploration.values.count))
            let stride = sampled ? 4 : 1
            runs += exploration.values.enumerated().filter { $0.offset % stride == 0 }.map {
                exploration.arguments($0.element)
            }
        }
        for arguments in runs {
            let (faults, command) = try await offThePool {
                let run = try generatedRun(taught, arguments + predict, answers: answers)
                return (problems(run, taught), run.command)
            }
            #expect(faults.isEmpty, "\(faults.joined(separator: "\n"))\n  \(command)")
        }
    }
}
