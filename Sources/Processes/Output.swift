import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to standard output and standard error that notices when the reader has gone.
///
/// `lesson 10 | head` closes the pipe after ten lines. SIGPIPE is ignored (a gnuplot that quit must
/// be an error the lesson reports, not a silent death), so the closed pipe shows as a failed write
/// instead, and the run then stops as a signal would stop it: its children stopped, its unfinished
/// files removed, status 141 (128 + SIGPIPE, as a shell reports it). Before, the lesson went on
/// computing for nobody, or died on its next message to standard error.
public enum Output {
    /// Writes `text` to `fd` (standard output unless said), whole.
    public static func write(_ text: String, to fd: Int32 = STDOUT_FILENO) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
            if written > 0 {
                bytes = bytes.dropFirst(written)
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                if errno == EPIPE { Lifetime.shared.stop(status: 128 + SIGPIPE, saying: nil) }
                return
            }
        }
    }

    /// Writes `text` and a newline to standard output.
    public static func line(_ text: String) {
        write(text + "\n")
    }

    /// Writes `text` to standard error.
    public static func error(_ text: String) {
        write(text, to: STDERR_FILENO)
    }
}

/// Text another program wrote (gnuplot's errors, a learner's message) as it can be shown: every
/// control character but the tab (an escape that could retitle or clear the terminal, a bell, a
/// carriage return) written as its visible picture, ␛ or ␇.
public func visible(_ text: String) -> String {
    String(
        String.UnicodeScalarView(
            text.unicodeScalars.map { scalar in
                switch scalar.value {
                case 0x09: scalar
                case 0..<0x20: Unicode.Scalar(0x2400 + scalar.value)!
                case 0x7F: Unicode.Scalar(0x2421)!
                case 0x80..<0xA0: Unicode.Scalar(0xFFFD)!
                default: scalar
                }
            }))
}

/// A drawing another program made for the terminal (gnuplot's `dumb ansirgb` or `sixelgd`), as
/// it may be shown: its colours (ESC [ … m) and its sixel pictures (ESC P … q, then printable
/// ASCII, then ESC \) kept, line and page breaks kept, every other control character made
/// visible as `visible` makes it, and the colours reset at its end. A title change, a clear
/// screen or hidden text in it is shown, not obeyed.
public func terminalDrawing(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    var kept = String.UnicodeScalarView()
    var coloured = false
    /// Where a sixel was found to have no end: none from there on has one.
    var endless = scalars.count
    /// The end of a sequence from `i` on that is a colour or a sixel picture, or nil.
    func drawn(from i: Int) -> Int? {
        guard i + 1 < scalars.count, scalars[i] == "\u{1B}" else { return nil }
        var j = i + 2
        while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" {
            j += 1
        }
        guard j < scalars.count else { return nil }
        if scalars[i + 1] == "[" { return scalars[j] == "m" ? j + 1 : nil }
        guard scalars[i + 1] == "P", scalars[j] == "q", i < endless else { return nil }
        // Sixel data is printable ASCII and line breaks; it ends at ESC \.
        while j + 1 < scalars.count, !(scalars[j] == "\u{1B}" && scalars[j + 1] == "\\") {
            guard (0x20...0x7E).contains(scalars[j].value) || scalars[j] == "\n" else {
                return nil
            }
            j += 1
        }
        guard j + 1 < scalars.count else {
            endless = i
            return nil
        }
        return j + 2
    }
    var i = 0
    while i < scalars.count {
        if let end = drawn(from: i) {
            kept.append(contentsOf: scalars[i..<end])
            coloured = coloured || scalars[i + 1] == "["
            i = end
            continue
        }
        let scalar = scalars[i]
        if ["\n", "\t", "\u{0C}"].contains(scalar) {
            kept.append(scalar)
        } else {
            kept.append(contentsOf: visible(String(scalar)).unicodeScalars)
        }
        i += 1
    }
    if coloured { kept.append(contentsOf: "\u{1B}[0m".unicodeScalars) }
    return String(kept)
}

#if canImport(Glibc)
let systemWrite = Glibc.write
#else
let systemWrite = Darwin.write
#endif
