import ArgumentParser
import Claims
import Foundation
import LessonKit
import Plot
import Plotting

/// One page of the live book: the lesson run with a URL's options (and the pinned run's, when one
/// is pinned), written by the same code as the book's page, into a folder the server reads.
///
/// A run is made here with the lesson's own parser, validation and work estimate: the server runs
/// this in a child process of its own, so that a run whose reader has gone can be stopped with
/// everything it started.
public struct LivePage {
    public let form: LiveForm
    /// The words of this run, after `lesson N`.
    public let words: [String]
    /// The words of the pinned run, when one is pinned (it may be this run).
    public let pinned: [String]?
    /// Every lesson of the book, in reading order, for the links to the neighbouring pages.
    public let lessons: [any Lesson.Type]
    /// Where the page's pictures are served from, e.g. "/charts/3f2a…".
    public let chartsAt: String
    public let gnuplot: Gnuplot?
    /// How long gnuplot may take over one chart.
    public var timeLimit = Gnuplot.defaultTimeLimit
    /// The most a run may take by the lesson's own estimate, in seconds.
    public var workLimit = LivePage.defaultWorkLimit

    public static let defaultWorkLimit = 20.0
    /// The name a page's file has in its folder.
    public static let fileName = "page.html"
    /// The folder, beside the page, that holds its pictures.
    public static let chartsFolder = "charts"

    /// Reads the query (and the pinned run's) with the lesson's own parser; a refusal says why in
    /// the lesson's words.
    public init(
        _ lesson: any Lesson.Type, query: String, pin: String?, lessons: [any Lesson.Type],
        chartsAt: String, gnuplot: Gnuplot?
    ) throws {
        let form = LiveForm(lesson)
        self.form = form
        words = try form.words(queryParameters(query))
        try Self.check(lesson, words)
        let pinnedWords = try pin.map { try form.words(queryParameters($0)) }
        if let pinnedWords { try Self.check(lesson, pinnedWords) }
        pinned = pinnedWords
        self.lessons = readingOrder(lessons)
        self.chartsAt = chartsAt
        self.gnuplot = gnuplot
    }

    /// Refuses words the lesson's parser or validation refuses, with the lesson's own sentence.
    public static func check(_ lesson: any Lesson.Type, _ words: [String]) throws {
        do {
            _ = try lesson.parse(words)
        } catch {
            let message = lesson.message(for: error).split(separator: "\n").joined(separator: " ")
            throw LiveRefusal.lessonSays(
                inOurWords(message, words, lesson: lesson) ?? message)
        }
    }

    /// The canonical query of this run: the page's own URL.
    public var query: String { form.canonicalQuery(words) }
    /// The canonical query of the pinned run.
    public var pinQuery: String? { pinned.map(form.canonicalQuery) }
    /// The pinned run, when it is another run than this one: only then is there a comparison.
    var other: [String]? { pinQuery == query ? nil : pinned }
    /// This page's path on the server.
    public var path: String { Self.path(form.lesson, query: query, pin: pinQuery) }

    /// A lesson's page on the server with a query (and a pinned run's).
    public static func path(_ lesson: any Lesson.Type, query: String, pin: String? = nil) -> String
    {
        var parts = query.isEmpty ? [] : [query]
        if let pin { parts.append("pin=" + queryEscaped(pin.isEmpty ? "default" : pin)) }
        let base = "/lessons/" + lesson.info.folderName
        return parts.isEmpty ? base : base + "?" + parts.joined(separator: "&")
    }

    /// Runs the lesson (the pinned run first, when there is one), and writes the page and its
    /// pictures into `folder`.
    public func write(into folder: URL) throws {
        let charts = folder.appendingPathComponent(Self.chartsFolder)
        try FileManager.default.createDirectory(at: charts, withIntermediateDirectories: true)
        var baseline: (label: String, charts: [String: Chart])?
        var pinnedReport: LessonReport?
        if let other {
            let report = try run(other, in: folder.appendingPathComponent("pinned"), draw: false)
            baseline = (label: "the pinned run", charts: report.drawn)
            pinnedReport = report
        }
        let report = try run(
            words, in: folder.appendingPathComponent("run"), draw: true, baseline: baseline)
        var own = BookRun(
            arguments: Self.spelled(words), transcript: report.transcript, claims: report.claims)
        for chart in report.charts {
            guard let picture = chart.images.first else { continue }
            let name = chart.name + "." + picture.pathExtension
            let content = try Data(contentsOf: picture)
            try writeAtomically(content, to: charts.appendingPathComponent(name))
            var shown = Picture(path: chartsAt + "/" + name, content: content)
            shown.still = true
            own.pictures[chart.name] = shown
        }
        let comparison = pinnedReport.map { compare($0, with: report) } ?? []
        let page = LessonPage(lesson: form.lesson, own: own, at: [], tried: [])
        let place = lessons.firstIndex { $0 == form.lesson }
        let previous = place.flatMap { $0 > 0 ? lessons[$0 - 1].info : nil }
        let next = place.flatMap { $0 + 1 < lessons.count ? lessons[$0 + 1].info : nil }
        let live = LiveView(page: self, comparison: comparison)
        let html = page.html(previous: previous, next: next, live: live)
        try writeAtomically(html, to: folder.appendingPathComponent(Self.fileName))
        for scratch in ["run", "pinned"] {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(scratch))
        }
    }

    /// One run of the lesson, as the book makes it (`runForPage`), the work held to the live
    /// book's limit.
    func run(
        _ words: [String], in out: URL, draw: Bool,
        baseline: (label: String, charts: [String: Chart])? = nil
    ) throws -> LessonReport {
        let limit =
            form.takesWorkLimit ? ["--work-limit", Format.formatForCommand(workLimit)] : []
        return try runForPage(
            form.lesson, words + limit + (draw ? [] : ["--no-render"]), out: out,
            gnuplot: gnuplot, timeLimit: timeLimit, baseline: baseline)
    }

    /// What changed from the pinned run to this one, in claims matched kind for kind.
    public func compare(_ pinned: LessonReport, with current: LessonReport) -> [ComparisonClaim] {
        ComparisonClaim.between(
            pinned: Self.keyed(pinned.claims), current: Self.keyed(current.claims),
            options: optionChanges())
    }

    /// A run's claims about the run (theory left out), each with its matching key.
    static func keyed(_ claims: [any Claim]) -> [(key: String, sentence: String)] {
        claims.filter { !($0 is Theory) && !$0.measured }.map {
            (ComparisonClaim.key($0), $0.sentence)
        }
    }

    /// The options whose values differ between the pinned run and this one.
    func optionChanges() -> [ComparisonClaim.OptionChange] {
        guard let pinned = other else { return [] }
        return form.controls.compactMap { control in
            let before = value(of: control, in: pinned)
            let after = value(of: control, in: words)
            return before == after
                ? nil
                : .init(
                    name: control.name, pinned: before.isEmpty ? "unset" : before,
                    current: after.isEmpty ? "unset" : after)
        }
    }

    /// The words as a learner types them: `--rates 0.45,0.5`, not `--rates=0.45,0.5`.
    static func spelled(_ words: [String]) -> [String] {
        words.flatMap { word -> [String] in
            guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return [word] }
            return [String(word[..<equals]), String(word[word.index(after: equals)...])]
        }
    }

    /// A control's value in a run's words, or its default's.
    public func value(of control: LiveControl, in words: [String]) -> String {
        if control.kind == .toggle { return words.contains("--" + control.name) ? "on" : "off" }
        let prefix = "--\(control.name)="
        if let word = words.last(where: { $0.hasPrefix(prefix) }) {
            return String(word.dropFirst(prefix.count))
        }
        return control.defaultValue ?? ""
    }
}

/// What a live page adds to the book's page: the controls, the pin, and what changed since the
/// pinned run.
struct LiveView {
    let page: LivePage
    let comparison: [ComparisonClaim]

    var form: LiveForm { page.form }
    var action: String { "/lessons/" + form.lesson.info.folderName }

    /// A control for each option, in a form whose every change opens that run's URL.
    func controls() -> Node<HTML.BodyContext> {
        .section(
            .class("live"),
            .h2(.text("Change the run")),
            .p(
                .text(
                    "Every option of this lesson is here. Change one and the page runs the lesson "
                        + "again with it: the address holds the whole run, to share or to come "
                        + "back to, and Back returns to the run before.")),
            .form(
                .id("controls"), .action(attributeValue(action)), .method(.get),
                .group(form.controls.map(control)),
                .unwrap(page.pinQuery) {
                    .input(.type(.hidden), .name("pin"), .value(attributeValue($0)))
                },
                .div(
                    .class("live-actions"),
                    .button(.type(.submit), .text("Run")),
                    .a(
                        .class("pin"), .href(attributeValue(pinLink)),
                        .text(page.pinned == nil ? "Pin this run" : "Pin this run instead")
                    )
                    .onlyIf(page.other != nil || page.pinned == nil),
                    .unwrap(page.pinQuery) { _ in
                        .a(
                            .class("unpin"),
                            .href(attributeValue(LivePage.path(form.lesson, query: page.query))),
                            .text("Unpin"))
                    },
                    .a(
                        .href(attributeValue(LivePage.path(form.lesson, query: ""))),
                        .text("The lesson's own run")))
            ),
            pinnedNote())
    }

    /// The link that pins this run: the same run, with itself as the baseline.
    var pinLink: String { LivePage.path(form.lesson, query: page.query, pin: page.query) }

    func pinnedNote() -> Node<HTML.BodyContext> {
        guard let pin = page.pinQuery else { return .empty }
        let words = LivePage.spelled(page.pinned ?? []).map(shellWord)
        let command = ([form.lesson.info.command] + words).joined(separator: " ")
        let shown =
            page.other == nil
            ? ". This is the pinned run: change an option, and the next run is drawn over it."
            : ". Its charts are drawn beneath this run's, as the baseline."
        return .p(
            .class("pinned"),
            .text("Pinned: "), .code(.text(command)),
            .text(pin.isEmpty ? " (the lesson's own run)" : ""), .text(shown))
    }

    /// One option as a control: a switch, a menu of names, or a box to type a value in.
    func control(_ control: LiveControl) -> Node<HTML.FormContext> {
        let id = "option-" + control.name
        let current = page.value(of: control, in: page.words)
        let input: Node<HTML.FormContext>
        switch control.kind {
        case .toggle:
            input = .input(
                .type(.checkbox), .id(attributeValue(id)), .name(attributeValue(control.name)),
                .value("true"),
                Attribute(name: "checked", value: nil, ignoreIfValueIsEmpty: false)
                    .onlyIf(current == "on"))
        case .choice(let names):
            input = .select(
                .id(attributeValue(id)),
                .attribute(named: "name", value: attributeValue(control.name)),
                .group(
                    names.map { name in
                        .option(
                            .value(attributeValue(name)), .label(attributeValue(name)),
                            .isSelected(name == current))
                    }))
        case .value:
            input = .input(
                .type(.text), .id(attributeValue(id)), .name(attributeValue(control.name)),
                .value(attributeValue(current)), .attribute(named: "spellcheck", value: "false"),
                .attribute(named: "autocomplete", value: "off"))
        }
        return .div(
            .class("control"),
            .label(.for(attributeValue(id)), .code(.text("--" + control.name))),
            input,
            .p(.class("help"), .text(control.help)))
    }

    /// What changed since the pinned run, when one is pinned.
    func changes() -> Node<HTML.BodyContext> {
        guard page.other != nil else { return .empty }
        return .section(
            .class("claims compared"),
            .h2(.text("Compared with the pinned run")),
            .ul(.forEach(comparison) { .li(inline($0.sentence)) }))
    }

    /// A suggested command's live run, when each of its options is a control.
    func link(for suggestion: String) -> String? {
        form.path(forCommand: suggestion)
    }
}

extension Attribute {
    /// The attribute when `condition` holds, else nothing.
    func onlyIf(_ condition: Bool) -> Attribute { condition ? self : .empty }
}

extension Node {
    /// The node when `condition` holds, else nothing.
    func onlyIf(_ condition: Bool) -> Node { condition ? self : .empty }
}
