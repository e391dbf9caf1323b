/// What changed between two runs of one lesson, a pinned run and the run after it, said from the
/// two runs' own claims: each sentence of one run is matched with the sentence of the same kind
/// about the same subject in the other.
public enum ComparisonClaim: Claim, Equatable {
    /// The options that differ: each name with its value in the pinned run and in this one (its
    /// default where it was not given, "unset" for an option with none).
    case options([OptionChange])
    /// Sentences said alike in both runs, counted.
    case same(count: Int)
    /// A sentence of one kind, about one subject, that the two runs say differently.
    case changed(pinned: String, current: String)
    /// A sentence only the pinned run says.
    case onlyPinned(String)
    /// A sentence only this run says.
    case onlyCurrent(String)

    /// One option's value in the two runs.
    public struct OptionChange: Sendable, Equatable {
        public let name: String
        public let pinned: String
        public let current: String

        public init(name: String, pinned: String, current: String) {
            self.name = name
            self.pinned = pinned
            self.current = current
        }
    }

    public var sentence: String {
        switch self {
        case .options(let changes):
            let parts = changes.enumerated().map { index, change in
                "`--\(change.name)` \(index == 0 ? "went " : "")from \(change.pinned) to "
                    + change.current
            }
            let listed =
                parts.count < 2
                ? parts.joined()
                : parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
            return "From the pinned run to this one, \(listed)."
        case .same(let count):
            return count == 1
                ? "1 sentence is the same in both runs."
                : "\(count) sentences are the same in both runs."
        case .changed(let pinned, let current):
            return "The pinned run said: \(pinned) This run says: \(current)"
        case .onlyPinned(let sentence):
            return "Only the pinned run said: \(sentence)"
        case .onlyCurrent(let sentence):
            return "Only this run says: \(sentence)"
        }
    }

    /// Compares two runs' claims. `pinned` and `current` are each run's claims with the key that
    /// matches a claim with its counterpart (its kind, its case and its subject); theory, said
    /// alike by every run, is left out. `options` are the options that differ. Two runs with
    /// the same options are one run: there is nothing to compare, and nothing is said.
    public static func between(
        pinned: [(key: String, sentence: String)], current: [(key: String, sentence: String)],
        options: [OptionChange]
    ) -> [ComparisonClaim] {
        guard !options.isEmpty else { return [] }
        var claims: [ComparisonClaim] = [.options(options)]
        var unmatched = pinned
        var same = 0
        var after: [ComparisonClaim] = []
        for claim in current {
            if let twin = unmatched.firstIndex(where: { $0.sentence == claim.sentence }) {
                unmatched.remove(at: twin)
                same += 1
            } else if let kin = unmatched.firstIndex(where: { $0.key == claim.key }) {
                after.append(.changed(pinned: unmatched[kin].sentence, current: claim.sentence))
                unmatched.remove(at: kin)
            } else {
                after.append(.onlyCurrent(claim.sentence))
            }
        }
        if same > 0 { claims.append(.same(count: same)) }
        return claims + after + unmatched.map { .onlyPinned($0.sentence) }
    }

    /// The key that matches a claim with its counterpart in another run: its type, its case and,
    /// for a claim about a subject, the subject.
    public static func key(_ claim: any Claim) -> String {
        if let paragraph = claim as? ClaimParagraph, let first = paragraph.claims.first {
            return "paragraph·" + key(first)
        }
        let kind = String(describing: type(of: claim))
        let variant = Mirror(reflecting: claim).children.first?.label ?? String(describing: claim)
        let subject = (claim as? any SubjectClaim)?.subject ?? ""
        return kind + "." + variant + "·" + subject
    }
}
