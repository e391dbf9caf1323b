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

/// `lessons` in the order they are read: by number, except that a lesson with `readAfter` comes
/// right after that lesson (when it is there).
public func readingOrder(_ lessons: [any Lesson.Type]) -> [any Lesson.Type] {
    let placed = lessons.filter { type in
        type.info.readAfter.map { after in !lessons.contains { $0.info.number == after } } ?? true
    }
    return placed.flatMap { type in
        [type] + lessons.filter { $0.info.readAfter == type.info.number }
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
    /// The lesson it is read right after in the book, when that is not the one numbered before
    /// it (the chain rule, lesson 15, explains lesson 7's wish list).
    public let readAfter: Int?

    public init(
        number: Int, slug: String, title: String, video: Video, segment: String, summary: String,
        words: [Term], readAfter: Int? = nil
    ) {
        self.words = words
        self.readAfter = readAfter
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
