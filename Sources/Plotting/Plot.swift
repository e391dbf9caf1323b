/// The chart vocabulary: a lesson says *what* to draw (series on axes, marks, a contour map),
/// and the kinds in `ChartKinds.swift` decide *how*, the same way in every lesson.
///
/// The guarantees live here and in `PlotScript.swift`, once for every chart:
/// - the key sits outside the plot area, so it never covers data;
/// - an axis without a stated range holds all the data; one with a range says in a footnote
///   how many points it cut off;
/// - on a log axis, zeros and negatives are drawn on a stated floor, never silently dropped;
/// - a series that diverged ends at its last point before the bound, marked and named in the key;
/// - a process that moves in discrete steps is drawn as steps;
/// - arrows that were scaled to fit say so.

/// One axis: its label, and what it must hold.
public struct Axis: Sendable {
    public var label: String
    /// The range to show; nil fits all the data. Points outside a stated range are counted in a
    /// footnote.
    public var range: ClosedRange<Double>?
    /// Draw on a log scale; values at or below `floor` are drawn at `floor`, and a footnote says
    /// so.
    public var logFloor: Double?
    /// Only whole-number tics (steps, epochs, digits).
    public var wholeNumbers: Bool
    /// Tics at named places, like digit groups or bar names; empty for automatic tics.
    public var namedTics: [(label: String, at: Double)]

    public init(
        _ label: String, range: ClosedRange<Double>? = nil, logFloor: Double? = nil,
        wholeNumbers: Bool = false, namedTics: [(label: String, at: Double)] = []
    ) {
        self.label = label
        self.range = range
        self.logFloor = logFloor
        self.wholeNumbers = wholeNumbers
        self.namedTics = namedTics
    }

    /// A log axis whose floor is stated: `Axis.log("loss", floor: 1e-12)`.
    public static func log(_ label: String, floor: Double) -> Axis { Axis(label, logFloor: floor) }
}

/// How a series is drawn.
public enum Look: Sendable, Equatable {
    /// A smooth line through the points (a curve sampled finely).
    case line
    /// A dashed line: a guide, a tangent.
    case dashed
    /// Points only.
    case points
    /// Points joined by lines: a path taken one step at a time, each step a point.
    case path
    /// A staircase: the value holds until the next update (full-batch descent, one update per
    /// epoch).
    case steps
    /// Large markers: a start, an end, a minimum.
    case markers
    /// Arrows from (x, y) by (dx, dy): columns 1–4. `scale` is the factor the lesson applied to fit
    /// them on the chart (1 when they are true length); the chart says so.
    case arrows(scale: Double)
    /// Line segments from (x, y) by (dx, dy): columns 1–4, like arrows without heads (tangents).
    case segments
    /// Bars of this width centred on x.
    case bars(width: Double)
    /// Points coloured by a value in column 3, with a named colour bar.
    case colouredPoints
}

/// Colours from the house palette (colour-blind safe), or a grey guide.
public enum Colour: Sendable, Equatable {
    /// The n-th colour of the palette, the same in every chart.
    case palette(Int)
    /// A light grey guide line.
    case guide
    /// Near-black, for markers and outlines.
    case dark
    /// Red where column 2 is positive, blue where it is negative: which way a value wants to move.
    case bySign
}

/// One series: its points and how to draw them.
public struct Series: Sendable {
    /// The key's entry; nil leaves the series out of the key.
    public var title: String?
    /// The rows: x, y, then whatever the look needs (dx, dy for arrows; a value for coloured
    /// points).
    public var points: [[Double]]
    public var look: Look
    public var colour: Colour
    /// For a series that ran away: the words that say where it stopped ("diverged: stopped at step
    /// 34 when |w| passed 1,000"), put in a footnote, and a cross on its last point. The lesson
    /// cuts the points at the bound it states.
    public var stoppedBecause: String?
    /// Draw on the second y axis (a chart with two axes).
    public var onSecondAxis: Bool
    /// In an animation, the series is revealed one row per this many frame steps (nil: always
    /// whole).
    public var revealEvery: Int?
    /// In an animation, a large marker follows the newest revealed point.
    public var markHead: Bool

    public init(
        _ title: String?, _ points: [[Double]], look: Look = .line, colour: Colour = .palette(0),
        stoppedBecause: String? = nil, onSecondAxis: Bool = false, revealEvery: Int? = nil,
        markHead: Bool = false
    ) {
        self.title = title
        self.points = points
        self.look = look
        self.colour = colour
        self.stoppedBecause = stoppedBecause
        self.onSecondAxis = onSecondAxis
        self.revealEvery = revealEvery
        self.markHead = markHead
    }
}

/// A guide drawn behind the data: a horizontal or vertical line with its label, or a shaded band.
public enum Mark: Sendable {
    /// A horizontal line at y, labelled at its left end (a target, a budget).
    case level(Double, String)
    /// A vertical line at x, labelled at its foot (a threshold).
    case threshold(Double, String)
    /// A shaded band from x₁ to x₂ with a label at its top (a regime), in the n-th palette colour.
    case band(ClosedRange<Double>, String, colour: Int)
    /// A text at a point of the data, placed above it.
    case note(String, x: Double, y: Double)
}

/// A contour map behind the series: a grid of z values, traced at these levels.
public struct ContourMap: Sendable {
    /// Rows (x, y, z), `samples` rows per scan line.
    public var grid: [[Double]]
    public var samples: Int
    public var levels: [Double]
    /// What the contour lines are of, for the key: "contour lines of L".
    public var title: String

    public init(grid: [[Double]], samples: Int, levels: [Double], title: String) {
        self.grid = grid
        self.samples = samples
        self.levels = levels
        self.title = title
    }
}

/// One panel: axes, series, marks, and optionally a contour map behind them.
public struct Plot: Sendable {
    public var x: Axis
    public var y: Axis
    /// The second y axis, on the right, for series marked `onSecondAxis`.
    public var y2: Axis?
    public var series: [Series]
    public var marks: [Mark]
    public var contours: ContourMap?
    /// One unit on x is as long as one unit on y (maps of two parameters).
    public var equalScales: Bool
    /// The panel's own title, in small multiples.
    public var title: String?
    /// For coloured points: what the colours mean, and their range.
    public var colourBar: ColourBar?
    /// Footnotes the lesson adds: what the numbers are, how something was scaled.
    public var notes: [String]
    /// A short name for the panel in footnotes ("η = 1.1"), among small multiples.
    public var name: String?

    public init(
        x: Axis, y: Axis, y2: Axis? = nil, series: [Series], marks: [Mark] = [],
        contours: ContourMap? = nil,
        equalScales: Bool = false, title: String? = nil, colourBar: ColourBar? = nil,
        notes: [String] = [], name: String? = nil
    ) {
        self.name = name
        self.x = x
        self.y = y
        self.y2 = y2
        self.series = series
        self.marks = marks
        self.contours = contours
        self.equalScales = equalScales
        self.title = title
        self.colourBar = colourBar
        self.notes = notes
    }
}

/// What a heat map's or a coloured series' colours mean.
public struct ColourBar: Sendable {
    public enum Palette: Sendable {
        /// White for 0 to black for the top: ink on paper.
        case ink
        /// Blue for negative, white for zero, red for positive.
        case diverging
        /// Ten distinct colours for the digits 0–9.
        case digits
    }

    public var label: String
    public var range: ClosedRange<Double>
    public var palette: Palette

    public init(_ label: String, range: ClosedRange<Double>, palette: Palette) {
        self.label = label
        self.range = range
        self.palette = palette
    }

    /// The gnuplot command that sets the palette.
    var command: String {
        switch palette {
        case .ink: return "set palette gray negative"
        case .diverging: return "set palette defined (-1 \"#2166ac\", 0 \"#f7f7f7\", 1 \"#b2182b\")"
        case .digits:
            return
                "set palette defined (0 \"#0072B2\", 3 \"#009E73\", 6 \"#E69F00\", 9 \"#D55E00\")"
        }
    }
}

/// A picture of values on a square grid, such as a digit or the weights into one neuron.
public struct Picture: Sendable {
    public var title: String
    /// The values row by row from the top, `side × side` of them.
    public var values: [Double]
    public var side: Int

    public init(_ title: String, values: [Double], side: Int = 28) {
        self.title = title
        self.values = values
        self.side = side
    }
}
