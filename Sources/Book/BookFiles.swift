import Foundation
import Plotting
import Processes

/// The files every page shares: the style sheet, the page script, gnuplot's mouse script for the
/// charts, and the mark that says the folder is a lesson book.
enum BookFiles {
    /// A file only a lesson book has: a folder with it may be replaced by a new book.
    static let marker = ".lesson-book"

    static func write(into folder: URL, gnuplot: Gnuplot, timeLimit: Double) throws {
        for name in ["book.css", "book.js"] {
            guard let url = Bundle.module.url(forResource: name, withExtension: nil) else {
                throw PlottingError.cannotWrite(name, reason: "it is missing from the package")
            }
            try writeAtomically(Data(contentsOf: url), to: folder.appendingPathComponent(name))
        }
        try writeAtomically(
            try mouseScript(gnuplot: gnuplot, in: folder, timeLimit: timeLimit),
            to: folder.appendingPathComponent("gnuplot_svg.js"))
        try writeAtomically(
            "A lesson book, written by `swift run lesson book`; writing a new one replaces it.\n",
            to: folder.appendingPathComponent(marker))
    }

    /// gnuplot's own script for SVG charts that show coordinates and toggle series, taken from
    /// a small chart it draws with the script inside, so that it matches the gnuplot installed.
    static func mouseScript(gnuplot: Gnuplot, in folder: URL, timeLimit: Double) throws -> String {
        let work = folder.appendingPathComponent("runs")
        try PartialFiles.makeFolder(work)
        let script = work.appendingPathComponent("mouse-script.gp")
        try writeAtomically(
            """
            set terminal svg mouse standalone
            set output "mouse-script.svg"
            plot x notitle

            """, to: script)
        _ = try gnuplot.run(script: script.lastPathComponent, in: work, timeLimit: timeLimit)
        let svg = try String(
            contentsOf: work.appendingPathComponent("mouse-script.svg"), encoding: .utf8)
        // The first script is gnuplot_svg.js; a later one holds this chart's own axes.
        guard let open = svg.range(of: "<script type=\"text/javascript\" > <![CDATA["),
            case let start = open.upperBound,
            let end = svg.range(of: "]]>", range: start..<svg.endIndex),
            svg[start..<end.lowerBound].contains("gnuplot_svg")
        else {
            throw PlottingError.cannotWrite(
                "gnuplot_svg.js", reason: "gnuplot drew no mouse script into its SVG")
        }
        return String(svg[start..<end.lowerBound])
    }
}

/// What the book wrote, and what each page weighs with its pictures.
public struct BookSummary: Sendable {
    /// The book's first page.
    public let index: URL
    /// Each page's file name and its weight in bytes: the page, its lesson's folder and the shared
    /// files.
    public let pages: [(name: String, bytes: Int)]
    /// Every file of the book together.
    public let bytes: Int

    init(folder: URL, pages: [LessonPage], final: URL) throws {
        index = final.appendingPathComponent("index.html")
        let shared = ["book.css", "book.js", "gnuplot_svg.js"].reduce(0) {
            $0 + size(folder.appendingPathComponent($1))
        }
        self.pages = pages.map { page in
            let own = size(folder.appendingPathComponent(page.fileName))
            let pictures = size(folder.appendingPathComponent(page.info.folderName))
            return (page.fileName, own + pictures + shared)
        }
        bytes = size(folder)
    }

    /// "Wrote the lesson book …": the line the command prints.
    public var description: String {
        let heaviest = pages.max { $0.bytes < $1.bytes }
        return "Wrote the lesson book: \(shellWord(displayPath(index))) (\(pages.count) "
            + "page\(pages.count == 1 ? "" : "s"), \(megabytes(bytes)) in all"
            + (heaviest.map { "; the heaviest, \($0.name), \(megabytes($0.bytes)) with its charts" }
                ?? "") + "). Open it in a browser."
    }
}

/// "1.2 MB", "340 KB".
func megabytes(_ bytes: Int) -> String {
    bytes >= 1_000_000
        ? String(format: "%.1f MB", Double(bytes) / 1e6) : "\(max(1, bytes / 1000)) KB"
}

/// The bytes of a file, or of a folder and everything in it.
func size(_ url: URL) -> Int {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return 0 }
    guard isFolder.boolValue else {
        return (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return names.reduce(0) { $0 + size(url.appendingPathComponent($1)) }
}
