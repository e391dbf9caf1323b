import Foundation

/// The gnuplot program, found on PATH and run as a child process.
public struct Gnuplot: Sendable {
    /// The full path of the executable.
    public let executable: String

    public init(executable: String) {
        self.executable = executable
    }

    /// gnuplot as found on the search path `path` (PATH by default), or nil when it is not installed.
    public static func locate(searchPath path: String? = ProcessInfo.processInfo.environment["PATH"]) -> Gnuplot? {
        for folder in (path ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("gnuplot").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return Gnuplot(executable: candidate) }
        }
        return nil
    }

    /// What gnuplot printed: the drawing (for the dumb terminal) and any warnings.
    public struct Output: Sendable {
        public let standardOutput: String
        public let warnings: String
    }

    /// Runs `script` in `folder`, first setting each of `variables` (`format`, `outfile`) with -e.
    ///
    /// gnuplot's own error message is passed on, never swallowed.
    public func run(script: String, in folder: URL, variables: [(String, String)] = []) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.currentDirectoryURL = folder
        let assignments = variables.map { "\($0.0)=\(gnuplotQuoted($0.1))" }.joined(separator: "; ")
        process.arguments = (assignments.isEmpty ? [] : ["-e", assignments]) + [script]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw PlottingError.gnuplotDidNotStart(executable, reason: describe(error))
        }
        // Read stderr on another thread so neither pipe can fill up and stall gnuplot.
        let errorText = TextBox()
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) {
            errorText.text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
        let standardOutput = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        reading.wait()
        let message = errorText.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0 else {
            throw PlottingError.gnuplotFailed(
                script: folder.appendingPathComponent(script).path,
                message: message.isEmpty ? "exit status \(process.terminationStatus)" : message)
        }
        return Output(standardOutput: standardOutput, warnings: message)
    }
}

/// The text read by the stderr thread; the DispatchGroup's wait orders the write before the read.
private final class TextBox: @unchecked Sendable {
    var text = ""
}
