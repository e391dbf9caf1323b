/// Saying claims: every sentence a lesson states about its run goes through here, so that the
/// report of the run carries each claim with its numbers, for the tests' checkers.
extension LessonContext {
    /// Claims under a results heading; printed even with `--quiet`.
    /// Claims whose sentence is empty (a paragraph with nothing to say) are left out, and so is
    /// the heading when nothing is left; a sentence said twice (two runs given the same setting)
    /// is said once.
    public func claim(_ heading: String, _ claims: [any Claim]) {
        let kept = once(claims)
        guard !kept.isEmpty else { return }
        said.append(contentsOf: kept)
        say.record(.claims(heading: heading, kept))
        say.printResults(heading, lines: kept.map(\.sentence))
    }

    /// Claims and theory under "What to notice", group after group: the points to take away.
    public func notice(_ groups: [any Claim]...) {
        let claims = once(groups.flatMap { $0 })
        said.append(contentsOf: claims)
        say.notice(claims: claims)
    }

    /// The claims with something to say, each sentence once, in the order given. A run stopped
    /// before its first update has nothing to say of itself: only theory is kept.
    private func once(_ claims: [any Claim]) -> [any Claim] {
        var seen: Set<String> = []
        return claims.filter {
            !$0.sentence.isEmpty && seen.insert($0.sentence).inserted
                && (!stoppedAtStart || $0 is Theory)
        }
    }
}
