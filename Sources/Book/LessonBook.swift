import ArgumentParser
import Claims
import Foundation
import LessonKit
import Plotting
import Processes

/// The lesson book: a folder with `index.html` and one page per lesson, to read, to explore with a
/// slider, to project in class and to print as a handout. It works from `file://` with nothing
/// fetched from anywhere.
///
/// Each page is made from the lesson's own runs: the run with the options given, and one run for
/// every value of its main parameter (`Lesson.exploration`). Every sentence on a page is a
/// sentence the terminal would print for that run, chosen from that run's numbers.
///
/// The book is written into a hidden folder beside its place, and takes its place only when it is
/// whole: a refusal, a failure or Ctrl-C leaves the folder as it was.
public struct LessonBook {
    /// The lessons that get a page, in order.
    public let lessons: [any Lesson.Type]
    /// The options every lesson's own run is given (a single lesson's, from the command line).
    public let arguments: [String]
    /// Where the book goes, e.g. `Plots/book`.
    public let folder: URL
    public let gnuplot: Gnuplot
    /// How long gnuplot may take over one chart.
    public var timeLimit = Gnuplot.defaultTimeLimit
    /// Receives the book's progress (see `LessonEnvironment.progress`).
    public var progress: (String) -> Void = terminalProgress
    public var progressOnTerminal = isatty(STDERR_FILENO) == 1

    public init(
        lessons: [any Lesson.Type], arguments: [String] = [], folder: URL, gnuplot: Gnuplot
    ) {
        self.lessons = readingOrder(lessons)
        self.arguments = arguments
        self.folder = folder
        self.gnuplot = gnuplot
    }

    /// The folder name for a book of all the lessons, or of one.
    public static func folderName(for lessons: [any Lesson.Type], all: Bool) -> String {
        all || lessons.count != 1 ? "book" : "book-\(lessons[0].info.folderName)"
    }

    /// What a book of `lessons` needs for its first run: more when one works on the digits.
    public static func memoryNeed(_ lessons: [any Lesson.Type]) -> MemoryNeed {
        lessons.contains { $0.trials.digits } ? Memory.toWriteBookOfDigits : Memory.toRun
    }

    /// Writes the book and says what it wrote.
    @discardableResult
    public func write() throws -> BookSummary {
        try ChartWriter.check(folder)
        try refuseToOverwriteSomethingElse()
        let parent = folder.deletingLastPathComponent()
        // The writer's process number in the name: a folder left by a writer that was killed
        // (SIGKILL leaves no time to tidy) can be told from one another run is writing.
        let staging = parent.appendingPathComponent(
            ".\(folder.lastPathComponent).\(getpid()).\(UUID().uuidString).partial")
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw PlottingError.unwritableFolder(displayPath(parent), reason: describe(error))
        }
        removeAbandoned(in: parent)
        try checkRoom(in: parent)
        PartialFiles.begin(staging)
        defer {
            try? FileManager.default.removeItem(at: staging)
            PartialFiles.end(staging)
        }
        let pages: [LessonPage]
        do {
            pages = try runEveryLesson(into: staging)
        } catch PlottingError.chartNotDrawn(let name, let reason) {
            // A lesson alone keeps its other charts; a book is written whole or not at all.
            throw BookNotWritten.chartNotDrawn(name, reason: reason)
        }
        try writePages(pages, into: staging)
        try FileManager.default.removeItem(at: staging.appendingPathComponent("runs"))
        let summary = try BookSummary(folder: staging, pages: pages, final: folder)
        try replaceFolder(folder, with: staging)
        return summary
    }

    /// Removes the hidden folders of this book that writers no longer running left behind: only
    /// names of exactly this book's form, `.NAME.PID.UUID.partial` (so `.book.2025.….partial`, a
    /// book named `book.2025`, is never taken for one of `book`'s), whose process is gone.
    func removeAbandoned(in parent: URL) {
        let prefix = ".\(folder.lastPathComponent)."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".partial") {
            let middle = name.dropFirst(prefix.count).dropLast(".partial".count)
            let parts = middle.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, UUID(uuidString: String(parts[1])) != nil,
                parts[0].allSatisfy(\.isASCII), let writer = pid_t(parts[0]), writer > 0,
                kill(writer, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    /// What the book takes on disk while it is written, at most, for each lesson: its runs' files
    /// beside its pages. Measured at 123 MB for the full book of 15 lessons, and 12 MB for lesson
    /// 4's alone.
    static let diskPerLesson = 12_000_000

    /// Refuses, before a run is computed, a place without room for the book while it is written.
    func checkRoom(in parent: URL) throws {
        let need = lessons.count * Self.diskPerLesson
        guard let free = freeBytes(at: parent), free < need else { return }
        throw PlottingError.unwritableFolder(
            displayPath(parent),
            reason: "it has \(megabytes(free)) free, and the book takes up to \(megabytes(need)) "
                + "while it is written: free some space")
    }

    /// A folder in the book's place that is not a lesson book is somebody's: it is not replaced.
    func refuseToOverwriteSomethingElse() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else {
            return
        }
        let marker = folder.appendingPathComponent(BookFiles.marker)
        guard isFolder.boolValue, FileManager.default.fileExists(atPath: marker.path) else {
            throw PlottingError.unwritableFolder(
                displayPath(folder),
                reason: "it is there already and is not a lesson book, so it is left as it is")
        }
    }

    /// Every lesson's runs: its own, one for each value of its main parameter, and one for each
    /// suggestion it answers. The runs are shared among the processor's cores; their pictures are
    /// gathered in order afterwards, so the book is the same whatever order they finished in.
    func runEveryLesson(into staging: URL) throws -> [LessonPage] {
        let folders = lessons.map { type in
            RunFolder(
                staging: staging, lesson: type,
                pictures: staging.appendingPathComponent(type.info.folderName), book: folder)
        }
        let jobs = folders.flatMap(jobs)
        let meter = ProgressMeter(
            "Writing the lesson book", onTerminal: progressOnTerminal, show: progress)
        let told = try runAll(jobs, into: staging, meter: meter)
        meter.finish()
        var runs: [[BookRun]] = folders.map { _ in [] }
        var tried: [[BookRun]] = folders.map { _ in [] }
        for (job, told) in zip(jobs, told) {
            let run = try folders[job.lesson].gather(told, of: job)
            if job.kind == .tried {
                tried[job.lesson].append(run)
            } else {
                runs[job.lesson].append(run)
            }
        }
        return folders.indices.map { index in
            let lesson = folders[index].lesson
            let values = lesson.exploration?.values ?? []
            return LessonPage(
                lesson: lesson, own: runs[index][0],
                at: Array(zip(values, runs[index].dropFirst())), tried: tried[index])
        }
    }

    /// The runs of one lesson: its own, then the slider's, then the suggestions it ends with
    /// (each asked on a handout, and answered by its own run).
    func jobs(_ folder: RunFolder) -> [BookJob] {
        let lesson = lessons.firstIndex { $0 == folder.lesson } ?? 0
        var jobs = [BookJob(lesson: lesson, arguments: arguments, label: "own", kind: .own)]
        if let exploration = folder.lesson.exploration {
            let others = [exploration.option, exploration.companion?.option].compactMap { $0 }
                .reduce(arguments) { without($1, in: $0) }
            jobs += exploration.values.map { value in
                BookJob(
                    lesson: lesson,
                    arguments: others + exploration.arguments(value, own: arguments),
                    label: exploration.typed(value), kind: .slider)
            }
        }
        jobs += Self.tried(folder.lesson).enumerated().map { index, suggestion in
            BookJob(
                lesson: lesson, arguments: suggestion.arguments, label: "try-\(index + 1)",
                kind: .tried)
        }
        return jobs
    }

    /// The suggestions the book runs to answer them: not those meant for a release build (long
    /// runs, or the full MNIST set), nor those that step through a run at the keyboard.
    public static func tried(_ lesson: any Lesson.Type) -> [Suggestion] {
        lesson.suggestions.filter { suggestion in
            !suggestion.release && !suggestion.arguments.isEmpty
                && !suggestion.arguments.contains { ["--step", "--live"].contains($0) }
        }
    }

    /// Runs every job, as many at once as there are cores, and hands back their reports in the
    /// jobs' order; the first job to fail (in that order) fails the book.
    func runAll(
        _ jobs: [BookJob], into staging: URL, meter: ProgressMeter
    ) throws -> [Told] {
        let results = Results(count: jobs.count, meter: meter)
        // The lessons' own runs first: a slider's run draws the lesson's own run beneath its
        // charts, as their baseline (where a slider adds a series, only what the added value
        // changed, such as lesson 10's line fit, which follows the slider).
        let own = jobs.indices.filter { jobs[$0].kind == .own }
        run(own, of: jobs, baselines: [:], into: staging, results: results)
        var baselines: [Int: [String: Chart]] = [:]
        for index in own where lessons[jobs[index].lesson].exploration != nil {
            baselines[jobs[index].lesson] = results.told(at: index)?.drawn
        }
        let others = jobs.indices.filter { jobs[$0].kind != .own }
        run(others, of: jobs, baselines: baselines, into: staging, results: results)
        return try results.all()
    }

    /// Runs the jobs at `indices`, as many at once as cores and memory allow, keeping each report
    /// in `results`; a slider's run of a lesson in `baselines` draws those charts beneath its own.
    func run(
        _ indices: [Int], of jobs: [BookJob], baselines: [Int: [String: Chart]], into staging: URL,
        results: Results
    ) {
        let (lessons, gnuplot, timeLimit) = (self.lessons, self.gnuplot, self.timeLimit)
        @Sendable func runOne(_ index: Int) {
            let job = jobs[index]
            let baseline = job.kind == .slider ? baselines[job.lesson] : nil
            let result = Result {
                try Told(
                    RunFolder.execute(
                        lessons[job.lesson], job, in: staging, gnuplot: gnuplot,
                        timeLimit: timeLimit,
                        baseline: baseline.map { (label: "the lesson's own run", charts: $0) }),
                    keepingCharts: job.kind == .own)
            }
            results.keep(result, at: index)
        }
        // As many side by side as there are cores, and as memory has room for: a run that cannot
        // have its memory ends the program, and that cannot be caught.
        let width = Memory.sideBySide(
            most: ProcessInfo.processInfo.activeProcessorCount, first: Self.memoryNeed(lessons))
        let queue = Queue(indices)
        DispatchQueue.concurrentPerform(iterations: min(width, indices.count)) { _ in
            // The first failure ends the book: no run starts after it.
            while !results.failed, let index = queue.next() { runOne(index) }
        }
    }

    /// Writes every page, the index and the files they share.
    func writePages(_ pages: [LessonPage], into staging: URL) throws {
        for (index, page) in pages.enumerated() {
            let html = page.html(
                previous: index > 0 ? pages[index - 1].lesson.info : nil,
                next: index + 1 < pages.count ? pages[index + 1].lesson.info : nil)
            try writeAtomically(html, to: staging.appendingPathComponent(page.fileName))
        }
        let index = BookIndex(pages: pages)
        try writeAtomically(index.html(), to: staging.appendingPathComponent("index.html"))
        for sheet in [ClassSheet.worksheet, .answerKey] where index.hasClass {
            try writeAtomically(
                index.sheet(sheet), to: staging.appendingPathComponent(sheet.fileName))
        }
        try BookFiles.write(into: staging, gnuplot: gnuplot, timeLimit: timeLimit)
    }
}

/// Runs a lesson for a page, written or live: its words with what a page needs (SVG pictures in
/// `out`, `--predict` answered with nothing when the lesson asks), nothing printed, and `baseline`
/// drawn beneath its charts. A page is made whole or not at all: the first chart not drawn ends
/// the run.
func runForPage(
    _ lesson: any Lesson.Type, _ words: [String], out: URL, gnuplot: Gnuplot?, timeLimit: Double,
    baseline: (label: String, charts: [String: Chart])?, svgScripts: String? = nil
) throws -> LessonReport {
    let predict = lesson.offersPredict ? ["--predict"] : []
    let parsed = try lesson.parse(
        words + ["--out", out.path, "--format", "svg"] + predict
            + ["--gnuplot-timeout", Format.formatForCommand(timeLimit)])
    var environment = LessonEnvironment(
        write: { _ in }, gnuplot: gnuplot, progress: { _ in }, readAnswer: { "" },
        prompt: { _ in })
    environment.svgScripts = svgScripts
    environment.baseline = baseline
    environment.wholeOrNothing = true
    return try parsed.run(in: environment)
}

/// `arguments` without `option` and its value, so that the slider's value is the only one.
func without(_ option: String, in arguments: [String]) -> [String] {
    var kept: [String] = []
    var skipping = false
    for word in arguments {
        if skipping {
            skipping = false
        } else if word == option {
            skipping = true
        } else if !word.hasPrefix(option + "=") {
            kept.append(word)
        }
    }
    return kept
}

/// One run of a lesson for the book: which lesson (by its place in the book), with which words,
/// and the label its pictures get ("own" for the lesson's own run, else the slider's value).
struct BookJob: Sendable {
    let lesson: Int
    let arguments: [String]
    let label: String
    let kind: Kind

    enum Kind: Sendable {
        /// The lesson's own run, with the options given.
        case own
        /// One of the slider's runs.
        case slider
        /// A suggestion, run to answer it; its charts are not drawn.
        case tried
    }
}

/// What the book keeps of a run: what it told and the charts it drew, not the result it computed
/// them from (a digit lesson's holds its network and data).
struct Told {
    let transcript: [Passage]
    let claims: [any Claim]
    let charts: [WrittenChart]
    /// The charts as drawn, kept for a lesson's own run only: its slider's baseline.
    let drawn: [String: Chart]

    init(_ report: LessonReport, keepingCharts: Bool) {
        transcript = report.transcript
        claims = report.claims
        charts = report.charts
        drawn = keepingCharts ? report.drawn : [:]
    }
}

/// The runs made at once, kept in the runs' order, and the progress they make, under a lock.
/// Indices handed out one at a time, to whichever run is free.
final class Queue: @unchecked Sendable {
    private let lock = NSLock()
    private var left: ArraySlice<Int>

    init(_ indices: [Int]) { left = indices[...] }

    func next() -> Int? { lock.withLock { left.popFirst() } }
}

final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [Result<Told, Error>?]
    private var done = 0
    private var anyFailed = false
    private let meter: ProgressMeter

    init(count: Int, meter: ProgressMeter) {
        kept = Array(repeating: nil, count: count)
        self.meter = meter
    }

    /// Keeps one run's result, and shows how far the runs have come.
    func keep(_ result: Result<Told, Error>, at index: Int) {
        lock.withLock {
            kept[index] = result
            if case .failure = result { anyFailed = true }
            done += 1
            meter.report(Double(done) / Double(kept.count))
        }
    }

    /// The run at `index`, when it has finished well.
    func told(at index: Int) -> Told? {
        lock.withLock { try? kept[index]?.get() }
    }

    /// Whether a run has failed, so that the book fails at once, not after every other run.
    var failed: Bool { lock.withLock { anyFailed } }

    /// Every run, or the first failure in the runs' order (the runs a failure kept from starting
    /// are never waited for).
    func all() throws -> [Told] {
        for case .failure(let error)? in kept { throw error }
        return try kept.map { result in try result!.get() }
    }
}

/// Gathers one lesson's runs into its folder in the book: the pictures (each kept once however
/// many runs drew it alike), and for its own run the data and scripts beside them.
final class RunFolder {
    let staging: URL
    let lesson: any Lesson.Type
    /// The lesson's folder in the book's working folder, where its pictures go.
    let pictures: URL
    /// Where the book goes once it is whole.
    let book: URL
    /// The pictures placed so far, by their content: a picture drawn twice alike is kept once.
    private var placed: [Data: String] = [:]

    init(staging: URL, lesson: any Lesson.Type, pictures: URL, book: URL) {
        self.staging = staging
        self.lesson = lesson
        self.pictures = pictures
        self.book = book
    }

    /// Where a run writes its files before the book gathers them.
    static func out(for lesson: any Lesson.Type, _ job: BookJob, in staging: URL) -> URL {
        staging.appendingPathComponent("runs").appendingPathComponent(lesson.info.folderName)
            .appendingPathComponent(job.label)
    }

    /// Runs the lesson with the job's words (and `--predict`, answered with nothing, when it
    /// asks), drawing its charts as SVG for the page.
    static func execute(
        _ lesson: any Lesson.Type, _ job: BookJob, in staging: URL, gnuplot: Gnuplot,
        timeLimit: Double, baseline: (label: String, charts: [String: Chart])? = nil
    ) throws -> LessonReport {
        let out = out(for: lesson, job, in: staging)
        let report = try runForPage(
            lesson, job.arguments + (job.kind == .tried ? ["--no-render"] : []), out: out,
            gnuplot: gnuplot, timeLimit: timeLimit, baseline: baseline, svgScripts: "..")
        // The lesson's own run is also printed: each chart drawn again at its printed size.
        if job.kind == .own {
            let writer = try ChartWriter(
                folder: out.appendingPathComponent(lesson.info.folderName), origin: "",
                formats: [], drawInTerminal: false, gnuplot: gnuplot, timeLimit: timeLimit)
            for chart in report.charts where !chart.images.isEmpty {
                guard let drawn = report.drawn[chart.name] else { continue }
                _ = try writer.drawForPaper(drawn, gnuplot: gnuplot)
            }
        }
        return report
    }

    /// The run as the page shows it, its pictures moved into the lesson's folder.
    func gather(_ report: Told, of job: BookJob) throws -> BookRun {
        var run = BookRun(
            arguments: job.arguments, transcript: report.transcript, claims: report.claims)
        try PartialFiles.makeFolder(pictures)
        let out = Self.out(for: lesson, job, in: staging)
        for chart in report.charts {
            guard let picture = chart.images.first else { continue }
            let (name, content) = try place(
                picture, as: chart.name, label: job.kind == .own ? nil : job.label)
            run.pictures[chart.name] = Picture(
                path: lesson.info.folderName + "/" + name, content: content)
            if job.kind == .own {
                let paper = picture.deletingPathExtension().appendingPathExtension("paper.svg")
                if FileManager.default.fileExists(atPath: paper.path) {
                    let (name, content) = try place(paper, as: chart.name + ".paper", label: nil)
                    run.paper[chart.name] = (
                        Picture(path: lesson.info.folderName + "/" + name, content: content),
                        report.drawn[chart.name]?.printsAtSize ?? false
                    )
                }
                try placeSource(chart.dataFile, from: out)
                try placeSource(chart.script, from: out)
                run.sources[chart.name] = (
                    lesson.info.folderName + "/" + chart.dataFile.lastPathComponent,
                    lesson.info.folderName + "/" + chart.script.lastPathComponent
                )
            }
        }
        return run
    }

    /// Moves a picture into the lesson's folder under `name` (with the run's label when it is a
    /// slider's run); a picture the same as one already there is not kept twice.
    func place(_ picture: URL, as name: String, label: String?) throws -> (String, Data) {
        let content = try Data(contentsOf: picture)
        if let same = placed[content] { return (same, content) }
        let ending = picture.pathExtension
        let file = label.map { "\(name).\($0).\(ending)" } ?? "\(name).\(ending)"
        try writeAtomically(content, to: pictures.appendingPathComponent(file))
        placed[content] = file
        return (file, content)
    }

    /// Copies a chart's data file or script into the lesson's folder, its header's folder made
    /// the book's.
    func placeSource(_ file: URL, from out: URL) throws {
        var text = try String(contentsOf: file, encoding: .utf8)
        let ran = shellWord(displayPath(out.appendingPathComponent(lesson.info.folderName)))
        let final = book.appendingPathComponent(lesson.info.folderName)
        text = text.replacingOccurrences(of: ran, with: shellWord(displayPath(final)))
        try writeAtomically(text, to: pictures.appendingPathComponent(file.lastPathComponent))
    }
}

/// Why a book was not written.
public enum BookNotWritten: Error, CustomStringConvertible {
    /// A chart of a run could not be drawn, and why; the book stops at the first.
    case chartNotDrawn(String, reason: String)

    public var description: String {
        switch self {
        case .chartNotDrawn(let name, let reason):
            return "the chart \(name) could not be drawn, so the book was not written (a book is "
                + "written whole or not at all): \(reason)"
        }
    }
}
