import ArgumentParser
import Claims
import Foundation
import LessonKit
import Plotting
import TestSupport

@testable import Lessons

/// Runs lesson `type` with `arguments`, building its charts but writing and drawing none, in a
/// folder removed afterwards; with `answers`, they are read where the lesson asks.
func generatedRun<L: Lesson>(
    _ type: L.Type, _ arguments: [String], answers: [String] = []
) throws -> LessonRun<L.Result> {
    try runLesson(
        type, ["--no-render"] + arguments, charts: .notWritten, answers: answers, keep: false)
}

/// The claims inside `claims`, with every paragraph opened into its parts.
func flattened(_ claims: [any Claim]) -> [any Claim] {
    claims.flatMap { claim -> [any Claim] in
        guard let paragraph = claim as? ClaimParagraph else { return [claim] }
        return flattened(paragraph.claims)
    }
}

/// How many generated runs each lesson gets: 200 in an ordinary `swift test`, and
/// `BACKPROP_CLAIM_SWEEP` (CI asks for 1,000, in a release build) when set.
let generatedCount: Int = sweep ?? 200

/// How many generated runs each costly lesson gets (those whose `trials` say so: the digit
/// network's, and lesson 11's): each run takes about ten times as long as one of the other
/// lessons', so an ordinary `swift test` runs 60 of them, and CI's release sweep a fifth of its
/// count (200 of each, beside 1,000 of every other lesson).
let digitCount: Int = sweep.map { $0 / 5 } ?? 60

/// The number of generated runs asked for in the environment, if any.
let sweep = ProcessInfo.processInfo.environment["BACKPROP_CLAIM_SWEEP"].flatMap(Int.init)

/// A number as a learner types it on the command line.
func typed(_ x: Double) -> String {
    Format.formatForCommand(x)
}

/// A list of numbers as a learner types it: 0.5,1.2.
func typed(_ values: [Double]) -> String {
    values.map(typed).joined(separator: ",")
}
