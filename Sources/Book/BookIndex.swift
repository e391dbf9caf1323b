import ExerciseKit
import LessonKit
import Plot

/// The book's first page: what it is, the one-hour class, and every lesson.
struct BookIndex {
    /// The lessons that have pages, in order.
    let pages: [LessonInfo]
    /// Which of them have a slider, and over what.
    let sliders: [Int: String]

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
                                + "slider shows it run again at other values. Print a page for a "
                                + "handout: its questions come with space to answer, and the "
                                + "answers on a last page of their own."))
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

    /// The one-hour class, part by part.
    func path() -> Node<HTML.BodyContext> {
        let written = Set(pages.map(\.number))
        let parts = oneHourClass.filter { !Set($0.lessons).isDisjoint(with: written) }
        guard !parts.isEmpty else { return .empty }
        let later = afterClass.filter(written.contains)
        return .section(
            .class("class-path"),
            .h2("A one-hour class"),
            .p(
                .text(
                    "Both videos in their own order: CampusX's why of gradient descent first, then "
                        + "3Blue1Brown's intuition for backpropagation. Show the lessons' pages on "
                        + "the projector; learners do exercise N with "),
                .code("swift run exercises check N"), .text(".")),
            .div(
                .class("table"),
                .table(
                    .thead(
                        .tr(
                            .th("minutes"), .th("video"), .th("the video covers"), .th("lessons"),
                            .th("in class"), .th("exercises"))),
                    .tbody(.forEach(parts) { part in row(part, written: written) }))),
            .if(
                !later.isEmpty,
                .p(
                    .text("After class: "),
                    .group(later.map { number in link(number) }),
                    .text(" take the learning rate further: valleys, noise and momentum.")))
        )
    }

    /// One part of the class: its minutes, video, lessons (those in this book) and exercises.
    func row(_ part: ClassPart, written: Set<Int>) -> Node<HTML.TableContext> {
        .tr(
            .td(.text(part.minutes)),
            .td(.text(part.video.shortName)),
            .td(.text(part.covers)),
            .td(.group(part.lessons.filter(written.contains).map { link($0) })),
            .td(.text(part.plan)),
            .td(
                .group(
                    part.exercises.map { exercise in
                        .span(.class("exercise"), .text("\(exercise.number) · \(exercise.name)"))
                    })))
    }

    /// A link to lesson `number`'s page, when the book has it.
    func link(_ number: Int) -> Node<HTML.BodyContext> {
        guard let info = pages.first(where: { $0.number == number }) else { return .empty }
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
                .forEach(pages) { info in
                    .li(
                        .attribute(named: "value", value: String(info.number)),
                        .a(.href(info.folderName + ".html"), .strong(.text(info.title))),
                        .text(" · \(info.video.shortName), \(info.segment)"),
                        .p(.text(info.summary)),
                        .unwrap(sliders[info.number]) { name in
                            .p(.class("has-slider"), .text("Slider: the \(name)"))
                        })
                }))
    }
}
