#if GnuplotIostream
import Foundation
import GnuplotIostreamBridge

/// gnuplot driven through the C++ gnuplot-iostream library (the GnuplotIostream trait).
///
/// gnuplot-iostream starts gnuplot with popen, so the command line itself sends gnuplot's
/// output and errors to files and records its exit status, which the library does not report.
final class IostreamSession: GnuplotSession {
    private var session: OpaquePointer?
    private let files: SessionFiles
    private let executable: String

    init(executable: String, showOutput: Bool) throws {
        files = try SessionFiles()
        self.executable = executable
        let output = showOutput ? "" : " >\(shellQuoted(files.output.path))"
        let command = "\(shellQuoted(executable))\(output) 2>\(shellQuoted(files.errors.path)); echo $? >\(shellQuoted(files.status.path))"
        guard let opened = gnuplot_bridge_open(command) else {
            throw PlottingError.gnuplotDidNotStart(executable, reason: "gnuplot-iostream could not open a pipe")
        }
        session = opened
    }

    func send(_ text: String) throws {
        guard let session, gnuplot_bridge_send(session, text) == 0 else {
            throw PlottingError.gnuplotDidNotStart(executable, reason: "the pipe to gnuplot closed early")
        }
    }

    func finish() throws -> GnuplotSessionResult {
        if let session { gnuplot_bridge_close(session) }
        session = nil
        let status = Int32(files.take(files.status).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1
        return GnuplotSessionResult(status: status, output: files.take(files.output), errors: files.take(files.errors))
    }
}

/// A path or word quoted for the shell that popen runs.
private func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
#endif
