/// What can go wrong while writing or drawing a chart, each said in one line a learner can act on.
public enum PlottingError: Error, Equatable, CustomStringConvertible {
    /// A file could not be written.
    case cannotWrite(String, reason: String)
    /// The output folder could not be created or written to.
    case unwritableFolder(String, reason: String)
    /// gnuplot ran but reported an error.
    case gnuplotFailed(script: String, message: String)
    /// gnuplot could not be started.
    case gnuplotDidNotStart(String, reason: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        case let .unwritableFolder(path, reason):
            return "cannot write to the output folder \(path): \(reason). Choose another one with --out DIR."
        case let .gnuplotFailed(script, message):
            return "gnuplot could not draw \(script): \(message)"
        case let .gnuplotDidNotStart(path, reason):
            return "could not start gnuplot at \(path): \(reason)"
        }
    }
}
