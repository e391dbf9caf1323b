#if GnuplotIostream
import Processes
import Foundation
import GnuplotIostreamBridge

/// gnuplot driven through the C++ gnuplot-iostream library (the GnuplotIostream trait).
///
/// gnuplot-iostream starts gnuplot with popen, so the shell command line does what the Swift
/// pipe does with Process: it runs gnuplot in the chart's folder with a UTF-8 locale, sends its
/// output and errors to files and records its exit status, which the library does not report, and
/// gnuplot's process id, so that a watchdog can stop it at the time limit and Ctrl-C can stop it.
final class IostreamSession: GnuplotSession {
    private var session: OpaquePointer?
    private let files: SessionFiles
    private let executable: String
    private let timeLimit: Double
    private var pid: Int32?
    /// Stops gnuplot when it runs past the time limit; cancelled when the session finishes first.
    private var watchdog: DispatchWorkItem?

    init(executable: String, folder: URL, timeLimit: Double, showOutput: Bool) throws {
        files = try SessionFiles()
        self.executable = executable
        self.timeLimit = timeLimit
        // Paths reach the inner shell through variables, so that its script holds no text of ours.
        let locale =
            Gnuplot.environment()["LC_ALL"].map { "LC_ALL=\(shellQuoted($0)); export LC_ALL; " }
            ?? ""
        let output = showOutput ? "" : " >\(shellQuoted(files.output.path))"
        // gnuplot leads a process group of its own where `setsid` exists (Linux), so that whatever
        // it leaves running is stopped with it.
        let gnuplot =
            "sh -c 'echo $$ >\"$PIDFILE\"; if command -v setsid >/dev/null 2>&1; then "
            + "exec setsid \"$GNUPLOT\"; else exec \"$GNUPLOT\"; fi'\(output) "
            + "2>\(shellQuoted(files.errors.path))"
        let command =
            "cd \(shellQuoted(folder.path)) && { \(locale)PIDFILE=\(shellQuoted(files.pid.path)); "
            + "GNUPLOT=\(shellQuoted(executable)); "
            + "export PIDFILE GNUPLOT; \(gnuplot); echo $? >\(shellQuoted(files.status.path)); }"
        // A signal before gnuplot's process id is known waits for it (or for the wait below to
        // give up), so gnuplot never outlives a stopped run.
        let start = Children.willStart()
        defer { start.abandon() }
        guard let opened = gnuplot_bridge_open(command) else {
            files.removeAll()
            throw PlottingError.gnuplotDidNotStart(
                executable, reason: "gnuplot-iostream could not open a pipe")
        }
        session = opened
        // gnuplot's shell writes its process id just before it becomes gnuplot; wait a moment for
        // it.
        for _ in 0..<2000 where files.read(files.pid).isEmpty { usleep(1000) }
        if let pid = Int32(files.read(files.pid).trimmingCharacters(in: .whitespacesAndNewlines)) {
            self.pid = pid
            start.adopt(pid)
            // Past the limit, gnuplot is killed; its shell then records 137 (128 + SIGKILL). A
            // gnuplot whose status is already recorded has ended, and its process id may belong to
            // another.
            let files = self.files
            let watchdog = DispatchWorkItem {
                if files.read(files.status).isEmpty { kill(pid, SIGKILL) }
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit, execute: watchdog)
            self.watchdog = watchdog
        }
    }

    func send(_ text: String) throws {
        guard let session, gnuplot_bridge_send(session, text) == 0 else {
            throw PlottingError.gnuplotDidNotStart(
                executable, reason: "the pipe to gnuplot closed early")
        }
    }

    func finish() throws -> GnuplotSessionResult {
        if let session { gnuplot_bridge_close(session) }
        session = nil
        watchdog?.cancel()
        if let pid { Children.release(pid) }
        let recorded = files.read(files.status)
        let status = Int32(recorded.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1
        let result = GnuplotSessionResult(
            status: status, output: files.read(files.output, keeping: 1 << 25),
            errors: files.read(files.errors, keeping: 16_384),
            timedOut: status == 137)
        files.removeAll()
        return result
    }
}

/// The temporary files a gnuplot-iostream session needs, known to Ctrl-C until they are removed.
struct SessionFiles {
    let output: URL, errors: URL, status: URL, pid: URL

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "backprop-gnuplot-\(UUID().uuidString)")
        output = base.appendingPathExtension("out")
        errors = base.appendingPathExtension("err")
        status = base.appendingPathExtension("status")
        pid = base.appendingPathExtension("pid")
        for url in [output, errors, status, pid] { PartialFiles.begin(url) }
    }

    /// The file's text, its first and last `half` bytes when it is longer: a gnuplot that never
    /// stops talking cannot fill the memory.
    func read(_ url: URL, keeping half: Int = 4096) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
        defer { try? handle.close() }
        return BoundedBytes.read(handle, half: half).text
    }

    func removeAll() {
        for url in [output, errors, status, pid] {
            try? FileManager.default.removeItem(at: url)
            PartialFiles.end(url)
        }
    }
}

/// A path or word quoted for the shell that popen runs: any character, newlines included, stays
/// data.
private func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
#endif
