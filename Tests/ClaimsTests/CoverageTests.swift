import Claims
import Foundation
import LessonKit
import TestSupport
import Testing

@testable import Lessons

/// The coverage report of the generated runs: how often each kind of claim, and each variant of it
/// (an enum claim's case: ties, none reached, diverged, unchanged), was said across every lesson's
/// sweep. A variant the sweep never says is a sentence no checker has ever judged.
@Suite("Generated runs: every variant of every claim is said")
struct CoverageTests {
    /// In CI's release sweep each variant must be said at least 5 times; in an ordinary `swift
    /// test`, with a fifth of the runs, at least once.
    static let least = sweep == nil ? 1 : 5

    @Test(
        "Each variant of each kind a lesson may say is said in the sweep, and the report is shown")
    func coverage() async throws {
        // Ask for every sweep first, so that they run side by side, then wait for each.
        var tasks: [Task<Tally, Never>] = []
        for slug in writtenSlugs { tasks.append(try await Sweeps.shared.task(slug)) }
        var total = Tally()
        for task in tasks { total = total + (await task.value) }
        let expected = try declaredVariants()
        let report = expected.map { "\(total.variants[$0, default: 0])\t\($0)" }
        print("Claim coverage (\(total.runs) runs, \(total.claims) claims):")
        print(report.joined(separator: "\n"))
        for variant in expected where unreachable[variant] == nil {
            let said = total.variants[variant, default: 0]
            #expect(said >= Self.least, "\(variant) said \(said) times in \(total.runs) runs")
        }
        let unknown = Set(total.variants.keys).subtracting(expected)
        #expect(unknown.isEmpty, "said but not found in Sources/Claims: \(unknown.sorted())")
    }
}

/// The variants no generated run can say, each with the reason: the lesson checks the library's
/// own math and says so if it is wrong, or the options cannot reach the case.
let unreachable: [String: String] = [
    "ChainClaim.networkDiffers":
        "the layers' δ and the backward pass disagree only if one is wrong",
    "WishClaim.storyDiffers": "the wish list's story and backprop disagree only if one is wrong",
    "WishClaim.measuredDiffers": "a nudge disagrees with backprop only if backprop is wrong",
    "GradientClaim.differ":
        "finite differences differ from backprop beyond the nudge's and the cost's rounding only "
        + "if backprop is wrong (the mutation tests reach it)",
    "AverageClaim.averageIsNotSlope": "the average wish is minus the gradient unless one is wrong",
    "AverageClaim.singleWasSteeper":
        "the full gradient is the steepest way down for the small step measured",
    "DescentClaim.blewUp":
        "a step past every finite number before |w| passes the bound: no rate the options allow",
    "WishClaim.noNudges":
        "a hidden neuron's δ is exactly 0 only at a saturated sigmoid no starting weights reach",
]

/// "Kind.case" for every case of every kind of claim some lesson declares it may say, read from
/// the claim kinds' own source in Sources/Claims, so that a new case is expected at once.
func declaredVariants() throws -> [String] {
    let kinds = Set(Catalogue.written.flatMap { $0.says }.map { String(describing: $0) })
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/Claims").standardized
    var found: [String] = []
    for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
        let text = try String(
            contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        var kind: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let match = line.firstMatch(of: #/^public enum (\w+)\b/#) {
                kind = kinds.contains(String(match.1)) ? String(match.1) : nil
            } else if line == "}" {
                kind = nil
            } else if let kind, let match = line.firstMatch(of: #/^    case (\w+)/#) {
                found.append(kind + "." + match.1)
            }
        }
    }
    return found
}
