import ArgumentParser
import Datasets
import ExerciseKit
import Foundation
import LessonKit
import Processes

/// The program: a signal that ends it (Ctrl-C, SIGTERM, a closed terminal) stops the learner's
/// code being checked first.
@main
enum Main {
    static func main() async {
        let watching = CommandLine.arguments.dropFirst().first == "watch"
        Interruption.install(
            saying: watching
                ? "\nStopped watching. Your files are as you saved them.\n"
                : "\nStopped: the check was stopped, and your code with it.\n")
        do {
            try Memory.require(Memory.toRun, for: "Checking the exercises")
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            exit(1)
        }
        // What a learner's code starts in a session of its own, and leaves behind when its check
        // ends, stays this program's to find and stop (Linux).
        becomeSubreaper()
        await runWithOneLineErrors(ExercisesCommand.self)
    }
}

/// `swift run exercises`: the exercises the learner completes, checked, with hints, a reset and the
/// payoff.
struct ExercisesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        abstract: "Backprop exercises: complete the stubs in Exercises/, then check them.",
        discussion:
            "Each exercise is one file in Exercises/ with one function to write. `check` tries it "
            + "on many cases and names the classic mistakes.",
        subcommands: [
            List.self, Check.self, Watch.self, Hint.self, Reset.self, Train.self,
        ],
        defaultSubcommand: List.self)
}

/// The verdicts of one look at the exercises: each exercise checked in a child of its own, the
/// check child `exercise-check`, built beside this program (BACKPROP_CHECK_HELPER names another,
/// for the tests). A right one is recorded in the learner's progress, with the day.
final class Look: @unchecked Sendable {
    /// The check child.
    static let helper =
        ProcessInfo.processInfo.environment["BACKPROP_CHECK_HELPER"].map {
            URL(fileURLWithPath: $0)
        } ?? me.deletingLastPathComponent().appendingPathComponent("exercise-check")

    let verdicts = Verdicts(helper: Look.helper)

    func verdict(of number: Int) -> Verdict {
        let verdict = verdicts.of(number)
        if case .done = verdict { try? Workspace.here().recordDone(number) }
        return verdict
    }
}

/// Exercise `number`'s verdict, checked afresh (with the exercises it uses).
func verdict(of number: Int) async -> Verdict {
    Look().verdict(of: number)
}

/// Saying a line through `Output`, which hears when the reader has gone (`exercises train |
/// head -1`) and then stops as a lesson does: status 141, whatever was under way stopped.
func say(_ text: String = "") {
    Output.line(text)
}

/// This program, as it was started.
let me = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL

/// A verdict as the learner reads it: a line with ✓, · or ✗, and for a wrong answer what is wrong,
/// wrapped, and where the lesson explains it. True when it is right.
@discardableResult
func show(_ result: Verdict, of exercise: Exercise) -> Bool {
    let narrator = Narrator(quiet: false, write: { say($0) })
    switch result {
    case .done(let tried):
        say("✓ \(exercise.number) \(exercise.name): right (tried \(tried)).")
        return true
    case .notYet(let why):
        say(
            "· \(exercise.number) \(exercise.name): not yet (\(why)). "
                + "Exercises/\(exercise.file); `swift run exercises hint \(exercise.number)`.")
    case .wrong(let mistake, let explanation):
        say(
            "✗ \(exercise.number) \(exercise.name): "
                + "\(mistake.map { "wrong: \($0)" } ?? "wrong").")
        narrator.wrapped(explanation, indent: "    ").forEach { say($0) }
        say(
            "    Lesson \(exercise.lesson) explains it (`swift run lesson \(exercise.lesson)`); "
                + "`swift run exercises hint \(exercise.number)` helps.")
    }
    return false
}

/// `exercises` or `exercises list`: every exercise with its lesson and its status.
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the exercises and how far you are with each.")

    func run() async throws {
        var table = Table(
            ["#", "exercise", "file", "lesson", "status", "first right"], leftAligned: [1, 2, 4])
        var done = 0
        let look = Look()
        for exercise in exerciseCatalog {
            let status = look.verdict(of: exercise.number).status
            if status == "done" { done += 1 }
            let day = (try? Workspace.here().progress[exercise.number]) ?? nil
            table.add([
                String(exercise.number), exercise.name, "Exercises/" + exercise.file,
                String(exercise.lesson), status, day ?? "",
            ])
        }
        say(
            "Backprop exercises: write each function in Exercises/, then `swift run exercises "
                + "check N`."
        )
        say("")
        table.lines().forEach { say("  " + $0) }
        say("")
        say(
            "\(done) of \(exerciseCatalog.count) done. `swift run exercises hint N` gives one more "
                + "hint each time;"
                + (done == exerciseCatalog.count
                    ? " all done: `swift run exercises train` trains the digit network with your "
                        + "code."
                    : " start with the first that is not done."))
    }
}

/// `exercises check [N]`: tries the exercises on many cases; exit 0 when every one checked is
/// right.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Check one exercise, or all of them; exit status 0 when every one checked is right.")
    @Argument(help: "The exercise to check (default: all).") var number: Int?

    func validate() throws {
        if let number, !(1...exerciseCatalog.count).contains(number) {
            throw ValidationError(
                "there is no exercise \(number); they are numbered 1 to \(exerciseCatalog.count)")
        }
    }

    func run() async throws {
        let chosen = exerciseCatalog.filter { number == nil || $0.number == number }
        var allRight = true
        let look = Look()
        for exercise in chosen {
            if !show(look.verdict(of: exercise.number), of: exercise) { allRight = false }
        }
        if !allRight { throw ExitCode.failure }
    }
}

/// The number of one exercise, on the command line: 1 to 10.
struct ExerciseNumber: ParsableArguments {
    @Argument(help: "The exercise, by number.") var number: Int

    func validate() throws {
        guard (1...exerciseCatalog.count).contains(number) else {
            throw ValidationError(
                "there is no exercise \(number); they are numbered 1 to \(exerciseCatalog.count)")
        }
    }
}

/// `exercises hint N`: one more hint each time.
struct Hint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the next hint for an exercise (one more each time you ask).")
    @OptionGroup var exercise: ExerciseNumber

    func run() throws {
        let number = exercise.number
        let workspace = try Workspace.here()
        let exercise = exerciseCatalog[number - 1]
        let shown = min((workspace.hintsShown[number] ?? 0) + 1, exercise.hints.count)
        for (index, hint) in exercise.hints.prefix(shown).enumerated() {
            say(
                "Hint \(index + 1) of \(exercise.hints.count) for exercise \(number) "
                    + "(\(exercise.name)): \(hint)"
            )
        }
        if shown == exercise.hints.count {
            say("That is the last hint; lesson \(exercise.lesson) tells the whole story.")
        }
        try workspace.recordHint(number, shown: shown)
    }
}

/// `exercises reset N`: the stub back, the learner's version kept beside it.
struct Reset: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put an exercise's stub back; your version is kept beside it.")
    @OptionGroup var chosen: ExerciseNumber

    func run() throws {
        let number = chosen.number
        let exercise = exerciseCatalog[number - 1]
        let kept = try Workspace.here().reset(exercise)
        say(
            "Exercise \(number): the stub is back in Exercises/\(exercise.file)."
                + (kept.map {
                    " Your version is kept in Exercises/\($0.lastPathComponent) (not compiled; "
                        + "copy from it whenever you like)."
                } ?? " It was untouched, so nothing needed keeping."))
    }
}

/// `exercises train`: the digit network trained with the learner's backward pass and with the
/// library's.
struct Train: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the digit network with your own backward pass, beside the library's.")
    @Option(
        parsing: .unconditional,
        help: "Epochs to train (mini-batches of 10, η = 3, the shipped digits).")
    var epochs = 3

    func validate() throws {
        guard (1...30).contains(epochs) else {
            throw ValidationError("--epochs must be a whole number from 1 to 30 (got \(epochs))")
        }
    }

    func run() async throws {
        let look = Look()
        for exercise in Exercise.neededToTrain {
            guard case .done = look.verdict(of: exercise.number) else {
                throw CommandError(
                    "exercise \(exercise.number) is not right yet; "
                        + "`swift run exercises check` says what to do first")
            }
        }
        let mnist = try MNIST.shipped()
        let race = TrainingRace(epochs: epochs)
        say(
            "Training 784-16-16-10 on the shipped digits (\(Format.count(mnist.training.count)) "
                + "training, \(Format.count(mnist.test.count)) test), "
                + "mini-batches of \(race.batchSize), η = \(Format.number(race.learningRate)), "
                + "\(Format.count(epochs, "epoch")), from the same start:"
        )
        // On a terminal the progress line is rewritten in place; elsewhere (a file, a pipe) each
        // epoch is a line of its own.
        let terminal = isatty(STDERR_FILENO) == 1
        let yours: [Double]
        do {
            yours = try race.runInChild(mnist, helper: Look.helper) { epoch, accuracy in
                let said = "yours: epoch \(epoch), \(String(format: "%.2f%%", 100 * accuracy))"
                Output.error(terminal ? "\r  " + said + "   " : "  " + said + "\n")
            }
        } catch let stopped as TrainingStopped {
            if terminal { Output.error("\r\u{1B}[K") }
            throw CommandError(stopped.description)
        }
        let library = try race.run(mnist, epoch: Solutions.reference.trainEpoch)
        if terminal { Output.error("\r\u{1B}[K") }
        var table = Table(["epoch", "your backward pass", "the library's"])
        for (index, pair) in zip(yours, library).enumerated() {
            table.add([
                String(index + 1), String(format: "%.2f%%", 100 * pair.0),
                String(format: "%.2f%%", 100 * pair.1),
            ])
        }
        table.lines().forEach { say("  " + $0) }
        // SGD at η = 3 wobbles: the library's own accuracy moves this much from one epoch to the
        // next.
        let gap = abs(yours[yours.count - 1] - library[library.count - 1])
        let wobble = zip(library, library.dropFirst()).map { abs($1 - $0) }.max() ?? 0
        if yours == library {
            say("The same accuracy to the last digit, epoch by epoch: you wrote backpropagation.")
        } else if gap <= max(wobble, 0.01) {
            say(
                "Your network ends \(String(format: "%.2f", 100 * gap)) points from the library's, "
                    + "within the wobble of SGD here "
                    + "(the library's own accuracy moves up to "
                    + "\(String(format: "%.2f", 100 * wobble)) points between epochs): you "
                    + "wrote backpropagation, "
                    + "adding the same numbers in another order.")
        } else {
            say(
                "Your network ends \(String(format: "%.2f", 100 * gap)) points from the library's, "
                    + "more than SGD's wobble (\(String(format: "%.2f", 100 * wobble))): something "
                    + "differs."
            )
        }
    }
}
