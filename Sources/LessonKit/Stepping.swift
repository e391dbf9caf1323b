import Foundation
import Plotting

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
    private var skip = 0, runAll = false
    /// How many updates have been shown.
    public private(set) var shown = 0

    init(say: Narrator, readKey: (() -> UInt8?)?) {
        self.say = say
        self.readKey = readKey
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
        return Stepper(say: say, readKey: readKey)
    }
}

extension Narrator {
    /// A prompt on the line, without a line break.
    func prompt(_ text: String) { promptLine(text) }
}

/// Switches the terminal `fd` to reading keys as typed (no echo, no waiting for Enter) and returns
/// the settings to put back; nil when `fd` is not a terminal.
func startRawInput(_ fd: Int32) -> termios? {
    var saved = termios()
    guard isatty(fd) == 1, tcgetattr(fd, &saved) == 0 else { return nil }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
    return tcsetattr(fd, TCSANOW, &raw) == 0 ? saved : nil
}

/// The terminal's keys for `--step`, switched to raw input only when the first key is wanted: the
/// answers to `--predict`, asked before, are typed as ordinary lines, echoed and ended by Enter.
public final class KeysWhenAsked {
    private var keyboard: RawKeyboard?
    private var started = false

    /// Nil when standard input is not a terminal.
    public init?() {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
    }

    /// The next key, or nil when input has ended (or raw input could not be started).
    public func read() -> UInt8? {
        if !started {
            started = true
            keyboard = RawKeyboard()
        }
        return keyboard?.read()
    }
}

/// Keys from the terminal, one at a time, without echo or waiting for Enter; the terminal's
/// settings are restored when it is closed, and by Ctrl-C. Nil when standard input is not a
/// terminal.
public final class RawKeyboard {
    private var saved = termios()
    private let fd = STDIN_FILENO

    public init?() {
        guard let original = startRawInput(fd) else { return nil }
        saved = original
        let fd = self.fd
        Interruption.beforeExit {
            var settings = original
            _ = tcsetattr(fd, TCSANOW, &settings)
        }
    }

    /// The next key, or nil when input has ended.
    public func read() -> UInt8? {
        var byte: UInt8 = 0
        return Foundation.read(fd, &byte, 1) == 1 ? byte : nil
    }

    deinit {
        _ = tcsetattr(fd, TCSANOW, &saved)
    }
}
