import ArgumentParser
import Foundation
import Processes

/// How `--terminal` draws the charts: the best the terminal supports, or what `--terminal=KIND`
/// says.
public enum TerminalKind: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Plain text (gnuplot's dumb terminal): always works, and is what a pipe or a file gets.
    case dumb
    /// Text in colour (dumb ansirgb), for colour terminals.
    case ansi
    /// Real pictures as sixel graphics (gnuplot's sixelgd), for terminals that show them.
    case sixel

    /// The kind to use when none was forced: plain text unless standard output is a terminal;
    /// sixel when the terminal says it shows them; colour text on a colour terminal.
    public static func choose(
        outputIsTerminal: Bool = isatty(STDOUT_FILENO) == 1,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        answersSixel: () -> Bool = terminalAnswersSixel
    ) -> TerminalKind {
        guard outputIsTerminal else { return .dumb }
        if answersSixel() { return .sixel }
        let term = environment["TERM"] ?? ""
        let colour = environment["COLORTERM"] ?? ""
        return !colour.isEmpty || term.contains("color") || term.contains("kitty")
            || term.contains("alacritty") ? .ansi : .dumb
    }
}

/// Asks the terminal what it can do (the DA1 query, ESC [ c) and reads its answer for a moment;
/// attribute 4 in the answer means sixel graphics. The terminal's settings are restored after.
public func terminalAnswersSixel() -> Bool {
    let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
    guard tty >= 0 else { return false }
    defer { close(tty) }
    guard var saved = startRawInput(tty) else { return false }
    defer { _ = tcsetattr(tty, TCSANOW, &saved) }
    let query = Array("\u{1B}[c".utf8)
    guard write(tty, query, query.count) == query.count else { return false }
    var answer: [UInt8] = []
    var poller = pollfd(fd: tty, events: Int16(POLLIN), revents: 0)
    // The answer ends in "c"; a terminal that does not answer leaves us after 300 ms.
    while poll(&poller, 1, 300) > 0, answer.count < 64 {
        var byte: UInt8 = 0
        guard read(tty, &byte, 1) == 1 else { break }
        answer.append(byte)
        if byte == UInt8(ascii: "c") { break }
    }
    let text = String(decoding: answer, as: UTF8.self)
    guard let start = text.firstIndex(of: "?") else { return false }
    return text[text.index(after: start)...].dropLast().split(separator: ";").contains("4")
}
