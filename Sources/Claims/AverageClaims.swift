import Experiments

/// What can be said about averaging the wish lists (lesson 9).
public enum AverageClaim: Claim, Equatable {
    /// One weight's wishes: `up` examples want it up (`upOfDigit` of them showing `digit`),
    /// `down` want it down.
    case pullApart(weight: String, up: Int, upOfDigit: Int, digit: Int, down: Int)
    /// Every example that wants that weight moved wants it moved the same way.
    case oneWay(weight: String, up: Int, down: Int, still: Int)
    /// `agreeing` of `count` examples point within 90° of the average.
    case agreement(agreeing: Int, count: Int, meanCosine: Double)
    /// The outputs of the digits an example is not, averaged.
    case wrongOutputs(mean: Double)
    /// The average wish against minus the measured slope of the average cost.
    case averageIsSlope(gap: Double)
    case averageIsNotSlope(gap: Double)
    /// What a step of `length` along the full gradient and along the best example's does.
    case steps(length: Double, full: Double, single: Double, best: String, cosine: Double)
    /// The full gradient lowered the average cost at least as much as the best example's.
    case fullIsSteeper(full: Double, single: Double)
    /// The best example's gradient lowered it more.
    case singleWasSteeper(full: Double, single: Double)
    /// The output weight the examples most want to change.
    case strongest(weight: String, digit: Int)

    public var sentence: String {
        func n(_ x: Double, _ digits: Int = 3) -> String { Format.number(x, digits: digits) }
        /// "lowers the average cost by 0.012", "raises it by 0.3".
        func change(_ fall: Double, _ cost: String) -> String {
            fall > 0
                ? "lowers \(cost) by \(n(fall, 4))"
                : fall < 0 ? "raises \(cost) by \(n(-fall, 4))" : "leaves \(cost) as it was"
        }
        switch self {
        case .pullApart(let weight, let up, let upOfDigit, let digit, let down):
            let which =
                up == 1
                ? (upOfDigit == 1 ? "a \(digit)" : "not a \(digit)")
                : "\(Format.count(upOfDigit)) of them \(digit)s"
            return "The examples pull different ways: \(weight) is wanted up by "
                + "\(Format.count(up, "example")), \(which), and down by \(Format.count(down)). "
                + "The average is the compromise."
        case .oneWay(let weight, let up, let down, let still):
            let way = up > 0 ? "up" : "down"
            let rest = still == 0 ? "" : "; \(Format.count(still)) want it left alone"
            return "Every example that wants \(weight) moved wants it \(way): "
                + "\(Format.count(max(up, down), "example"))\(rest). Here the average only "
                + "says how far."
        case .agreement(let agreeing, let count, let meanCosine):
            return "\(Format.count(agreeing)) of \(Format.count(count)) examples point within 90° "
                + "of the average (mean cosine \(n(meanCosine, 2)))."
        case .wrongOutputs(let mean):
            let far =
                mean > 0.25
                ? ", far above their target 0, so every example wants them pushed down: that "
                    + "much they share." : "."
            return "The outputs of the wrong digits average \(n(mean, 2))" + far
        case .averageIsSlope(let gap):
            return "The average wish equals minus the measured slope of the average cost to "
                + "\(n(gap, 2)): averaging the wish lists gives minus the gradient of the average "
                + "cost."
        case .averageIsNotSlope(let gap):
            return "The average wish and minus the measured slope of the average cost differ by "
                + "up to \(n(gap, 2)): more than measuring by nudging explains."
        case .steps(let length, let full, let single, let best, let cosine):
            return "A step of length \(n(length)) against the full gradient "
                + "\(change(full, "the average cost")); against the gradient of the example that "
                + "agrees best (\(best), cosine \(n(cosine))) it \(change(single, "it"))."
        case .fullIsSteeper(let full, let single):
            let than =
                single > 0
                ? "\(Format.times(full / single)) times as much as the same step along the best "
                    + "single example's"
                : "while the same step along the best single example's "
                    + "does not lower it at all"
            return "A step along the full gradient lowers the average cost \(than): it is the "
                + "steepest way down."
        case .singleWasSteeper:
            return "Here a step along one example's gradient lowered the average cost more than "
                + "the full gradient: the step is long enough for the curvature to matter."
        case .strongest(let weight, let digit):
            return "It is \(weight), into neuron \(digit)."
        }
    }
}

extension WishAverage.Result {
    /// The examples pull the first chosen weight different ways, and agree with the average.
    public var disagreement: [AverageClaim] {
        let weight = chosen[0]
        let wishes = wishes[0]
        let up = wishes.indices.filter { wishes[$0] > 0 }
        let down = wishes.filter { $0 < 0 }.count
        let digit = self.digit(weight)
        let pull: AverageClaim =
            !up.isEmpty && down > 0
            ? .pullApart(
                weight: name(weight), up: up.count,
                upOfDigit: up.filter { labels[$0] == digit }.count,
                digit: Mutant.averageDigitOffByOne.apply(digit) { ($0 + 1) % 10 }, down: down)
            : .oneWay(
                weight: name(weight), up: up.count, down: down,
                still: wishes.count - up.count - down)
        return [pull, agreementClaim, .wrongOutputs(mean: meanWrongOutput)]
    }

    /// How many examples point within 90° of the average.
    public var agreementClaim: AverageClaim {
        .agreement(
            agreeing: agreeing, count: cosines.count,
            meanCosine: cosines.reduce(0, +) / Double(cosines.count))
    }

    /// The average wish is minus the gradient, and the steepest way down.
    public var averageIsGradient: [AverageClaim] {
        let gap = zip(averageWish, measured).map { abs($0 - $1) }.max() ?? 0
        let scale = max(1, averageWish.map(abs).max() ?? 0)
        let steeper: AverageClaim? =
            fullFall > 0 && fullFall >= singleFall
            ? .fullIsSteeper(full: fullFall, single: singleFall)
            : singleFall > 0 && singleFall > fullFall
                ? .singleWasSteeper(full: fullFall, single: singleFall) : nil
        return [gap <= 1e-6 * scale ? .averageIsSlope(gap: gap) : .averageIsNotSlope(gap: gap)]
            + (steeper.map { [$0] } ?? [])
    }

    /// What one step along each gradient does.
    public var steps: [AverageClaim] {
        [
            .steps(
                length: WishAverage.stepLength, full: fullFall, single: singleFall,
                best: Claims.imageName(best, label: labels[best]), cosine: cosines[best])
        ]
    }

    /// The heading of the weight table.
    public var weightHeading: String {
        "The average of \(Format.count(cosines.count)) wish lists is minus the gradient of the "
            + "average cost"
    }

    /// The chosen weights: their average wish, the measured slope, and how many want each way.
    public func weightTable() -> Table {
        var table = Table(
            [
                "weight", "average wish", "minus the measured slope of the average cost",
                "examples wanting it up", "down",
            ], leftAligned: [0])
        for (i, p) in chosen.enumerated() {
            table.add([
                name(p), Format.number(averageWish[i], digits: 6),
                Format.number(measured[i], digits: 6),
                Format.count(wishes[i].filter { $0 > 0 }.count),
                Format.count(wishes[i].filter { $0 < 0 }.count),
            ])
        }
        return table
    }

    /// Each digit's examples: how many, their mean cosine, and how many point away.
    public func agreementTable() -> Table {
        var table = Table([
            "digit", "examples", "mean cosine with the full gradient", "pointing away (cosine < 0)",
        ])
        for digit in 0...9 {
            let mine = labels.indices.filter { labels[$0] == digit }.map { cosines[$0] }
            guard !mine.isEmpty else { continue }
            table.add([
                String(digit), Format.count(mine.count),
                Format.number(mine.reduce(0, +) / Double(mine.count), digits: 3),
                Format.count(mine.filter { $0 < 0 }.count),
            ])
        }
        return table
    }
}

extension WishAverage {
    /// What the experiment computes, in words.
    public func plan(seed: UInt64) -> String {
        "The 784-16-16-10 network (seed \(seed)) and the first \(Format.count(count)) training "
            + "images. For each, its gradient by backpropagation; then their average, checked "
            + "against the slope of the average cost measured by nudging; then how much each "
            + "example agrees with the average: the cosine similarity of its gradient and the "
            + "full gradient, the cosine of the angle between them (1 means the same direction, 0 "
            + "unrelated, −1 opposite)."
    }

    /// The questions `--predict` asks before the run.
    public var questions: [String] {
        [
            "Will most of the \(Format.count(count)) examples point within 90° of their average? "
                + "(yes or no)",
            "The output weight the examples most want to change leads into which output neuron? "
                + "(a digit, 0 to 9)",
        ]
    }
}
