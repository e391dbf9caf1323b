/// The two videos the lessons follow.
public enum Video: String, Sendable, CaseIterable {
    case threeBlueOneBrown = "3Blue1Brown, Backpropagation, intuitively (Deep Learning, ch. 3)"
    case campusX = "CampusX, Backpropagation Part 3: The Why"

    /// A short name for tables.
    public var shortName: String {
        switch self {
        case .threeBlueOneBrown: return "3Blue1Brown"
        case .campusX: return "CampusX"
        }
    }
}

/// What the lesson table says about a lesson: its fixed number and slug, and where it comes from.
public struct LessonInfo: Sendable {
    /// The lesson's number, fixed so that docs and later lessons can refer to it.
    public let number: Int
    /// The lesson's name on the command line and in its output folder, e.g. "learning-rates".
    public let slug: String
    public let title: String
    public let video: Video
    /// The timestamp or section of the video it follows.
    public let segment: String
    /// One line on what it shows.
    public let summary: String
    /// The glossary's words it uses; it explains them before it starts.
    public let words: [Term]

    public init(
        number: Int, slug: String, title: String, video: Video, segment: String, summary: String,
        words: [Term]
    ) {
        self.words = words
        self.number = number
        self.slug = slug
        self.title = title
        self.video = video
        self.segment = segment
        self.summary = summary
    }

    /// "04", as in the output folder and `swift run lesson 04`.
    public var paddedNumber: String { number < 10 ? "0\(number)" : "\(number)" }

    /// "04-learning-rates": the lesson's folder under `--out`.
    public var folderName: String { "\(paddedNumber)-\(slug)" }

    /// The command that runs this lesson, for "try this" lines.
    public var command: String { "swift run lesson \(number)" }
}

/// How every lesson counts layers, neurons and weights, in tables and charts alike.
public let indexingConvention =
    "Counting here and in every lesson: layers from 0 (the input layer), neurons from 0 "
    + "(so output neuron j stands for digit j), and wˡ[j,k] is the weight into neuron j of layer l "
    + "from neuron k of layer l − 1."
