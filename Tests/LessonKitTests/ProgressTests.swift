import Backprop
import Experiments
import LessonKit
import LessonRunner
import TestSupport
import Testing

/// A meter on a clock the test moves by hand, and the lines it showed.
final class WatchedMeter {
    private var seconds = 0.0
    private(set) var shown: [String] = []
    private var meter: ProgressMeter!

    init(_ what: String, onTerminal: Bool) {
        meter = ProgressMeter(
            what, onTerminal: onTerminal, show: { [unowned self] in shown.append($0) },
            now: { [unowned self] in seconds })
    }

    func report(_ fraction: Double, at time: Double) {
        seconds = time
        meter.report(fraction)
    }

    func finish(at time: Double) {
        seconds = time
        meter.finish()
    }
}

struct ProgressTests {
    @Test("On a terminal: nothing for the first second, then a line at most every quarter second")
    func terminal() {
        let watched = WatchedMeter("Training", onTerminal: true)
        for (time, fraction) in [(0.5, 0.1), (1.0, 0.2), (1.1, 0.25), (1.25, 0.3), (3.0, 0.75)] {
            watched.report(fraction, at: time)
        }
        // 20% in 1 s leaves 4 s; 30% in 1.25 s leaves 2.9 s; 75% in 3 s leaves 1 s.
        #expect(
            watched.shown == [
                "Training: 20% done, about 4 s left", "Training: 30% done, about 3 s left",
                "Training: 75% done, about 1 s left",
            ])
        watched.finish(at: 3.0)
        #expect(watched.shown.last == "", "the status line is cleared")
    }

    @Test("Elsewhere (a pipe, CI): a line every 5 s, from 5 s on, and how long it took")
    func log() {
        let watched = WatchedMeter("The race", onTerminal: false)
        for step in 1...40 {
            watched.report(Double(step) / 40, at: Double(step) / 2)
        }
        #expect(
            watched.shown == [
                "The race: 25% done, about 15 s left", "The race: 50% done, about 10 s left",
                "The race: 75% done, about 5 s left", "The race: 100% done, about 1 s left",
            ])
        watched.finish(at: 20.4)
        #expect(watched.shown.last == "The race: done in 20 s")
    }

    @Test("Work that ends quickly shows nothing at all, and the first 1% gives no estimate")
    func quick() {
        let quick = WatchedMeter("Gradients", onTerminal: true)
        quick.report(0.99, at: 0.9)
        quick.finish(at: 0.9)
        #expect(quick.shown.isEmpty)
        let slow = WatchedMeter("Gradients", onTerminal: true)
        slow.report(0.001, at: 10)
        #expect(slow.shown == ["Gradients: 0% done"])
    }

    @Test(
        "Times to wait read as a person says them",
        arguments: [
            (0.2, "1 s"), (59.4, "59 s"), (60, "1 min"), (185, "3 min 5 s"), (3600, "1 h"),
            (7_800, "2 h 10 min"), (7_829, "2 h 10 min"), (7_831, "2 h 11 min"),
            (75_240, "20 h 54 min"),
        ])
    func durations(_ seconds: Double, _ said: String) {
        #expect(duration(seconds) == said)
    }

    @Test(
        "Work estimated past an hour is refused, with the estimate and the way out, unless --long")
    func long() throws {
        // 1,000 epochs of 10,000 digits through a 784-2500-10 network, one digit a step.
        let work = Work.training(
            parameters: 1_987_510, examples: 10_000, epochs: 1_000, batchSize: 1)
        let estimate = WorkEstimate(work, what: "the work")
        #expect(estimate.seconds == 1_000 * 10_000 * 1_987_510 * 6 / WorkEstimate.fastRate)
        let refused = #expect(throws: (any Error).self) {
            try LongRunOption.parse([]).check(estimate, otherwise: "use fewer epochs")
        }
        #expect(
            LessonCommand.message(for: refused!)
                == "this run would take about 8 h 17 min (the work); add --long to run it anyway, "
                + "or use fewer epochs")
        try LongRunOption.parse(["--long"]).check(estimate, otherwise: "")
        // An hour exactly is allowed.
        try LongRunOption.parse([]).check(
            WorkEstimate(Work(fast: 3600 * WorkEstimate.fastRate), what: ""), otherwise: "")
    }

    @Test("The lessons that can ask for hours refuse them by their own estimate, exit 64")
    func refusedByLessons() {
        let cases: [([String], String)] = [
            (
                ["12", "--layers", "784,2500,10", "--epochs", "1000", "--batch-size", "1"],
                "Error: this run would take about 9 h 57 min (1,000 epochs of 10,000 digits "
                    + "through 1,987,510 weights and biases, in mini-batches of 1); add --long to "
                    + "run it anyway, or use fewer epochs, fewer neurons or larger mini-batches"
            ),
            (
                ["8", "--layers", "784,1000,10"],
                "Error: this run would take about 1 h 8 min (finite differences and automatic "
                    + "differentiation on 26 and 795,010 parameters, a forward pass of all of them "
                    + "for each); add --long to run it anyway, or use fewer neurons"
            ),
        ]
        for (arguments, expected) in cases {
            var said: [String] = []
            let status = LessonCommand.execute(
                arguments, environment: LessonEnvironment(write: { _ in }, gnuplot: nil)
            ) { said.append($0) }
            #expect(status == 64 && said == [expected], "\(said)")
        }
    }
}
