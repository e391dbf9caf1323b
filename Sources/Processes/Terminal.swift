import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The raw terminal: keys read as typed for `--step`, and the terminal's settings put back however
// the run ends (on its own, or by Ctrl-C or SIGTERM through `Interruption`).

/// Switches the terminal `fd` to reading keys as typed (no echo, no waiting for Enter) and returns
/// the settings to put back; nil when `fd` is not a terminal.
public func startRawInput(_ fd: Int32) -> termios? {
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
    private var token = 0

    public init?() {
        guard let original = startRawInput(fd) else { return nil }
        saved = original
        let fd = self.fd
        let putBack = {
            var settings = original
            _ = tcsetattr(fd, TCSANOW, &settings)
        }
        Interruption.beforeExit(putBack)
        token = Interruption.whileStopped(putBack: putBack, takeAgain: { _ = startRawInput(fd) })
    }

    /// The next key, or nil when input has ended.
    public func read() -> UInt8? {
        var byte: UInt8 = 0
        return Foundation.read(fd, &byte, 1) == 1 ? byte : nil
    }

    deinit {
        Interruption.forget(token)
        _ = tcsetattr(fd, TCSANOW, &saved)
    }
}
