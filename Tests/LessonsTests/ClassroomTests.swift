import Foundation
import LessonKit
import Plotting
import TestSupport
import Testing

@testable import Lessons

// The book as a class uses it: every slider position a comparison with the lesson's own run, a
// phone that never scrolls sideways, a projector whose slider never covers a chart, and handouts
// whose charts print their text at 9 pt or more, with no toolbar.

/// The text a gnuplot SVG shows: its <text> elements, entities read.
func svgText(_ file: URL) throws -> String {
    let svg = try String(contentsOf: file, encoding: .utf8)
    let texts = svg.matches(of: /<text[^>]*>(.*?)<\/text>/.dotMatchesNewlines()).map {
        String($0.output.1).replacing(/<[^>]*>/, with: "")
    }
    return visibleText(texts.joined(separator: " "))
}

/// Loads `page` in a frame `width` × `height` wide, runs `measure` (JavaScript that returns a
/// string from `d`, the page's document, and `w`, its window) once the page has loaded, and
/// returns what it returned.
func measured(
    _ page: String, width: Int, height: Int, _ measure: String
) throws -> String {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let harness = folder.appendingPathComponent("harness.html")
    try """
    <!DOCTYPE html><html lang="en"><head><title>harness</title></head><body style="margin:0">
    <iframe id="f" style="width:\(width)px;height:\(height)px;border:0" src="\(page)"></iframe>
    <script>
    document.getElementById("f").addEventListener("load", function () {
        setTimeout(function () {
            var w = document.getElementById("f").contentWindow;
            var d = w.document;
            var out = document.createElement("pre");
            out.id = "measured";
            out.textContent = (function () { \(measure) })();
            document.body.appendChild(out);
        }, 500);
    });
    </script></body></html>
    """.write(to: harness, atomically: true, encoding: .utf8)
    let browsed = try browse(
        harness.absoluteString, ["--dump-dom", "--allow-file-access-from-files"])
    let result = browsed.output.firstMatch(
        of: /<pre id="measured">(.*?)<\/pre>/.dotMatchesNewlines())
    return try #require(result.map { String($0.output.1) }, "nothing measured on \(page)")
}

@Suite("The book in class", Requirement.browser.trait, Requirement.gnuplot.trait)
struct ClassroomTests {
    @Test(
        "Every slider position keeps the lesson's own run on its charts", arguments: browsedLessons)
    func baselines(number: Int) throws {
        let book = try browserBook.get()
        let lesson = try #require(book.lessons.first { $0.info.number == number })
        guard let exploration = lesson.exploration else { return }
        let kept = keptRuns(try book.page(lesson))
        let own = try toldRun(lesson, [])
        let last = exploration.values.count - 1
        for position in [0, last / 2, last] {
            let value = exploration.values[position]
            let html = try #require(kept[String(position)])
            let pictures = html.matches(of: /<object data="([^"]*)"/).map { String($0.output.1) }
            #expect(!pictures.isEmpty)
            let shown = try pictures.map { try svgText(book.folder.appendingPathComponent($0)) }
            switch exploration.comparison {
            case .adding:
                // The lesson's own series are all still there, beside the slider's.
                let titles = own.drawn.values.compactMap(\.recipe).flatMap(\.plots)
                    .flatMap(\.series).compactMap(\.title)
                #expect(!titles.isEmpty)
                for title in Set(titles) {
                    #expect(
                        shown.contains { $0.contains(fold(title)) },
                        "lesson \(number) at \(value): no \(title)")
                }
            case .replacing(let ownValue):
                // A run whose pictures are the lesson's own (lesson 1's charts do not depend on
                // the nudge) has nothing to lay beneath them.
                let ownPictures = try #require(kept["own"]).matches(of: /<object data="([^"]*)"/)
                    .map { String($0.output.1) }
                guard value != ownValue, pictures != ownPictures else { continue }
                #expect(
                    shown.contains { $0.contains("the lesson's own run") },
                    "lesson \(number) at \(value): no baseline")
                #expect(html.contains("class=\"baseline\""))
            }
        }
    }

    @Test("No page scrolls sideways on a phone 390 px wide")
    func phone() throws {
        let book = try browserBook.get()
        let pages =
            book.pages
            + ["worksheet.html", "answer-key.html"].map {
                book.folder.appendingPathComponent($0)
            }
        for page in pages {
            let widths = try measured(
                page.absoluteString, width: 390, height: 800,
                "return d.documentElement.scrollWidth + ' ' + d.documentElement.clientWidth;")
            let numbers = widths.split(separator: " ").compactMap { Int($0) }
            #expect(numbers.count == 2 && numbers[0] <= numbers[1], "\(page.lastPathComponent)")
        }
    }

    @Test("In the projector view the slider stands beside the charts, opaque, never over them")
    func projector() throws {
        let book = try browserBook.get()
        for lesson in book.lessons where lesson.exploration != nil {
            let page = book.folder.appendingPathComponent(lesson.info.folderName + ".html")
            let result = try measured(
                page.absoluteString + "#view=projector&explore=1", width: 1366, height: 768,
                """
                var box = d.querySelector(".explore").getBoundingClientRect();
                var style = w.getComputedStyle(d.querySelector(".explore"));
                var over = Array.from(d.querySelectorAll("#run figure")).filter(function (f) {
                    var r = f.getBoundingClientRect();
                    return r.width > 0 && r.right > box.left && r.left < box.right;
                }).length;
                var charts = d.querySelectorAll("#run figure").length;
                return [d.documentElement.className, style.position, style.backgroundColor,
                    over, charts].join("|");
                """)
            let parts = result.split(separator: "|").map(String.init)
            #expect(parts.count == 5)
            #expect(parts.first == "projector", "lesson \(lesson.info.number): \(result)")
            #expect(parts.dropFirst(2).first == "rgb(255, 255, 255)")
            #expect(parts.dropFirst(3).first == "0", "lesson \(lesson.info.number): \(result)")
            #expect((Int(parts.last ?? "") ?? 0) > 0)
        }
    }

    @Test("A handout's charts print at their size: text at least 9 pt, and no toolbar")
    func printedCharts() throws {
        let book = try browserBook.get()
        for lesson in book.lessons {
            let html = try book.page(lesson)
            let papers = html.matches(
                of: /<img class="paper" src="([^"]*)"[^>]*style="width: ([0-9]+)pt/)
            #expect(!papers.isEmpty, "lesson \(lesson.info.number) has no chart for paper")
            for paper in papers {
                let svg = try String(
                    contentsOf: book.folder.appendingPathComponent(String(paper.output.1)),
                    encoding: .utf8)
                // Drawn W units wide and printed W pt wide: a font of size s is s pt on paper.
                #expect(svg.contains("width=\"\(paper.output.2)\""), "\(paper.output.1)")
                let sizes = svg.matches(of: /font-size="([0-9.]+)"/).compactMap {
                    Double($0.output.1)
                }
                #expect(!sizes.isEmpty && sizes.allSatisfy { $0 >= 9 }, "\(paper.output.1)")
                #expect(!svg.contains("<script") && !svg.contains("gnuplot_svg"))
            }
        }
    }
}
