import ArgumentParser
import Backprop
import Experiments
import Foundation

/// How far a long computation has come, shown once it has run a while, with the time left: on a
/// terminal as one line that redraws itself, elsewhere (a pipe, a log, CI) as a line every few
/// seconds. Nothing is shown for work that ends quickly.
public final class ProgressMeter {
    let what: String
    let show: (String) -> Void
    /// Seconds before the first line, and between lines.
    let first: Double
    let every: Double
    /// Seconds since some fixed moment; a test hands in its own clock.
    private let now: () -> Double
    private let started: Double
    private var lastShown: Double?

    public init(
        _ what: String, onTerminal: Bool, show: @escaping (String) -> Void,
        now: @escaping () -> Double = ProgressMeter.uptime
    ) {
        self.what = what
        self.show = show
        (first, every) = onTerminal ? (1, 0.25) : (5, 5)
        self.now = now
        started = now()
    }

    private static let origin = ContinuousClock.now

    /// Seconds on the system's steady clock since the first meter.
    public static func uptime() -> Double {
        let elapsed = (ContinuousClock.now - origin).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }

    /// Takes the fraction of the work done, 0 to 1.
    public func report(_ fraction: Double) {
        let now = now()
        let elapsed = now - started
        guard elapsed >= first, lastShown.map({ now - $0 >= every }) ?? true else {
            return
        }
        lastShown = now
        let done = min(max(fraction, 0), 1)
        var line = "\(what): \(Int(done * 100))% done"
        if done >= 0.01 {
            line += ", about \(duration(elapsed * (1 - done) / done)) left"
        }
        show(line)
    }

    /// Clears a line a terminal shows, or says the work is done where lines were written.
    public func finish() {
        guard lastShown != nil else { return }
        show(every < 1 ? "" : "\(what): done in \(duration(now() - started))")
    }
}

/// "40 s", "3 min 5 s", "2 h 10 min": a time to wait, to the second under an hour, else to the
/// minute.
public func duration(_ seconds: Double) -> String {
    let whole = Int(seconds.rounded())
    if whole < 60 { return "\(max(whole, 1)) s" }
    if whole < 3600 { return "\(whole / 60) min" + (whole % 60 == 0 ? "" : " \(whole % 60) s") }
    let minutes = Int((seconds / 60).rounded())
    return "\(minutes / 60) h" + (minutes % 60 == 0 ? "" : " \(minutes % 60) min")
}

/// The work a run will do as a time, estimated before it starts on the machine the rates were
/// measured on (2 cores at about 2.5 GHz, a laptop's speed), and in words.
public struct WorkEstimate: Sendable {
    public let seconds: Double
    /// What the work is: "1,000 epochs of 10,000 digits through 1,987,510 weights and biases".
    public let what: String

    /// Multiply-adds a second in the fast network's training (Float, built with -O), measured with
    /// lesson 12 on 784-100-10 and 784-300-10 at mini-batches of 1, 10 and 100: the estimates came
    /// within 30% of the times taken, never under them.
    public static let fastRate = 4e9
    /// Multiply-adds a second in the readable network (Double, one example at a time), measured
    /// with lesson 8's finite differences on 784-100-10: 700 million.
    public static let readableRate = 7e8

    public init(_ work: Work, what: String) {
        seconds = work.fast / Self.fastRate + work.readable / Self.readableRate
        self.what = what
    }
}

/// `--long`: for the lessons whose options can ask for hours of work.
public struct LongRunOption: ParsableArguments {
    @Flag(help: "Run even when the work is estimated to take more than an hour.")
    public var long = false

    /// The most a live page's run may take, in seconds (the live book sets it).
    @Option(help: .hidden)
    public var workLimit: Double?

    public init() {}

    /// Refuses, naming the estimate and the way out, work estimated to take over an hour (or
    /// over the live book's limit, on a live page).
    public func check(_ estimate: WorkEstimate, otherwise: String) throws {
        if let workLimit, estimate.seconds > workLimit {
            throw ValidationError(
                "this run would take about \(duration(estimate.seconds)) (\(estimate.what)), "
                    + "more than the \(duration(workLimit)) a live page may take: "
                    + "\(otherwise), or run it in a terminal")
        }
        guard !long, estimate.seconds > 3600 else { return }
        throw ValidationError(
            "this run would take about \(duration(estimate.seconds)) (\(estimate.what)); add "
                + "--long to run it anyway, or \(otherwise)")
    }
}

extension LessonContext {
    /// Runs `work`, which reports the fraction it has done, and shows its progress once it takes
    /// more than a moment.
    public func tracking<T>(
        _ what: String, _ work: (_ report: (Double) -> Void) throws -> T
    )
        rethrows -> T
    {
        let meter = ProgressMeter(what, onTerminal: progressOnTerminal, show: say.progress)
        defer { meter.finish() }
        return try work(meter.report)
    }
}
