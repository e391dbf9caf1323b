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

#if canImport(Glibc)
let systemWrite = Glibc.write
#else
let systemWrite = Darwin.write
#endif
