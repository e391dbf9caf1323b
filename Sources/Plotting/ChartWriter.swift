import Foundation
import Processes

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
    /// Why gnuplot could not draw the chart, when it could not; its data and script are written all
    /// the same.
    public let failure: PlottingError?
}

/// Writes charts into one lesson's folder: data, script, then the rendered pictures.
public struct ChartWriter: Sendable {
    /// The folder the files go to, e.g. `Plots/04-learning-rates`.
    public let folder: URL
    /// A line for the scripts' header saying which lesson wrote them and with which command.
    public let origin: String
    /// Picture formats to render ("png", "svg"); empty to write data and scripts only.
    public let formats: [String]
    /// Also draw each chart in the terminal.
    public let drawInTerminal: Bool
    /// How: "dumb" (plain text), "ansi" (text in colour) or "sixel" (a picture, for terminals that
    /// show sixel graphics).
    public let terminalFormat: String
    /// The gnuplot to render with, or nil when it is not installed.
    public let gnuplot: Gnuplot?
    /// How long gnuplot may take over one still picture, in seconds; an animation gets one more
    /// second for every frame on top.
    public let timeLimit: Double
    /// Where an SVG finds gnuplot's mouse script (`gnuplot_svg.js`), relative to the SVG; nil for
    /// a still SVG with no script.
    public var svgScripts: String?
    /// Held from the first file written to the end of the run: a second run into the same folder
    /// waits for this one, so that neither draws from the other's data.
    let lock = FolderLock()

    /// Creates the folder and checks that it can be written, before any lesson output exists.
    public init(
        folder: URL, origin: String, formats: [String], drawInTerminal: Bool, gnuplot: Gnuplot?,
        timeLimit: Double = Gnuplot.defaultTimeLimit, terminalFormat: String = "dumb"
    ) throws {
        self.terminalFormat = terminalFormat
        self.folder = folder
        self.origin = origin
        self.formats = formats
        self.drawInTerminal = drawInTerminal
        self.gnuplot = gnuplot
        self.timeLimit = timeLimit
        try Self.check(folder)
    }

    /// Whether pictures were asked for but cannot be made because gnuplot is missing.
    public var cannotRender: Bool { gnuplot == nil && (!formats.isEmpty || drawInTerminal) }

    /// Writes `NAME.dat` and `NAME.gp`, then renders them with gnuplot when it is there.
    public func write(_ chart: Chart) throws -> WrittenChart {
        let dataFile = folder.appendingPathComponent(chart.dataFileName)
        let script = folder.appendingPathComponent("\(chart.name).gp")
        let scriptText = gnuplotScript(
            for: chart, origin: origin, folder: displayPath(folder),
            defaultFormat: formats.first ?? "png")
        try makeFolder()
        try writeAtomically(chart.data.text(), to: dataFile)
        try writeAtomically(scriptText, to: script)

        var images: [URL] = []
        var warnings: [String] = []
        var drawing: String?
        var failure: PlottingError?
        // An animation is always a GIF, and the text terminal cannot play it.
        let formats = chart.animation == nil ? self.formats : (self.formats.isEmpty ? [] : ["gif"])
        let limit = timeLimit + Double(chart.animation?.frames ?? 0)
        if let gnuplot {
            do {
                for format in formats {
                    let (image, said) = try render(
                        chart, format: format, gnuplot: gnuplot, timeLimit: limit)
                    images.append(image)
                    if !said.isEmpty { warnings.append(said) }
                }
                if drawInTerminal && chart.animation == nil {
                    let drawn = try gnuplot.run(
                        script: script.lastPathComponent, in: folder,
                        variables: [("format", terminalFormat)], timeLimit: limit
                    ).standardOutput
                    // Colours and sixels are drawn; any other escape is shown, not obeyed.
                    drawing = terminalDrawing(drawn)
                }
            } catch let error as PlottingError where error.isGnuplots {
                // One chart gnuplot cannot draw is said once; the lesson's other charts are still
                // written.
                failure = error
            }
        }
        return WrittenChart(
            name: chart.name, dataFile: dataFile, script: script, images: images,
            terminalDrawing: drawing, warnings: warnings.joined(separator: "\n"), failure: failure)
    }

    /// Draws the chart (written already) again for print, as `NAME.paper.svg`: at its printed
    /// size (`Chart.paperSize`), with no mouse script, and checked as every picture is.
    public func drawForPaper(_ chart: Chart, gnuplot: Gnuplot) throws -> URL {
        try render(chart, format: "paper", gnuplot: gnuplot, timeLimit: timeLimit).0
    }

    /// Draws one picture: gnuplot writes a hidden partial file, and only a finished picture takes
    /// the real name. Returns the picture and what gnuplot said while succeeding.
    func render(
        _ chart: Chart, format: String, gnuplot: Gnuplot, timeLimit: Double
    ) throws -> (URL, String) {
        // An SVG for paper is named as the scripts name it: NAME.paper.svg.
        let ending = format == "paper" ? "paper.svg" : format
        let image = folder.appendingPathComponent("\(chart.name).\(ending)")
        // A name of its own: two runs into one folder never write into each other's pictures.
        let partial = folder.appendingPathComponent(
            ".\(chart.name).\(format).\(UUID().uuidString).partial")
        PartialFiles.begin(partial)
        defer { PartialFiles.end(partial) }
        do {
            let output = try gnuplot.run(
                script: "\(chart.name).gp", in: folder,
                variables: [("format", format), ("outfile", partial.lastPathComponent)]
                    + (format == "svg" ? svgScripts.map { [("jsdir", $0)] } ?? [] : []),
                timeLimit: timeLimit)
            // A gnuplot that quit quietly without drawing must not pass for a finished picture.
            let size =
                (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int)
                ?? 0
            guard size > 0 else {
                throw PlottingError.gnuplotDrewNothing(
                    script: displayPath(folder.appendingPathComponent("\(chart.name).gp")))
            }
            // Only a whole picture takes the real name: a full disk, or a gnuplot that stopped
            // writing, leaves a picture cut short.
            guard isWholePicture(at: partial, format: format) else {
                if isNearlyFull(folder) {
                    throw PlottingError.cannotWrite(displayPath(image), reason: "the disk is full")
                }
                throw PlottingError.pictureCut(
                    script: displayPath(folder.appendingPathComponent("\(chart.name).gp")),
                    picture: image.lastPathComponent, said: output.warnings)
            }
            try replace(image, with: partial)
            return (
                image,
                output.warnings.split(separator: "\n").filter {
                    !$0.contains("frames in animation sequence")
                }.joined(separator: "\n")
            )
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    /// Checks, before the lesson computes anything, that the folder can be made and written,
    /// without making it yet: a lesson that refuses its options or its data afterwards leaves
    /// nothing behind.
    public static func check(_ folder: URL) throws {
        let path = folder.standardizedFileURL.path
        if let long = path.split(separator: "/").first(where: { $0.utf8.count > Int(NAME_MAX) }) {
            throw PlottingError.impossibleFolder(
                displayPath(folder),
                reason: "the name \"\(long.prefix(20))…\" is \(long.utf8.count) bytes long, and a "
                    + "name may have at most \(NAME_MAX)")
        }
        // Room for the longest name a chart's file takes while it is written.
        if path.utf8.count + 100 > Int(PATH_MAX) {
            throw PlottingError.impossibleFolder(
                displayPath(folder),
                reason: "its path is \(path.utf8.count) bytes long, and with the files' names "
                    + "it must stay under \(PATH_MAX)")
        }
        if let blocker = firstFileInTheWay(of: folder) {
            throw PlottingError.unwritableFolder(
                displayPath(folder), reason: "\(displayPath(blocker)) is a file, not a folder")
        }
        var existing = folder.standardizedFileURL
        while !FileManager.default.fileExists(atPath: existing.path) && existing.path != "/" {
            existing = existing.deletingLastPathComponent()
        }
        guard access(existing.path, W_OK | X_OK) == 0 else {
            throw PlottingError.unwritableFolder(
                displayPath(folder),
                reason: describe(NSError(domain: NSPOSIXErrorDomain, code: Int(errno))))
        }
    }

    /// Makes the folder, the first time something is written into it, and takes its lock. A
    /// lesson's folder that is a link is refused: writing through it would replace files in
    /// whatever folder it leads to.
    func makeFolder() throws {
        var info = stat()
        if lstat(folder.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            throw PlottingError.unwritableFolder(
                displayPath(folder),
                reason: "it is a link to another folder, and a lesson writes only into a folder of "
                    + "its own, so it is left as it is")
        }
        do {
            try PartialFiles.makeFolder(folder)
        } catch {
            throw PlottingError.unwritableFolder(displayPath(folder), reason: describe(error))
        }
        lock.hold(folder)
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
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        .path
    if path.hasPrefix(here + "/") { return String(path.dropFirst(here.count + 1)) }
    return path
}

/// Whether the file at `url` is a whole picture: a PNG that ends with its IEND chunk, a GIF with
/// its trailer byte, an SVG that closes its root element. A cut-short file fails; another format
/// is taken as it is.
func isWholePicture(at url: URL, format: String) -> Bool {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
    defer { try? handle.close() }
    guard let size = try? handle.seekToEnd(), size > 0 else { return false }
    let tail = min(size, 64)
    guard (try? handle.seek(toOffset: size - tail)) != nil,
        let end = try? handle.readToEnd()
    else { return false }
    switch format {
    case "png":
        // The IEND chunk: no data, its type, and its fixed checksum.
        let iend: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        return Array(end.suffix(12)) == iend
    case "gif":
        return end.last == 0x3B
    case "svg", "paper":
        return String(decoding: end, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</svg>")
    default:
        return true
    }
}

/// Whether the disk holding `folder` has less than a megabyte free: too little for a picture.
func isNearlyFull(_ folder: URL) -> Bool {
    let attributes = try? FileManager.default.attributesOfFileSystem(forPath: folder.path)
    guard let free = (attributes?[.systemFreeSize] as? NSNumber)?.int64Value else { return false }
    return free < 1 << 20
}
