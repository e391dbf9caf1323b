import Foundation
import LessonKit
import Plot

/// The live book's pages that are not a lesson's: the list of lessons, and a page that says one
/// thing (a refusal, a busy server, a page not found). Built with Plot, as every page is.
public enum LiveSite {
    /// The files the pages share, by the name they are served under.
    public static func asset(_ name: String) -> (data: Data, type: String)? {
        let types = [
            "book.css": "text/css; charset=utf-8", "book.js": "text/javascript; charset=utf-8",
            "live.js": "text/javascript; charset=utf-8",
        ]
        guard let type = types[name],
            let url = Bundle.module.url(forResource: name, withExtension: nil),
            let data = try? Data(contentsOf: url)
        else { return nil }
        return (data, type)
    }

    /// The first page: every lesson, in reading order, each a link to its live page.
    public static func index(_ lessons: [any Lesson.Type]) -> String {
        document(
            "Backprop Lessons, live",
            .header(
                .h1("Backprop Lessons, live"),
                .p(
                    .class("summary"),
                    .text(
                        "Every lesson, every option: open one, change what you like, and the "
                            + "lesson runs again here, its sentences chosen from the new run's "
                            + "numbers. The address holds the whole run; pin a run to compare."))),
            .main(
                .ul(
                    .class("lessons"),
                    .forEach(readingOrder(lessons)) { lesson in
                        .li(
                            .a(
                                .href(attributeValue("/lessons/" + lesson.info.folderName)),
                                .text("Lesson \(lesson.info.number) · \(lesson.info.title)")),
                            .p(.text(lesson.info.summary)))
                    })))
    }

    /// A page that says one thing, with a way back to the lessons.
    public static func message(_ title: String, _ sentence: String, back: String = "/") -> String {
        document(
            title,
            .header(.h1(.text(title))),
            .main(
                .p(.class("refusal"), .text(sentence)),
                .p(.a(.href(attributeValue(back)), .text("Back to the lessons")))))
    }

    static func document(
        _ title: String, _ header: Node<HTML.BodyContext>, _ main: Node<HTML.BodyContext>
    ) -> String {
        HTML(
            .lang(.english),
            .head(
                .encoding(.utf8), .viewport(.accordingToDevice), .title(title),
                .stylesheet("/book.css")),
            .body(.class("live-site"), header, main, .script(.src("/book.js")))
        ).render()
    }
}
