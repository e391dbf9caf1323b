import Foundation
import LessonKit
import PropertyBased
import TestSupport
import Testing

// A lesson's `Trials` made into a generator that reaches every edge: each option's bounds and
// just inside them, each value that matters and just either side of it, lists of one item, of
// one item repeated and in descending order, and an option left out so its default is drawn.

/// A generator whose shrinking is erased to one type, so generators of different shapes mix.
typealias Generates<Value> = Generator<Value, AnySequence<Any>>

/// One generated command line, shown as a learner would type it.
struct Command: Sendable, CustomTestStringConvertible {
    let number: Int
    let arguments: [String]
    /// With `--predict`, the answers typed, one a line.
    var answers: [String] = []

    var testDescription: String {
        let run = "swift run lesson \(number) " + arguments.joined(separator: " ")
        guard !answers.isEmpty else { return run }
        return "printf '\(answers.joined(separator: "\\n"))\\n' | \(run)"
    }
}

/// How far "just inside" a bound and "just either side" of a value are, relative to its size.
let nudges = [1e-9, 1e-3]

extension Trials {
    /// Command lines for lesson `number`, drawn from these trials.
    func generator(number: Int) -> Generates<Command> {
        let start = Gen.always(digits ? ["--mnist", tinyMNIST] : []).eraseToAny()
        let options = self.options.reduce(start) { drawn, trial in
            zip(drawn, trial.generator).map { $0 + $1 }.eraseToAny()
        }
        let answers = self.answers.isEmpty ? Gen.always([String]()).eraseToAny() : one(of: answers)
        return zip(options, answers).map { arguments, answers in
            Command(
                number: number, arguments: arguments + (answers.isEmpty ? [] : ["--predict"]),
                answers: answers)
        }.eraseToAny()
    }
}

extension Trial {
    /// `--name value`, or nothing at all a quarter of the time when the option may be left out.
    var generator: Generates<[String]> {
        let given = values.generator.map { ["--" + name, $0] }.eraseToAny()
        guard optional else { return given }
        return Gen.frequency([
            (weight: 3.0, gen: given), (weight: 1.0, gen: Gen.always([String]()).eraseToAny()),
        ]).eraseToAny()
    }
}

extension TrialValues {
    /// The values as typed.
    var generator: Generates<String> {
        switch self {
        case .number(let range, let decades, let at, let spread):
            return numbers(range, decades: decades, at: at, spread: spread).map(typed)
                .eraseToAny()
        case .count(let range, let at, let spread):
            return counts(range, at: at, spread: spread).map(String.init).eraseToAny()
        case .seed(let at):
            return Gen.frequency([
                (weight: 1.0, gen: Gen.uint64(in: 0...UInt64.max).eraseToAny()),
                (weight: 1.0, gen: one(of: at)),
            ]).map(String.init).eraseToAny()
        case .word(let words):
            return one(of: words)
        case .either(let kinds):
            return Gen.frequency(kinds.map { (weight: 1.0, gen: $0.generator) }).eraseToAny()
        case .list(let item, let count):
            return list(item, count: count)
        }
    }

    /// Lists of every shape: any length, one item, one item repeated, in descending order.
    private func list(_ item: TrialValues, count: ClosedRange<Int>) -> Generates<String> {
        let any = item.generator.array(of: count).eraseToAny()
        let single = item.generator.map { [$0] }.eraseToAny()
        let repeated = zip(item.generator, Gen.int(in: max(2, count.lowerBound)...count.upperBound))
            .map { Array(repeating: $0, count: $1) }.eraseToAny()
        let descending = any.map { $0.sorted { (Double($0) ?? 0) > (Double($1) ?? 0) } }
            .eraseToAny()
        var shapes = [(weight: 3.0, gen: any), (weight: 1.0, gen: descending)]
        if count.lowerBound == 1 { shapes.append((weight: 1.0, gen: single)) }
        if count.upperBound >= 2 && count.lowerBound < count.upperBound {
            shapes.append((weight: 1.0, gen: repeated))
        }
        return Gen.frequency(shapes).map { $0.joined(separator: ",") }.eraseToAny()
    }
}

/// One of `values`, shrinking towards the first.
func one<Value: Sendable>(of values: [Value]) -> Generates<Value> {
    Gen.int(in: 0...(values.count - 1)).map { values[$0] }.eraseToAny()
}

/// Numbers in `range`: spread over it (over its decades, with either sign, when `decades`), at
/// its bounds and just inside them, and at each value of `at` and just either side of it.
func numbers(
    _ range: ClosedRange<Double>, decades: Bool, at: [Double], spread within: ClosedRange<Double>?
) -> Generates<Double> {
    let spread: Generates<Double>
    if decades {
        let span = within ?? range
        let top = max(abs(span.lowerBound), abs(span.upperBound))
        // Eighteen decades below the top at most: a range from 1e-300 is drawn at 1e-300 among
        // its bounds, and spread where the numbers differ.
        let bottom = max(span.lowerBound > 0 ? span.lowerBound : 1e-6, top * 1e-18)
        let sign: Generates<Double> =
            range.lowerBound < 0 ? one(of: [1.0, -1.0]) : Gen.always(1.0).eraseToAny()
        spread = zip(Gen.double(in: log10(bottom)...log10(top)), sign).map { exponent, sign in
            min(range.upperBound, max(range.lowerBound, sign * pow(10, exponent)))
        }.eraseToAny()
    } else {
        spread = Gen.double(in: within ?? range).eraseToAny()
    }
    let (low, high) = (range.lowerBound, range.upperBound)
    let width = high - low
    var inside: [Double] = []
    for nudge in nudges {
        let step = width * nudge * nudge
        inside.append(low + max(abs(low) * nudge, step))
        inside.append(high - max(abs(high) * nudge, step))
    }
    let bounds = [low, high] + inside.filter(range.contains)
    var beside: [Double] = []
    for x in at where x != 0 {
        for nudge in nudges {
            beside += [x * (1 - nudge), x * (1 + nudge)].filter(range.contains)
        }
    }
    var kinds = [(weight: 4.0, gen: spread), (weight: 1.0, gen: one(of: bounds))]
    let exact = at.filter(range.contains)
    if !exact.isEmpty { kinds.append((weight: 3.0, gen: one(of: exact))) }
    if !beside.isEmpty { kinds.append((weight: 2.0, gen: one(of: beside))) }
    return Gen.frequency(kinds).eraseToAny()
}

/// Whole numbers in `range`: spread over its decades, at its bounds and one inside them, and at
/// each value of `at` and one either side of it.
func counts(
    _ range: ClosedRange<Int>, at: [Int], spread within: ClosedRange<Int>?
) -> Generates<Int> {
    let span = within ?? range
    let low = Double(max(span.lowerBound, 1))
    let spread = Gen.double(in: log10(low)...log10(Double(max(span.upperBound, 1)))).map {
        min(range.upperBound, max(range.lowerBound, Int(pow(10, $0))))
    }.eraseToAny()
    let bounds = [
        range.lowerBound, range.upperBound, range.lowerBound + 1, range.upperBound - 1,
    ].filter(range.contains)
    let near = (at + at.map { $0 - 1 } + at.map { $0 + 1 }).filter(range.contains)
    var kinds = [(weight: 4.0, gen: spread), (weight: 1.0, gen: one(of: bounds))]
    if !near.isEmpty { kinds.append((weight: 3.0, gen: one(of: near))) }
    return Gen.frequency(kinds).eraseToAny()
}
