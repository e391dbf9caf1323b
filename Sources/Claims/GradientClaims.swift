import Backprop
import Experiments

/// What can be said about one gradient checked three ways (lesson 8).
public enum GradientClaim: Claim, Equatable {
    /// Finite differences agree with backprop to `finite` of each layer's largest entry, and
    /// automatic differentiation (when there is one) to `automatic`. A layer whose entries are
    /// all too small for a nudge of 1e-5 to see past the rounding of the cost is left out of
    /// `finite`: `faint` such layers agree to within that rounding, `rounding`.
    case agree(finite: Double, automatic: Double?, faint: Int, rounding: Double)
    /// Finite differences differ from backprop by more than nudging by 1e-5 and the cost's
    /// rounding explain: `finite` of a layer's largest entry.
    case differ(finite: Double)
    /// The backward pass, counted in multiply-adds, is `counted` forward passes.
    case backwardWork(counted: Double)
    /// Forward and backward together, measured with a clock, took `measured` forward passes.
    case backwardTime(measured: Double)
    /// Finite differences need `passes` forward passes, where backprop does the work of
    /// `backprop` (1 + the backward pass counted in forward passes).
    case finitePasses(passes: Int, backprop: Double)
    /// Finite differences, measured with a clock, took `times` as long as backprop.
    case finiteTime(times: Double)
    /// Automatic differentiation took `times` as long as backprop.
    case automaticCost(times: Double)

    public var measured: Bool {
        switch self {
        case .backwardTime, .finiteTime, .automaticCost: true
        case .agree, .differ, .backwardWork, .finitePasses: false
        }
    }

    public var sentence: String {
        func n(_ x: Double, _ digits: Int = 3) -> String { Format.number(x, digits: digits) }
        func passes(_ count: String) -> String {
            count == "1" ? "one forward pass" : "\(count) forward passes"
        }
        switch self {
        case .agree(let finite, let automatic, let faint, let rounding):
            let auto = automatic.map { "; automatic differentiation to \(n($0, 2))." } ?? "."
            let lost =
                faint == 0
                ? ""
                : " (\(Format.count(faint, "layer")) with every entry too small for the nudge to "
                    + "see past the rounding of the cost agree to within that rounding, "
                    + "\(n(rounding, 2)))"
            return "Finite differences agree with backprop to \(n(finite, 2)) of each layer's "
                + "largest entry, the error of nudging by 1e-5" + lost + auto
        case .differ(let finite):
            return "Finite differences differ from backprop by up to \(n(finite, 2)) of a "
                + "layer's largest entry: more than nudging by 1e-5, and the rounding of the cost, "
                + "explain."
        case .backwardWork(let counted):
            return "Backpropagation is reverse-mode differentiation done by hand: it starts at "
                + "the cost and walks back, reusing what each layer found. Counted in "
                + "multiply-adds, its backward pass is \(passes(n(counted)))."
        case .backwardTime(let measured):
            return "Measured here, forward and backward together took \(n(measured)) times one "
                + "forward pass."
        case .finitePasses(let passes, let backprop):
            let ratio = Double(passes) / backprop
            let verdict = ratio >= 100 ? ": good for checking, hopeless for training." : "."
            return "Finite differences need \(Format.count(passes)) forward passes here, where "
                + "backprop does the work of \(n(backprop)): \(Format.times(ratio)) times as "
                + "much, counted in multiply-adds" + verdict
        case .finiteTime(let times):
            return "Measured here, finite differences took \(Format.times(times)) times as long "
                + "as backprop."
        case .automaticCost(let times):
            return
                "Automatic differentiation took \(Format.times(times)) times as long as backprop: "
                + "our "
                + "cost reads θ one number at a time and the differentiator records every read; "
                + "written with whole matrices, as ML libraries do, it costs a few backward "
                + "passes."
        }
    }
}

extension GradientComparison.Result {
    /// Whether the three gradients agree, over every network and layer.
    public var agreement: [GradientClaim] {
        let tolerance = Mutant.gradientToleranceWrong.apply(1e-5) { $0 * 1e-6 }
        var finite = 0.0
        var faint = 0
        var rounding = 0.0
        for c in checked {
            // What the rounding of the cost can take from a central difference with h = 1e-5:
            // each cost is off by about ε·|C|, and their difference is divided by 2h.
            let lost = 4 * Double.ulpOfOne * abs(c.check.network.cost(c.check.example)) / 1e-5
            for (range, error) in zip(c.layers, c.errors(c.finite)) {
                let largest = range.map { abs(c.backprop[$0]) }.max() ?? 0
                let gap = range.map { abs(c.backprop[$0] - c.finite[$0]) }.max() ?? 0
                guard gap <= tolerance * largest + lost else { return [.differ(finite: error)] }
                if tolerance * largest < lost {
                    faint += 1
                    rounding = max(rounding, gap)
                } else {
                    finite = max(finite, error)
                }
            }
        }
        let automatic = checked.compactMap { c in c.automatic.map { c.errors($0).max() ?? 0 } }
        return [
            .agree(finite: finite, automatic: automatic.max(), faint: faint, rounding: rounding)
        ]
    }

    /// What one gradient of the last (largest) network cost, counted and measured.
    public var costs: [GradientClaim] {
        let last = checked[checked.count - 1]
        let work = last.check.network.multiplyAdds
        let time = last.seconds
        let automatic = time.automatic.map {
            [GradientClaim.automaticCost(times: $0 / time.backprop)]
        }
        let backward = Double(work.backward) / Double(work.forward)
        return [
            .backwardWork(counted: backward),
            .backwardTime(measured: time.backprop / time.forward),
            .finitePasses(passes: 2 * last.check.network.parameterCount, backprop: 1 + backward),
            .finiteTime(times: time.finite / time.backprop),
        ] + (automatic ?? [])
    }

    /// Each network's layers: its parameters, largest slope and each method's largest error.
    public func errorTable() -> Table {
        var table = Table(
            [
                "network", "weights into layer", "parameters", "largest |∂C/∂w|",
                "finite differences", "automatic differentiation",
            ], leftAligned: [0, 1])
        for c in checked {
            let sizes = c.check.network.sizes
            let finite = c.errors(c.finite)
            let automatic = c.automatic.map(c.errors)
            for (l, range) in c.layers.enumerated() {
                table.add([
                    c.check.name, "\(l + 1) (\(sizes[l])→\(sizes[l + 1]))",
                    Format.count(range.count),
                    Format.number(range.map { abs(c.backprop[$0]) }.max() ?? 0, digits: 3),
                    Format.number(finite[l], digits: 2),
                    automatic.map { Format.number($0[l], digits: 2) } ?? "not available",
                ])
            }
        }
        return table
    }

    /// The heading of `timeTable`.
    public var timeHeading: String {
        "The cost of one gradient of the \(checked[checked.count - 1].check.name) network"
    }

    /// The time of one gradient of the last network by each method.
    public func timeTable() -> Table {
        let last = checked[checked.count - 1]
        let time = last.seconds
        let passes = 2 * last.check.network.parameterCount
        func times(_ t: Double) -> String { Format.times(t / time.backprop) }
        var table = Table(["method", "work", "time", "× backprop"], leftAligned: [0, 1])
        table.measured = [2, 3]
        table.add([
            "one forward pass alone", "1 forward pass", readableTime(time.forward),
            times(time.forward),
        ])
        table.add([
            "backpropagation", "1 forward + 1 backward pass", readableTime(time.backprop), "1",
        ])
        table.add([
            "finite differences", "\(Format.count(passes)) forward passes",
            readableTime(time.finite), times(time.finite),
        ])
        if let automatic = time.automatic {
            table.add([
                "automatic differentiation", "1 recorded pass + 1 pullback",
                readableTime(automatic), times(automatic),
            ])
        }
        return table
    }
}

extension GradientComparison {
    /// The work it does, in words, for an estimate of its time.
    public var workInWords: String {
        let counts = cases.map { Format.count($0.network.parameterCount) }
        return "finite differences and automatic differentiation on "
            + "\(counts.joined(separator: " and ")) parameters, a forward pass of all of them for "
            + "each"
    }

    /// What the experiment computes, in words.
    public func plan(image: String) -> String {
        let names = cases.map(\.name).joined(separator: " and ")
        return "Three gradients of one example's cost: backpropagation; central finite "
            + "differences (nudge each parameter by ±1e-5 and measure the cost: 2 forward passes "
            + "per parameter); and Swift's reverse-mode automatic differentiation (reverse mode: "
            + "the derivatives are carried from the cost back to the inputs, as backprop does) "
            + "of the cost written a second time as plain arithmetic. For the networks \(names), "
            + "the "
            + "last on \(image)."
    }
}

/// "0.42 ms", "3.1 s": a time for reading.
public func readableTime(_ seconds: Double) -> String {
    if seconds < 1e-3 { return "\(Format.number(seconds * 1e6, digits: 3)) µs" }
    if seconds < 1 { return "\(Format.number(seconds * 1e3, digits: 3)) ms" }
    return "\(Format.number(seconds, digits: 3)) s"
}
