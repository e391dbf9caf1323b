import Foundation
import TestSupport
import Testing

@testable import LessonKit
@testable import LessonRunner
@testable import Lessons

/// Every numeric option at the ends of its accepted range, and at values that make training
/// diverge: the lesson finishes (exit 0), or refuses in one line (exit 64), and never traps.
/// Options that ask for much work are paired with others that keep the run short. The largest
/// counts of the training lessons (lesson 5's 100,000 epochs, lesson 9's 60,000 examples, lesson
/// 10's 100 full-batch epochs) are among the generated runs, on a tiny data set (ClaimsTests).
struct OptionRangeTests {
    static let cases: [(arguments: [String], status: Int32)] = [
        (["1", "--at", "-1000,1000"], 0), (["1", "--nudge", "10"], 0),
        (["1", "--nudge", "1e-300"], 0), (["1", "--at", "1001"], 64),
        (["2", "--lr", "1e6"], 0), (["2", "--steps", "1000000"], 0),
        (["2", "--a", "1e100", "--b", "0", "--c", "-1e100"], 0),
        (["2", "--a", "1e-100"], 64), (["2", "--c", "1e101"], 64),
        (["3", "--lr", "1e6"], 0), (["3", "--start", "1e5", "--steps", "100000"], 0),
        (["3", "--curve", "plateau", "--start", "-1e5"], 0),
        (["3", "--lr", "1e7"], 64),
        (["4", "--steps", "10000"], 0), (["4", "--rates", "1e6", "--start", "999"], 0),
        (["4", "--tolerance", "1"], 0),
        (["4", "--tolerance", "1e-300", "--steps", "1"], 0), (["4", "--start", "1000"], 64),
        (["5", "--lr", "1e6"], 0),
        (["5", "--hidden-weight", "4", "--epochs", "1"], 0),
        (["6", "--index", "9999", "--seed", "18446744073709551615"], 0),
        (["6", "--index", "10000"], 64),
        (["7", "--neuron", "15", "--index", "0"], 0), (["7", "--neuron", "16"], 64),
        (["8", "--seed", "0", "--index", "1"], 0),
        (["9", "--examples", "2"], 0),
        (["10", "--batch-sizes", "60000", "--epochs", "1"], 0),
        (["10", "--lr", "1e6", "--epochs", "1", "--batch-sizes", "100"], 0),
        (["10", "--lr", "1e-50"], 64),
        (["11", "--max-epochs", "10"], 0), (["11", "--target", "1e6", "--max-epochs", "10"], 0),
        (["11", "--lr", "1e6", "--rates", "1e6", "--max-epochs", "100000"], 0),
        (["12", "--epochs", "100", "--layers", "784,1,10"], 0),
        (["12", "--batch-size", "60000", "--epochs", "2"], 0),
        (["12", "--lr", "1e6", "--epochs", "1", "--threads", "64"], 0),
        (["12", "--layers", "784,10000,10000,10"], 64),
        (["13", "--steps", "20000", "--rates", "0.01"], 0),
        (["13", "--rates", "100", "--noisy-rates", "100"], 0),
        (["3", "--animate", "--frames", "400", "--delay", "500"], 0),
        (["3", "--frames", "401"], 64),
        (["3", "--gnuplot-timeout", "3600"], 0), (["3", "--gnuplot-timeout", "0"], 64),
    ]

    @Test(
        "Options at the ends of their ranges run or are refused in one line, never trap",
        arguments: cases.indices)
    func boundary(_ index: Int) {
        let (arguments, expected) = Self.cases[index]
        let out = FileManager.default.temporaryDirectory.appendingPathComponent(
            "range-\(UUID().uuidString)")
        var errors: [String] = []
        let status = LessonCommand.execute(
            arguments + ["--no-render", "--quiet", "--out", out.path],
            environment: LessonEnvironment(write: { _ in }, gnuplot: nil, progress: { _ in }),
            error: { errors.append($0) })
        #expect(status == expected, "lesson \(arguments.joined(separator: " ")): \(errors)")
        #expect(errors.count == (status == 0 ? 0 : 1))
        try? FileManager.default.removeItem(at: out)
    }
}
