import Backprop
import Experiments

/// How one run of the sine problem ended, as a claim can say it.
public struct RunOutcome: Sendable, Equatable {
    /// The epoch the target was reached in, if it was.
    public let reached: Int?
    /// Why it stopped, and after how many epochs.
    public let stop: SineProblem.Stop
    public let epochs: Int

    public init(_ run: SineProblem.Run) {
        reached = run.reachedTarget
        stop = run.stop
        epochs = run.losses.count - 1
    }

    /// "took 412 epochs", or "did not get there (stopped changing after 1,210 epochs)".
    public var words: String {
        reached.map { "took " + Format.count($0, "epoch") }
            ?? "did not get there (\(stop.rawValue) after \(Format.count(epochs, "epoch")))"
    }
}

/// What can be said about epochs and convergence (lesson 11).
public enum EpochClaim: Claim, Equatable {
    /// The first `tenth` epochs of the longest run took its loss from `start` to `atTenth`; the
    /// other `rest` only on to `end`.
    case fastThenSlow(
        rate: Double, tenth: Int, start: Double, atTenth: Double, rest: Int, end: Double)
    /// Of the swept rates, `rate` reached the target in the fewest epochs; every smaller rate
    /// needed more or never got there; these larger rates did worse.
    /// `tied` other rates needed as few; `smaller` rates were swept below it.
    case fewestEpochs(
        rate: Double, epochs: Int, tied: Int, smaller: Int, worseLarger: [Double: RunOutcome])
    /// No swept rate reached the target.
    case noneReached(target: Double)
    /// These rates blew up: the loss passed the bound within `epochs` epochs.
    case blewUp(rates: [Double], epochs: Int, bound: Double)
    /// With the rate held fixed, sin(kπx) for k = 1, 2, 3.
    /// `wigglierLonger` when each harder problem reached the target in strictly more epochs.
    case byDifficulty(rate: Double, outcomes: [RunOutcome], wigglierLonger: Bool?)
    /// With the rate held fixed, sin(2πx) with 2, 4, 8 and 16 hidden neurons.
    case bySize(rate: Double, outcomes: [RunOutcome])
    /// Of the drawn rates, these reached the target first, in `epochs` epochs.
    /// Of the `drawn` different rates drawn, `rates` reached the target first, in `epochs`.
    case firstOfCurves(rates: [Double], epochs: Int, drawn: Int)
    /// None of the drawn rates reached the target.
    case noCurveReached

    public var sentence: String {
        func n(_ x: Double) -> String { Format.number(x, digits: 3) }
        func eta(_ x: Double) -> String { "η = \(Format.number(x, digits: 3))" }
        switch self {
        case .fastThenSlow(let rate, let tenth, let start, let atTenth, let rest, let end):
            return "With \(eta(rate)) the first \(Format.count(tenth, "epoch")) took the loss "
                + "from \(n(start)) to \(n(atTenth)); the other \(Format.count(rest)) only on to "
                + "\(n(end)): fast at first, then slowly."
        case .fewestEpochs(let rate, let epochs, let tied, let smaller, let worse):
            if epochs == 0 {
                return "The untrained network's loss was already at or below the target, so every "
                    + "rate that reached it needed 0 epochs: the sweep cannot rank them."
            }
            let larger = worse.keys.sorted().map { "\(eta($0)) \(worse[$0]!.words)" }
            let again =
                larger.isEmpty
                ? "."
                : ", and \(Format.count(larger.count, "larger rate")) did worse again: "
                    + larger.joined(separator: ", ") + "."
            let ties = tied == 0 ? "" : ", as did \(Format.count(tied, "larger rate"))"
            let below =
                smaller == 0
                ? "it is the smallest rate swept"
                : "every smaller rate needed more or never got there"
            return "Of the swept rates, \(eta(rate)) needed the fewest epochs "
                + "(\(Format.count(epochs)))\(ties); \(below)" + again
        case .noneReached(let target):
            return "No rate of the sweep reached \(Format.number(target)) within its epochs."
        case .blewUp(let rates, let epochs, let bound):
            return rates.map(eta).joined(separator: ", ") + " blew up: the loss passed "
                + "\(Format.bound(bound)) within \(Format.count(epochs, "epoch")). Too large a "
                + "step overshoots every time."
        case .byDifficulty(let rate, let outcomes, let wigglierLonger):
            let each = zip(["sin(πx)", "sin(2πx)", "sin(3πx)"], outcomes).map {
                "\($0) \($1.words)"
            }
            let verdict =
                wigglierLonger.map {
                    $0
                        ? ": the wigglier the target, the more epochs."
                        : ": here the wigglier target did not always take more epochs."
                } ?? "."
            return "With \(eta(rate)) held fixed, \(each.joined(separator: ", "))" + verdict
        case .bySize(let rate, let outcomes):
            let each = zip(ConvergenceStudy.hiddenSizes, outcomes).enumerated().map { i, run in
                "\(run.0)\(i == 0 ? " hidden neurons" : "") \(run.1.words)"
            }
            let stuck = outcomes.contains { $0.stop == .stoppedChanging }
            let all = outcomes.allSatisfy { $0.reached != nil }
            return "For sin(2πx) at \(eta(rate)), a network with " + each.joined(separator: "; ")
                + (stuck
                    ? ". A network can be too small, or stuck, and never get there."
                    : all ? ". Every network size got there." : ".")
        case .firstOfCurves(let rates, let epochs, let drawn):
            let who = rates.map(eta).joined(separator: " and ")
            let time = epochs == 0 ? "before any training" : "in \(Format.count(epochs, "epoch"))"
            if drawn == 1 { return "\(who) got there \(time)." }
            if rates.count == drawn { return "All \(drawn) got there \(time): a tie." }
            return "\(who) got there first, \(time)."
        case .noCurveReached:
            return "None of them got there."
        }
    }
}

extension ConvergenceStudy.Result {
    /// The longest drawn run: fast at first, then slowly, when it was.
    public var shape: [EpochClaim] {
        guard let longest = curves.max(by: { $0.losses.count < $1.losses.count }),
            longest.losses.count > 10
        else { return [] }
        let l = longest.losses
        let tenth = (l.count - 1) / 10
        let (start, atTenth, end) = (l[0], l[tenth], l[l.count - 1])
        guard atTenth < start, end <= atTenth, start - atTenth > atTenth - end else { return [] }
        return [
            .fastThenSlow(
                rate: longest.learningRate, tenth: tenth, start: start, atTenth: atTenth,
                rest: l.count - 1 - tenth, end: end)
        ]
    }

    /// The sweep's fastest rate and the rates that blew up.
    public var rates: [EpochClaim] {
        let reached = sweep.filter { $0.reachedTarget != nil }
        let fastest = reached.min { $0.reachedTarget! < $1.reachedTarget! }
        let sweepClaim: EpochClaim =
            fastest.map { best in
                let worse = sweep.filter {
                    $0.learningRate > best.learningRate
                        && ($0.reachedTarget ?? .max) > best.reachedTarget!
                }
                return .fewestEpochs(
                    rate: best.learningRate,
                    epochs: Mutant.fewestEpochsOffByOne.apply(best.reachedTarget!) { $0 + 1 },
                    tied: sweep.filter {
                        $0.learningRate > best.learningRate
                            && $0.reachedTarget == best.reachedTarget
                    }.count,
                    smaller: sweep.filter { $0.learningRate < best.learningRate }.count,
                    worseLarger: Dictionary(
                        uniqueKeysWithValues: worse.map { ($0.learningRate, RunOutcome($0)) }))
            } ?? .noneReached(target: experiment.target)
        let blown = curves.filter { $0.stop == .blewUp }
        let blowUp =
            blown.isEmpty
            ? []
            : [
                EpochClaim.blewUp(
                    rates: blown.map(\.learningRate), epochs: blown.map { $0.losses.count }.max()!,
                    bound: SineProblem.divergenceBound)
            ]
        return [sweepClaim] + blowUp
    }

    /// Harder problems and bigger networks at one rate.
    public var difficulty: [EpochClaim] {
        [
            .byDifficulty(
                rate: experiment.learningRate, outcomes: harder.map(RunOutcome.init),
                wigglierLonger: ordered(harder.map(\.reachedTarget))),
            .bySize(rate: experiment.learningRate, outcomes: bigger.map(RunOutcome.init)),
        ]
    }

    /// Which drawn rate reached the target first.
    public var firstOfCurves: EpochClaim {
        let epochs = curves.compactMap(\.reachedTarget).min()
        guard let epochs else { return .noCurveReached }
        var rates: [Double] = []
        for run in curves where run.reachedTarget == epochs && !rates.contains(run.learningRate) {
            rates.append(run.learningRate)
        }
        let drawn = Set(curves.map(\.learningRate)).count
        return .firstOfCurves(rates: rates, epochs: epochs, drawn: drawn)
    }

    /// The drawn runs: epochs run, final loss, why each stopped.
    public func curveTable() -> Table {
        var table = Table(["η", "epochs run", "final loss", "stopped because"], leftAligned: [3])
        for run in curves {
            table.add([
                Format.number(run.learningRate), Format.count(run.losses.count - 1),
                Format.number(run.losses[run.losses.count - 1], digits: 4), run.stop.rawValue,
            ])
        }
        return table
    }

    /// The swept rates and the epochs each needed.
    public func sweepTable() -> Table {
        var table = Table(["η", "epochs to reach \(Format.number(experiment.target))"])
        for run in sweep { table.add([Format.number(run.learningRate, digits: 3), words(run)]) }
        return table
    }

    /// Harder problems and bigger networks, and the epochs each needed.
    public func difficultyTable() -> Table {
        var table = Table(
            ["problem", "network", "epochs to reach \(Format.number(experiment.target))"],
            leftAligned: [0, 1])
        for (k, run) in zip(ConvergenceStudy.frequencies, harder) {
            table.add(["sin(\(k)πx)", "1-8-1", words(run)])
        }
        for (h, run) in zip(ConvergenceStudy.hiddenSizes, bigger) {
            table.add(["sin(2πx)", "1-\(h)-1", words(run)])
        }
        return table
    }

    /// "412", or why it never got there: "not reached (stopped changing after 1,210)".
    func words(_ run: SineProblem.Run) -> String {
        run.reachedTarget.map(Format.count)
            ?? "not reached (\(run.stop.rawValue) after \(Format.count(run.losses.count - 1)))"
    }
}

extension ConvergenceStudy {
    /// What the experiment computes, in words.
    public var plan: String {
        "A small problem: 32 points of y = sin(kπx) on [−1, 1], learned by a 1-8-1 network (tanh "
            + "hidden layer, linear output) with mini-batches of 8, so one epoch is 4 steps. Each "
            + "run stops when the loss reaches \(Format.number(target)), when it stops changing "
            + "(its best less than 1% better than 300 epochs before), when it blows up (passes "
            + "\(Format.bound(SineProblem.divergenceBound))), or after "
            + "\(Format.count(maxEpochs, "epoch"))."
    }

    /// The question `--predict` asks.
    public var question: String {
        "Which of η = \(Format.list(rates)) will reach \(Format.number(target)) in the fewest "
            + "epochs? (one of them, or none)"
    }
}

/// Whether epochs to the target grow with difficulty: nil when fewer than two runs reached it
/// (no order to judge), else whether those that did are in strictly increasing order and every
/// run that never got there is harder than all of them.
func ordered(_ epochs: [Int?]) -> Bool? {
    let reached = epochs.compactMap { $0 }
    guard reached.count >= 2 else { return nil }
    let firstMissing = epochs.firstIndex { $0 == nil } ?? epochs.count
    let lastReached = epochs.lastIndex { $0 != nil }!
    return zip(reached, reached.dropFirst()).allSatisfy { $0 < $1 } && lastReached < firstMissing
}
