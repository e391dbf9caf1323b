import Foundation

/// The files one chart became.
public struct WrittenChart: Sendable {
    public let name: String
    public let dataFile: URL
    public let script: URL
    /// The rendered pictures; empty when rendering was skipped or gnuplot is missing.
    public let images: [URL]
    /// The chart drawn as text by gnuplot's dumb terminal, when asked for.
    public let terminalDrawing: String?
    /// Anything gnuplot printed on stderr while succeeding.
    public let warnings: String
}

/// Writes charts into one lesson's folder: data, script, then the rendered pictures.
public struct ChartWriter: Sendable {
    /// The folder the files go to, e.g. `Plots/04-learning-rates`.
    public let folder: URL
    /// A line for the scripts' header saying which lesson wrote them and with which command.
    public let origin: String
    /// Picture formats to render ("png", "svg"); empty to write data and scripts only.
    public let formats: [String]
    /// Also draw each chart as text with gnuplot's dumb terminal.
    public let drawInTerminal: Bool
    /// The gnuplot to render with, or nil when it is not installed.
    public let gnuplot: Gnuplot?

    /// Creates the folder and checks that it can be written, before any lesson output exists.
    public init(
        folder: URL, origin: String, formats: [String], drawInTerminal: Bool, gnuplot: Gnuplot?
    ) throws {
        self.folder = folder
        self.origin = origin
        self.formats = formats
        self.drawInTerminal = drawInTerminal
        self.gnuplot = gnuplot
        try Self.prepare(folder)
    }

    /// Whether pictures were asked for but cannot be made because gnuplot is missing.
    public var cannotRender: Bool { gnuplot == nil && (!formats.isEmpty || drawInTerminal) }

    /// Writes `NAME.dat` and `NAME.gp`, then renders them with gnuplot when it is there.
    public func write(_ chart: Chart) throws -> WrittenChart {
        let dataFile = folder.appendingPathComponent(chart.dataFileName)
        let script = folder.appendingPathComponent("\(chart.name).gp")
        let scriptText = gnuplotScript(
            for: chart, origin: origin, folder: displayPath(folder), defaultFormat: formats.first ?? "png")
        try writeAtomically(chart.data.text(), to: dataFile)
        try writeAtomically(scriptText, to: script)

        var images: [URL] = [], warnings: [String] = [], drawing: String?
        // An animation is always a GIF, and the text terminal cannot play it.
        let formats = chart.animation == nil ? self.formats : (self.formats.isEmpty ? [] : ["gif"])
        if let gnuplot {
            for format in formats {
                // gnuplot draws into a hidden file first; only a finished picture takes the real name.
                let image = folder.appendingPathComponent("\(chart.name).\(format)")
                let partial = folder.appendingPathComponent(".\(chart.name).\(format).partial")
                PartialFiles.begin(partial)
                defer { PartialFiles.end(partial) }
                do {
                    let output = try gnuplot.run(
                        script: script.lastPathComponent, in: folder,
                        variables: [("format", format), ("outfile", partial.lastPathComponent)])
                    try replace(image, with: partial)
                    let said = output.warnings.split(separator: "\n").filter { !$0.contains("frames in animation sequence") }
                    if !said.isEmpty { warnings.append(said.joined(separator: "\n")) }
                } catch {
                    try? FileManager.default.removeItem(at: partial)
                    throw error
                }
                images.append(image)
            }
            if drawInTerminal && chart.animation == nil {
                let output = try gnuplot.run(script: script.lastPathComponent, in: folder, variables: [("format", "dumb")])
                drawing = output.standardOutput
            }
        }
        return WrittenChart(
            name: chart.name, dataFile: dataFile, script: script, images: images,
            terminalDrawing: drawing, warnings: warnings.joined(separator: "\n"))
    }

    /// Makes the folder and proves it is writable by creating and removing a probe file.
    static func prepare(_ folder: URL) throws {
        if let blocker = firstFileInTheWay(of: folder) {
            throw PlottingError.unwritableFolder(displayPath(folder), reason: "\(displayPath(blocker)) is a file, not a folder")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let probe = folder.appendingPathComponent(".write-check-\(UUID().uuidString)")
            try Data().write(to: probe)
            try FileManager.default.removeItem(at: probe)
        } catch {
            throw PlottingError.unwritableFolder(displayPath(folder), reason: describe(error))
        }
    }

    /// The nearest existing part of `folder`'s path that is a file rather than a folder, if any.
    static func firstFileInTheWay(of folder: URL) -> URL? {
        var candidate = folder.standardizedFileURL
        while candidate.path != "/" {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder) {
                return isFolder.boolValue ? nil : candidate
            }
            candidate = candidate.deletingLastPathComponent()
        }
        return nil
    }
}

/// A path as a learner would type it: relative to the current folder when it lies inside it.
public func displayPath(_ url: URL) -> String {
    let path = url.standardizedFileURL.path
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
    if path.hasPrefix(here + "/") { return String(path.dropFirst(here.count + 1)) }
    return path
}
