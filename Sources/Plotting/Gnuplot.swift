import Foundation
import Processes

/// The gnuplot program, found on PATH and run as a child process.
public struct Gnuplot: Sendable {
    /// The full path of the executable.
    public let executable: String

    public init(executable: String) {
        self.executable = executable
    }

    /// gnuplot as found on the search path `path` (PATH by default), or nil when it is not
    /// installed: the first executable file named gnuplot, skipping folders of that name.
    public static func locate(
        searchPath path: String? = ProcessInfo.processInfo.environment["PATH"]
    ) -> Gnuplot? {
        for folder in (path ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("gnuplot")
                .path
            // A folder named gnuplot is executable too (it can be entered): only a file counts,
            // as a shell would have it.
            var isFolder: ObjCBool = false
            if FileManager.default.isExecutableFile(atPath: candidate),
                FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder),
                !isFolder.boolValue
            {
                return Gnuplot(executable: candidate)
            }
        }
        return nil
    }

    /// What gnuplot printed: the drawing (for the dumb terminal) and any warnings.
    public struct Output: Sendable {
        public let standardOutput: String
        public let warnings: String
    }

    /// How long one render may take, in seconds, before gnuplot is stopped:
    /// `BACKPROP_GNUPLOT_TIMEOUT` when set to a number of seconds in `allowedTimeLimits` (the
    /// lessons refuse any other), else 30. Animations get more (see `ChartWriter`).
    public static var defaultTimeLimit: Double {
        if let text = ProcessInfo.processInfo.environment["BACKPROP_GNUPLOT_TIMEOUT"],
            let seconds = Double(text), allowedTimeLimits.contains(seconds)
        {
            return seconds
        }
        return 30
    }

    /// The time limits one may ask for, in seconds.
    public static let allowedTimeLimits: ClosedRange<Double> = 1...3600

    /// Runs `script` in `folder`, first setting each of `variables` (`format`, `outfile`).
    ///
    /// gnuplot runs in `folder` itself, so the script and the files are named without a path: a
    /// folder name with quotes, backquotes or `$` in it never becomes part of a gnuplot command.
    /// gnuplot's own error message is passed on, trimmed to what a person can read.
    public func run(
        script: String, in folder: URL, variables: [(String, String)] = [],
        showOutput: Bool = false,
        timeLimit: Double = Gnuplot.defaultTimeLimit
    ) throws -> Output {
        let session = try openSession(in: folder, timeLimit: timeLimit, showOutput: showOutput)
        var commands = ""
        for (name, value) in variables {
            // Numbers go in as numbers, anything else as a string.
            commands += "\(name) = \(Double(value) != nil ? value : gnuplotQuoted(value))\n"
        }
        commands += "load \(gnuplotQuoted(script))\n"
        try? session.send(commands)
        let result = try session.finish()
        let message = trimmed(result.errors.trimmingCharacters(in: .whitespacesAndNewlines))
        if result.timedOut {
            throw PlottingError.gnuplotTimedOut(
                script: displayPath(folder.appendingPathComponent(script)), seconds: timeLimit)
        }
        guard result.status == 0 else {
            throw PlottingError.gnuplotFailed(
                script: displayPath(folder.appendingPathComponent(script)),
                message: message.isEmpty ? silentEnd(result) : message)
        }
        return Output(standardOutput: result.output, warnings: message)
    }

    /// An interactive terminal this gnuplot can open a window with (qt, wxt or x11), when there
    /// is a display to open it on; nil otherwise.
    public func windowTerminal(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        guard let display = environment["DISPLAY"], !display.isEmpty,
            let session = try? openSession(
                in: URL(fileURLWithPath: NSTemporaryDirectory()), timeLimit: 10),
            (try? session.send("print GPVAL_TERMINALS\n")) != nil,
            let result = try? session.finish()
        else { return nil }
        let terminals = result.errors.split(separator: " ").map(String.init)
        return ["qt", "wxt", "x11"].first { terminals.contains($0) }
    }
}

/// gnuplot's message cut to what a person reads: the first lines, each at most 200 characters
/// with its control characters made visible, and a count of what was left out.
func trimmed(_ message: String, lines limit: Int = 8) -> String {
    let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
    // Shown as text, never obeyed: an escape sequence in it cannot retitle or clear the terminal.
    var kept = lines.prefix(limit).map {
        visible($0.count > 200 ? $0.prefix(200) + " …" : String($0))
    }
    if message.contains("bytes left out …]") {
        // Too much to keep: only its first and last kilobytes were read.
        kept.append("… and many more lines from gnuplot")
    } else if lines.count > limit {
        kept.append(
            "… and \(lines.count - limit) more line\(lines.count - limit == 1 ? "" : "s") from "
                + "gnuplot"
        )
    }
    return kept.joined(separator: "\n")
}

/// How a gnuplot that said nothing ended: its exit status, or the signal that ended it, named.
func silentEnd(_ result: GnuplotSessionResult) -> String {
    guard let signal = result.signal else {
        return "it stopped with exit status \(result.status) and said nothing"
    }
    let name = strsignal(signal).map { String(cString: $0).lowercased() } ?? "an unknown signal"
    return "it was ended by signal \(signal) (\(name)) and said nothing"
}
