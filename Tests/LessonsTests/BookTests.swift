import Claims
import Foundation
import LessonKit
import Plotting
import TestSupport
import Testing

@testable import Book
@testable import LessonRunner
@testable import Lessons

/// The lesson book written once for these tests (and the browser's, unless it reads the whole
/// book): lesson 4 (a slider and questions), lesson 6 (neither) and lesson 14 (a slider over
/// another parameter).
let testBook = Result { try writeTestBook([LearningRates.self, Cost.self, Momentum.self]) }

@Suite("The lesson book", Requirement.gnuplot.trait)
struct BookTests {
    @Test("A page shows its lesson's own run: every sentence it told, every table, every chart")
    func ownRun() throws {
        let book = try testBook.get()
        for lesson in book.lessons {
            let html = try book.page(lesson)
            let shown = visibleText(shownRun(html))
            let told = try toldRun(lesson, [])
            #expect(!told.claims.isEmpty)
            // A time measured with a clock stays in the terminal: the page is the same bytes on
            // every build.
            for claim in told.claims where !claim.measured {
                #expect(shown.contains(fold(claim.sentence)), "\(lesson.info.number): \(claim)")
            }
            for case .table(_, let table) in told.transcript {
                for cell in table.rows.flatMap({ $0 }) {
                    #expect(shown.contains(fold(cell)), "\(lesson.info.number): cell \(cell)")
                }
            }
            let charts = told.transcript.flatMap { passage -> [DrawnChart] in
                if case .charts(_, let charts) = passage { return charts }
                return []
            }
            let figures = shownRun(html).matches(of: /<figure[ >]/).count
            #expect(figures == charts.count && !charts.isEmpty)
        }
    }

    @Test("Each of the slider's runs is the lesson run at that value, with its own sentences")
    func sliderRuns() throws {
        let book = try testBook.get()
        let exploration = try #require(LearningRates.exploration)
        let runs = keptRuns(try book.page(LearningRates.self))
        #expect(runs.count == exploration.values.count + 1)
        #expect(exploration.values.count >= 20 && exploration.values.count <= 40)
        for (index, value) in exploration.values.enumerated() {
            let kept = try #require(runs[String(index)])
            let told = try toldRun(LearningRates.self, exploration.arguments(value))
            let text = visibleText(kept)
            for claim in told.claims {
                #expect(text.contains(fold(claim.sentence)), "η = \(value): \(claim.sentence)")
            }
            #expect(kept.contains("loss-by-step"), "η = \(value) has no chart")
        }
        // Runs that differ show different pictures: 1/(2a) lands in one step, 1.5/a diverges.
        #expect(runs["12"] != runs["26"])
    }

    @Test("The questions come with their answers, and a printed handout gets an answer key")
    func answerKey() throws {
        let html = try testBook.get().page(LearningRates.self)
        let told = try toldRun(LearningRates.self, [])
        let predictions = told.transcript.flatMap { passage -> [Prediction] in
            if case .answers(let predictions) = passage { return predictions }
            return []
        }
        #expect(predictions.count == 2)
        let key = try #require(html.range(of: "<section class=\"answer-key\">"))
        let keyText = visibleText(String(html[key.lowerBound...]))
        for prediction in predictions {
            #expect(keyText.contains(fold(prediction.question)))
            #expect(keyText.contains(fold(prediction.why)))
        }
        #expect(visibleText(shownRun(html)).contains("The answer, from this run"))
    }

    @Test("Each suggested command is a question on the handout, answered by its own run")
    func triedCommands() throws {
        let book = try testBook.get()
        for lesson in book.lessons {
            let html = try book.page(lesson)
            let key = try #require(html.range(of: "<section class=\"answer-key\">"))
            let keyText = visibleText(String(html[key.lowerBound...]))
            let tried = LessonBook.tried(lesson)
            #expect(!tried.isEmpty)
            for suggestion in tried {
                #expect(keyText.contains(suggestion.command(for: lesson.info)))
                let told = try toldRun(lesson, suggestion.arguments)
                let noticed = told.transcript.flatMap { passage -> [String] in
                    if case .bullets("What to notice", let points, _) = passage { return points }
                    return []
                }
                #expect(!noticed.isEmpty)
                for point in noticed {
                    #expect(keyText.contains(fold(point)), "\(suggestion.arguments): \(point)")
                }
            }
        }
    }

    @Test("Every page is a well-formed document whose links stay in the book and lead somewhere")
    func wellFormed() throws {
        let book = try testBook.get()
        for page in book.pages {
            #expect(try problems(inPage: page) == [], "\(page.lastPathComponent)")
        }
        let index = try String(
            contentsOf: book.folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("A one-hour class"))
        #expect(index.contains("04-learning-rates.html") && index.contains("06-cost.html"))
        #expect(!index.contains("03-descent-1d.html"), "a lesson not in this book is linked")
    }

    @Test("Formulas are MathML, charts are gnuplot's SVG with its mouse script beside them")
    func formulasAndCharts() throws {
        let book = try testBook.get()
        let html = try book.page(LearningRates.self)
        #expect(html.contains("<math display=\"block\""))
        #expect(html.contains("<mi>η</mi>"))
        let svg = try String(
            contentsOf: book.folder.appendingPathComponent("04-learning-rates/loss-by-step.svg"),
            encoding: .utf8)
        #expect(svg.contains("xlink:href=\"../gnuplot_svg.js\""))
        let script = try String(
            contentsOf: book.folder.appendingPathComponent("gnuplot_svg.js"), encoding: .utf8)
        #expect(script.contains("_keyentry") && script.contains("gnuplot_svg = function"))
        let gp = try String(
            contentsOf: book.folder.appendingPathComponent("04-learning-rates/loss-by-step.gp"),
            encoding: .utf8)
        #expect(gp.contains(shellWord(displayPath(book.folder)) + "/04-learning-rates"))
        #expect(!gp.contains(".partial"))
    }

    /// Lesson 5 (a slider that keeps its own run beneath every chart) and the lessons that measure
    /// times: 8 (a gradient three ways), 10 (the race) and 12 (training).
    @Test("The same command writes the same book, byte for byte")
    func deterministic() throws {
        let gnuplot = try #require(installedGnuplot)
        let folder = try temporaryFolder().appendingPathComponent("book")
        var book = LessonBook(
            lessons: [OneWeight.self, GradientCheck.self, SGD.self, Digits12.self], folder: folder,
            gnuplot: gnuplot)
        book.progress = { _ in }
        try book.write()
        let first = try contents(of: folder)
        try book.write()
        #expect(try contents(of: folder) == first)
        #expect(first.keys.contains("05-one-weight.html") && first.count > 20)
        #expect(
            first.keys.contains("12-digits.html") && first.keys.contains("08-gradient-check.html"))
        let left = try FileManager.default.contentsOfDirectory(
            atPath: folder.deletingLastPathComponent().path)
        #expect(left == ["book"], "left beside the book: \(left)")
    }

    @Test("No slider runs are kept twice: pictures drawn alike are one file")
    func sharedPictures() throws {
        let folder = try testBook.get().folder.appendingPathComponent("04-learning-rates")
        var seen: [Data: String] = [:]
        for name in try files(in: folder) where name.hasSuffix(".svg") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(seen[data] == nil, "\(name) is \(seen[data] ?? "")")
            seen[data] = name
        }
    }
}

/// Every file under `folder`, by its path there.
func contents(of folder: URL) throws -> [String: Data] {
    var found: [String: Data] = [:]
    let walker = FileManager.default.enumerator(atPath: folder.path)
    while let path = walker?.nextObject() as? String {
        let url = folder.appendingPathComponent(path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
            !isFolder.boolValue
        {
            found[path] = try Data(contentsOf: url)
        }
    }
    return found
}

@Suite("The lesson book refuses, and nothing is written")
struct BookRefusalTests {
    /// Runs `lesson` with `arguments` as the command does: its status and what it said.
    func execute(_ arguments: [String]) -> (status: Int32, said: [String]) {
        let said = Lines()
        let status = LessonCommand.execute(
            arguments, environment: LessonEnvironment(write: { _ in }, progress: { _ in }),
            error: { said.lines.append($0) })
        return (status, said.lines)
    }

    @Test("A bad option: exit 64, one line, no book")
    func badOption() throws {
        let out = try temporaryFolder()
        let run = execute(["4", "--book", "--rates", "-1", "--out", out.path])
        #expect(run.status == 64)
        #expect(
            run.said == ["Error: each rate in --rates must be a positive finite number (got -1)"])
        #expect(try files(in: out) == [])
        let empty = execute(["book", "--out", " "])
        #expect(empty.status == 64)
    }

    @Test("--out is a file: one line, exit 1, the file as it was", Requirement.gnuplot.trait)
    func outIsAFile() throws {
        let out = try temporaryFolder().appendingPathComponent("notes.txt")
        try "mine".write(to: out, atomically: true, encoding: .utf8)
        let run = execute(["4", "--book", "--out", out.path])
        #expect(run.status == 1)
        #expect(run.said.count == 1 && run.said[0].hasPrefix("Error: "))
        #expect(try String(contentsOf: out, encoding: .utf8) == "mine")
    }

    @Test(
        "A folder in the book's place that is not a book is left alone", Requirement.gnuplot.trait)
    func someoneElsesFolder() throws {
        let out = try temporaryFolder()
        let theirs = out.appendingPathComponent("book-04-learning-rates")
        try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: true)
        try "keep me".write(
            to: theirs.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        let run = execute(["4", "--book", "--out", out.path])
        #expect(run.status == 1)
        #expect(run.said.first?.contains("is not a lesson book") == true)
        #expect(try files(in: out) == ["book-04-learning-rates"])
        #expect(try files(in: theirs) == ["index.html"])
    }

    @Test("Without gnuplot the book says how to get it, and writes nothing")
    func noGnuplot() throws {
        let out = try temporaryFolder()
        #expect(throws: BookError.self) {
            try writeBook(
                of: [LearningRates.self], arguments: [], out: out.path, all: false, timeLimit: 30,
                environment: LessonEnvironment(write: { _ in }, gnuplot: nil))
        }
        #expect(try files(in: out) == [])
    }

    @Test(
        """
        A hidden folder that a killed writer left is removed by the next book; one a running \
        writer holds is kept; before, each SIGKILL left one for good
        """,
        Requirement.gnuplot.trait)
    func abandonedRemoved() throws {
        let gnuplot = try #require(installedGnuplot, "gnuplot draws the book's charts")
        let out = try temporaryFolder()
        // Past the largest process number any system gives: no writer runs under it.
        let gone = 999_999_999
        let folder = out.appendingPathComponent("book")
        let abandoned = ".book.\(gone).\(UUID().uuidString).partial"
        let held = ".book.\(getpid()).\(UUID().uuidString).partial"
        // Another book's, and one of a book named book.2025 beside it: neither is this book's.
        let other = ".notes.\(gone).\(UUID().uuidString).partial"
        let sibling = ".book.2025.\(gone).\(UUID().uuidString).partial"
        for name in [abandoned, held, other, sibling] {
            try FileManager.default.createDirectory(
                at: out.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        var book = LessonBook(lessons: [Cost.self], folder: folder, gnuplot: gnuplot)
        book.progress = { _ in }
        try book.write()
        #expect(try Set(files(in: out)) == ["book", held, other, sibling])
    }

    @Test(
        """
        A gnuplot that fails every chart: the book is not written and says so, without claiming \
        that any file was written
        """
    )
    func chartsFail() throws {
        // As the program has it: a gnuplot that quit is an error to report, not a SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let out = try temporaryFolder()
        let failing = try fakeGnuplot("echo 'line 1: no such terminal' >&2; exit 1")
        do {
            try writeBook(
                of: [Derivatives.self], arguments: [], out: out.path, all: false,
                timeLimit: 30, environment: LessonEnvironment(write: { _ in }, gnuplot: failing))
            Issue.record("the book was written")
        } catch let error as BookNotWritten {
            #expect("\(error)".contains("so the book was not written"), "\(error)")
            #expect(!"\(error)".contains("were written"), "\(error)")
            // The reason is in the line itself: nothing else of the run was printed.
            #expect("\(error)".contains("line 1: no such terminal"), "\(error)")
            #expect(!"\(error)".contains("said above"), "\(error)")
        }
        let left = try files(in: out)
        #expect(left.allSatisfy { !$0.contains("book") }, "\(left)")
    }

    @Test(
        """
        A gnuplot that hangs fails the book at its first chart, as one that fails does: no run \
        starts after a failure; before, every chart of every run waited out its limit
        """,
        arguments: ["sleep 600", "echo 'line 1: no such terminal' >&2; exit 1"])
    func firstFailureEnds(_ misbehaviour: String) throws {
        signal(SIGPIPE, SIG_IGN)
        let out = try temporaryFolder()
        let log = out.appendingPathComponent("started")
        let gnuplot = try fakeGnuplot("echo \"$*\" >> '\(log.path)'; \(misbehaviour)")
        #expect(throws: BookNotWritten.self) {
            try writeBook(
                of: [LearningRates.self], arguments: [], out: out.path, all: false,
                timeLimit: 1, environment: LessonEnvironment(write: { _ in }, gnuplot: gnuplot))
        }
        // One chart for each run side by side, and none after.
        let started = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(started.count <= ProcessInfo.processInfo.activeProcessorCount, "\(started)")
    }

    @Test(
        "Ctrl-C while the book is written: exit 130, nothing half-written, the old book as it was",
        Requirement.programs.trait, Requirement.gnuplot.trait)
    func interrupted() throws {
        let binary = try #require(lessonBinary)
        let out = try temporaryFolder()
        // An old book in the place the new one goes.
        let old = try writeTestBook([Cost.self]).folder
        let place = out.appendingPathComponent("book")
        try FileManager.default.moveItem(at: old, to: place)
        let before = try contents(of: place)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["book", "--out", out.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the new book has pictures in its hidden folder, then press Ctrl-C.
        var underWay = false
        for _ in 0..<3000 where !underWay && process.isRunning {
            let names = (try? files(in: out)) ?? []
            underWay = names.contains { name in
                name.hasSuffix(".partial")
                    && ((try? contents(of: out.appendingPathComponent(name)).keys
                        .contains { $0.hasSuffix(".svg") }) ?? false)
            }
            usleep(10_000)
        }
        try #require(underWay, "the book never started")
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try files(in: out) == ["book"])
        #expect(try contents(of: place) == before)
    }

    @Test(
        """
        Every terminating signal, at moments spread over a lesson's book (50 stops) and over the \
        whole book (5): the signal's status and no hidden folder left; before, about one stop \
        in ten left an unfinished folder
        """,
        Requirement.programs.trait, Requirement.gnuplot.trait, .timeLimit(.minutes(10)),
        arguments: [(["4", "--book"], 50, 0.05), (["book"], 5, 0.3)])
    func interruptedAnyMoment(_ command: [String], _ stops: Int, _ spread: Double) async throws {
        let binary = try #require(lessonBinary)
        let signals = [SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGINT]
        for stop in 0..<stops {
            let out = try temporaryFolder()
            let process = Process()
            process.executableURL = binary
            process.arguments = command + ["--out", out.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Moments from 0.2 s on, spread over the run in a scrambled order. The waits give
            // the thread back: the other tests run meanwhile.
            try await Task.sleep(for: .seconds(0.2 + spread * Double((stop * 37) % 50)))
            let signal = signals[stop % signals.count]
            kill(process.processIdentifier, signal)
            while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            let status = process.terminationStatus
            // A book finished before the signal came is whole, and the run ended well.
            #expect(status == 128 + signal || status == 0, "signal \(signal): \(status)")
            let left = try files(in: out)
            #expect(left.allSatisfy { !$0.hasPrefix(".") }, "\(left)")
            #expect(status == 0 || left.isEmpty, "\(left)")
        }
    }

    @Test("A lesson's own options reach its page; the book's own are taken out")
    func arguments() {
        #expect(
            bookArguments([
                "learning-rates", "--rates", "0.1,0.2", "--book", "--out", "x", "--step",
                "--format=svg", "--quiet", "--curve", "steep",
            ]) == ["--rates", "0.1,0.2", "--curve", "steep"])
        #expect(
            without("--rates", in: ["--rates", "1", "--steps", "5", "--rates=2"]) == [
                "--steps", "5",
            ])
    }
}

/// Values from a run go into attributes through one escaping path.
struct AttributeEscapingTests {
    @Test(
        """
        A folder name with quotes, <, > and & in a command is data in the copy button's \
        attribute: it cannot close the attribute or add one
        """
    )
    func hostileCommand() {
        let hostile = #"lesson 6 --mnist 'Bob"s "digits" onmouseover=alert(1) <b>&amp;'"#
        let html = commandLine(hostile).render()
        let copy = html.firstMatch(of: /data-copy="([^"]*)"/)?.output.1
        #expect(copy.map(String.init) == attributeValue(hostile), "\(html)")
        #expect(!html.contains("onmouseover=alert(1) <b>"), "\(html)")
        // What a browser reads back from the attribute is the command itself.
        let decoded = String(copy ?? "")
            .replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        #expect(decoded == hostile)
    }
}
