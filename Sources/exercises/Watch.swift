import ArgumentParser
import ExerciseKit
import Foundation
import Processes

/// `exercises watch`: the first exercise not yet right is checked each time its file is saved
/// (rebuilt first, since the check runs the learner's compiled code), and once it is right the
/// next one is watched. Each build and each check has a time limit; Ctrl-C stops the watching,
/// with whatever build or check is under way, and leaves the terminal as it was (nothing here
/// changes its settings).
struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the exercise you are on each time you save it; move on once it is right.")

    /// How long a rebuild may take before it is stopped.
    static let buildLimit = 600.0

    /// The rebuild after a save: `swift build --product exercises`, which replaces this very
    /// program with one holding the learner's new code. BACKPROP_WATCH_BUILD names another
    /// command (the tests' stand-in for a build).
    static var buildCommand: [String] {
        if let command = ProcessInfo.processInfo.environment["BACKPROP_WATCH_BUILD"] {
            return ["/bin/sh", "-c", command]
        }
        return ["swift", "build", "--product", "exercises"]
    }

    func run() async throws {
        let workspace = try Workspace.here()
        say("Checking your exercises to find the first that is not right yet…")
        guard var exercise = await firstNotRight(after: 0) else {
            say("Every exercise is right: `swift run exercises train` trains the digit network.")
            return
        }
        say(
            "Watching Exercises/\(exercise.file): save it and it is checked again. "
                + "Ctrl-C stops watching.")
        // The file as it was last checked: a save while a build or a check is under way is seen
        // as soon as they are done.
        var checked = try? Data(contentsOf: workspace.folder.appendingPathComponent(exercise.file))
        show(await verdict(of: exercise.number), of: exercise)
        while true {
            let file = workspace.folder.appendingPathComponent(exercise.file)
            while (try? Data(contentsOf: file)) == checked {
                try await Task.sleep(for: .milliseconds(250))
            }
            checked = try await settled(file)
            say("")
            say("── Exercises/\(exercise.file) saved at \(clock()); building it…")
            guard await rebuilt() else { continue }
            say("Built; checking exercise \(exercise.number)…")
            guard show(await verdict(of: exercise.number), of: exercise) else { continue }
            guard let next = await firstNotRight(after: exercise.number) else {
                say("")
                say(
                    "Every exercise is right. `swift run exercises train` trains the digit network "
                        + "with your code.")
                return
            }
            exercise = next
            checked = try? Data(contentsOf: workspace.folder.appendingPathComponent(exercise.file))
            say("")
            say("Next: exercise \(exercise.number), Exercises/\(exercise.file).")
            show(await verdict(of: exercise.number), of: exercise)
        }
    }

    /// The file's content once a save has finished: an editor may empty the file and then
    /// write it, so it is read again until two reads a tenth of a second apart agree.
    func settled(_ file: URL) async throws -> Data? {
        var last = try? Data(contentsOf: file)
        while true {
            try await Task.sleep(for: .milliseconds(100))
            let now = try? Data(contentsOf: file)
            if now == last { return now }
            last = now
        }
    }

    /// The first exercise after `number` that is not right, or nil when all are.
    func firstNotRight(after number: Int) async -> Exercise? {
        let look = Look()
        for exercise in exerciseCatalog where exercise.number > number {
            guard case .done = look.verdict(of: exercise.number) else { return exercise }
        }
        return nil
    }

    /// Rebuilds the exercises; false, with the compiler's errors said, when that fails.
    func rebuilt() async -> Bool {
        let command = Watch.buildCommand
        guard
            let run = try? await runToTheEnd(
                URL(fileURLWithPath: "/usr/bin/env"), command, limit: Watch.buildLimit)
        else {
            say("The build could not start: \(command.joined(separator: " ")).")
            return false
        }
        switch run.ending {
        case .exited(0):
            return true
        case .ranTooLong(let seconds):
            say("The build ran for \(Int(seconds)) s and was stopped; save again to retry.")
            return false
        case .exited, .crashed:
            let errors = (run.printed + "\n" + run.other).split(separator: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.contains("error:") && !$0.hasPrefix("|") }
            var shown: [String] = []
            for line in errors where !shown.contains(line) { shown.append(line) }
            say("It does not compile yet:")
            for line in shown.prefix(6) { say("    " + relative(line)) }
            if shown.isEmpty { say("    (the build failed without naming an error)") }
            return false
        }
    }

    /// A compiler line with the project's folder taken off its paths.
    func relative(_ line: String) -> String {
        line.replacingOccurrences(
            of: FileManager.default.currentDirectoryPath + "/", with: "")
    }

    /// "21:52:10".
    func clock() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: Date())
    }
}
