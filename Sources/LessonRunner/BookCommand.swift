import ArgumentParser
import Book
import Foundation
import LessonKit
import Lessons
import Plotting
import Processes

/// `lesson book`: every lesson as a page of the lesson book, with an index and a one-hour class.
struct BookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "Write the lesson book: every lesson as a page to read, explore and print.",
        discussion:
            "Writes DIR/book/index.html and a page per lesson, with a slider over each lesson's "
            + "main parameter. The pages work from file:// with nothing fetched; print one for a "
            + "handout with its answer key. `lesson 4 --book` writes lesson 4's alone.")

    @Option(
        help: ArgumentHelp("Folder the book's folder goes into.", valueName: "dir"))
    var out: String = "Plots"

    @Option(
        help: ArgumentHelp(
            "Seconds gnuplot may take over one chart before it is stopped (default 30).",
            valueName: "seconds"))
    var gnuplotTimeout: Double?

    func validate() throws {
        try LessonOptions.check(out: out, gnuplotTimeout: gnuplotTimeout)
    }

    func run() throws {
        try writeBook(
            of: catalog, arguments: [], out: out, all: true,
            timeLimit: gnuplotTimeout ?? Gnuplot.defaultTimeLimit)
    }
}

/// Writes the book of `lessons` into `out` and says where it is. gnuplot draws every chart, so a
/// machine without it gets one line on how to install it, and nothing is written.
func writeBook(
    of lessons: [any Lesson.Type], arguments: [String], out: String, all: Bool,
    timeLimit: Double, environment: LessonEnvironment = LessonEnvironment()
) throws {
    try Memory.require(LessonBook.memoryNeed(lessons), for: "The lesson book")
    guard let gnuplot = environment.gnuplot else {
        throw BookError.needsGnuplot
    }
    let folder = URL(fileURLWithPath: out).appendingPathComponent(
        LessonBook.folderName(for: lessons, all: all))
    var book = LessonBook(
        lessons: lessons, arguments: arguments, folder: folder, gnuplot: gnuplot)
    book.timeLimit = timeLimit
    book.progress = environment.progress
    book.progressOnTerminal = environment.progressOnTerminal
    let summary = try book.write()
    environment.write(summary.description)
}

/// What stops the book before it starts.
enum BookError: Error, CustomStringConvertible {
    case needsGnuplot

    var description: String {
        switch self {
        case .needsGnuplot:
            return "the lesson book draws every chart with gnuplot, which is not installed: "
                + "\(installGnuplot) brings it"
        }
    }
}

/// The words of a lesson's command line that its book runs keep: its own options, without those
/// that say how to show a run (the book shows it) or where to write it.
func bookArguments(_ words: [String]) -> [String] {
    let dropped: Set<String> = [
        "--book", "--step", "--quiet", "--no-render", "--terminal", "--live", "--predict",
    ]
    let droppedWithValue: Set<String> = ["--out", "--format", "--terminal-kind"]
    var kept: [String] = []
    var skipping = false
    for word in words.dropFirst() {
        let name = String(word.prefix { $0 != "=" })
        if skipping {
            skipping = false
        } else if droppedWithValue.contains(word) {
            skipping = true
        } else if !dropped.contains(name), !droppedWithValue.contains(name) {
            kept.append(word)
        }
    }
    return kept
}
