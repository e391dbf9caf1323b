import Foundation
import TestSupport
import Testing
import TunedNetwork

@testable import Backprop
@testable import ExerciseKit

/// The reference with one slot replaced by a planted mistake.
func planted(_ change: (inout Solutions) -> Void) -> Solutions {
    var solutions = Solutions.reference
    change(&solutions)
    return solutions
}

struct CheckerTests {
    @Test("The library's own answers pass every exercise", arguments: exerciseCatalog.map(\.number))
    func referencePasses(number: Int) {
        let verdict = Checker.check(number, .reference)
        guard case .done = verdict else {
            Issue.record("exercise \(number): \(verdict)")
            return
        }
    }

    /// Each classic mistake planted in one slot: the exercise, and the name the checker must give
    /// it.
    static let mistakes: [(exercise: Int, name: String)] = [
        (1, "a one-sided difference"),
        (1, "a missing factor 2"),
        (2, "the wrong sign"),
        (2, "the learning rate applied twice"),
        (3, "a ½ in front"),
        (3, "an average where a sum belongs"),
        (4, "the wrong sign"),
        (4, "a missing factor 2"),
        (4, "a missing σ′"),
        (5, "transposed weights"),
        (6, "transposed weights"),
        (6, "a missing σ′"),
        (7, "a sum where an average belongs"),
        (8, "weights updated before they pass δ back"),
        (8, "the learning rate applied twice"),
        (8, "a sum where an average belongs"),
        (9, "examples taken in order, not shuffled"),
        (10, "the divergence threshold"),
    ]

    /// The reference with mistake `index` planted in it.
    static func plantedMistake(_ index: Int) -> Solutions {
        switch index {
        case 0: return planted { $0.slope = { f, w, h in (f(w + h) - f(w)) / h } }
        case 1: return planted { $0.slope = { f, w, h in (f(w + h) - f(w - h)) / h } }
        case 2: return planted { $0.descentStep = { w, slope, eta in w + eta * slope } }
        case 3: return planted { $0.descentStep = { w, slope, eta in w - eta * eta * slope } }
        case 4: return planted { $0.exampleCost = { a, y in squares(a, y) / 2 } }
        case 5: return planted { $0.exampleCost = { a, y in squares(a, y) / Double(a.count) } }
        case 6:
            return planted {
                $0.outputError = { a, y, z in
                    a.indices.map { 2 * (y[$0] - a[$0]) * Activation.sigmoid.derivative(z[$0]) }
                }
            }
        case 7:
            return planted {
                $0.outputError = { a, y, z in
                    a.indices.map { (a[$0] - y[$0]) * Activation.sigmoid.derivative(z[$0]) }
                }
            }
        case 8:
            return planted { $0.outputError = { a, y, _ in a.indices.map { 2 * (a[$0] - y[$0]) } } }
        case 9:
            return planted {
                $0.layerGradient = { delta, a in
                    var w = Matrix(rows: a.count, columns: delta.count)
                    for k in a.indices { for j in delta.indices { w[k, j] = delta[j] * a[k] } }
                    return (w, delta)
                }
            }
        case 10:
            return planted {
                // W·δ′ where Wᵀ·δ′ belongs; on a layer that is not square it has the wrong size
                // (and, written plainly, would read past the end of δ′ or z).
                $0.passBack = { deltaNext, w, z in
                    (0..<w.rows).map { j in
                        (0..<w.columns).map { $0 < deltaNext.count ? w[j, $0] * deltaNext[$0] : 0 }
                            .reduce(0, +) * Activation.sigmoid.derivative(j < z.count ? z[j] : 0)
                    }
                }
            }
        case 11:
            return planted {
                $0.passBack = { deltaNext, w, _ in
                    (0..<w.columns).map { k in
                        (0..<w.rows).map { w[$0, k] * deltaNext[$0] }.reduce(0, +)
                    }
                }
            }
        case 12:
            return planted {
                $0.averageGradient = { gradients in
                    var sum = gradients[0]
                    for g in gradients.dropFirst() { sum.add(g) }
                    return sum
                }
            }
        case 13:
            return planted {
                $0.miniBatchStep = { network, batch, eta in
                    Checker.updatingEarly(&network, batch, eta)
                }
            }
        case 14:
            return planted {
                $0.miniBatchStep = { network, batch, eta in
                    network.train(miniBatch: batch, learningRate: eta * eta)
                }
            }
        case 15:
            return planted {
                $0.miniBatchStep = { network, batch, eta in
                    for example in batch {
                        network.descend(
                            along: network.backpropagate(example).gradient, learningRate: 0)
                    }
                    network.train(miniBatch: batch, learningRate: eta * Double(batch.count))
                }
            }
        case 16:
            return planted {
                $0.trainEpoch = { network, examples, size, eta, _ in
                    for batch in miniBatches(Array(examples.indices), size: size) {
                        network.train(miniBatch: batch.map { examples[$0] }, learningRate: eta)
                    }
                }
            }
        case 17: return planted { $0.largestSteadyRate = { 0.4 } }
        default: return .reference
        }
    }

    @Test("Each classic mistake is rejected and named", arguments: mistakes.indices)
    func mistakeNamed(_ index: Int) {
        let (exercise, name) = Self.mistakes[index]
        let verdict = Checker.check(exercise, Self.plantedMistake(index))
        guard case .wrong(let mistake, let explanation) = verdict else {
            Issue.record("exercise \(exercise) passed with \(name)")
            return
        }
        #expect(mistake == name, "exercise \(exercise): \(explanation)")
        // The explanation says where, expected against got (or the sizes), and the formula.
        if exercise != 10 {
            #expect(
                explanation.contains("expected") && explanation.contains("got")
                    || explanation.contains("there should be"))
            #expect(explanation.contains("This is \(name)"), "\(explanation)")
        }
    }

    @Test(
        "A wrong answer that is no classic mistake is still wrong, with the entry and the formula")
    func plainWrong() {
        let verdict = Checker.check(
            4, planted { $0.outputError = { a, _, _ in a.map { _ in 0.5 } } })
        guard case .wrong(nil, let explanation) = verdict else {
            Issue.record("\(verdict)")
            return
        }
        #expect(explanation.contains("a constant or a table of values"))
        #expect(explanation.contains("In an output layer of 12 neurons, δ[0]: expected"))
        #expect(explanation.hasSuffix("The formula: δᴸ = 2(aᴸ − y) ⊙ σ′(zᴸ)."))
    }

    @Test("An exercise that builds on one not done yet is not yet, and says which")
    func prerequisites() {
        let verdict = Checker.check(
            8, planted { $0.passBack = { _, _, _ in throw NotYetMarker() } })
        #expect(
            verdict == .notYet("exercise 8 uses your answer to exercise 6, which is not done yet"))
    }
}

struct FreshCloneTests {
    static let workspace = Workspace(folder: projectFolder.appendingPathComponent("Exercises"))

    @Test(
        "On a fresh clone every exercise is not yet, and none crashes",
        .enabled(
            if: workspace.isPristine, "Exercises/ has been worked on; only a fresh clone is checked"
        ),
        arguments: exerciseCatalog.map(\.number))
    func notYet(number: Int) throws {
        let child = try #require(builtProgram("exercise-check"), "exercise-check is not built")
        #expect(Verdicts(helper: child).of(number).status == "not yet")
    }

    @Test("reset puts the stub back and keeps the learner's version beside it, unread by the build")
    func reset() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "exercises-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let workspace = Workspace(folder: folder)
        let exercise = exerciseCatalog[2]
        let source =
            "public func exampleCost(output a: [Double], desired y: [Double]) throws -> Double { "
            + "42 }\n"
        let mine = Data(source.utf8)
        try mine.write(to: folder.appendingPathComponent(exercise.file))
        let kept = try #require(try workspace.reset(exercise))
        #expect(kept.lastPathComponent == ".03-Cost.swift.mine")
        #expect(try Data(contentsOf: kept) == mine)
        #expect(
            try Data(contentsOf: folder.appendingPathComponent(exercise.file))
                == Workspace.stub(of: exercise))
        // A second reset of a changed file keeps both versions.
        try mine.write(to: folder.appendingPathComponent(exercise.file))
        #expect(try workspace.reset(exercise)?.lastPathComponent == ".03-Cost.swift.mine-2")
    }

    @Test("Progress keeps the day each exercise was first right, through later checks and a reset")
    func progress() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "exercises-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let workspace = Workspace(folder: folder)
        let first = Date(timeIntervalSince1970: 1_780_000_000)
        try workspace.recordDone(3, on: first)
        try workspace.recordDone(3, on: first.addingTimeInterval(5 * 86_400))
        try workspace.recordDone(1, on: first.addingTimeInterval(86_400))
        #expect(
            workspace.progress
                == [3: Workspace.day(first), 1: Workspace.day(first.addingTimeInterval(86_400))])
        #expect(Workspace.day(first).count == 10 && Workspace.day(first).hasPrefix("2026-05-2"))
        _ = try workspace.reset(exerciseCatalog[2])
        #expect(workspace.progress[3] == Workspace.day(first))
    }

    @Test("Hints come one more at a time, and are remembered")
    func hints() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "exercises-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let workspace = Workspace(folder: folder)
        #expect(workspace.hintsShown[4] == nil)
        try workspace.recordHint(4, shown: 2)
        try workspace.recordHint(7, shown: 1)
        #expect(workspace.hintsShown == [4: 2, 7: 1])
    }
}

/// Σ (a − y)², for the planted mistakes of exercise 3.
func squares(_ a: [Double], _ y: [Double]) -> Double {
    var sum = 0.0
    for (x, t) in zip(a, y) { sum += (x - t) * (x - t) }
    return sum
}
