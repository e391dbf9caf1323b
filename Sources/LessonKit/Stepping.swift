import Foundation
import Plotting
import Processes

/// `--step`: one update at a time. After each update the lesson waits for a key: Enter or space
/// for the next, a number then Enter to jump that many, `a` to run to the end, `q` to stop (the
/// charts then show the path so far). Keys are read as typed, without echo, and the terminal is
/// put back as it was on every way out, Ctrl-C included. Without a terminal to read keys from,
/// `--step` shows every update without pausing.
public final class Stepper {
    /// What to do after an update.
    enum Command: Equatable {
        case next(Int)
        case all, quit
    }

    private let say: Narrator
    private let readKey: (() -> UInt8?)?
    /// Told when the learner stops before the first update.
    private let stoppedAtStart: () -> Void
    private var skip = 0, runAll = false
    /// How many updates have been shown.
    public private(set) var shown = 0

    init(say: Narrator, readKey: (() -> UInt8?)?, stoppedAtStart: @escaping () -> Void = {}) {
        self.say = say
        self.readKey = readKey
        self.stoppedAtStart = stoppedAtStart
    }

    /// Waits for the learner, then shows one update; false, showing nothing, when they pressed `q`.
    public func show(_ heading: String, _ lines: [String]) -> Bool {
        if let readKey, !runAll, skip == 0 {
            say.prompt(
                "  [\(heading) · Enter: take it · number + Enter: take that many · a: all · q: "
                    + "stop] "
            )
            let command = Self.command(from: readKey, echo: { self.say.prompt($0) })
            say.plain("")
            switch command {
            case .next(let count): skip = count
            case .all: runAll = true
            case .quit where shown == 0:
                stoppedAtStart()
                say.plain(
                    "  Stopped before the first update: the charts show only the start, and "
                        + "nothing is said of a run that did not happen.")
                return false
            case .quit:
                say.plain(
                    "  Stopped after \(shown) update\(shown == 1 ? "" : "s"); the charts show the "
                        + "path so far."
                )
                return false
            }
        }
        if skip > 0 { skip -= 1 }
        shown += 1
        say.plain("  ⏵ \(heading)")
        lines.forEach { say.plain("    " + $0) }
        return true
    }

    /// Reads keys until they make a command: digits gather into a jump (shown as typed), Enter or
    /// space ends it.
    static func command(from readKey: () -> UInt8?, echo: (String) -> Void = { _ in }) -> Command {
        var digits = ""
        while let key = readKey() {
            switch key {
            case UInt8(ascii: "q"), UInt8(ascii: "Q"): return .quit
            case UInt8(ascii: "a"), UInt8(ascii: "A"): return .all
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(Character(UnicodeScalar(key)))
                echo(String(UnicodeScalar(key)))
            case 10, 13, UInt8(ascii: " "): return .next(max(1, Int(digits) ?? 1))
            default: continue
            }
        }
        return .all  // the keyboard went away: run to the end
    }
}

extension LessonContext {
    /// The stepper for this run: pausing with `--step` on a terminal, showing every update without
    /// pausing with `--step` elsewhere, nil without `--step` (the lesson then shows no updates).
    public var stepper: Stepper? {
        guard step else { return nil }
        stepped = true
        return Stepper(say: say, readKey: readKey) { [weak self] in self?.stoppedAtStart = true }
    }
}

extension Narrator {
    /// A prompt on the line, without a line break.
    func prompt(_ text: String) { promptLine(text) }
}
