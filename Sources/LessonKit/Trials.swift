/// The runs a test may draw from a lesson, declared beside the lesson: each option with the range
/// it accepts and the values that matter in it (its theory's thresholds, its defaults).
///
/// The tests turn this into a generator that reaches every edge: each bound and just inside it,
/// each value that matters and just either side of it, lists of one item, of one item repeated
/// and in descending order, and an option left out so the default is drawn too.
public struct Trials: Sendable {
    /// The options drawn, each on its own.
    public var options: [Trial]
    /// With `--predict`: the sets of answers a run may type, one set drawn a run; an empty set is a
    /// run without `--predict`. Empty for a lesson that asks nothing.
    public var answers: [[String]]
    /// Whether the lesson trains or runs the digit network: the tests give it their small set of
    /// digits (`--mnist`).
    public var digits: Bool
    /// Whether a run takes about ten times as long as most lessons' (it trains a network): the
    /// tests draw fewer of its runs, and an ordinary `swift test` samples its slider's.
    public var costly: Bool

    public init(
        _ options: [Trial], answers: [[String]] = [], digits: Bool = false, costly: Bool? = nil
    ) {
        self.options = options
        self.answers = answers
        self.digits = digits
        self.costly = costly ?? digits
    }
}

/// One option of a lesson as the tests draw it.
public struct Trial: Sendable {
    /// The option as typed, without its dashes: "lr".
    public let name: String
    public let values: TrialValues
    /// Whether a run may leave the option out, so that its default is drawn too.
    public let optional: Bool

    public init(_ name: String, _ values: TrialValues, optional: Bool = false) {
        self.name = name
        self.values = values
        self.optional = optional
    }
}

/// The values an option accepts, with those that matter in them.
public indirect enum TrialValues: Sendable {
    /// Real numbers in a range: spread over its decades when `decades` (for a range of positive
    /// numbers from tiny to large), else evenly; `at` are the values where the lesson's theory
    /// changes, or its defaults, drawn exactly and just either side.
    /// With `spread`, the values drawn at random between the edges come from that part of the
    /// range, where the lesson's behaviour changes (the bounds are drawn all the same).
    case number(
        ClosedRange<Double>, decades: Bool = false, at: [Double] = [],
        spread: ClosedRange<Double>? = nil)
    /// Whole numbers in a range, spread over its decades (or over `spread`); `at` as for numbers.
    case count(ClosedRange<Int>, at: [Int] = [], spread: ClosedRange<Int>? = nil)
    /// Any 64-bit seed, `at` drawn often.
    case seed(at: [UInt64])
    /// One of these words.
    case word([String])
    /// A comma-separated list of values, with between `count.lowerBound` and `count.upperBound`
    /// of them.
    case list(TrialValues, count: ClosedRange<Int>)
    /// Values of any of these kinds ("full" or a batch size).
    case either([TrialValues])
}

extension Trials {
    /// The options every lesson on the digit network shares: the seed and the starting weights.
    public static let digitNetwork: [Trial] = [
        Trial("seed", .seed(at: [0, 1, 5, 7, UInt64.max])),
        Trial("initialisation", .word(["gaussian", "scaled"])),
    ]

    /// `--index` for the tests' small set of 300 digits: its first image, its last, or any.
    public static let digitIndex = Trial(
        "index", .count(0...299, at: [0, 1, 298, 299]), optional: true)
}
