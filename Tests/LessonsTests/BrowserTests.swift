import Book
import Foundation
import LessonKit
import Plotting
import TestSupport
import Testing

@testable import Lessons

// The lesson book in a real browser: Debian's chromium, headless. Each page is loaded from
// file:// and must log nothing to its console and ask for nothing beyond the machine; moving a
// slider must show that run's chart and sentences; printing must give a handout of 2 to 4 pages
// on A4 and on Letter. With REQUIRE_BROWSER=1 (as in CI) a missing chromium is a failure.

/// The book the browser reads: every lesson with BACKPROP_BOOK_FULL=1 (CI's release run), else
/// the other book tests' three, which cover the kinds of page.
let browserBook =
    ProcessInfo.processInfo.environment["BACKPROP_BOOK_FULL"] == "1"
    ? Result { try writeTestBook(Catalogue.written) } : testBook

/// What chromium did with a page.
struct Browsed {
    let output: String
    /// Lines the page wrote to its console, errors among them.
    let console: [String]
    /// Addresses the page asked for that are not on this machine.
    let requests: [String]
}

/// Opens `url` in headless chromium with `flags` (a dump of the DOM, a PDF), and reads its
/// console and the network requests the page made from chromium's own log of them.
func browse(_ url: String, _ flags: [String]) throws -> Browsed {
    let browser = try #require(chromium, "REQUIRE_BROWSER=1 but chromium is not on PATH")
    let work = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: work) }
    let netLog = work.appendingPathComponent("net.json")
    let process = Process()
    process.executableURL = browser
    process.arguments =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--user-data-dir=\(work.appendingPathComponent("profile").path)",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-pdf-header-footer", "--enable-logging=stderr", "--v=0",
            "--log-net-log=\(netLog.path)", "--virtual-time-budget=5000",
        ] + flags + [url]
    let output = work.appendingPathComponent("out")
    let errors = work.appendingPathComponent("err")
    try #require(FileManager.default.createFile(atPath: output.path, contents: nil))
    try #require(FileManager.default.createFile(atPath: errors.path, contents: nil))
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    // A browser that hangs is stopped, and the test fails below on what it did not write.
    let watchdog = DispatchWorkItem { process.terminate() }
    DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
    process.waitUntilExit()
    watchdog.cancel()
    let said = try String(contentsOf: errors, encoding: .utf8)
    return Browsed(
        output: try String(contentsOf: output, encoding: .utf8),
        console: said.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init),
        requests: try pageRequests(in: netLog))
}

/// The addresses a page (not the browser itself: its updater and sign-in) asked for over the
/// network, from chromium's net log: every request started with an initiator.
func pageRequests(in log: URL) throws -> [String] {
    let data = try Data(contentsOf: log)
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let constants = try #require(json["constants"] as? [String: Any])
    let types = try #require(constants["logEventTypes"] as? [String: Int])
    let start = try #require(types["URL_REQUEST_START_JOB"])
    let events = json["events"] as? [[String: Any]] ?? []
    return events.compactMap { event in
        guard event["type"] as? Int == start, let parameters = event["params"] as? [String: Any],
            let url = parameters["url"] as? String,
            parameters["initiator"] as? String != "not an origin"
        else { return nil }
        return ["file:", "data:", "blob:", "about:"].contains { url.hasPrefix($0) } ? nil : url
    }
}

/// The pages' lessons, as the tests' arguments.
let browsedLessons: [Int] = (try? browserBook.get().lessons.map { $0.info.number }) ?? []

@Suite("The lesson book in a browser", Requirement.browser.trait, Requirement.gnuplot.trait)
struct BrowserTests {
    @Test("The checks below see a console error and a request that leaves the machine")
    func detectorsWork() throws {
        let folder = try temporaryFolder()
        let page = folder.appendingPathComponent("bad.html")
        try """
        <!DOCTYPE html><html lang="en"><head><title>bad</title></head><body>
        <img src="http://example.invalid/x.png" alt=""><script>missing();</script></body></html>
        """.write(to: page, atomically: true, encoding: .utf8)
        let browsed = try browse(page.absoluteString, ["--dump-dom"])
        #expect(browsed.console.contains { $0.contains("missing is not defined") })
        #expect(browsed.requests == ["http://example.invalid/x.png"])
    }

    @Test("Every page loads from file:// with nothing on its console and nothing fetched")
    func loads() throws {
        let book = try browserBook.get()
        for page in book.pages {
            let browsed = try browse(page.absoluteString, ["--dump-dom"])
            #expect(browsed.console == [], "\(page.lastPathComponent)")
            #expect(browsed.requests == [], "\(page.lastPathComponent)")
            #expect(browsed.output.contains("<h1>"), "\(page.lastPathComponent) did not load")
        }
    }

    @Test(
        "Moving a slider shows that run's own chart and sentences", arguments: browsedLessons)
    func slider(number: Int) throws {
        let book = try browserBook.get()
        let lesson = try #require(book.lessons.first { $0.info.number == number })
        guard let exploration = lesson.exploration else { return }
        let page = book.folder.appendingPathComponent(lesson.info.folderName + ".html")
        let html = try String(contentsOf: page, encoding: .utf8)
        let kept = keptRuns(html)
        let last = exploration.values.count - 1
        for position in [0, last / 2, last] {
            // The page's own script moves the slider and sends the input event a hand would.
            let browsed = try browse(page.absoluteString + "#explore=\(position)", ["--dump-dom"])
            #expect(browsed.console == [])
            let live = browsed.output.firstMatch(of: /id="run"[^>]*data-position="([0-9]+)"/)
            #expect(live.map { String($0.output.1) } == String(position))
            let shown = shownRun(browsed.output)
            let told = try toldRun(lesson, exploration.arguments(exploration.values[position]))
            for claim in told.claims {
                #expect(
                    visibleText(shown).contains(fold(claim.sentence)),
                    "\(exploration.option) \(exploration.values[position]): \(claim.sentence)")
            }
            let pictures = { (html: String) in
                html.matches(of: /<object data="([^"]*)"/).map { String($0.output.1) }
            }
            #expect(pictures(shown) == pictures(kept[String(position)] ?? ""))
            #expect(!pictures(shown).isEmpty)
            #expect(visibleText(shown) != visibleText(shownRun(html)))
        }
    }

    @Test("Printed, each lesson is a handout of 2 to 4 pages on A4 and on Letter")
    func prints() throws {
        let book = try browserBook.get()
        for lesson in book.lessons {
            let page = book.folder.appendingPathComponent(lesson.info.folderName + ".html")
            for (paper, width) in [("a4", 595), ("letter", 612)] {
                let pdf = try temporaryFolder().appendingPathComponent("page.pdf")
                let browsed = try browse(
                    page.absoluteString + "#paper=\(paper)", ["--print-to-pdf=\(pdf.path)"])
                #expect(browsed.console == [])
                let info = try pdfInfo(pdf)
                #expect(
                    (2...4).contains(info.pages), "lesson \(lesson.info.number) on \(paper)")
                #expect(abs(info.width - width) <= 1, "lesson \(lesson.info.number) on \(paper)")
                // The answers are on the last page, and only there.
                let key = "Answer key · Lesson \(lesson.info.number)"
                let last = try pdfText(pdf, pages: info.pages...info.pages)
                let before = try pdfText(pdf, pages: 1...max(1, info.pages - 1))
                #expect(last.contains(key) && !before.contains(key))
                #expect(!before.contains("What its run shows") && !before.contains("Copy"))
            }
        }
    }

    /// A slider that adds a series keeps the lesson's own series in each of its 20 to 40 runs'
    /// pictures, so they are heavier than one run's (lesson 10's, whose line fit and its
    /// landscape follow the slider, weigh about 8 MB); a browser fetches a run's pictures only
    /// when the slider shows it.
    @Test("Every page weighs under 10 MB with all its runs' pictures")
    func weights() throws {
        for page in try browserBook.get().summary.pages {
            #expect(page.bytes < 10_000_000, "\(page.name): \(page.bytes) bytes")
        }
    }
}

/// What one of poppler's tools prints about a PDF.
func poppler(_ tool: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return text
}

/// The text of some pages of a PDF, read by poppler's `pdftotext`.
func pdfText(_ pdf: URL, pages: ClosedRange<Int>) throws -> String {
    try poppler(
        "pdftotext",
        ["-f", String(pages.lowerBound), "-l", String(pages.upperBound), pdf.path, "-"])
}

/// A PDF's page count and page width in points, read by poppler's `pdfinfo`.
func pdfInfo(_ pdf: URL) throws -> (pages: Int, width: Int) {
    let text = try poppler("pdfinfo", [pdf.path])
    let pages = text.firstMatch(of: /Pages:\s+([0-9]+)/).flatMap { Int($0.output.1) } ?? 0
    let width = text.firstMatch(of: /Page size:\s+([0-9.]+)/).flatMap { Double($0.output.1) } ?? 0
    return (pages, Int(width.rounded()))
}

@Suite("Hostile text in the book", Requirement.browser.trait, Requirement.gnuplot.trait)
struct HostileBookTests {
    /// Markup that would run, change the page or add an element if it were ever written as HTML.
    static let hostile =
        #"d"i'g<script>document.title='PWNED'</script>"#
        + #"<img src=x onerror="document.title='PWNED'">&amp;"#

    @Test(
        """
        A --mnist folder and an --out folder named with markup: every page of the book holds it \
        as text only, Chromium runs none of it, and the page has only the elements it meant
        """
    )
    func hostileNames() throws {
        let gnuplot = try #require(installedGnuplot, "gnuplot draws the book's charts")
        let root = try temporaryFolder().appendingPathComponent(Self.hostile)
        let digits = root.appendingPathComponent(Self.hostile + " digits")
        try FileManager.default.createDirectory(at: digits, withIntermediateDirectories: true)
        try copyShippedDigits(into: digits)
        let folder = root.appendingPathComponent("book")
        var book = LessonBook(
            lessons: [Cost.self], arguments: ["--mnist", digits.path], folder: folder,
            gnuplot: gnuplot)
        book.progress = { _ in }
        let summary = try book.write()
        let benign = try testBook.get()
        for page in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where page.hasSuffix(".html") {
            let url = folder.appendingPathComponent(page)
            let html = try String(contentsOf: url, encoding: .utf8)
            // The name is on the page, as text.
            #expect(page != "06-cost.html" || html.contains("PWNED"), "\(page)")
            // No element or attribute the page did not mean: as many scripts and pictures as a
            // benign page of the same lesson, and no tag with an event handler.
            let handlers = try attributeNames(html).filter { $0.hasPrefix("on") }
            #expect(handlers.isEmpty, "\(page): \(handlers)")
            let twin = benign.folder.appendingPathComponent(page)
            if page != "index.html", let plain = try? String(contentsOf: twin, encoding: .utf8) {
                for tag in ["script", "img", "iframe", "object", "style", "link"] {
                    #expect(tags(html)[tag] == tags(plain)[tag], "\(page): \(tag)")
                }
            }
            let browsed = try browse(url.absoluteString, ["--dump-dom"])
            #expect(!browsed.output.contains("<img src=\"x\""), "\(page)")
            let title = browsed.output.firstMatch(of: /<title>([^<]*)<\/title>/)?.output.1
            #expect(title.map(String.init) != "PWNED", "\(page)")
            #expect(browsed.console == [], "\(page)")
            #expect(browsed.requests == [], "\(page)")
        }
        #expect(summary.pages.count >= 1)
        // The reading of attributes finds a handler where there is one, and the page's own.
        #expect(
            try attributeNames(#"<img src=x onerror="a('>')" alt>"#) == ["src", "onerror", "alt"])
        let page = try String(
            contentsOf: folder.appendingPathComponent("06-cost.html"), encoding: .utf8)
        #expect(try attributeNames(page).contains("data-copy"))
    }

    /// The name of every attribute of every tag in `html`, read as a browser reads them: a
    /// quoted value is one value, whatever it holds.
    func attributeNames(_ html: String) throws -> [String] {
        let value = #"(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?"#
        let attribute = #"\s+([^\s"'>/=]+)"# + value
        let tag = try Regex("<[a-zA-Z][a-zA-Z0-9]*((?:" + attribute + ")*)\\s*/?>")
        let each = try Regex(attribute)
        return html.matches(of: tag).flatMap { found in
            let inside = found.output[1].substring.map(String.init) ?? ""
            return inside.matches(of: each).compactMap {
                $0.output[1].substring.map { String($0).lowercased() }
            }
        }
    }

    /// How many times each element is opened in `html`.
    func tags(_ html: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for match in html.matches(of: /<([a-zA-Z][a-zA-Z0-9]*)/) {
            counts[String(match.output.1).lowercased(), default: 0] += 1
        }
        return counts
    }
}
