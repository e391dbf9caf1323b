import Claims
import Foundation
import LessonKit
import Plot
import Plotting

/// One lesson's page: the lesson in the order the terminal tells it, then its slider's runs, the
/// commands to try, and the answer key that only a printed handout shows.
struct LessonPage {
    let lesson: any Lesson.Type
    /// The run with the options given.
    let own: BookRun
    /// One run for each of the slider's values.
    let positions: [(value: Double, run: BookRun)]
    /// The suggestions the book ran (`LessonBook.tried`), each with its run.
    let tried: [BookRun]

    init(
        lesson: any Lesson.Type, own: BookRun, at positions: [(value: Double, run: BookRun)],
        tried: [BookRun]
    ) {
        self.lesson = lesson
        self.own = own
        self.positions = positions
        self.tried = tried
    }

    /// The run that answers a suggested command, when the book ran it.
    func run(answering command: String) -> BookRun? {
        tried.first { ([info.command] + $0.arguments).joined(separator: " ") == command }
    }

    var info: LessonInfo { lesson.info }
    /// The main parameter the slider moves, when the lesson has one.
    var exploration: Exploration? { lesson.exploration }
    var fileName: String { info.folderName + ".html" }

    /// The command that makes a run, as the learner types it.
    func command(_ run: BookRun) -> String {
        ([info.command] + run.arguments.map(shellWord)).joined(separator: " ")
    }

    /// The page as an HTML document, linked to the lessons before and after it in the book. A live
    /// page (`live`) has the lesson's controls in place of the slider, and its links are the
    /// server's.
    func html(previous: LessonInfo?, next: LessonInfo?, live: LiveView? = nil) -> String {
        let title = "Lesson \(info.number) · \(info.title)"
        let root = live == nil ? "" : "/"
        let kind = live == nil ? "lesson" : "lesson live"
        return HTML(
            .lang(.english),
            .head(
                .encoding(.utf8),
                .viewport(.accordingToDevice),
                .title(title),
                .description(info.summary),
                .stylesheet(root + "book.css")
            ),
            .body(
                .class(exploration == nil || positions.isEmpty ? kind : kind + " has-explorer"),
                navigation(previous: previous, next: next, live: live != nil),
                .header(
                    viewToggle(),
                    .h1(.text(title)),
                    .p(.class("source"), .text("\(info.video.rawValue) · \(info.segment)")),
                    .p(.class("summary"), .text(info.summary)),
                    .p(.class("command"), .text("This page is "), commandLine(command(own)))
                ),
                .main(
                    .group(own.opening.map { passage($0, in: own) }),
                    live?.controls() ?? explorer(),
                    live?.changes() ?? .empty,
                    .div(.id("run"), .class("run"), .group(own.body.map { passage($0, in: own) })),
                    .group(templates()),
                    suggestions(live: live),
                    answerKey()
                ),
                .footer(live == nil ? staticFooter() : liveFooter()),
                .script(.src(root + "book.js")),
                .unwrap(live) { _ in .script(.src("/live.js")) }
            )
        ).render()
    }

    /// How the book's page was made, and how to open it live.
    func staticFooter() -> Node<HTML.BodyContext> {
        .group(
            .p(
                .text("Written by "), .code("swift run lesson book"),
                .text(
                    ". Every sentence about a run was chosen from that run's own numbers, "
                        + "as the terminal says it.")),
            .p(
                .class("open-live"),
                .text("To change every option of this lesson in the browser, run "),
                .code("swift run --traits LiveBook live-book"), .text(" and open "),
                .code(.text("http://127.0.0.1:8080" + livePath)), .text(".")))
    }

    /// This page's run on the live book's server.
    var livePath: String {
        let form = LiveForm(lesson)
        return LivePage.path(lesson, query: form.query(for: own.arguments) ?? "")
    }

    func liveFooter() -> Node<HTML.BodyContext> {
        .p(
            .text("Made by "), .code("swift run --traits LiveBook live-book"),
            .text(
                " when this address was opened. Every sentence about a run was chosen from that "
                    + "run's own numbers, as the terminal says it."))
    }

    /// Links to the index and to the neighbouring lessons.
    func navigation(
        previous: LessonInfo?, next: LessonInfo?, live: Bool = false
    )
        -> Node<HTML.BodyContext>
    {
        func page(_ info: LessonInfo) -> String {
            live ? "/lessons/" + info.folderName : info.folderName + ".html"
        }
        return .nav(
            .class("pages"),
            .a(.href(live ? "/" : "index.html"), .text("All lessons")),
            .unwrap(previous) {
                .a(.href(attributeValue(page($0))), .text("← \($0.title)"))
            },
            .unwrap(next) {
                .a(.href(attributeValue(page($0))), .text("\($0.title) →"))
            })
    }

    // MARK: The slider

    /// The slider over the main parameter, when the lesson has one.
    func explorer() -> Node<HTML.BodyContext> {
        guard let exploration, !positions.isEmpty else { return .empty }
        let how: String
        switch exploration.comparison {
        case .adding:
            how =
                "Move the slider to add one more \(exploration.name) to the lesson's own: every "
                + "table, chart and sentence then shows the lesson's own runs beside the new one. "
        case .replacing:
            how =
                "Move the slider to run the lesson again with another \(exploration.name): its "
                + "tables, charts and sentences change to that run's own, and each chart keeps "
                + "the lesson's own run as its baseline. "
        }
        return .section(
            .class("explore"),
            .h2(.text("Explore: the \(exploration.name)")),
            .p(
                .text(
                    how + "There are \(positions.count) runs, computed when this book was written, "
                        + "each one's sentences chosen from its own numbers.")),
            .div(
                .class("slider"),
                .label(.for("explore"), .text(exploration.option)),
                .input(
                    .type(.range), .id("explore"), .attribute(named: "min", value: "0"),
                    .attribute(named: "max", value: String(positions.count - 1)),
                    .attribute(named: "step", value: "1"),
                    .value(String(exploration.startPosition)),
                    .attribute(named: "aria-label", value: attributeValue(exploration.name))),
                .element(
                    named: "output",
                    nodes: [
                        .id("explore-value"), .attribute(named: "for", value: "explore"),
                        .text("the lesson's own run"),
                    ]),
                .button(.type(.button), .id("explore-own"), .text("The lesson's own run"))
            ),
            .p(.class("explore-command"), .code(.id("explore-command"), .text(command(own))))
        )
    }

    /// Every run the slider can show, kept as inert templates until it is chosen.
    func templates() -> [Node<HTML.BodyContext>] {
        guard let exploration, !positions.isEmpty else { return [] }
        let own = template("own", label: "the lesson's own run", run: self.own)
        return [own]
            + positions.enumerated().map { index, position in
                template(
                    String(index),
                    label: exploration.label(position.value, own: self.own.arguments),
                    run: position.run)
            }
    }

    func template(_ position: String, label: String, run: BookRun) -> Node<HTML.BodyContext> {
        .element(
            named: "template",
            nodes: [
                .data(named: "position", value: attributeValue(position)),
                .data(named: "label", value: attributeValue(label)),
                .data(named: "command", value: attributeValue(command(run))),
                position == "own" ? .empty : ownBeside(),
                .group(run.body.map { passage($0, in: run) }),
            ])
    }

    /// Above a slider's run that replaces the lesson's one value, what the lesson's own run said,
    /// to compare with (its charts are drawn beneath the slider run's, dashed and grey).
    func ownBeside() -> Node<HTML.BodyContext> {
        guard case .replacing = exploration?.comparison else { return .empty }
        let said = own.transcript.flatMap { passage -> [any Claim] in
            switch passage {
            case .claims(_, let claims): return claims
            case .bullets(_, _, let claims): return claims
            default: return []
            }
        }
        guard !said.isEmpty else { return .empty }
        return .section(
            .class("baseline"),
            .h3(.text("The lesson's own run (\(command(own))), to compare with")),
            .ul(.forEach(said) { .li(inline($0.sentence)) }))
    }

    // MARK: The end of the page

    /// The commands to try, each with why and, behind a click, what its own run shows; printed,
    /// each is a question with space to answer.
    func suggestions(live: LiveView? = nil) -> Node<HTML.BodyContext> {
        let suggestions = own.suggestions
        guard !suggestions.isEmpty else { return .empty }
        return .section(
            .class("try"),
            .h2("Try this"),
            .p(.class("print-only"), .text("Predict what each command will show, then run it.")),
            .ul(
                .forEach(suggestions) { suggestion in
                    .li(
                        commandLine(suggestion.command),
                        .p(.class("why"), .text(suggestion.why)),
                        .unwrap(live?.link(for: suggestion.command)) { link in
                            .p(
                                .class("run-live"),
                                .a(.href(attributeValue(link)), .text("Run it here")))
                        },
                        .div(.class("answer-space")),
                        .unwrap(run(answering: suggestion.command)) { run in
                            .details(
                                .summary("What its run shows"),
                                .ul(.forEach(run.noticed) { .li(inline($0)) }))
                        })
                }))
    }

    /// The answers to the page's questions on a page of their own, for a printed handout: the
    /// questions asked before the run, then what each suggested command's run showed.
    func answerKey() -> Node<HTML.BodyContext> {
        let predictions = own.predictions
        let answered = own.suggestions.compactMap { suggestion in
            run(answering: suggestion.command).map { (suggestion, $0) }
        }
        guard !predictions.isEmpty || !answered.isEmpty else { return .empty }
        return .section(
            .class("answer-key"),
            .h2(.text("Answer key · Lesson \(info.number)")),
            .if(
                !predictions.isEmpty,
                .group(
                    .h3("Predict first"),
                    .p(.text("From the run on this handout: \(command(own))")),
                    .ol(
                        .forEach(predictions) { prediction in
                            .li(.p(.strong(.text(prediction.question))), .p(.text(prediction.why)))
                        }))),
            .if(
                !answered.isEmpty,
                .group(
                    .h3("Try this"),
                    .ol(
                        .forEach(answered) { suggestion, run in
                            .li(
                                .p(.code(.text(suggestion.command))),
                                .p(.em(.text(suggestion.why))),
                                .ul(.forEach(run.noticed) { .li(inline($0)) }))
                        })))
        )
    }
}

/// The button that switches between the reading view and the projector view (see book.js).
func viewToggle() -> Node<HTML.BodyContext> {
    .button(
        .type(.button), .class("view-toggle"), .attribute(named: "aria-pressed", value: "false"),
        .text("Projector view"))
}

/// A command with a button that copies it.
func commandLine(_ command: String) -> Node<HTML.BodyContext> {
    .span(
        .class("command-line"),
        .code(.text(command)),
        .button(
            .type(.button), .class("copy"), .data(named: "copy", value: attributeValue(command)),
            .attribute(named: "aria-label", value: "Copy the command"), .text("Copy")))
}

/// Text with `backquoted` words set as code.
func inline(_ text: String) -> Node<HTML.BodyContext> {
    let parts = text.split(separator: "`", omittingEmptySubsequences: false)
    guard parts.count > 2 else { return .text(text) }
    return .group(
        parts.enumerated().map { index, part in
            index % 2 == 1 ? .code(.text(String(part))) : .text(String(part))
        })
}
