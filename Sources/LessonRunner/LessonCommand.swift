import ArgumentParser
import Foundation
import LessonKit
import Lessons
import Plotting
import Processes

/// `lesson`: lists the lessons, runs one by number or slug, or runs them all.
///
/// Every lesson is a subcommand named by its slug, with its number (`4`, `04`) as aliases,
/// so `lesson 4 --help` shows that lesson's own options.
public struct LessonCommand: ParsableCommand {
    /// Read afresh each time, so the lessons listed are the catalogue's at that moment.
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "lesson",
            abstract: "Runnable lessons on backpropagation, after 3Blue1Brown and CampusX.",
            usage: """
                lesson                      list the lessons
                lesson <number or name> [options]
                lesson all [options]        run every lesson with its defaults
                lesson book [--out dir]     every lesson as a page to read, explore and print
                lesson terms                the words and symbols the lessons use
                lesson doctor               check gnuplot, fonts and the output folder
                """,
            discussion:
                "Run `lesson <number> --help` to see a lesson's own options and their defaults.",
            groupedSubcommands: [
                CommandGroup(name: "Lessons", subcommands: catalog),
                CommandGroup(
                    name: "Commands",
                    subcommands: [
                        ListLessons.self, AllLessons.self, BookCommand.self, Terms.self,
                        Doctor.self,
                    ]),
            ])
    }

    public init() {}

    /// With no lesson named, `lesson` prints the table of lessons.
    public func run() throws {
        printCatalog(write: Output.line)
    }

    /// The entry point of `swift run lesson`: refuses an unknown lesson by name before parsing,
    /// so the learner reads "there is no lesson '99'" rather than a parser's complaint.
    public static func start(
        _ arguments: [String] = Array(CommandLine.arguments.dropFirst())
    ) -> Never {
        Memory.boundThreadHeaps()
        Interruption.install()
        let status = execute(arguments, environment: LessonEnvironment(keysFromTerminal: true)) {
            Interruption.waitIfUnderWay()
            Output.error($0 + "\n")
        }
        Interruption.waitIfUnderWay()
        fflush(nil)
        Foundation.exit(status)
    }

    /// Runs a command line as `lesson` does and returns its exit status: 0 when it worked (or
    /// showed help), 64 for a usage error, 1 for anything else. A failure is one line, through
    /// `error`.
    public static func execute(
        _ arguments: [String], environment: LessonEnvironment = LessonEnvironment(),
        error said: (String) -> Void
    ) -> Int32 {
        // A word typed with an escape, a bell or a line break in it is shown, not obeyed.
        func report(_ line: String) { said(visible(line)) }
        if let problem = unknownLesson(in: arguments) {
            report("Error: " + problem.message)
            return ExitCode.validationFailure.rawValue
        }
        // `--terminal=sixel` and `--terminal sixel` read as `--terminal --terminal-kind sixel`.
        let words: [String]
        switch forcedTerminal(in: negativeValuesAttached(arguments)) {
        case .success(let spelled): words = spelled
        case .failure(let problem):
            report("Error: " + problem.message)
            return ExitCode.validationFailure.rawValue
        }
        do {
            var command = try parseAsRoot(words)
            if let lesson = command as? any Lesson, lesson.common.book {
                try writeBook(
                    of: [type(of: lesson)], arguments: bookArguments(words),
                    out: lesson.common.out, all: false,
                    timeLimit: lesson.common.gnuplotTimeout ?? Gnuplot.defaultTimeLimit,
                    environment: environment)
            } else if let lesson = command as? any Lesson {
                try Memory.require(Memory.toRun, for: "A lesson")
                try lesson.run(in: environment)
            } else {
                try command.run()
            }
            return 0
        } catch {
            // An --out past the system's limits is a usage error, like any other bad option.
            let usage = (error as? PlottingError)?.isUsage == true
            let code = usage ? .validationFailure : exitCode(for: error)
            if code == .success {
                // --help and friends: the text a person asked for, on standard output.
                environment.write(fullMessage(for: error))
                return 0
            }
            // An exit code alone (`lesson doctor` found a problem) has said everything already.
            let said = message(for: error).split(separator: "\n").map(String.init).joined(
                separator: " ")
            if !said.isEmpty { report("Error: " + (inOurWords(said, words) ?? said)) }
            return code.rawValue
        }
    }

    /// The parser's "The value 'x' is invalid for '--seed <seed>'" in the lessons' own words
    /// (see `inOurWords(_:_:lesson:)`); nil for any other message.
    static func inOurWords(_ message: String, _ words: [String]) -> String? {
        guard let first = words.first, let type = lesson(named: first) else { return nil }
        return LessonKit.inOurWords(message, words, lesson: type)
    }

    /// The command line with a forced terminal kind (`--terminal=KIND` or `--terminal KIND`)
    /// spelled as the hidden `--terminal-kind KIND`, or the error for a kind that does not exist.
    static func forcedTerminal(in arguments: [String]) -> Result<[String], ValidationError> {
        var words: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            var kind: String?
            if word.hasPrefix("--terminal=") {
                kind = String(word.dropFirst("--terminal=".count))
            } else if word == "--terminal", index > 0, index + 1 < arguments.count,
                !arguments[index + 1].hasPrefix("-")
            {
                // Lessons take no words after their number, so a bare word here names the kind.
                index += 1
                kind = arguments[index]
            }
            if let kind {
                guard TerminalKind(rawValue: kind) != nil else {
                    return .failure(
                        ValidationError(
                            "--terminal must be dumb, ansi or sixel (got "
                                + "\(kind.isEmpty ? "nothing" : Check.typed(kind)))"
                        ))
                }
                words += ["--terminal", "--terminal-kind", kind]
            } else {
                words.append(word)
            }
            index += 1
        }
        return .success(words)
    }

    /// The command line with each negative number that follows an option attached to it:
    /// `--lr -1` reads as `--lr=-1`, so the option gets the value and refuses it with its own
    /// sentence, instead of the parser taking `-1` for an option of its own. A lesson takes no
    /// words of its own after its name, so such a number can only be an option's value.
    static func negativeValuesAttached(_ arguments: [String]) -> [String] {
        var words: [String] = []
        for word in arguments {
            if let option = words.last, option.hasPrefix("--"), !option.contains("="),
                looksNegative(word)
            {
                words[words.count - 1] = option + "=" + word
            } else {
                words.append(word)
            }
        }
        return words
    }

    /// Whether a word reads as a negative number (-1, -0.5, -.5, -1e3, -inf, -nan) or a list that
    /// starts with one (-2,-1).
    static func looksNegative(_ word: String) -> Bool {
        guard word.hasPrefix("-"), !word.hasPrefix("--") else { return false }
        let first = word.dropFirst().split(separator: ",", omittingEmptySubsequences: false)[0]
        return Double(first) != nil || Double("0" + first) != nil
    }

    /// The error for a first word that is neither a lesson nor a command, or nil when it is fine.
    public static func unknownLesson(in arguments: [String]) -> ValidationError? {
        // A negative number first is a lesson number too, one that does not exist.
        guard let first = arguments.first, !first.hasPrefix("-") || looksNegative(first) else {
            return nil
        }
        let commands = ["list", "all", "book", "help", "terms", "glossary", "doctor"]
        guard !commands.contains(first), lesson(named: first) == nil else { return nil }
        return ValidationError(
            "there is no lesson '\(first)'. Run `swift run lesson list` to see the lessons "
                + "(numbers \(catalogNumbers))."
        )
    }
}

/// `lesson list`: the table of lessons.
struct ListLessons: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the lessons: number, title, the video segment it follows.")

    func run() throws {
        printCatalog(write: Output.line)
    }
}

/// `lesson terms`: every word and symbol the lessons use, each in one sentence, with the lessons
/// that use it.
struct Terms: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terms",
        abstract: "The words and symbols the lessons use, each in one sentence.",
        aliases: ["glossary"])

    func run() throws {
        printGlossary(write: Output.line)
    }
}

/// Prints the glossary: each term, its meaning wrapped under it, and the lessons that use it.
public func printGlossary(
    _ lessons: [LessonInfo] = catalog.map { $0.info }, write: @escaping (String) -> Void
) {
    write("The words and symbols of the lessons, in the order you meet them.")
    let narrator = Narrator(quiet: false, write: write)
    for term in glossary {
        write("")
        write("  \(term.name)")
        narrator.wrapped(term.meaning, indent: "      ").forEach(write)
        let users = lessons.filter { $0.words.contains(term) }.map { String($0.number) }
        write("      lessons: " + users.joined(separator: ", "))
    }
}

/// `lesson all`: every lesson in order, with its defaults and the shared options given here.
struct AllLessons: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all", abstract: "Run every lesson with its defaults.")

    @OptionGroup var common: LessonOptions

    func run() throws {
        for (position, lessonType) in catalog.enumerated() {
            if position > 0 { Output.line("\n" + String(repeating: "═", count: 88) + "\n") }
            let lesson = try lessonType.parse(common.arguments)
            try lesson.run(in: LessonEnvironment(keysFromTerminal: true))
        }
    }
}

/// "1–4", or "1, 2, 4" when there are gaps.
var catalogNumbers: String {
    let numbers = catalog.map { $0.info.number }
    guard let first = numbers.first, let last = numbers.last else { return "none yet" }
    return numbers == Array(first...last)
        ? "\(first)–\(last)" : numbers.map(String.init).joined(separator: ", ")
}

/// Prints the lesson table: number, name, title, the video and segment, and what it shows.
public func printCatalog(write: (String) -> Void) {
    write(
        "Backprop Lessons: run one with `swift run lesson <number>`; add --help to see its options."
    )
    write("")
    let lessons = catalog.map { $0.info }
    var table = Table(["#", "name", "title", "follows"], leftAligned: [1, 2, 3])
    for lesson in lessons {
        table.add([
            lesson.paddedNumber, lesson.slug, lesson.title,
            "\(lesson.video.shortName) · \(lesson.segment)",
        ])
    }
    let lines = table.lines()
    lines.prefix(2).forEach { write("  " + $0) }
    let indent = String(repeating: " ", count: 6)
    for (line, lesson) in zip(lines.dropFirst(2), lessons) {
        write("  " + line)
        write(indent + lesson.summary)
    }
}
