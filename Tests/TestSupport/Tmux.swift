import Foundation
import Processes
import Testing

/// A program run in a real terminal: a tmux session on a tmux server of its own (`tmux -L`), so
/// neither a person's own tmux, nor a `tmux kill-server`, nor another test's session ending can
/// touch it. Keys are typed into it, and the screen is read back. The server ends with the
/// session.
public struct TmuxSession: Sendable {
    public let name = "lesson-\(UUID().uuidString.prefix(8))"
    /// This session's own tmux server: its socket name.
    public var server: String { "backprop-tests-\(getpid())-\(name)" }

    /// Starts `shellCommand` in a new session, 150 × 60.
    public init(_ shellCommand: String) throws {
        try Requirement.tmux.check()
        _ = try run([
            "new-session", "-d", "-s", name, "-x", "150", "-y", "60", "sh", "-c", shellCommand,
        ])
    }

    /// Runs one tmux command on this session's server, and returns what it printed.
    func run(_ arguments: [String]) throws -> String {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: executable(named: "tmux") ?? "/usr/bin/tmux")
        process.arguments = ["-L", server] + arguments
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        // Not waitUntilExit: the first tmux command starts tmux's server, which outlives it.
        _ = waitForExit(process, limit: 10)
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs any tmux command on this session's server ("display", …), and returns what it printed.
    public func command(_ arguments: [String]) throws -> String { try run(arguments) }

    /// Types `keys`, each a tmux key name ("Enter", "Space", "C-c") or literal text.
    public func keys(_ keys: String...) throws {
        _ = try run(["send-keys", "-t", name] + keys)
    }

    /// What the terminal shows now.
    public func screen() throws -> String { try run(["capture-pane", "-p", "-t", name]) }

    /// Waits, at most `limit` seconds (a guard against a hang, not a timing) and without holding a
    /// thread, until `text` is on the screen; when it never comes, fails at once, showing the
    /// screen as it was. The sessions' commands end with a long `sleep`, so that a test slowed
    /// down by the others still finds its screen there.
    public func wait(
        for text: String, limit: Double = 60, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let deadline = ContinuousClock.now + .seconds(limit)
        var shown = try screen()
        while !shown.contains(text) {
            guard ContinuousClock.now < deadline else {
                Issue.record(
                    "\"\(text)\" never came in \(limit) s; the screen showed:\n\(shown)",
                    sourceLocation: sourceLocation)
                throw TmuxWaitRanOut(text: text)
            }
            try await Task.sleep(for: .milliseconds(50))
            shown = try screen()
        }
    }

    /// Ends the session; the server ends with its last session.
    public func end() {
        _ = try? run(["kill-session", "-t", name])
        // The server has gone with its session; its socket is left behind, so remove it.
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(folder)/tmux-\(getuid())/\(server)")
    }
}

/// Thrown when `TmuxSession.wait(for:)` runs out of time.
public struct TmuxWaitRanOut: Error {
    public let text: String
}
