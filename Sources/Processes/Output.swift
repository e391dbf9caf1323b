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

#if canImport(Glibc)
let systemWrite = Glibc.write
#else
let systemWrite = Darwin.write
#endif
