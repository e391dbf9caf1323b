import ArgumentParser

/// Picture formats a lesson can render.
public enum ImageFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case png, svg, both

    /// The file extensions to render.
    public var extensions: [String] {
        switch self {
        case .png: return ["png"]
        case .svg: return ["svg"]
        case .both: return ["png", "svg"]
        }
    }
}

/// The options every lesson accepts, shared with `@OptionGroup`.
public struct LessonOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("Folder the lesson writes its data, scripts and charts to.", valueName: "dir"))
    public var out: String = "Plots"

    @Option(help: "Picture format to render: png, svg or both.")
    public var format: ImageFormat = .png

    @Flag(help: "Also draw each chart as text right here in the terminal (gnuplot's dumb terminal).")
    public var terminal = false

    @Flag(help: "Write the data and gnuplot scripts only; do not run gnuplot.")
    public var noRender = false

    @Flag(help: "Print the results only, without the narrative.")
    public var quiet = false

    public init() {}

    /// The same options as command-line words, to hand on to another lesson (`lesson all`).
    public var arguments: [String] {
        var words = ["--out", out, "--format", format.rawValue]
        if terminal { words.append("--terminal") }
        if noRender { words.append("--no-render") }
        if quiet { words.append("--quiet") }
        return words
    }

    public func validate() throws {
        if out.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--out must name a folder (got an empty string)")
        }
    }
}
