import Foundation
import Processes

/// One conversation with gnuplot: commands and inline data go in; what gnuplot prints is
/// collected (or shown on the terminal) and handed back when the session finishes.
///
/// Two implementations stand behind it: a plain Swift pipe to a child process (the default),
/// and the C++ gnuplot-iostream library (`swift build --traits GnuplotIostream`). Both run gnuplot
/// in the chart's folder, so no path a learner chose ever appears in a gnuplot command; both stop
/// gnuplot when it runs past the time limit, and both are stopped by Ctrl-C.
public protocol GnuplotSession: AnyObject {
    /// Sends text to gnuplot: one or more commands, or inline data, ending in a newline.
    func send(_ text: String) throws
    /// Closes gnuplot's input, waits for it to finish (or for the time limit), and reports what it
    /// said.
    func finish() throws -> GnuplotSessionResult
}

/// What a finished gnuplot session left behind.
public struct GnuplotSessionResult: Sendable {
    /// gnuplot's exit status: 0 when every command worked.
    public let status: Int32
    /// What gnuplot printed on its standard output (the dumb terminal's drawing), unless it went to
    /// the terminal.
    public let output: String
    /// What gnuplot printed on its standard error: errors and warnings.
    public let errors: String
    /// True when gnuplot ran past the time limit and was stopped.
    public let timedOut: Bool
    /// The signal that ended gnuplot, when one did (a crash, say); `status` is then its number.
    public var signal: Int32? = nil
}

extension GnuplotSession {
    /// Sends `rows` as the inline data block `$name`, which later commands can plot.
    public func sendData(_ name: String, rows: [[Double]]) throws {
        let lines = rows.filter { $0.allSatisfy(\.isFinite) }.map {
            $0.map(formatForData).joined(separator: " ")
        }
        try send(
            "$\(name) << EOD\n" + lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
                + "EOD\n")
    }
}

extension Gnuplot {
    /// The implementation this build talks to gnuplot with.
    public static var backend: String {
        #if GnuplotIostream
        return "gnuplot-iostream (C++)"
        #else
        return "Swift pipe"
        #endif
    }

    /// Starts gnuplot in `folder`. With `showOutput`, what it draws on the dumb terminal goes
    /// straight to this terminal; otherwise it is collected for `finish()`.
    public func openSession(
        in folder: URL, timeLimit: Double, showOutput: Bool = false
    ) throws -> GnuplotSession {
        #if GnuplotIostream
        return try IostreamSession(
            executable: executable, folder: folder, timeLimit: timeLimit, showOutput: showOutput)
        #else
        return try PipeSession(
            executable: executable, folder: folder, timeLimit: timeLimit, showOutput: showOutput)
        #endif
    }

    /// gnuplot's environment: ours, with a UTF-8 character set when ours has none. Without one,
    /// gnuplot warns "iconv failed" on every script that sets `encoding utf8`.
    public static func environment(
        _ base: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String: String] {
        var environment = base
        let chosen =
            base["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? base["LC_CTYPE"].flatMap {
                $0.isEmpty ? nil : $0
            } ?? base["LANG"] ?? ""
        if !chosen.lowercased().replacingOccurrences(of: "-", with: "").contains("utf8") {
            #if os(Linux)
            environment["LC_ALL"] = "C.UTF-8"
            #else
            environment["LC_ALL"] = "en_US.UTF-8"
            #endif
        }
        return environment
    }
}

/// gnuplot as a child process with pipes to its input, output and errors: the default, pure Swift.
final class PipeSession: GnuplotSession, @unchecked Sendable {
    private let process = Process()
    private let input = Pipe(), output = Pipe(), errors = Pipe()
    private let showOutput: Bool
    private let timeLimit: Double
    private let done = DispatchSemaphore(value: 0)
    private let reading = DispatchGroup()
    private var collected = (output: "", errors: "")

    init(executable: String, folder: URL, timeLimit: Double, showOutput: Bool) throws {
        self.showOutput = showOutput
        self.timeLimit = timeLimit
        process.executableURL = URL(fileURLWithPath: executable)
        process.currentDirectoryURL = folder
        process.environment = Gnuplot.environment()
        process.standardInput = input
        process.standardOutput = showOutput ? FileHandle.standardOutput : output
        process.standardError = errors
        process.terminationHandler = { [done] _ in done.signal() }
        do {
            try Children.start(process)
        } catch {
            throw PlottingError.gnuplotDidNotStart(executable, reason: describe(error))
        }
        // Both streams are drained as gnuplot writes, so a chatty gnuplot never blocks on a full
        // pipe; each keeps its first and last kilobytes, so one that never stops talking cannot
        // fill the memory.
        drain(errors, keeping: 16_384) { session, text in session.collected.errors = text }
        if !showOutput {
            // A drawing for the terminal (a sixel picture, an animation played as text) is kept
            // whole up to 32 MB at each end.
            drain(output, keeping: 1 << 25) { session, text in session.collected.output = text }
        }
    }

    /// gnuplot's exit status once it has ended, or nil after `limit` seconds: told by Foundation,
    /// or seen directly when a child gnuplot left behind keeps Foundation from hearing of it.
    private func waitForGnuplot(limit: Double) -> Int32? {
        waitForEnd(of: process.processIdentifier, limit: limit) { [done, process] in
            done.wait(timeout: .now() + 0.02) == .success ? process.terminationStatus : nil
        }
    }

    private func drain(
        _ pipe: Pipe, keeping half: Int,
        into store: @escaping @Sendable (PipeSession, String) -> Void
    ) {
        reading.enter()
        DispatchQueue.global().async { [reading] in
            store(self, BoundedBytes.read(pipe.fileHandleForReading, half: half).text)
            reading.leave()
        }
    }

    func send(_ text: String) throws {
        // A gnuplot that already quit closes its end; writing then would raise SIGPIPE, which we
        // ignore.
        try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    func finish() throws -> GnuplotSessionResult {
        try? input.fileHandleForWriting.close()
        var timedOut = false
        var status = waitForGnuplot(limit: timeLimit)
        if status == nil {
            // gnuplot has nothing to save: stop it at once.
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            status = waitForGnuplot(limit: 5)
        }
        Children.finished(process)
        // Its output ends when gnuplot does; a child it left behind holding the pipes must not hold
        // us too.
        _ = reading.wait(timeout: .now() + 5)
        let signalled = !process.isRunning && process.terminationReason == .uncaughtSignal
        return GnuplotSessionResult(
            status: status ?? SIGKILL, output: collected.output, errors: collected.errors,
            timedOut: timedOut, signal: signalled ? process.terminationStatus : nil)
    }
}
