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

    /// The verdict of exercise `number`, found by running `helper arguments` in a child process
    /// that prints the case it is trying and, last, `Verdict.line`. An answer that crashes (an
    /// index out of range, say) or never finishes (an endless loop) then gets a verdict saying so,
    /// in which case and at which line of the learner's file, instead of ending or hanging the
    /// check. Nil when the child cannot be started at all.
    public static func checkInAChild(
        _ number: Int, helper: URL, arguments: [String], limit: Double = timeLimit
    ) async -> Verdict? {
        guard
            let run = try? await runToTheEnd(
                helper, arguments, environment: childEnvironment, limit: limit)
        else { return nil }
        let progress = CaseProgress(printed: run.printed)
        switch run.ending {
        case .ranTooLong(let seconds):
            return .wrong(
                mistake: nil,
                explanation:
                    "your code ran for \(String(format: "%g", seconds)) s without finishing and "
                    + "was stopped\(progress.during). Look for a loop whose condition never "
                    + "becomes false.")
        case .exited:
            if let verdict = run.printed.split(separator: "\n").last.flatMap({
                Verdict(line: String($0))
            }) {
                return verdict
            }
            fallthrough
        case .crashed:
            return .wrong(
                mistake: nil,
                explanation: Crash(errors: run.other).sentence + progress.during + "."
                    + progress.sizesAdvice)
        }
    }
}

/// What the child said about the cases before it ended: the case it was trying, and which of the
/// ones before it were right.
struct CaseProgress {
    var trying: (index: Int, total: Int, label: String, facts: Set<String>)?
    var before: [(right: Bool, facts: Set<String>)] = []

    init(printed: String) {
        var facts: [Int: Set<String>] = [:]
        for line in printed.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(
                String.init)
            if fields.first == "trying", fields.count == 5, let i = Int(fields[1]),
                let total = Int(fields[2])
            {
                let said = Set(fields[4].split(separator: ";").map(String.init))
                trying = (i, total, fields[3], said)
                facts[i] = said
            } else if fields.first == "tried", fields.count == 3, let i = Int(fields[1]) {
                before.append((fields[2] == "right", facts[i] ?? []))
            }
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
/// line of the learner's own code on the way to it.
struct Crash {
    let message: String?
    let place: (file: String, line: Int, path: String)?
    let code: String?

    init(errors: String) {
        let lines = errors.split(separator: "\n").map(String.init)
        message =
            lines.lazy.compactMap { line -> String? in
                guard let range = line.range(of: "Fatal error: ") else { return nil }
                let text = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? "a fatal error" : text
            }.first
            ?? lines.lazy.compactMap { line -> String? in
                guard
                    let range = line.range(of: "*** Program crashed: ")
                        ?? line.range(of: "*** Swift runtime failure: ")
                else { return nil }
                return String(line[range.upperBound...]).components(separatedBy: " at 0x")[0]
                    .trimmingCharacters(in: CharacterSet(charactersIn: "* "))
            }.first
        let frame = lines.lazy.compactMap(Crash.learnerPlace).first
        place = frame
        code = frame.flatMap(Crash.sourceLine)
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
        return code.isEmpty ? nil : code
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
        return said
    }
}

extension Verdict {
    /// The verdict as one line for a parent process: status, mistake and text, separated by tabs.
    public var line: String {
        let fields: [String]
        switch self {
        case .done(let tried): fields = ["done", "", tried]
        case .notYet(let why): fields = ["not yet", "", why]
        case .wrong(let mistake, let explanation): fields = ["wrong", mistake ?? "", explanation]
        }
        return fields.map {
            $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
        }.joined(separator: "\t")
    }

    /// Reads `line` back; nil for anything else (a child that printed half a line and crashed).
    init?(line: String) {
        let fields = line.trimmingCharacters(in: .newlines).components(separatedBy: "\t")
        guard fields.count == 3 else { return nil }
        switch fields[0] {
        case "done": self = .done(fields[2])
        case "not yet": self = .notYet(fields[2])
        case "wrong":
            self = .wrong(mistake: fields[1].isEmpty ? nil : fields[1], explanation: fields[2])
        default: return nil
        }
    }
}
