import Foundation
import Processes
import TestSupport
import Testing

/// What an exercise can reach: the compiler itself decides, on the real `Given.swift` and a
/// planted exercise file, type-checked as the `Exercises` target is built.
struct ReachTests {
    /// The compiler's errors for `Given.swift` and an exercise file holding `body`.
    func errors(_ body: String) async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "reach-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let planted = folder.appendingPathComponent("08-MiniBatchStep.swift")
        try Data(body.utf8).write(to: planted)
        // Run asynchronously: a test that blocked a thread of the shared pool while the compiler
        // ran could starve the tests that time their children.
        let run = try await runToTheEnd(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "swiftc", "-typecheck", "-module-name", "Exercises", "-I",
                build.appendingPathComponent("Modules").path,
                projectFolder.appendingPathComponent("Exercises/Given.swift").path, planted.path,
            ], limit: 300)
        return run.ending == .exited(0) ? "" : run.printed + run.other
    }

    /// Each library answer an exercise might call, and what the compiler must say instead.
    static let calls: [(code: String, says: String)] = [
        (
            "network.train(miniBatch: batch, learningRate: eta)",
            "'train(miniBatch:learningRate:)' is unavailable: exercise 8 is your own step: your "
                + "outputError, layerGradient, passBack and averageGradient"
        ),
        (
            "_ = network.backpropagate(batch[0])",
            "'backpropagate' is unavailable: the backward pass is yours to write"
        ),
        (
            "_ = network.gradient(over: batch)",
            "is unavailable: average your own examples' gradients with your averageGradient"
        ),
        (
            "network.descend(along: Gradient(zerosLike: network), learningRate: eta)",
            "is unavailable: move each weight and bias with your descentStep (exercise 2)"
        ),
        (
            "var g = SeededGenerator(seed: 1)\n    network.trainEpoch(batch, batchSize: 2, "
                + "learningRate: eta, generator: &g)",
            "is unavailable: exercise 9 is your own epoch"
        ),
        (
            "_ = centralDifference({ $0 }, at: 1, step: 0.1)",
            "is unavailable: exercise 1 is this difference"
        ),
        (
            "_ = QuadraticCost.cost(output: [1], target: [0])",
            "is unavailable: add up the squares yourself: your exampleCost (exercise 3)"
        ),
        (
            "_ = Solutions.reference",
            "'reference' is unavailable: the checker's answers are not for the exercises to call"
        ),
    ]

    @Test(
        """
        Calling the library's training, backward pass or answers from an exercise does not \
        compile, and the error says what to use instead
        """,
        .timeLimit(.minutes(10)))
    func unavailable() async throws {
        // One file, one function per call: one run of the compiler reports them all.
        let body = Self.calls.indices.map { index in
            """
            public func call\(index)(
                _ network: inout Network, batch: [Example], learningRate eta: Double
            ) throws {
                \(Self.calls[index].code)
            }

            """
        }.joined()
        let said = try await errors(body)
        for (code, says) in Self.calls {
            #expect(said.contains(says), "\(code): \(said)")
        }
    }

    @Test(
        "The library itself cannot be imported into an exercise, and what it may use compiles",
        .timeLimit(.minutes(10)))
    func imports() async throws {
        for module in ["Backprop", "ExerciseKit", "Experiments"] {
            let said = try await errors("import \(module)\n")
            #expect(said.contains("error:"), "import \(module) compiled")
        }
        let allowed = try await errors(
            """
            public func miniBatchStep(
                _ network: inout Network, batch: [Example], learningRate eta: Double
            ) throws {
                let pass = network.forward(batch[0].input)
                var g = Gradient(zerosLike: network)
                g.add(g)
                _ = Matrix.outer(pass.output, [1]).transposeTimes(pass.output)
                _ = sigmoidSlope(pass.weightedInputs[0][0]) + Activation.sigmoid.value(0)
                var random = SeededGenerator(seed: 1)
                _ = miniBatches(shuffledIndices(3, using: &random), size: 2)
            }

            """)
        #expect(allowed.isEmpty, "\(allowed)")
    }
}
