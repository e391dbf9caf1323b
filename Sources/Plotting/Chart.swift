/// A chart: the numbers it draws and the gnuplot commands that draw them.
///
/// A chart becomes three files that share its name: `NAME.dat` (the data), `NAME.gp`
/// (a complete gnuplot script) and the picture gnuplot renders from them.
public struct Chart: Sendable {
    /// The file stem, e.g. "loss-by-step".
    public var name: String
    /// The title drawn above the chart.
    public var title: String
    /// The numbers, selected in the commands as `"NAME.dat" index N`.
    public var data: DataFile
    /// The gnuplot commands that draw the chart, after the terminal set-up and the house style.
    public var commands: [String]
    /// Size of the picture in pixels.
    public var width: Int
    public var height: Int
    /// For an animation (an animated GIF), the number of frames and the pause after each;
    /// nil for a still picture.
    public var animation: Animation?
    /// For a landscape drawn by `Chart.surface`, what it is made of, so that it can also be turned.
    public var landscape: Landscape?
    /// For a chart drawn from `Plot`s (`single`, `panels`), how to draw it again: with another
    /// run's series beneath, say (`over(baseline:label:)`).
    public var recipe: Recipe?

    /// The plots a chart was drawn from, and how they were laid out.
    public struct Recipe: Sendable {
        public var plots: [Plot]
        public var notes: [String]
        /// Nil for one panel; the columns and each panel's height for small multiples.
        public var panels: (columns: Int, panelHeight: Int)?
    }

    public init(
        name: String, title: String, data: DataFile, width: Int = 900, height: Int = 600,
        commands: [String]
    ) {
        self.name = name
        self.title = title
        self.data = data
        self.width = width
        self.height = height
        self.commands = commands
    }

    /// Whether the chart is drawn for paper at its printed size, every text at least 9 pt: true
    /// for charts on axes, chains and landscapes; false for a grid of pictures and a network
    /// graph, whose labels would crowd them at that size, so they print as on screen, scaled.
    public var printsAtSize = true

    /// The size the chart is drawn at with `format = "paper"`, in points, and its text's size:
    /// 400 pt wide (about 14 cm), a little flatter than on screen so that a page holds more of
    /// them, or for small multiples side by side 500 pt (a page's text) and a little less
    /// flattened; 9 pt text. A chart that does not print at its size keeps its screen size and
    /// text.
    public var paperSize: (width: Int, height: Int, font: Int) {
        guard printsAtSize else { return (width, height, 12) }
        // Small multiples side by side take the page's whole width: each panel needs its room
        // for its title and key. Panels in one column are as wide as one chart.
        if let panels = recipe?.panels {
            let width = panels.columns > 1 ? 500 : 400
            return (
                width, Int((Double(width) * 0.8 * Double(height) / Double(self.width)).rounded()), 9
            )
        }
        return (400, Int((280 * Double(height) / Double(width)).rounded()), 9)
    }

    /// The data file's name, as the commands refer to it.
    public var dataFileName: String { "\(name).dat" }

    /// A plot clause for series `index` of this chart's data file.
    ///
    ///     chart.series(0, using: "1:2", style: "lines ls 1", title: "η = 0.1")
    ///     → "NAME.dat" index 0 using 1:2 with lines ls 1 title "η = 0.1"
    public func series(
        _ index: Int, using columns: String, style: String, title: String? = nil
    ) -> String {
        let key = title.map { "title \(gnuplotQuoted($0))" } ?? "notitle"
        return "\(gnuplotQuoted(dataFileName)) index \(index) using \(columns) with \(style) \(key)"
    }
}

/// How an animated chart plays: the commands draw `frames` pictures, each shown for `delay`
/// hundredths of a second, looping forever.
public struct Animation: Sendable, Equatable {
    public var frames: Int
    public var delay: Int

    public init(frames: Int, delay: Int) {
        self.frames = frames
        self.delay = delay
    }
}

/// A string literal for a gnuplot script: double quotes, with backslashes and quotes escaped.
public func gnuplotQuoted(_ text: String) -> String {
    let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
        of: "\"", with: "\\\"")
    return "\"\(escaped)\""
}
