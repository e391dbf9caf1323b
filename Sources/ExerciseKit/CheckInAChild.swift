import Backprop
import CheckChannel
import Foundation
import Processes

extension Checker {
    /// How long one exercise's check may run: many times what a finished exercise needs.
    public static let timeLimit = 30.0

    /// The environment for the child: Swift's own backtracer on, plain and short, so that a crash
    /// prints Swift's message and the learner's file and line.
    static var childEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] =
            "enable=yes,interactive=no,color=no,format=text,registers=none,images=none,"
            + "threads=crashed,limit=24,top=8,sanitize=no"
        return environment
    }

    /// The verdict of exercise `number` alone (the exercises it uses taken as right), found in a
    /// child, `helper` (the `exercise-check` program), that makes each call of the learner's code
    /// the checker asks for and sends back what it gave. An answer that crashes, never finishes,
    /// ends the child or asks for the checker's own answers gets a verdict saying so, in which
    /// case, instead of ending or hanging the check. Nil when the child cannot be started at all.
    ///
    /// With `substitute`, the learner's calls of those functions within exercise 8's or 9's step
    /// are answered by the library: the verdict then says whether the rest of the step is right.
    public static func checkInAChild(
        _ number: Int, helper: URL, limit: Double = timeLimit, substitute: [Function] = []
    ) -> ChildCheck? {
        guard let session = try? CheckSession(helper: helper, limit: limit, substitute: substitute)
        else { return nil }
        let progress = ProgressBox()
        var verdict = checkAlone(number, Solutions(asking: session)) { report in
            progress.take(report)
        }
        session.progress = progress.value
        let ending = session.finish()
        if let stopped = session.stopped {
            verdict = .wrong(
                mistake: nil,
                explanation: stopped.sentence(
                    ending: ending, errors: session.errors.text, progress: session.progress,
                    exercise: Exercise.numbered(number)?.file))
        }
        return ChildCheck(verdict: verdict, calls: session.calls, asked: session.asked)
    }
}

/// What one check in a child found: the verdict, and the learner's calls counted for each case.
public struct ChildCheck: Sendable {
    public let verdict: Verdict
    public let calls: [[Function: Int]]
    /// The calls of the substituted functions the library answered, in order.
    public let asked: [Call]
}

/// The cases as they are tried, told from the checker's thread.
final class ProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var progress = CaseProgress()

    func take(_ report: CaseReport) {
        lock.withLock { progress.take(report) }
    }

    var value: CaseProgress { lock.withLock { progress } }
}

extension CheckSession.Stop {
    /// What the learner reads: how the child stopped, in which case.
    func sentence(
        ending: PipedChild.Ending?, errors: String, progress: CaseProgress, exercise: String?
    ) -> String {
        switch self {
        case .timedOut(let seconds, let waitingFor):
            let ran =
                "your code ran for \(String(format: "%g", seconds)) s without finishing and "
                + "was stopped\(progress.during)."
            guard waitingFor.isEmpty else {
                return ran + " It was waiting for a process it started ("
                    + visible(waitingFor.joined(separator: ", ")) + "): an exercise computes its "
                    + "answer itself."
            }
            return ran + " Look for a loop whose condition never becomes false."
        case .tooLong:
            return "your code's answer was too large to read (more than 64 MB)\(progress.during)."
        case .garbled:
            return "something wrote on the checker's own channel\(progress.during); the check "
                + "cannot trust what it reads there, so it stopped. Print with `print`."
        case .askedFor(let function):
            return "your code asked the checker for its own answer (\(function.rawValue), "
                + "exercise \(function.exercise))\(progress.during): the check only passes with "
                + "your own code."
        case .ended:
            switch ending {
            case .signaled?, nil:
                return Crash(errors: errors, exercise: exercise).sentence + progress.during + "."
                    + progress.sizesAdvice
            case .exited(let status)?:
                return "your code ended the check early (exit \(status)\(progress.during)): "
                    + "an exercise returns its answer; it never ends the program."
            }
        }
    }
}

extension Solutions {
    /// The learner's answers, each asked of the check child.
    init(asking session: CheckSession) {
        self.init()
        let numbers = session.numbers
        slope = { f, w, h in try single(numbers(.slope(f, w: w, h: h))) }
        descentStep = { w, slope, eta in
            try single(numbers(.descentStep(w: w, slope: slope, eta: eta)))
        }
        exampleCost = { a, y in try single(numbers(.exampleCost(output: a, desired: y))) }
        outputError = { a, y, z in try numbers(.outputError(output: a, desired: y, z: z)) }
        layerGradient = { delta, a in
            switch try session.answer(.layerGradient(delta: delta, activations: a)) {
            case .layerGradient(let rows, let columns, let values, let biases):
                guard rows >= 0, columns >= 0,
                    rows.multipliedReportingOverflow(by: columns)
                        == (values.count, false)
                else {
                    throw Said(
                        sentence: "it gave a \(rows) × \(columns) matrix holding "
                            + "\(values.count) values: " + Checker.sizes)
                }
                return (Matrix(rows: rows, columns: columns, values: values), biases)
            case .notYet: throw NotYetMarker()
            case .threw(let error): throw Said(sentence: "it threw an error: \(visible(error))")
            default: throw CheckSession.Stopped()
            }
        }
        passBack = { deltaNext, w, z in
            try numbers(.passBack(nextError: deltaNext, weights: w, z: z))
        }
        // The checker reads a gradient only as its numbers in order: one row holding them all.
        averageGradient = { gradients in
            let flat = try numbers(.averageGradient(gradients))
            return Gradient(
                weights: [Matrix(rows: 1, columns: flat.count, values: flat)], biases: [[]])
        }
        miniBatchStep = { network, batch, eta in
            try network.take(numbers(.miniBatchStep(network, batch: batch, eta: eta)))
        }
        trainEpoch = { network, examples, size, eta, generator in
            try network.take(
                numbers(
                    .trainEpoch(
                        network, examples: examples, batchSize: size, eta: eta,
                        generator: generator)))
        }
        largestSteadyRate = {
            switch try session.answer(.largestSteadyRate) {
            case .rate(let rate): return rate
            case .notYet: throw NotYetMarker()
            default: throw CheckSession.Stopped()
            }
        }
    }
}

/// The one number of a scalar answer.
func single(_ numbers: [Double]) throws -> Double {
    guard numbers.count == 1 else {
        throw Said(sentence: "it gave \(numbers.count) numbers where one belongs")
    }
    return numbers[0]
}

extension Network {
    /// The learner's network after a step, as its numbers: refused when the step changed how many
    /// there are.
    mutating func take(_ numbers: [Double]) throws {
        guard numbers.count == parameterCount else {
            throw Said(
                sentence: "after your step the network holds \(numbers.count) numbers; it held "
                    + "\(parameterCount): a step changes values, never the network's shape")
        }
        parameters = numbers
    }
}

/// What the child said about the cases before it ended: the case it was trying, and which of the
/// ones before it were right.
struct CaseProgress: Sendable {
    var trying: (index: Int, total: Int, label: String, facts: Set<String>)?
    var before: [(right: Bool, facts: Set<String>)] = []

    mutating func take(_ report: CaseReport) {
        switch report {
        case .trying(let index, let total, let label, let facts):
            trying = (index, total, label, facts)
        case .tried(_, let right):
            before.append((right, trying?.facts ?? []))
        }
    }

    /// " in case 9 of 24 (a layer of 3 neurons with 5 inputs); the 8 before it were right".
    var during: String {
        guard let trying else { return "" }
        let right = before.filter(\.right).count
        let earlier: String
        switch (before.count, right) {
        case (0, _): earlier = "; it was the first"
        case (1, 1): earlier = "; the one before it was right"
        case (1, _): earlier = "; the one before it was wrong"
        case (let n, let r) where r == n: earlier = "; the \(n) before it were right"
        case (let n, 0): earlier = "; none of the \(n) before it was right"
        case (let n, 1): earlier = "; 1 of the \(n) before it was right"
        case (let n, let r): earlier = "; \(r) of the \(n) before it were right"
        }
        return " in case \(trying.index + 1) of \(trying.total) (\(trying.label))\(earlier)"
    }

    /// Advice on sizes, only when the evidence points there: every case before was right and
    /// square, and the one that crashed is the first that is not.
    var sizesAdvice: String {
        let square = "the layer is square"
        guard let trying, !trying.facts.contains(square), !before.isEmpty,
            before.allSatisfy({ $0.right && $0.facts.contains(square) })
        else { return "" }
        return
            " Right on every square layer, it crashed on the first that is not: rows and columns "
            + "are swapped somewhere. " + Checker.sizes
    }
}

/// A crash, as Swift's runtime told it on the child's error stream: its message and the first
/// line of the learner's own code on the way to it, in the exercise under check when the
/// backtrace passes through it (and the line it called, in another exercise, second).
struct Crash {
    let message: String?
    let place: (file: String, line: Int, path: String)?
    let code: String?
    /// The innermost learner line, when it is in another exercise than `place`.
    let callee: (file: String, line: Int, code: String?)?

    /// The messages Swift's runtime gives a stop the code asked for, in the order looked for.
    static let stops = ["Fatal error: ", "Precondition failed: ", "Assertion failed: "]

    init(errors: String, exercise: String? = nil) {
        let lines = errors.split(separator: "\n").map(String.init)
        let frames = lines.compactMap(Crash.learnerPlace)
        let deepest =
            lines.compactMap { line -> Int? in
                line.split(separator: " ").first.flatMap { Int($0) }
            }.max() ?? 0
        let asked = lines.lazy.compactMap { line -> String? in
            for stop in Crash.stops {
                guard let range = line.range(of: stop) else { continue }
                let text = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? "a fatal error" : visible(text)
            }
            return nil
        }.first
        let crashed = lines.lazy.compactMap { line -> String? in
            guard
                let range = line.range(of: "*** Program crashed: ")
                    ?? line.range(of: "*** Swift runtime failure: ")
            else { return nil }
            return String(line[range.upperBound...]).components(separatedBy: " at 0x")[0]
                .trimmingCharacters(in: CharacterSet(charactersIn: "* "))
        }.first
        // Thousands of frames deep: a function that calls itself without end.
        message = asked ?? (deepest >= 5_000 ? "a stack overflow" : crashed)
        let own = exercise.flatMap { file in frames.first { $0.file == "Exercises/" + file } }
        let frame = own ?? frames.first
        place = frame
        code = frame.flatMap(Crash.sourceLine)
        if let frame, let innermost = frames.first, innermost.file != frame.file {
            callee = (innermost.file, innermost.line, Crash.sourceLine(innermost))
        } else {
            callee = nil
        }
    }

    /// "/…/Exercises/08-MiniBatchStep.swift:14:30" in a backtrace frame, as
    /// ("Exercises/08-MiniBatchStep.swift", 14, "/…/Exercises/08-MiniBatchStep.swift").
    static func learnerPlace(_ line: String) -> (file: String, line: Int, path: String)? {
        guard let at = line.range(of: " at ", options: .backwards) else { return nil }
        let parts = line[at.upperBound...].split(separator: ":")
        guard parts.count >= 2, let number = Int(parts[1]) else { return nil }
        let path = String(parts[0])
        let pieces = path.split(separator: "/").map(String.init)
        guard pieces.count >= 2, pieces[pieces.count - 2] == "Exercises",
            pieces[pieces.count - 1].hasSuffix(".swift"),
            pieces[pieces.count - 1].first?.isNumber == true
        else { return nil }
        return ("Exercises/" + pieces[pieces.count - 1], number, path)
    }

    /// The learner's line itself, read from the file the backtrace names.
    static func sourceLine(_ place: (file: String, line: Int, path: String)) -> String? {
        guard let text = try? String(contentsOfFile: place.path, encoding: .utf8) else {
            return nil
        }
        let lines = text.components(separatedBy: "\n")
        guard place.line >= 1, place.line <= lines.count else { return nil }
        let code = lines[place.line - 1].trimmingCharacters(in: .whitespaces)
        return code.isEmpty ? nil : visible(code)
    }

    /// "your code crashed (Index out of range) at Exercises/08-MiniBatchStep.swift:14:
    /// `activations[l + 1]`".
    var sentence: String {
        var said = "your code crashed"
        if let message { said += " (\(message))" }
        if let place {
            said += " at \(place.file):\(place.line)"
            if let code { said += ": `\(code)`" }
        }
        if let callee {
            said += ", in the call that reached \(callee.file):\(callee.line)"
            if let code = callee.code { said += " (`\(code)`)" }
        }
        return said
    }
}

extension Checker {
    /// The learner's answers to `calls`, made one by one in one child with nothing substituted.
    /// Nil when the child could not start or stopped before answering them all.
    static func answersInAChild(_ calls: [Call], helper: URL) -> [Answer]? {
        guard let session = try? CheckSession(helper: helper, limit: timeLimit, substitute: [])
        else { return nil }
        defer { _ = session.finish() }
        return try? calls.map { try session.answer($0) }
    }
}
