import Foundation
import Processes

extension Checker {
    /// How long one exercise's check may run: many times what a finished exercise needs.
    public static let timeLimit = 30.0

    /// The verdict of exercise `number`, found by running `helper arguments` in a child process
    /// that prints `Verdict.line`. An answer that crashes (an index out of range, say) or never
    /// finishes (an endless loop) then gets a verdict saying so, instead of ending or hanging the
    /// check. Nil when the child cannot be started at all.
    public static func checkInAChild(
        _ number: Int, helper: URL, arguments: [String], limit: Double = timeLimit
    ) async -> Verdict? {
        guard let run = try? await runToTheEnd(helper, arguments, limit: limit) else { return nil }
        switch run.ending {
        case .ranTooLong(let seconds):
            return .wrong(
                mistake: nil,
                explanation:
                    "your code ran for \(String(format: "%g", seconds)) s without finishing and "
                    + "was stopped. "
                    + "Look for a loop whose condition never becomes false.")
        case .exited:
            if let verdict = Verdict(line: run.printed) { return verdict }
            fallthrough
        case .crashed:
            let sizes = Exercise.numbered(number)?.whenItCrashes
            return .wrong(
                mistake: nil,
                explanation:
                    "your code crashed while it was checked (an index out of range, most "
                    + "likely)." + (sizes.map { " " + $0 } ?? ""))
        }
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
