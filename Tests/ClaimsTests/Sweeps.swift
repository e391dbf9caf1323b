import Claims
import Foundation
import LessonKit
import TestSupport
import Testing

@testable import Lessons

/// What a lesson's sweep of generated runs did: how many runs, how many its options refused, and
/// how often each kind and variant of claim was said.
struct Tally: Sendable {
    var runs = 0
    var refused = 0
    var claims = 0
    /// How long the sweep took, in whole seconds (lessons run side by side share the cores).
    var seconds = 0
    /// How often each variant was said, by "Kind.variant" (an enum claim's case).
    var variants: [String: Int] = [:]
    /// Every sentence of fixed theory said.
    var theory: Set<String> = []

    /// Counts the claims of one run.
    mutating func count(_ said: [any Claim]) {
        for claim in flattened(said) {
            guard !(claim is Theory) else {
                theory.insert(claim.sentence)
                continue
            }
            claims += 1
            variants[variant(of: claim), default: 0] += 1
        }
    }

    static func + (a: Tally, b: Tally) -> Tally {
        Tally(
            runs: a.runs + b.runs, refused: a.refused + b.refused, claims: a.claims + b.claims,
            seconds: max(a.seconds, b.seconds),
            variants: a.variants.merging(b.variants, uniquingKeysWith: +),
            theory: a.theory.union(b.theory))
    }
}

/// "DescentClaim.crossings": a claim's kind and, for a claim that is an enum, its case.
func variant(of claim: any Claim) -> String {
    let kind = String(describing: type(of: claim))
    let mirror = Mirror(reflecting: claim)
    let name = mirror.displayStyle == .enum ? (mirror.children.first?.label ?? "\(claim)") : "·"
    return kind + "." + name
}

/// A tally that the sweep's checks add to, one run at a time.
final class TallyBox: @unchecked Sendable {
    private let lock = NSLock()
    private var kept = Tally()

    var value: Tally {
        get { lock.withLock { kept } }
        set { lock.withLock { kept = newValue } }
    }
}

/// Each lesson's sweep, run once however many tests ask for it: the generated-runs test of the
/// lesson and the coverage report share it, whichever asks first.
actor Sweeps {
    static let shared = Sweeps()
    private var running: [String: Task<Tally, Never>] = [:]

    func task(_ slug: String) throws -> Task<Tally, Never> {
        if let task = running[slug] { return task }
        let type = try #require(lesson(named: slug), "no lesson \(slug)")
        let task = Task { await sweep(type) }
        running[slug] = task
        return task
    }
}

extension Sweeps {
    /// The lesson's tally, once its sweep has run.
    func tally(_ slug: String) async throws -> Tally {
        let task = try task(slug)
        return await task.value
    }
}

/// Every written lesson's slug, in the catalogue's order: what the parameterised tests run over.
let writtenSlugs: [String] = Catalogue.written.map { $0.info.slug }
