import Backprop
import Book
import Claims
import Experiments
import Foundation
import LessonKit
import PropertyBased
import Testing

@testable import Lessons

// Every lesson run with hundreds of generated option vectors across each option's whole range,
// thresholds and edges included. For each run every claim it made is checked, from the run's raw
// numbers, by the checkers beside this file; and every claim's words are what it printed.
// A failure is shrunk by swift-property-based to a minimal command line, printed with its seed.

/// A generator whose shrinking is erased to one type, so generators of different shapes mix.
typealias Generates<Value> = Generator<Value, AnySequence<Any>>

/// Generators of the values a learner types.
enum Typed {
    /// One of `values`, shrinking towards the first.
    static func one<Value: Sendable>(of values: [Value]) -> Generates<Value> {
        Gen.int(in: 0...(values.count - 1)).map { values[$0] }.eraseToAny()
    }

    /// A positive number spread evenly over the decades 10^low … 10^high.
    static func decades(_ low: Double, _ high: Double) -> Generates<Double> {
        Gen.double(in: low...high).map { pow(10, $0) }.eraseToAny()
    }

    /// Mostly spread over decades, often exactly one of `special` (a threshold, a default).
    static func rate(_ low: Double, _ high: Double, special: [Double]) -> Generates<Double> {
        Gen.frequency([
            (weight: 3.0, gen: decades(low, high)), (weight: 2.0, gen: one(of: special)),
        ]).eraseToAny()
    }

    /// A count: often 1 or a few, sometimes anywhere in the range, spread over its decades.
    static func count(upTo top: Int) -> Generates<Int> {
        Gen.frequency([
            (weight: 1.0, gen: Gen.always(1).eraseToAny()),
            (weight: 2.0, gen: Gen.int(in: 2...min(top, 60)).eraseToAny()),
            (
                weight: 2.0,
                gen: decades(0, log10(Double(top))).map { min(top, max(1, Int($0))) }.eraseToAny()
            ),
        ]).eraseToAny()
    }

    /// A curve's name.
    static let curve = one(of: LossCurve.builtIn.map(\.name))

    /// A start: none (the curve's own), near the curves, on a minimum or hump, or far out.
    static func start(within limit: Double) -> Generates<Double?> {
        let near = Gen.double(in: -3...3).eraseToAny()
        let far = Gen.double(in: -limit...limit).eraseToAny()
        let exact = one(of: [0, 1, -1, 2, -0.2, 0.2, LossCurve.doubleWell.minima[0]])
        return Gen.frequency([
            (weight: 2.0, gen: near), (weight: 1.0, gen: far), (weight: 1.0, gen: exact),
        ])
        .optional(valueRate: 0.7).eraseToAny()
    }
}

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

/// The options `--name value`, leaving out those not given.
func options(_ pairs: [(String, String?)]) -> [String] {
    pairs.flatMap { name, value in value.map { ["--" + name, $0] } ?? [] }
}

@Suite("Generated runs: every claim holds")
struct GeneratedRunTests {
    static let lesson1: Generates<Command> = zip(
        Typed.curve,
        Gen.frequency([
            (weight: 3.0, gen: Gen.double(in: -3...3).eraseToAny()),
            (weight: 1.0, gen: Gen.double(in: -1000...1000).eraseToAny()),
            (weight: 1.0, gen: Typed.one(of: [0, 1, -1, 2, 0.5])),
        ]).array(of: 1...12),
        Typed.rate(-15, 1, special: [1e-5, 1e-7, 1e-12, 0.5, 10])
    ).map { curve, points, nudge in
        Command(
            number: 1,
            arguments: options([("curve", curve), ("at", typed(points)), ("nudge", typed(nudge))]))
    }.eraseToAny()

    static let lesson2: Generates<Command> = zip(
        Typed.decades(-6, 6),
        Gen.frequency([
            (weight: 2.0, gen: Gen.double(in: -10...10).eraseToAny()),
            (weight: 1.0, gen: Gen.double(in: -1e5...1e5).eraseToAny()),
        ]),
        Gen.frequency([
            (weight: 2.0, gen: Gen.double(in: -100...100).eraseToAny()),
            (weight: 1.0, gen: Typed.one(of: [0, 1e12, -1e12, 1e100])),
        ]),
        Typed.rate(
            -6, 0,
            special: [0.02, 0.0224, 0.023, 2 / StudentsData.packageByCGPA.curvatures.largest]),
        Typed.count(upTo: 1_000_000)
    ).map { a, wStar, c, lr, steps in
        Command(
            number: 2,
            arguments: options([
                ("a", typed(a)), ("b", typed(-2 * a * wStar)), ("c", typed(c)), ("lr", typed(lr)),
                ("steps", String(steps)),
            ]))
    }.eraseToAny()

    static let lesson3: Generates<Command> = zip(
        Typed.curve, Typed.start(within: 1e5),
        Typed.rate(-6, 6, special: [0.1, 0.25, 0.5, 0.9, 1, 1.1]),
        Typed.count(upTo: 100_000)
    ).map { curve, start, lr, steps in
        Command(
            number: 3,
            arguments: options([
                ("curve", curve), ("start", start.map(typed)), ("lr", typed(lr)),
                ("steps", String(steps)),
            ]))
    }.eraseToAny()

    static let lesson4: Generates<Command> = zip(
        Typed.rate(-6, 6, special: [0.05, 0.1, 0.2, 0.45, 0.5, 0.55, 0.9, 0.99, 1, 1.01, 1.1])
            .array(of: 1...8),
        Typed.curve, Typed.start(within: 999), Typed.count(upTo: 10_000),
        Typed.rate(-12, 0, special: [1e-3, 1])
    ).map { rates, curve, start, steps, tolerance in
        Command(
            number: 4,
            arguments: options([
                ("rates", typed(rates)), ("curve", curve), ("start", start.map(typed)),
                ("steps", String(steps)), ("tolerance", typed(tolerance)),
            ]))
    }.eraseToAny()

    static let lesson5: Generates<Command> = zip(
        Typed.rate(-6, 6, special: [0.001, 0.01, 0.05, 0.1]), Typed.count(upTo: 100_000),
        Gen.int(in: 1...4)
    ).map { lr, epochs, weight in
        Command(
            number: 5,
            arguments: options([
                ("lr", typed(lr)), ("epochs", String(epochs)), ("hidden-weight", String(weight)),
            ]))
    }.eraseToAny()

    static let lesson13: Generates<Command> = zip(
        Typed.rate(-6, 2, special: [0.01, 0.1, 0.417, 0.5, 0.65, 0.7]).array(of: 1...8),
        Typed.count(upTo: 20_000),
        Typed.rate(-6, 2, special: [0.001, 0.01, 0.03, 0.1, 0.3]).array(of: 1...8)
    ).map { rates, steps, noisy in
        Command(
            number: 13,
            arguments: options([
                ("rates", typed(rates)), ("steps", String(steps)), ("noisy-rates", typed(noisy)),
            ]))
    }.eraseToAny()

    static let lesson14: Generates<Command> = zip(
        Typed.rate(-6, 3, special: [0.01, 0.02, 0.5, 1, 1.5, 1.9]),
        Gen.frequency([
            (weight: 2.0, gen: Gen.double(in: 0...0.999).eraseToAny()),
            (weight: 1.0, gen: Typed.one(of: [0, 0.5, 0.64, 0.9, 0.999])),
        ]).array(of: 1...6),
        Typed.curve, Typed.start(within: 999), Typed.count(upTo: 10_000),
        Typed.rate(-12, 0, special: [1e-3, 1])
    ).map { lr, momenta, curve, start, steps, tolerance in
        Command(
            number: 14,
            arguments: options([
                ("lr", typed(lr)), ("momenta", typed(momenta)), ("curve", curve),
                ("start", start.map(typed)), ("steps", String(steps)),
                ("tolerance", typed(tolerance)),
            ]))
    }.eraseToAny()

    /// The options every digit lesson shares: the tiny set, a seed, the starting weights.
    static let digitOptions: Generates<[String]> = zip(
        Gen.frequency([
            (weight: 2.0, gen: Gen.uint64(in: 0...UInt64.max).eraseToAny()),
            (weight: 1.0, gen: Typed.one(of: [UInt64(0), 1, 5, 7, UInt64.max])),
        ]),
        Typed.one(of: ["gaussian", "scaled"])
    ).map { seed, initialisation in
        ["--mnist", tinyMNIST, "--seed", String(seed), "--initialisation", initialisation]
    }.eraseToAny()

    /// `--index`: none (the first 2), the first or last image of the tiny set, or any.
    static let index: Generates<[String]> = Gen.frequency([
        (weight: 3.0, gen: Gen.int(in: 0...299).eraseToAny()),
        (weight: 1.0, gen: Typed.one(of: [0, 299])),
    ]).optional(valueRate: 0.8).map { index in index.map { ["--index", String($0)] } ?? [] }
        .eraseToAny()

    static let lesson6: Generates<Command> = zip(digitOptions, index).map {
        Command(number: 6, arguments: $0 + $1)
    }.eraseToAny()

    static let lesson7: Generates<Command> = zip(
        digitOptions, index, Gen.int(in: 0...15).optional(valueRate: 0.6)
    ).map { digits, index, neuron in
        Command(
            number: 7, arguments: digits + index + options([("neuron", neuron.map(String.init))]))
    }.eraseToAny()

    /// The chain's numbers: often small and plain, sometimes at the bounds, where the sigmoids
    /// saturate; the digit network's options as lesson 7's.
    static let chainNumber: Generates<Double> = Gen.frequency([
        (weight: 3.0, gen: Gen.double(in: -3...3).eraseToAny()),
        (weight: 1.0, gen: Gen.double(in: -10...10).eraseToAny()),
        (weight: 1.0, gen: Typed.one(of: [0, 10, -10, 1e-9, -1])),
    ]).eraseToAny()

    static let lesson15: Generates<Command> = zip(
        digitOptions, index, chainNumber, chainNumber.array(of: 2...2),
        chainNumber.array(of: 2...2),
        Gen.frequency([
            (weight: 2.0, gen: Gen.double(in: 0...1).eraseToAny()),
            (weight: 1.0, gen: Typed.one(of: [0, 1, 0.5])),
        ])
    ).map { digits, index, input, weights, biases, target in
        Command(
            number: 15,
            arguments: digits + index
                + options([
                    ("input", typed(input)), ("weights", typed(weights)),
                    ("biases", typed(biases)), ("target", typed(target)),
                ]))
    }.eraseToAny()

    /// Small digit networks: 784 inputs, one to three hidden layers of 1 to 5, 10 outputs.
    static let smallLayers: Generates<String> = Gen.int(in: 1...5).array(of: 1...3).map {
        ([784] + $0 + [10]).map(String.init).joined(separator: ",")
    }.eraseToAny()

    static let lesson8: Generates<Command> = zip(digitOptions, index, smallLayers).map {
        Command(number: 8, arguments: $0 + $1 + ["--layers", $2])
    }.eraseToAny()

    static let lesson9: Generates<Command> = zip(
        digitOptions,
        Gen.frequency([
            (weight: 6.0, gen: Gen.int(in: 2...40).eraseToAny()),
            (weight: 2.0, gen: Typed.one(of: [2, 3, 10, 100])),
            (weight: 1.0, gen: Typed.one(of: [299, 300, 1000, 60_000])),
        ]),
        Typed.one(of: [[], ["yes", "2"], ["no", "7"], ["maybe", ""]])
    ).map { digits, examples, answers in
        Command(
            number: 9,
            arguments: digits + ["--examples", String(examples)]
                + (answers.isEmpty ? [] : ["--predict"]),
            answers: answers)
    }.eraseToAny()

    /// `--batch-sizes`: one to six of full, a single example, a few, or anything up to the set.
    static let batchSizes: Generates<String> = Gen.frequency([
        (weight: 1.0, gen: Typed.one(of: ["full", "1", "300", "299", "1000"])),
        (weight: 4.0, gen: Gen.int(in: 2...300).map(String.init).eraseToAny()),
    ]).array(of: 1...6).map { $0.joined(separator: ",") }.eraseToAny()

    static let lesson10: Generates<Command> = zip(
        digitOptions, batchSizes, Typed.rate(-4, 2, special: [1, 3, 0.3, 100]),
        Gen.frequency([
            (weight: 4.0, gen: Gen.int(in: 1...3).eraseToAny()),
            (weight: 1.0, gen: Typed.one(of: [10, 100])),
        ]), Typed.one(of: [[], ["full"], ["1"], ["7"]]),
        Typed.one(of: [nil] + DrunkManRace.lineBatches.map(Optional.some))
    ).map { digits, sizes, lr, epochs, answers, lineBatch in
        Command(
            number: 10,
            arguments: digits
                + options([
                    ("batch-sizes", sizes), ("lr", typed(lr)), ("epochs", String(epochs)),
                    ("line-batch-size", lineBatch.map(String.init)),
                ]) + (answers.isEmpty ? [] : ["--predict"]),
            answers: answers)
    }.eraseToAny()

    static let lesson11: Generates<Command> = zip(
        Typed.rate(-4, 1.5, special: [0.01, 0.03, 0.1, 0.3, 1, 2]).array(of: 1...8),
        Typed.rate(-4, 1, special: [0.02, 0.001, 0.3, 1e6]),
        Gen.frequency([
            (weight: 4.0, gen: Gen.int(in: 10...60).eraseToAny()),
            (weight: 1.0, gen: Typed.one(of: [10, 11, 301, 400])),
        ]),
        Typed.rate(-3, 1, special: [0.1, 1]),
        Gen.frequency([
            (weight: 2.0, gen: Gen.uint64(in: 0...UInt64.max).eraseToAny()),
            (weight: 1.0, gen: Typed.one(of: [UInt64(0), 1, 2])),
        ]),
        Typed.one(of: [[], ["none"], ["0.1"]])
    ).map { rates, target, epochs, lr, seed, answers in
        Command(
            number: 11,
            arguments: options([
                ("rates", typed(rates)), ("target", typed(target)),
                ("max-epochs", String(epochs)), ("lr", typed(lr)), ("seed", String(seed)),
            ]) + (answers.isEmpty ? [] : ["--predict"]),
            answers: answers)
    }.eraseToAny()

    static let lesson12: Generates<Command> = zip(
        digitOptions, smallLayers,
        Gen.frequency([
            (weight: 4.0, gen: Gen.int(in: 1...3).eraseToAny()),
            (weight: 1.0, gen: Typed.one(of: [1, 10, 30])),
        ]),
        Gen.frequency([
            (weight: 3.0, gen: Gen.int(in: 1...300).eraseToAny()),
            (weight: 1.0, gen: Typed.one(of: [1, 10, 100, 299, 300, 60_000])),
        ]),
        Typed.rate(-4, 3, special: [3, 0.1, 100]), Gen.int(in: 1...4)
    ).map { digits, layers, epochs, batch, lr, threads in
        Command(
            number: 12,
            arguments: digits
                + options([
                    ("layers", layers), ("epochs", String(epochs)), ("batch-size", String(batch)),
                    ("lr", typed(lr)), ("threads", String(threads)),
                ]))
    }.eraseToAny()

    @Test("Lesson 1: every claim about measured slopes holds")
    func derivatives() async {
        await checkGenerated(Derivatives.self, Self.lesson1)
    }

    @Test("Lesson 2: every claim about minima, the closed form and descent holds")
    func minima() async {
        await checkGenerated(Minima.self, Self.lesson2)
    }

    @Test("Lesson 3: every claim about a descent holds")
    func descent() async {
        await checkGenerated(DescentInOneDimension.self, Self.lesson3)
    }

    @Test("Lesson 4: every claim about the rates and the sweep holds")
    func learningRates() async {
        await checkGenerated(LearningRates.self, Self.lesson4)
    }

    @Test("Lesson 5: every claim about training the students network holds")
    func oneWeight() async {
        await checkGenerated(OneWeight.self, Self.lesson5)
    }

    @Test("Lesson 6: every claim about a digit's cost holds")
    func cost() async {
        await checkGenerated(Cost.self, Self.lesson6, count: digitCount)
    }

    @Test("Lesson 7: every claim about one example's wish list holds")
    func wishList() async {
        await checkGenerated(WishList.self, Self.lesson7, count: digitCount)
    }

    @Test("Lesson 8: every claim about the gradient checked three ways holds")
    func gradientCheck() async {
        await checkGenerated(GradientCheck.self, Self.lesson8, count: digitCount)
    }

    @Test("Lesson 9: every claim about averaging the wish lists holds")
    func average() async {
        await checkGenerated(Average.self, Self.lesson9, count: digitCount)
    }

    @Test("Lesson 10: every claim about the careful and the drunk man holds")
    func sgd() async {
        await checkGenerated(SGD.self, Self.lesson10, count: digitCount)
    }

    @Test("Lesson 11: every claim about epochs and convergence holds")
    func epochs() async {
        await checkGenerated(Epochs.self, Self.lesson11, count: digitCount)
    }

    @Test("Lesson 12: every claim about training the digit recogniser holds")
    func digits() async {
        await checkGenerated(Digits12.self, Self.lesson12, count: digitCount)
    }

    @Test("Lesson 13: every claim about valleys and noisy rates holds")
    func smallRates() async {
        await checkGenerated(SmallRates.self, Self.lesson13)
    }

    @Test("Lesson 14: every claim about the heavy ball holds")
    func momentum() async {
        await checkGenerated(Momentum.self, Self.lesson14)
    }

    @Test("Lesson 15: every claim about the chain rule, link by link, holds")
    func chainRule() async {
        await checkGenerated(ChainRule15.self, Self.lesson15, count: digitCount)
    }
}

/// Runs lesson `type` on the vectors `generator` draws (answering `--predict` when a vector
/// brings answers) and checks every claim it makes with its lesson's checker (`checkTold`).
func checkGenerated<L: Lesson>(
    _ type: L.Type, _ generator: Generates<Command>, count: Int = generatedCount
) async {
    await propertyCheck(count: count, input: generator) { command in
        let run = try generatedRun(type, command.arguments, answers: command.answers)
        try checkTold(type.info.number, run)
    }
}

/// Every claim printed as its own words, and none of them a sentence that contradicts itself.
func checkWords(_ run: GeneratedRun) throws {
    let text = run.text
    for claim in run.claims {
        let printed = text.contains(fold(claim.sentence))
        #expect(printed, "not printed: \(claim.sentence)\n  \(run.command)")
    }
    // "shrank from 4 to 4": a change said with the same number at both ends.
    let same = try Regex(#"from (-?[0-9][0-9.,e-]*) to (-?[0-9][0-9.,e-]*)\b"#)
    for match in text.matches(of: same) {
        let (a, b) = (match.output[1].substring, match.output[2].substring)
        let differ = a != b
        #expect(differ, "\"\(text[match.range])\" in \(run.command)")
    }
    let plural = try Regex(#"\b1 (steps|epochs|starts|times|jumps|rates)\b"#)
    let plurals = text.firstMatch(of: plural).map { String(text[$0.range]) }
    #expect(plurals == nil, "\(plurals ?? "") in \(run.command)")
}

/// Every claim of `run` is of one kind (or theory), printed as its words, and true by `holds`.
func check<Kind: Claim>(_ run: GeneratedRun, _ kind: Kind.Type, holds: (Kind) -> Bool) throws {
    try checkWords(run)
    for claim in flattened(run.claims) where !(claim is Theory) {
        let typed = try #require(claim as? Kind, "a claim of no known kind: \(claim.sentence)")
        let truth = holds(typed)
        #expect(truth, "false: \(claim.sentence)\n  \(run.command)")
    }
}

/// The claims of a descent lesson (3, 4 or 14), each checked against the raw path it is about.
func checkDescent(_ run: GeneratedRun) throws {
    let result = try #require(run.result as? CurveDescentResult)
    try checkWords(run)
    #expect(!run.claims.isEmpty, "no claims in \(run.command)")
    for claim in flattened(run.claims) {
        switch claim {
        case let claim as DescentClaim:
            let truth = holds(claim, in: result)
            #expect(truth, "false: \(claim.sentence)\n  \(run.command)")
        case let claim as MomentumClaim:
            let truth = holds(claim, in: result)
            #expect(truth, "false: \(claim.sentence)\n  \(run.command)")
        case is SweepClaim, is Theory:
            continue
        default:
            Issue.record("a claim of no known kind: \(claim.sentence)")
        }
    }
}

@Suite("Generated runs: a sample is drawn")
struct DrawnSampleTests {
    /// Each rebuilt lesson with its generator; two runs of each are drawn (CI's release sweep
    /// draws them again).
    static let lessons: [(any Lesson.Type, Generates<Command>)] = [
        (Derivatives.self, GeneratedRunTests.lesson1), (Minima.self, GeneratedRunTests.lesson2),
        (DescentInOneDimension.self, GeneratedRunTests.lesson3),
        (LearningRates.self, GeneratedRunTests.lesson4),
        (OneWeight.self, GeneratedRunTests.lesson5), (Cost.self, GeneratedRunTests.lesson6),
        (WishList.self, GeneratedRunTests.lesson7), (GradientCheck.self, GeneratedRunTests.lesson8),
        (Average.self, GeneratedRunTests.lesson9), (SGD.self, GeneratedRunTests.lesson10),
        (Epochs.self, GeneratedRunTests.lesson11), (Digits12.self, GeneratedRunTests.lesson12),
        (SmallRates.self, GeneratedRunTests.lesson13), (Momentum.self, GeneratedRunTests.lesson14),
        (ChainRule15.self, GeneratedRunTests.lesson15),
    ]

    @Test(
        "Charts of generated runs draw without a word from gnuplot",
        .enabled(if: gnuplot != nil || gnuplotRequired, "gnuplot is not installed"))
    func drawn() async throws {
        try #require(gnuplot != nil, "REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
        for (type, generator) in Self.lessons {
            await propertyCheck(count: 2, input: generator) { command in
                let charts = try drawnRun(type, command.arguments)
                for chart in charts {
                    let quiet = chart.warnings.isEmpty && chart.failure == nil
                    #expect(quiet, "\(chart.name): \(chart.warnings) in \(command.testDescription)")
                    #expect(
                        !chart.images.isEmpty,
                        "\(chart.name) not drawn in \(command.testDescription)")
                }
            }
        }
    }
}

@Suite("The lesson book's runs: every claim holds")
struct BookRunTests {
    /// Every run the book shows: the lesson's own, the slider's, and the suggestions it answers.
    @Test(
        "Every run the book shows says only what its own numbers support",
        arguments: Catalogue.written.map { $0.info.number })
    func bookRuns(number: Int) throws {
        let taught = try #require(lesson(named: String(number)))
        // The book answers --predict with nothing; the reasons it gives are claims too.
        let predict = taught.offersPredict ? ["--predict"] : []
        let answers = taught.offersPredict ? ["", "", ""] : []
        // Lessons 10 and 11 train networks, for seconds a run: an ordinary `swift test` checks
        // their own runs and every fourth of the slider's, and CI's release sweep checks them all.
        let sampled = sweep == nil && [10, 11].contains(number)
        var runs = [[String]()] + (sampled ? [] : LessonBook.tried(taught).map(\.arguments))
        if let exploration = taught.exploration {
            #expect((20...40).contains(exploration.values.count))
            let stride = sampled ? 4 : 1
            runs += exploration.values.enumerated().filter { $0.offset % stride == 0 }.map {
                exploration.arguments($0.element)
            }
        }
        for arguments in runs {
            try checkTold(number, generatedRun(taught, arguments + predict, answers: answers))
        }
    }
}

/// Checks every claim of a run of lesson `number` with that lesson's checker.
func checkTold(_ number: Int, _ run: GeneratedRun) throws {
    switch number {
    case 1:
        let result = try #require(run.result as? SlopeMeasurement.Result)
        try check(run, SlopeClaim.self) { holds($0, in: result) }
    case 2:
        let result = try #require(run.result as? MinimaByCalculus.Result)
        try check(run, MinimaClaim.self) { holds($0, in: result) }
    case 3, 14:
        try checkDescent(run)
    case 4:
        try checkDescent(run)
        let result = try #require(run.result as? CurveDescentResult)
        for case let claim as SweepClaim in flattened(run.claims) {
            let truth = holds(
                claim, sweep: result.experiment.sweep(), curve: result.curve,
                tolerance: result.experiment.tolerance, bound: result.experiment.divergenceBound)
            #expect(truth, "false: \(claim.sentence)\n  \(run.command)")
        }
    case 5:
        let result = try #require(run.result as? StudentsTraining.Result)
        try check(run, StudentsClaim.self) { holds($0, in: result) }
    case 6:
        let result = try #require(run.result as? DigitCost.Result)
        try check(run, CostClaim.self) { holds($0, in: result) }
    case 7:
        let result = try #require(run.result as? WishListExperiment.Result)
        try check(run, WishClaim.self) { holds($0, in: result) }
    case 8:
        let result = try #require(run.result as? GradientComparison.Result)
        try check(run, GradientClaim.self) { holds($0, in: result) }
    case 9:
        let facts = AverageFacts(try #require(run.result as? WishAverage.Result))
        try check(run, AverageClaim.self) { holds($0, facts) }
    case 10:
        let result = try #require(run.result as? DrunkManRace.Result)
        try check(run, RaceClaim.self) { holds($0, in: result) }
    case 11:
        let result = try #require(run.result as? ConvergenceStudy.Result)
        try check(run, EpochClaim.self) { holds($0, in: result) }
    case 12:
        let result = try #require(run.result as? DigitTraining.Result)
        try check(run, TrainingClaim.self) { holds($0, in: result) }
    case 13:
        let result = try #require(run.result as? SmallRates.Result)
        try check(run, ValleyClaim.self) { claim in
            holds(
                claim, census: result.valleys, noisy: result.noisy, curve: SmallRates.curve,
                tolerance: 1e-3, bound: SmallRates.divergenceBound)
        }
    case 15:
        let result = try #require(run.result as? ChainRule.Result)
        try check(run, ChainClaim.self) { holds($0, in: result) }
    default:
        Issue.record("lesson \(number) has no checker here")
    }
}
