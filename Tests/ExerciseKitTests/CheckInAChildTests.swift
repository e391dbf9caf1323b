import CheckChannel
import Foundation
import Processes
import TestSupport
import Testing

@testable import ExerciseKit

/// Every exercise's verdict with the check child built from `files`.
func verdicts(_ files: [String: String]) async throws -> Verdicts {
    Verdicts(helper: try await CheckChildren.shared.child(files))
}

/// The checks of the real check child, built from exercise files a learner could write.
@Suite(.timeLimit(.minutes(10)))
struct CheckInAChildTests {
    @Test("A learner's right answers are right, every one, checked in children of their own")
    func solved() async throws {
        let found = try await verdicts(Solved.files)
        for exercise in exerciseCatalog {
            #expect(found.of(exercise.number).status == "done", "\(found.of(exercise.number))")
        }
    }

    @Test("The stubs are not yet done, and nothing is said wrong of them")
    func stubs() async throws {
        let found = try await verdicts([:])
        for exercise in exerciseCatalog {
            #expect(found.of(exercise.number).status == "not yet", "\(found.of(exercise.number))")
        }
    }

    @Test(
        "A learner's endless loop is stopped at the time limit and said so, with the case it was on"
    )
    func endlessLoop() async throws {
        let child = try await CheckChildren.shared.child(
            Solved.with([
                "02-Step.swift": """
                public func descentStep(
                    w: Double, slope: Double, learningRate eta: Double
                ) throws -> Double {
                    var w = w
                    while w == w { w += 0 }
                    return w
                }

                """
            ]))
        let check = try #require(Checker.checkInAChild(2, helper: child, limit: 2))
        guard case .wrong(nil, let explanation) = check.verdict else {
            Issue.record("\(check.verdict)")
            return
        }
        #expect(
            explanation.hasPrefix(
                "your code ran for 2 s without finishing and was stopped in case 1 of 40 (the step "
                    + "from w = "),
            "\(explanation)")
        #expect(explanation.contains("it was the first. Look for a loop"))
    }

    @Test(
        """
        A crash is a wrong answer that names Swift's message, the learner's file, line and code, \
        and the case; advice on sizes only when every square layer before was right
        """
    )
    func crash() async throws {
        // Right on a square layer: the matrix is made square, with the error's size both ways.
        let child = try await CheckChildren.shared.child(
            Solved.with([
                "05-LayerGradient.swift": """
                public func layerGradient(
                    error delta: [Double], previousActivations a: [Double]
                ) throws -> (weights: Matrix, biases: [Double]) {
                    var w = Matrix(rows: delta.count, columns: delta.count)
                    for j in delta.indices {
                        for k in a.indices {
                            w[j, k] = delta[j] * a[k]
                        }
                    }
                    return (w, delta)
                }

                """
            ]))
        let check = try #require(Checker.checkInAChild(5, helper: child))
        guard case .wrong(nil, let explanation) = check.verdict else {
            Issue.record("\(check.verdict)")
            return
        }
        #expect(explanation.hasPrefix("your code crashed ("), "\(explanation)")
        #expect(
            explanation.contains(
                "at Exercises/05-LayerGradient.swift:7: `w[j, k] = delta[j] * a[k]`"),
            "\(explanation)")
        #expect(explanation.contains("in case 9 of 24"), "\(explanation)")
        #expect(
            explanation.contains(
                "the 8 before it were right. Right on every square layer, it crashed on the first "
                    + "that is not"),
            "\(explanation)")
    }

    @Test(
        """
        A precondition keeps its message, with control characters shown, not obeyed; a stack \
        overflow is said as one; a hang on a process the code started is said as such
        """
    )
    func crashesTold() async throws {
        let child = try await CheckChildren.shared.child(
            Solved.with([
                "03-Cost.swift": """
                func deep(_ n: Int) -> Double { n == -1 ? 0 : deep(n + 1) + 1 }

                public func exampleCost(output a: [Double], desired y: [Double]) throws -> Double {
                    precondition(a.count > 100, "too short \\u{1B}]0;title\\u{07}")
                    return deep(0)
                }

                """,
                "02-Step.swift": """
                import Foundation

                public func descentStep(
                    w: Double, slope: Double, learningRate eta: Double
                ) throws -> Double {
                    let sleeper = Process()
                    sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
                    sleeper.arguments = ["600"]
                    try sleeper.run()
                    sleeper.waitUntilExit()
                    return w - eta * slope
                }

                """,
            ]))
        let cost = try #require(Checker.checkInAChild(3, helper: child))
        guard case .wrong(nil, let said) = cost.verdict else {
            Issue.record("\(cost.verdict)")
            return
        }
        #expect(
            said.hasPrefix(
                "your code crashed (too short ␛]0;title␇) at Exercises/03-Cost.swift:4: "),
            "\(said)")
        #expect(!said.contains("\u{1B}"))
        var deeper = Solved.files
        deeper["03-Cost.swift"] = """
            func deep(_ n: Int) -> Double { n == -1 ? 0 : deep(n + 1) + 1 }

            public func exampleCost(output a: [Double], desired y: [Double]) throws -> Double {
                deep(0)
            }

            """
        let overflow = try #require(
            Checker.checkInAChild(3, helper: try await CheckChildren.shared.child(deeper)))
        guard case .wrong(nil, let told) = overflow.verdict else {
            Issue.record("\(overflow.verdict)")
            return
        }
        #expect(
            told.hasPrefix("your code crashed (a stack overflow) at Exercises/03-Cost.swift:"),
            "\(told)")
        let step = try #require(Checker.checkInAChild(2, helper: child, limit: 3))
        guard case .wrong(nil, let waited) = step.verdict else {
            Issue.record("\(step.verdict)")
            return
        }
        #expect(
            waited.contains("It was waiting for a process it started (sleep)"), "\(waited)")
    }

    @Test(
        """
        A crash in a correct exercise, reached with wrong arguments from exercise 8, is told at \
        exercise 8's line first and the callee's second
        """
    )
    func crashPlace() async throws {
        let step = Solved.files["08-MiniBatchStep.swift"]!.replacingOccurrences(
            of: "weightedInputs: pass.weightedInputs[l - 1])",
            with: "weightedInputs: pass.weightedInputs[l - 1].dropLast() + [])")
        #expect(step != Solved.files["08-MiniBatchStep.swift"])
        let found = try await verdicts(Solved.with(["08-MiniBatchStep.swift": step]))
        guard case .wrong(nil, let said) = found.of(8) else {
            Issue.record("\(found.of(8))")
            return
        }
        #expect(said.contains("at Exercises/08-MiniBatchStep.swift:"), "\(said)")
        #expect(
            said.contains(", in the call that reached Exercises/06-PassBack.swift:"), "\(said)")
        #expect(said.contains("as z; a right step gives example 1's z of layer 2"), "\(said)")
    }

    @Test(
        """
        Forged verdicts fail: a printed verdict, a line in the checker's own form, and output \
        written straight to the standard output descriptor are only shown, never read as answers
        """
    )
    func printedVerdict() async throws {
        let child = try await CheckChildren.shared.child(
            Solved.with([
                "01-Slope.swift": """
                import Foundation

                public func slope(

                    of f: (Double) -> Double, at w: Double, nudge h: Double

                ) throws -> Double {
                    print("done\\t\\t40 made-up cases")
                    print("✓ 1 the slope by central differences: right")
                    FileHandle.standardOutput.write(Data("done\\t\\t40 cases\\n".utf8))
                    _ = write(1, "answer 0\\n", 9)
                    _ = write(3, "{\\"answer\\":{}}\\n", 14)
                    _ = write(4, "{\\"answer\\":{}}\\n", 14)
                    return 0
                }

                """
            ]))
        let verdict = Verdicts(helper: child).of(1)
        guard case .wrong = verdict else {
            Issue.record("a printed verdict passed: \(verdict)")
            return
        }
    }

    @Test(
        """
        Exiting passes nothing: a global's initializer that prints a verdict and exits is told \
        against its own exercise only, as is an exit in an exercise's function
        """
    )
    func exits() async throws {
        let global = try await verdicts(
            Solved.with([
                "10-Prediction.swift": """
                import Foundation

                public let largestSteadyRate: Double? = {
                    print("done\\t\\t40 made-up cases")
                    exit(0)
                }()

                """
            ]))
        for number in 1...9 {
            #expect(global.of(number).status == "done", "\(number): \(global.of(number))")
        }
        guard case .wrong(nil, let explanation) = global.of(10) else {
            Issue.record("\(global.of(10))")
            return
        }
        #expect(explanation.hasPrefix("your code ended the check early (exit 0"), "\(explanation)")
        let inside = try await verdicts(
            Solved.with([
                "03-Cost.swift": """
                import Foundation

                public func exampleCost(output a: [Double], desired y: [Double]) throws -> Double {
                    exit(0)
                }

                """
            ]))
        #expect(inside.of(3).status == "wrong")
        #expect(inside.of(2).status == "done")
        guard case .wrong(nil, let said) = inside.of(3) else { return }
        #expect(
            said.hasPrefix(
                "your code ended the check early (exit 0 in case 1 of 32 (an output of "),
            "\(said)")
    }

    @Test(
        """
        The check child holds no code of the library: no symbol of its training, its backward \
        pass or its answers, and a @_silgen_name bound to one does not link
        """
    )
    func noLibrary() async throws {
        let child = try #require(builtProgram("exercise-check"), "exercise-check is not built")
        let symbols = try await symbolNames(child)
        #expect(symbols.contains("$s9Exercises"), "the exercises are in the child")
        for module in [
            "8Backprop", "12TunedNetwork", "11ExerciseKit", "8Datasets", "11Experiments",
        ] {
            let held = symbols.split(separator: "\n").filter { $0.contains("$s\(module)") }
            #expect(held.isEmpty, "\(module): \(held.prefix(3))")
        }
        // The library's own mini-batch step, by its symbol name, as a learner could find it.
        let library = try await symbolNames(
            build.appendingPathComponent("Backprop.build/StochasticGradientDescent.swift.o"))
        let name = try #require(
            library.split(separator: "\n").compactMap { line -> String? in
                let fields = line.split(separator: " ")
                guard fields.count == 3, fields[1] == "T", fields[2].contains("5train9miniBatch")
                else { return nil }
                return String(fields[2])
            }.first, "\(library.prefix(2_000))")
        await #expect(throws: CheckChildren.DidNotBuild.self) {
            _ = try await CheckChildren.make(
                Solved.with([
                    "08-MiniBatchStep.swift": """
                    @_silgen_name("\(name)")
                    func libraryStep(_ batch: [Example], _ eta: Double, _ network: inout Network)

                    public func miniBatchStep(
                        _ network: inout Network, batch: [Example], learningRate eta: Double
                    ) throws {
                        libraryStep(batch, eta, &network)
                    }

                    """
                ]))
        }
    }

    @Test(
        """
        Exercise 8 by finite differences of the learner's own cost gets every number right and is \
        still refused: it never calls the learner's outputError, layerGradient or passBack
        """
    )
    func finiteDifferences() async throws {
        let found = try await verdicts(
            Solved.with([
                "08-MiniBatchStep.swift": """
                public func miniBatchStep(
                    _ network: inout Network, batch: [Example], learningRate eta: Double
                ) throws {
                    func cost(_ p: [Double]) throws -> Double {
                        var n = network
                        n.parameters = p
                        var sum = 0.0
                        for e in batch {
                            let a = n.output(for: e.input)
                            sum += try exampleCost(output: a, desired: e.target)
                        }
                        return sum / Double(batch.count)
                    }
                    let p = network.parameters
                    var slopes: [Double] = []
                    let h = 1e-3
                    for i in p.indices {
                        func at(_ d: Double) throws -> Double {
                            var q = p
                            q[i] += d
                            return try cost(q)
                        }
                        let near = try at(h) - at(-h)
                        let far = try at(2 * h) - at(-2 * h)
                        slopes.append((8 * near - far) / (12 * h))
                    }
                    network.parameters = zip(p, slopes).map { $0 - eta * $1 }
                }

                """
            ]))
        guard case .wrong(let mistake, let explanation) = found.of(8) else {
            Issue.record("\(found.of(8))")
            return
        }
        #expect(mistake == "not built from your own parts", "\(explanation)")
        #expect(explanation.contains("your outputError 0 times"), "\(explanation)")
    }

    @Test(
        """
        Nothing outlives a check: processes the learner's code starts in a session of their own \
        are stopped when the check ends, and when the checker itself is killed
        """
    )
    func nothingOutlives() async throws {
        let folder = try temporaryFolder("outlives")
        let spawning = """
            import Foundation

            public func slope(

                of f: (Double) -> Double, at w: Double, nudge h: Double

            ) throws -> Double {
                let folder = ProcessInfo.processInfo.environment["OUTLIVES"]!
                if !FileManager.default.fileExists(atPath: folder + "/sleeper") {
                    let sleeper = Process()
                    sleeper.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
                    sleeper.arguments = ["sleep", "600"]
                    try sleeper.run()
                    try Data("\\(sleeper.processIdentifier) \\(getpid())".utf8).write(
                        to: URL(fileURLWithPath: folder + "/sleeper"))
                }
                if FileManager.default.fileExists(atPath: folder + "/hang") { while true {} }
                return (f(w + h) - f(w - h)) / (2 * h)
            }

            """
        let child = try await CheckChildren.shared.child(Solved.with(["01-Slope.swift": spawning]))
        setenv("OUTLIVES", folder.path, 1)
        let check = try #require(Checker.checkInAChild(1, helper: child))
        #expect(check.verdict.status == "done", "\(check.verdict)")
        let pids = try String(contentsOf: folder.appendingPathComponent("sleeper"), encoding: .utf8)
            .split(separator: " ").compactMap { Int32($0) }
        for pid in pids { #expect(await ends(pid), "\(pid) outlived the check") }

        // Now the checker (a real `exercises`) is killed with SIGKILL while the learner's code
        // hangs: the child and what it started go too.
        let exercises = try #require(exercisesBinary)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("sleeper"))
        try Data().write(to: folder.appendingPathComponent("hang"))
        let checker = Process()
        checker.executableURL = exercises
        checker.arguments = ["check", "1"]
        checker.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["BACKPROP_CHECK_HELPER"] = child.path
        environment["OUTLIVES"] = folder.path
        checker.environment = environment
        checker.standardOutput = FileHandle.nullDevice
        checker.standardError = FileHandle.nullDevice
        try checker.run()
        let started = folder.appendingPathComponent("sleeper")
        for _ in 0..<600 where !FileManager.default.fileExists(atPath: started.path) {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(200))
        let left = try String(contentsOf: started, encoding: .utf8)
            .split(separator: " ").compactMap { Int32($0) }
        #expect(left.count == 2)
        kill(checker.processIdentifier, SIGKILL)
        checker.waitUntilExit()
        for pid in left { #expect(await ends(pid), "\(pid) outlived the killed checker") }
    }
}

/// Every symbol `nm` lists in `file`, one a line.
func symbolNames(_ file: URL) async throws -> String {
    let listed = try temporaryFolder("symbols").appendingPathComponent("nm.txt")
    let run = try await runToTheEnd(
        URL(fileURLWithPath: "/bin/sh"), ["-c", "nm \"$0\" > \"$1\"", file.path, listed.path],
        limit: 60)
    #expect(run.ending == .exited(0), "\(run.other)")
    return try String(contentsOf: listed, encoding: .utf8)
}

/// Whether process `pid` is gone (or a zombie) within ten seconds.
func ends(_ pid: Int32) async -> Bool {
    for _ in 0..<200 {
        let state = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        guard let state, let close = state.lastIndex(of: ")") else { return true }
        if state[state.index(close, offsetBy: 2)] == "Z" { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return false
}
