/// What can go wrong while writing or drawing a chart, each said in one line a learner can act on.
public enum PlottingError: Error, Equatable, CustomStringConvertible {
    /// A file could not be written.
    case cannotWrite(String, reason: String)
    /// The output folder could not be created or written to.
    case unwritableFolder(String, reason: String)
    /// `--out` names a folder no system could make: a name or a path past the system's limits.
    /// A usage error (exit 64), where an unwritable folder is the machine's.
    case impossibleFolder(String, reason: String)
    /// gnuplot ran but reported an error.
    case gnuplotFailed(script: String, message: String)
    /// gnuplot could not be started.
    case gnuplotDidNotStart(String, reason: String)
    /// gnuplot ran past the time limit and was stopped.
    case gnuplotTimedOut(script: String, seconds: Double)
    /// gnuplot finished without an error but wrote no picture.
    case gnuplotDrewNothing(script: String)
    /// gnuplot finished, but the picture it wrote is cut short; it was not kept.
    case pictureCut(script: String, picture: String, said: String)
    /// Some charts could not be drawn; each was reported as it happened.
    case chartsNotDrawn([String])
    /// A chart could not be drawn where every chart must be (a page of the book), and why.
    case chartNotDrawn(String, reason: String)

    /// True for the errors in what was typed, which end with the usage status (64).
    public var isUsage: Bool {
        if case .impossibleFolder = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        case let .unwritableFolder(path, reason), let .impossibleFolder(path, reason):
            return
                "cannot write to the output folder \(abbreviated(path)): \(reason). Choose another "
                + "one with --out DIR."
        case let .gnuplotFailed(script, message):
            return "gnuplot could not draw \(script): \(message)"
        case let .gnuplotDidNotStart(path, reason):
            return "could not start gnuplot at \(path): \(reason)"
        case let .gnuplotTimedOut(script, seconds):
            return
                "gnuplot took longer than \(String(format: "%g", seconds)) s to draw \(script) and "
                + "was stopped. "
                + "Allow it more with --gnuplot-timeout SECONDS (or BACKPROP_GNUPLOT_TIMEOUT)."
        case let .gnuplotDrewNothing(script):
            return
                "gnuplot ran \(script) without an error but wrote no picture; is this gnuplot "
                + "missing the terminal (pngcairo, svg, gif)? `swift run lesson doctor` checks."
        case let .pictureCut(script, picture, said):
            return
                "gnuplot ran \(script) but left \(picture) cut short, so it was not kept"
                + (said.isEmpty ? "" : "; gnuplot said: \(said)")
        case let .chartsNotDrawn(names):
            return
                "\(names.count == 1 ? "the chart" : "\(names.count) charts") "
                + "\(names.joined(separator: ", ")) could not be drawn (said above); the "
                + "others, and every data file and script, were written"
        case let .chartNotDrawn(name, reason):
            return "the chart \(name) could not be drawn: \(reason)"
        }
    }
}

extension PlottingError {
    /// Whether gnuplot, not the file system, is what went wrong: the lesson can go on without the
    /// picture.
    var isGnuplots: Bool {
        switch self {
        case .gnuplotFailed, .gnuplotDidNotStart, .gnuplotTimedOut, .gnuplotDrewNothing,
            .pictureCut:
            return true
        case .cannotWrite, .unwritableFolder, .impossibleFolder, .chartsNotDrawn, .chartNotDrawn:
            return false
        }
    }
}

/// A path short enough for one line: its start and its end, when it is very long.
func abbreviated(_ path: String) -> String {
    guard path.count > 120 else { return path }
    return path.prefix(50) + "…" + path.suffix(50)
}
