import Foundation

/// One conversation with gnuplot: commands and inline data go in; what gnuplot prints is
/// collected (or shown on the terminal) and handed back when the session finishes.
///
/// Two implementations stand behind it: a plain Swift pipe to a child process (the default),
/// and the C++ gnuplot-iostream library (`swift build --traits GnuplotIostream`). Both give the
/// same files and the same messages.
public protocol GnuplotSession: AnyObject {
    /// Sends text to gnuplot: one or more commands, or inline data, ending in a newline.
    func send(_ text: String) throws
    /// Closes gnuplot's input, waits for it to finish, and reports what it said.
    func finish() throws -> GnuplotSessionResult
}

/// What a finished gnuplot session left behind.
public struct GnuplotSessionResult: Sendable {
    /// gnuplot's exit status: 0 when every command worked.
    public let status: Int32
    /// What gnuplot printed on its standard output (the dumb terminal's drawing), unless it went to the terminal.
    public let output: String
    /// What gnuplot printed on its standard error: errors and warnings.
    public let errors: String
}

extension GnuplotSession {
    /// Sends `rows` as the inline data block `$name`, which later commands can plot.
    public func sendData(_ name: String, rows: [[Double]]) throws {
        let lines = rows.filter { $0.allSatisfy(\.isFinite) }.map { $0.map(formatForData).joined(separator: " ") }
        try send("$\(name) << EOD\n" + lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n") + "EOD\n")
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

    /// Starts gnuplot. With `showOutput`, what it draws on the dumb terminal goes straight to this
    /// terminal; otherwise it is collected for `finish()`.
    public func openSession(showOutput: Bool = false) throws -> GnuplotSession {
        #if GnuplotIostream
        return try IostreamSession(executable: executable, showOutput: showOutput)
        #else
        return try PipeSession(executable: executable, showOutput: showOutput)
        #endif
    }
}

/// Temporary files for gnuplot's output, removed when the session is done with them.
struct SessionFiles {
    let output: URL
    let errors: URL
    let status: URL

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("gnuplot-\(UUID().uuidString)")
        output = base.appendingPathExtension("out")
        errors = base.appendingPathExtension("err")
        status = base.appendingPathExtension("status")
        for url in [output, errors] { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
    }

    /// Reads a file's text and removes the file.
    func take(_ url: URL) -> String {
        defer { try? FileManager.default.removeItem(at: url) }
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }
}

/// gnuplot as a child process with a pipe to its input: the default, pure Swift.
final class PipeSession: GnuplotSession {
    private let process = Process()
    private let input = Pipe()
    private let files: SessionFiles
    private let showOutput: Bool

    init(executable: String, showOutput: Bool) throws {
        files = try SessionFiles()
        self.showOutput = showOutput
        process.executableURL = URL(fileURLWithPath: executable)
        process.standardInput = input
        process.standardOutput = showOutput ? FileHandle.standardOutput : try FileHandle(forWritingTo: files.output)
        process.standardError = try FileHandle(forWritingTo: files.errors)
        do {
            try process.run()
        } catch {
            throw PlottingError.gnuplotDidNotStart(executable, reason: describe(error))
        }
    }

    func send(_ text: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    func finish() throws -> GnuplotSessionResult {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return GnuplotSessionResult(status: process.terminationStatus,
                                    output: files.take(files.output), errors: files.take(files.errors))
    }
}
