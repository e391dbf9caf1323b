import Claims

/// Prints a lesson the way the videos tell it: what the video says, what we compute, the
/// results, the charts, what to notice and what to try. With `--quiet`, only the results.
public final class Narrator {
    let write: (String) -> Void
    /// True with `--quiet`: narrative sections are skipped, results are still printed.
    public let quiet: Bool
    /// Width that paragraphs are wrapped to.
    public let width = 88

    private let progressLine: (String) -> Void
    /// Everything told so far, part by part, quiet or not (see `Passage`).
    public private(set) var transcript: [Passage] = []
    /// Writes a prompt without ending the line.
    let promptLine: (String) -> Void

    public init(
        quiet: Bool, write: @escaping (String) -> Void,
        progress: @escaping (String) -> Void = { _ in },
        prompt: @escaping (String) -> Void = { _ in }
    ) {
        self.quiet = quiet
        self.write = write
        self.progressLine = progress
        self.promptLine = prompt
    }

    /// A live status line that replaces itself while a long computation runs; "" clears it.
    public func progress(_ line: String) {
        progressLine(line)
    }

    /// The lesson's title line and where in which video it comes from.
    public func header(_ info: LessonInfo) {
        write("Lesson \(info.number) · \(info.title)")
        if !quiet { write("\(info.video.rawValue) · \(info.segment)") }
    }

    /// Keeps a part of the lesson in the transcript without printing it (its lines were
    /// printed by the caller).
    public func record(_ passage: Passage) {
        if let counted = passage.counted { transcript.append(counted) }
    }

    /// What the video says here. `segment` is the timestamp or section name.
    public func video(_ segment: String, _ paragraphs: String...) {
        narrative("What the video says (\(segment))", paragraphs)
    }

    /// What the lesson adds that the video does not say: another chapter's material, a method
    /// the video does not use. Kept apart from `video`, so that box holds only the video's words.
    public func beyond(_ paragraphs: String...) {
        narrative(Narrator.beyondHeading, paragraphs)
    }

    /// How the lesson tests or corrects what the video claims, in a box of its own.
    public func testing(_ paragraphs: String...) {
        narrative(Narrator.testingHeading, paragraphs)
    }

    public static let beyondHeading = "Beyond the video"
    public static let testingHeading = "Testing what the video says"

    /// What this lesson computes, and how.
    public func compute(_ paragraphs: String...) {
        narrative("What we compute", paragraphs)
    }

    /// What this lesson computes, as an experiment describes itself.
    public func compute(_ paragraphs: [String]) {
        narrative("What we compute", paragraphs)
    }

    /// A results table under a heading; printed even with `--quiet`.
    public func results(_ heading: String, _ table: Table) {
        record(.table(heading: heading, table))
        printTable(heading, table)
    }

    /// A table under a heading, printed but not kept.
    func printTable(_ heading: String, _ table: Table) {
        section(heading)
        table.lines().forEach { write("  " + $0) }
    }

    /// Result sentences under a heading; printed even with `--quiet`.
    public func results(_ heading: String, lines: [String]) {
        record(.lines(heading: heading, lines))
        printResults(heading, lines: lines)
    }

    /// Result sentences under a heading, printed but not kept (the caller keeps them as what they
    /// are).
    func printResults(_ heading: String, lines: [String]) {
        section(heading)
        lines.forEach { wrapped($0, indent: "  ").forEach(write) }
    }

    /// Points under a heading, each a bullet with its lines hanging under it; skipped with
    /// `--quiet`.
    public func bullets(_ heading: String, _ points: [String], claims: [any Claim] = []) {
        guard !points.isEmpty else { return }
        record(.bullets(heading: heading, points, claims: claims))
        guard !quiet else { return }
        section(heading)
        points.forEach { wrapped($0, indent: "  • ", hanging: "    ").forEach(write) }
    }

    /// The points a learner should take away.
    public func notice(_ points: String...) {
        notice(points)
    }

    /// The points a learner should take away, computed from the run (empty ones are skipped).
    public func notice(_ points: [String]) {
        bullets("What to notice", points.filter { !$0.isEmpty })
    }

    /// The claims a learner should take away, said as their sentences.
    public func notice(claims: [any Claim]) {
        bullets("What to notice", claims.map(\.sentence), claims: claims)
    }

    /// One to three commands to run next, each with the reason to try it.
    public func tryThis(_ suggestions: (command: String, why: String)...) { tryThis(suggestions) }

    public func tryThis(_ suggestions: [(command: String, why: String)]) {
        record(.tryThis(suggestions))
        guard !quiet else { return }
        section("Try this")
        for suggestion in suggestions {
            write("  $ \(suggestion.command)")
            wrapped(suggestion.why, indent: "    ").forEach(write)
        }
    }

    /// A line printed as it is, quiet or not.
    public func plain(_ line: String) {
        if !line.isEmpty { record(.plain(line)) }
        write(line)
    }

    private func narrative(_ heading: String, _ paragraphs: [String]) {
        record(.narrative(heading: heading, paragraphs: paragraphs))
        guard !quiet else { return }
        section(heading)
        for (index, paragraph) in paragraphs.enumerated() {
            if index > 0 { write("") }
            wrapped(paragraph, indent: "  ").forEach(write)
        }
    }

    func section(_ heading: String) {
        write("")
        write("▸ \(heading)")
    }

    /// Splits `text` into lines of at most `width` characters, at spaces.
    public func wrapped(_ text: String, indent: String, hanging: String? = nil) -> [String] {
        var lines: [String] = []
        var line = indent
        var lineIsEmpty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !lineIsEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = hanging ?? indent
                lineIsEmpty = true
            }
            line += (lineIsEmpty ? "" : " ") + word
            lineIsEmpty = false
        }
        lines.append(line)
        return lines
    }
}
