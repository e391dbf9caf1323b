import Claims
import LessonKit
import Plot

extension LessonPage {
    /// One part of a run as HTML: paragraphs, a table, sentences, charts or questions.
    func passage(_ passage: Passage, in run: BookRun) -> Node<HTML.BodyContext> {
        switch passage {
        case .narrative(let heading, let paragraphs):
            return narrative(heading, paragraphs)
        case .words(_, let terms):
            return .section(
                .class("words"),
                .h2(.text("Words used here")),
                .dl(
                    .forEach(terms) { term in
                        .div(.dt(.text(term.name)), .dd(.text(term.meaning)))
                    }))
        case .table(let heading, let table):
            return .section(.class("results"), .h3(inline(heading)), htmlTable(table))
        case .claims(let heading, let claims):
            return .section(
                .class("claims"),
                .h3(inline(heading)),
                .ul(.forEach(claims) { .li(inline($0.sentence)) }))
        case .lines(let heading, let lines):
            return .section(
                .class("results"), .h3(inline(heading)), .group(lines.map { .p(inline($0)) }))
        case .bullets(let heading, let points, _):
            return .section(
                .class("notice"), .h2(inline(heading)), .ul(.forEach(points) { .li(inline($0)) }))
        case .charts(_, let charts):
            return .section(
                .class("charts"), .h2("Charts"), .group(charts.map { figure($0, in: run) }))
        case .questions(let questions):
            return predict(questions, answers: run.predictions)
        case .plain(let line):
            return .p(.class("note"), inline(line.trimmingCharacters(in: .whitespaces)))
        case .answers, .tryThis:
            return .empty
        }
    }

    /// What the video says, or what the lesson computes (with the formulas of its words).
    func narrative(_ heading: String, _ paragraphs: [String]) -> Node<HTML.BodyContext> {
        let formulas = heading == "What we compute" ? info.words.filter { $0.formula != nil } : []
        return .section(
            .class(boxKind(heading)),
            .h2(.text(heading)),
            .group(paragraphs.map { .p(inline($0)) }),
            .if(
                !formulas.isEmpty,
                .div(
                    .class("formulas"),
                    .group(
                        formulas.compactMap { term in
                            term.formula.map { mathML($0, label: term.name) }
                        }))))
    }

    /// The kind of box a narrative heading opens: the video's words, what goes beyond them, a
    /// test of what the video says, or what the lesson computes.
    func boxKind(_ heading: String) -> String {
        if heading.hasPrefix("What the video says") { return "video" }
        if heading == Narrator.beyondHeading { return "beyond" }
        if heading == Narrator.testingHeading { return "tested" }
        return "compute"
    }

    /// A results table as an HTML table, its numbers set to the right; it scrolls on its own when
    /// wider than the screen.
    func htmlTable(_ table: Claims.Table) -> Node<HTML.BodyContext> {
        let right = table.alignments.map { $0 == .right }
        return .div(
            .class("table"),
            .table(
                .thead(
                    .tr(
                        .forEach(table.headers.indices) { column in
                            .th(
                                .class(right[column] ? "number" : "text"),
                                .text(table.headers[column]))
                        })),
                .tbody(
                    .forEach(table.rows) { row in
                        .tr(
                            .forEach(row.indices) { column in
                                .td(.class(right[column] ? "number" : "text"), .text(row[column]))
                            })
                    })))
    }

    /// A chart: its SVG (which shows coordinates and hides a series when its key is clicked),
    /// and for the lesson's own run, its numbers and script.
    func figure(_ chart: DrawnChart, in run: BookRun) -> Node<HTML.BodyContext> {
        guard let picture = run.pictures[chart.written.name] else {
            return .p(.class("note"), .text("\(chart.title): not drawn"))
        }
        let shape = "aspect-ratio: \(picture.width) / \(picture.height)"
        let drawing: Node<HTML.BodyContext> =
            picture.still
            ? .img(
                .src(attributeValue(picture.path)), .alt(attributeValue(chart.title)),
                .attribute(named: "width", value: String(picture.width)),
                .attribute(named: "height", value: String(picture.height)))
            : picture.path.hasSuffix(".svg")
                ? .element(
                    named: "object",
                    nodes: [
                        .attribute(named: "data", value: attributeValue(picture.path)),
                        .attribute(named: "type", value: "image/svg+xml"), .style(shape),
                        .attribute(named: "aria-label", value: attributeValue(chart.title)),
                        .text(chart.title),
                    ])
                : .img(.src(attributeValue(picture.path)), .alt(attributeValue(chart.title)))
        let sources = run.sources[chart.written.name]
        let paper = run.paper[chart.written.name]
        return .element(
            named: "figure",
            nodes: [
                .unwrap(paper) { .class($0.atSize ? "has-paper" : "has-paper scaled") },
                drawing,
                .unwrap(paper) { paper, atSize in
                    .img(
                        .class("paper"), .src(paper.path), .alt(chart.title),
                        .attribute(
                            named: "style",
                            value: (atSize
                                ? "width: \(paper.width)pt; "
                                : "height: 5.5cm; width: auto; max-width: 100%; ")
                                + "aspect-ratio: \(paper.width) / \(paper.height)"))
                },
                .element(
                    named: "figcaption",
                    nodes: [
                        .text(chart.title),
                        .unwrap(sources) { files in
                            .span(
                                .class("sources"), .text(" · "),
                                .a(.href(files.data), .text("numbers")), .text(" · "),
                                .a(.href(files.script), .text("gnuplot script")))
                        },
                    ]),
            ])
    }

    /// The questions asked before the run, each with space to answer and its answer behind a
    /// click.
    func predict(_ questions: [String], answers: [Prediction]) -> Node<HTML.BodyContext> {
        .section(
            .class("predict"),
            .h2("Predict first"),
            .p(.text("Answer before you read on; the run answers each question below.")),
            .ol(
                .forEach(questions.indices) { index in
                    .li(
                        .p(.text(questions[index])),
                        .div(.class("answer-space")),
                        .unwrap(answers.indices.contains(index) ? answers[index] : nil) { answer in
                            .details(.summary("The answer, from this run"), .p(.text(answer.why)))
                        })
                }))
    }
}
