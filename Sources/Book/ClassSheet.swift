import LessonKit
import Plot

/// The one-hour class on paper: the worksheet (the questions, with space to answer, and no
/// answers) and its answer key (the same questions, numbered alike, with the answers).
enum ClassSheet {
    case worksheet
    case answerKey

    var fileName: String { self == .worksheet ? "worksheet.html" : "answer-key.html" }
    var title: String {
        self == .worksheet
            ? "A one-hour class on backpropagation: worksheet"
            : "A one-hour class on backpropagation: answer key"
    }
}

extension BookIndex {
    /// Whether the book holds any lesson of the class, and so its worksheet.
    var hasClass: Bool { !classStops.isEmpty }

    /// The stops of the class whose lessons the book holds.
    var classStops: [ClassStop] { oneHourClass.filter { page($0.lesson) != nil } }

    /// Each stop's questions with their answers: the lesson's own run answers its `--predict`
    /// questions; a stop's own question has its answer from the video.
    func answered(_ stop: ClassStop) -> [(question: String, answer: String)] {
        let asked = page(stop.lesson)?.own.predictions ?? []
        if !asked.isEmpty { return asked.map { ($0.question, $0.why) } }
        return stop.asked.map { [$0] } ?? []
    }

    /// The worksheet or its answer key as an HTML document: one section a stop, the questions
    /// numbered through the hour.
    func sheet(_ sheet: ClassSheet) -> String {
        let stops = classStops
        var first: [Int] = []
        var next = 1
        for stop in stops {
            first.append(next)
            next += answered(stop).count
        }
        return HTML(
            .lang(.english),
            .head(
                .encoding(.utf8),
                .viewport(.accordingToDevice),
                .title(sheet.title),
                .stylesheet("book.css")
            ),
            .body(
                .class(sheet == .worksheet ? "sheet worksheet" : "sheet key"),
                .nav(.class("pages"), .a(.href("index.html"), .text("The lesson book"))),
                .header(
                    .h1(.text(sheet.title)),
                    .p(
                        .class("print-only"),
                        .text(sheet == .worksheet ? "Name: ______________________" : ""))),
                .main(
                    .forEach(Array(zip(stops, first))) { stop, number in
                        .section(
                            .class("stop"),
                            .h2(.text(heading(stop))),
                            .p(
                                .class("play"),
                                .text("Watch: \(stop.video.shortName), \(stop.play).")),
                            .ol(
                                .attribute(named: "start", value: String(number)),
                                .forEach(answered(stop)) { item in
                                    .li(
                                        .p(.text(item.question)),
                                        sheet == .worksheet
                                            ? .div(.class("answer-space"))
                                            : .p(.class("answer"), .text(item.answer)))
                                }))
                    }),
                .script(.src("book.js"))
            )
        ).render()
    }

    /// "Minutes 0–12 · Lesson 3 · Gradient descent in one dimension".
    func heading(_ stop: ClassStop) -> String {
        let title = page(stop.lesson)?.info.title ?? ""
        return "Minutes \(stop.span) · Lesson \(stop.lesson) · \(title)"
    }
}
