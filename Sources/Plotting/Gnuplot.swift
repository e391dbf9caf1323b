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

    /// Runs `script` in `folder`, first setting each of `variables` (`format`, `outfile`).
    ///
    /// The script is loaded in a session of whichever backend this build uses; gnuplot's own
    /// error message is passed on, never swallowed.
    public func run(script: String, in folder: URL, variables: [(String, String)] = [], showOutput: Bool = false) throws -> Output {
        let session = try openSession(showOutput: showOutput)
        var commands = "cd \(gnuplotQuoted(folder.path))\n"
        for (name, value) in variables {
            // Numbers go in as numbers, anything else as a string.
            commands += "\(name) = \(Double(value) != nil ? value : gnuplotQuoted(value))\n"
        }
        commands += "load \(gnuplotQuoted(script))\n"
        try? session.send(commands)
        let result = try session.finish()
        let message = result.errors.trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0 else {
            throw PlottingError.gnuplotFailed(
                script: folder.appendingPathComponent(script).path,
                message: message.isEmpty ? "exit status \(result.status)" : message)
        }
        return Output(standardOutput: result.output, warnings: message)
    }

    /// An interactive terminal this gnuplot can open a window with (qt, wxt or x11), when there
    /// is a display to open it on; nil otherwise.
    public func windowTerminal(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let display = environment["DISPLAY"], !display.isEmpty,
              let session = try? openSession(), (try? session.send("print GPVAL_TERMINALS\n")) != nil,
              let result = try? session.finish() else { return nil }
        let terminals = result.errors.split(separator: " ").map(String.init)
        return ["qt", "wxt", "x11"].first { terminals.contains($0) }
    }
}

