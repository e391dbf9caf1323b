import Foundation
import TestSupport
import Testing
import TunedNetwork

@testable import ExerciseKit

/// What the exercise catalogue declares is what the command does: these walk `exerciseCatalog`,
/// so an exercise added to it is covered with no other edit.
struct ExerciseCatalogTests {
    @Test("Exercises are numbered 1, 2, 3, … in order, each with a file, its stub and hints")
    func numbering() {
        #expect(exerciseCatalog.map(\.number) == Array(1...exerciseCatalog.count))
        for exercise in exerciseCatalog {
            let file = projectFolder.appendingPathComponent("Exercises/" + exercise.file)
            #expect(FileManager.default.fileExists(atPath: file.path), "\(exercise.file)")
            #expect(Workspace.stub(of: exercise) != nil, "no stub for \(exercise.file)")
            #expect(exercise.hints.count >= 2, "exercise \(exercise.number) has too few hints")
        }
    }

    @Test("An exercise uses only earlier exercises")
    func usesEarlier() {
        for exercise in exerciseCatalog {
            #expect(exercise.uses.allSatisfy { $0 < exercise.number }, "\(exercise.number)")
        }
    }

    @Test("Training the network needs exercise 9 and everything it builds on: 2 and 4 to 9")
    func neededToTrain() {
        #expect(Exercise.neededToTrain.map(\.number) == [2, 4, 5, 6, 7, 8, 9])
    }

    @Test("An exercise that uses one not done yet is not yet, for each one it uses")
    func eachPrerequisite() {
        for exercise in exerciseCatalog {
            for used in exercise.uses {
                let verdict = Checker.check(
                    exercise.number, missing(used))
                #expect(verdict.status == "not yet", "exercise \(exercise.number) without \(used)")
            }
        }
    }

    /// The reference with exercise `number`'s slot answered "not done yet".
    func missing(_ number: Int) -> Solutions {
        var answers = Solutions.reference
        switch exerciseCatalog[number - 1].file {
        case "02-Step.swift": answers.descentStep = { _, _, _ in throw NotYetMarker() }
        case "04-OutputError.swift": answers.outputError = { _, _, _ in throw NotYetMarker() }
        case "05-LayerGradient.swift": answers.layerGradient = { _, _ in throw NotYetMarker() }
        case "06-PassBack.swift": answers.passBack = { _, _, _ in throw NotYetMarker() }
        case "07-Average.swift": answers.averageGradient = { _ in throw NotYetMarker() }
        case "08-MiniBatchStep.swift": answers.miniBatchStep = { _, _, _ in throw NotYetMarker() }
        default: Issue.record("no slot known for exercise \(number)")
        }
        return answers
    }
}
