import ArgumentParser
import Foundation
import Processes

/// Runs `Command` on this program's arguments as `lesson` runs a lesson: help on standard output,
/// and any refusal as one line in the project's words, "Error: …", on standard error, with exit
/// status 64 for usage and 1 otherwise (the parser alone prints its usage too, 3 or 4 lines).
public func runWithOneLineErrors<Command: ParsableCommand>(_ type: Command.Type) async -> Never {
    do {
        var command = try type.parseAsRoot(Array(CommandLine.arguments.dropFirst()))
        if var asynchronous = command as? any AsyncParsableCommand {
            try await asynchronous.run()
        } else {
            try command.run()
        }
        exit(0)
    } catch {
        let code = type.exitCode(for: error)
        if code == .success {
            Output.line(type.fullMessage(for: error))
            exit(0)
        }
        let said = type.message(for: error).split(separator: "\n").joined(separator: " ")
        // A word typed with an escape or a bell in it is shown, not obeyed.
        if !said.isEmpty { Output.error("Error: " + visible(said) + "\n") }
        exit(code.rawValue)
    }
}
