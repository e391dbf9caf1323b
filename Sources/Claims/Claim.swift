/// A sentence about one run, kept as a value: what kind of thing is said, and the run's numbers
/// that say it. Lessons never write such sentences by hand; they choose claims from a result, and
/// the claim turns itself into words here, in one place.
///
/// The tests hold every kind of claim to a checker of their own, which reads the run's raw numbers
/// (the path, the losses) and decides whether the sentence is true.
public protocol Claim: Sendable {
    /// The claim in words, as a lesson prints it.
    var sentence: String { get }
    /// Whether it reports a time measured with a clock, which differs from run to run: the
    /// terminal says it, the lesson book (whose pages are byte-identical run to run) leaves it out.
    var measured: Bool { get }
}

extension Claim {
    public var measured: Bool { false }
}

/// Which run a claim is about: its place among the experiment's runs, and the name it goes by
/// ("η = 0.9", "β = 0.5").
public struct RunName: Sendable, Equatable {
    public let index: Int
    public let label: String

    public init(index: Int, label: String) {
        self.index = index
        self.label = label
    }
}

/// Several claims about one subject, said as one paragraph: the first names the subject, the
/// others say "it".
public struct ClaimParagraph: Claim {
    public let claims: [any SubjectClaim]

    public init(_ claims: [any SubjectClaim]) {
        self.claims = claims
    }

    public var sentence: String {
        claims.enumerated().map { index, claim in
            claim.sentence(subject: index == 0 ? claim.subject : "It")
        }.joined(separator: " ")
    }
}

/// A claim about one named subject, which can be said with that name or with "It".
public protocol SubjectClaim: Claim {
    /// The name the subject goes by: "η = 0.9".
    var subject: String { get }
    /// The claim's sentence, starting with `subject`.
    func sentence(subject: String) -> String
}

extension SubjectClaim {
    public var sentence: String { sentence(subject: subject) }
}

/// Fixed text: theory that holds whatever the options, phrased as theory. It is not about the run,
/// so no checker is needed; it is a claim only so that it can stand among the others.
public struct Theory: Claim {
    public let sentence: String

    public init(_ sentence: String) {
        self.sentence = sentence
    }
}
