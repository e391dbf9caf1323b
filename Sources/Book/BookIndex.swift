import ExerciseKit
import LessonKit
import Plot

/// The book's first page: what it is, the one-hour class, and every lesson.
struct BookIndex {
    /// The lessons' pages, in order.
    let pages: [LessonPage]

    /// The index as an HTML document.
    func html() -> String {
        HTML(
            .lang(.english),
            .head(
                .encoding(.utf8),
                .viewport(.accordingToDevice),
                .title("Backprop Lessons: the lesson book"),
                .description(
                    "Runnable lessons on backpropagation, as pages to read, explore and print."),
                .stylesheet("book.css")
            ),
            .body(
                .class("index"),
                .header(
                    viewToggle(),
                    .h1("Backprop Lessons: the lesson book"),
                    .p(
                        .class("summary"),
                        .text(
                            "Each lesson turns part of a video into a program you can run and "
                                + "change. Here each is a page: what the video says, what is "
                                + "computed, the results, the charts and what to notice, all from "
                                + "the lesson's own run. Where a lesson has a main parameter, a "
                                + "slider runs it again at other values beside the lesson's own. "
                                + "Print a page for a handout: its questions come with space to "
                                + "answer, and the answers on a last page of their own."))
                ),
                .main(
                    path(),
                    lessons()
                ),
                .footer(.p(.text("Written by "), .code("swift run lesson book"), .text("."))),
                .script(.src("book.js"))
            )
        ).render()
    }

    /// The one-hour class, stop by stop: minutes, what to play, what to show, what to ask; then
    /// the homework and the lessons to read after class.
    func path() -> Node<HTML.BodyContext> {
        guard hasClass else { return .empty }
        let later = afterClass.filter { page($0) != nil }
        return .section(
            .class("class-path"),
            .h2("A one-hour class"),
            .p(
                .text(
                    "Five lessons in the order the videos build the idea: the update rule and the "
                        + "learning rate (CampusX), then one example's wish list, the same wish "
                        + "list as the chain rule, and mini-batches (3Blue1Brown). At each stop, "
                        + "play the "
                        + "part of the video, ask the question before showing the lesson, then "
                        + "show its page on the projector (its "),
                .strong("Projector view"), .text(" button).")),
            .p(
                .a(.href(ClassSheet.worksheet.fileName), .text("The worksheet")),
                .text(" (two printed pages: the questions, with space to answer) · "),
                .a(.href(ClassSheet.answerKey.fileName), .text("its answer key")),
                .text(", numbered alike, each answer from the lesson's own run.")),
            .ol(
                .class("stops"),
                .forEach(classStops) { stop in
                    .li(
                        .h3(.text("Minutes \(stop.span) · "), link(stop.lesson)),
                        .p(.strong("Play: "), .text("\(stop.video.shortName), \(stop.play).")),
                        .p(
                            .strong("Ask: "),
                            .text(answered(stop).map(\.question).joined(separator: " "))),
                        .p(.strong("Show: "), .text(stop.show)))
                }),
            .h3("Homework"),
            .p(
                .text("Exercises, each with the lesson it needs; learners check exercise N with "),
                .code("swift run exercises check N"), .text(".")),
            .ul(
                .class("homework"),
                .forEach(homework) { exercise in
                    .li(
                        .text("Exercise \(exercise.number), \(exercise.name): "),
                        .group(exercise.lessons.map { link($0) }))
                }),
            .if(
                !later.isEmpty,
                .p(
                    .text("To read after class: "),
                    .group(later.map { number in link(number) })))
        )
    }

    /// Lesson `number`'s page, when the book has it.
    func page(_ number: Int) -> LessonPage? {
        pages.first { $0.info.number == number }
    }

    /// A link to lesson `number`'s page, when the book has it.
    func link(_ number: Int) -> Node<HTML.BodyContext> {
        guard let info = page(number)?.info else { return .empty }
        return .a(
            .class("lesson-link"), .href(info.folderName + ".html"),
            .text("\(number) · \(info.title)"))
    }

    /// Every lesson with its summary.
    func lessons() -> Node<HTML.BodyContext> {
        .section(
            .class("lessons"),
            .h2("Every lesson"),
            .ol(
                .forEach(pages) { page in
                    let info = page.info
                    return .li(
                        .attribute(named: "value", value: String(info.number)),
                        .a(
                            .href(attributeValue(info.folderName + ".html")),
                            .strong(.text(info.title))),
                        .text(" · \(info.video.shortName), \(info.segment)"),
                        .p(.text(info.summary)),
                        .unwrap(page.exploration) { exploration in
                            .p(.class("has-slider"), .text("Slider: the \(exploration.name)"))
                        })
                }))
    }
}
