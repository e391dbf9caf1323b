import Backprop
import Experiments

/// What can be said about the careful man and the drunk man (lesson 10).
public enum RaceClaim: Claim, Equatable {
    /// Where the two paths on the line fit end, after `epochs` epochs: each one's distance to the
    /// best fit.
    /// The line fit after `epochs`: the mini-batches of `batch` took `steps` steps an epoch; each
    /// path's distance from the best fit.
    case lineFit(epochs: Int, batch: Int, steps: Int, careful: Double, stumbling: Double)
    /// The full batch's run on the digits: its steps, and its cost from start to end.
    case fullBatch(steps: Int, from: Double, to: Double)
    /// Counting examples, these batch sizes reached `target` first, after `examples` examples,
    /// of the `racers` different batch sizes run (a full batch however it was asked for); 0
    /// racers when `target` is within a millionth of where every run began (no race).
    case firstToReach(batches: [String], target: Double, examples: Int, racers: Int)
    /// The mini-batch run whose cost rose most, on average per measurement.
    case jitterMost(batch: Int)

    public var sentence: String {
        func n(_ x: Double) -> String { Format.number(x, digits: 3) }
        switch self {
        case .lineFit(let epochs, let batch, let steps, let careful, let stumbling):
            let span = "after the same \(Format.count(epochs, "epoch"))"
            let ending =
                careful > stumbling
                ? "the mini-batches end \(Format.times(careful / stumbling)) times closer to it."
                : careful < stumbling
                    ? "the mini-batches end further from it (\(Format.times(stumbling / careful)) "
                        + "times as far)." : "both end exactly as far from it."
            return "On the line fit the full batch takes one step per epoch and the mini-batches "
                + "of \(batch) take \(steps), each only roughly downhill; \(span) the full-batch "
                + "path is "
                + "\(n(careful)) from the best fit and the mini-batch path \(n(stumbling)): "
                + ending
        case .fullBatch(let steps, let from, let to):
            let (a, b) = Format.distinct(from, to)
            let went = from == to ? "stayed at \(a)" : "went from \(a) to \(b)"
            return "On the digits the full batch took \(Format.count(steps, "step")) in all; its "
                + "cost \(went)."
        case .firstToReach(let batches, let target, let examples, let racers):
            let who =
                batches.count == 1 ? "the \(batches[0])" : batches.joined(separator: " and the ")
            let after = "after \(Format.count(examples, "example"))"
            if examples == 0 || racers == 0 {
                return "Every run began within a millionth of a cost of \(n(target)) or below it: "
                    + "reaching it took no training, so there was no race."
            }
            if racers == 1 {
                return "With one batch size there is no race: \(who) reached a cost of "
                    + "\(n(target)) \(after)."
            }
            if batches.count == racers {
                return "Counting examples processed, every batch size reached a cost of "
                    + "\(n(target)) \(after): a tie."
            }
            let how = batches.count == 1 ? "first" : "together first"
            return "Counting examples processed, the work of the forward and backward passes, "
                + "\(who) reached a cost of \(n(target)) \(how), \(after)."
        case .jitterMost(let batch):
            return "The cost jitters most with mini-batches of \(Format.count(batch)): a "
                + "mini-batch's gradient is only a rough guess of the full one."
        }
    }
}

/// "full batch (10,000)" or "mini-batches of 10"; a batch larger than the set is the full batch.
public func batchName(_ size: Int, of count: Int) -> String {
    size >= count ? "full batch (\(Format.count(count)))" : "mini-batches of \(Format.count(size))"
}

extension BatchSizeRace.Run {
    /// The mean rise of the measured cost from one measurement to the next: steady descent has
    /// none.
    public var jitter: Double {
        let rises = zip(points, points.dropFirst()).map { max(0, $1.cost - $0.cost) }
        return rises.reduce(0, +) / Double(max(rises.count, 1))
    }
}

extension DrunkManRace.Result {
    /// Where the two walks on the line fit end.
    public var lineFit: [RaceClaim] {
        [
            .lineFit(
                epochs: careful.count - 1, batch: experiment.lineBatch,
                steps: line.x.count / experiment.lineBatch, careful: distance(careful),
                stumbling: distance(stumbling))
        ]
    }

    /// The full batch on the digits, who reached the target first, and who jittered most.
    public var digits: [RaceClaim] {
        let full = runs.first { $0.batchSize >= trainingCount }.map {
            RaceClaim.fullBatch(
                steps: $0.steps, from: $0.points[0].cost, to: $0.points[$0.points.count - 1].cost)
        }
        let small = runs.filter { $0.batchSize < trainingCount }
        let sizes = Set(small.map(\.batchSize))
        let noisiest = small.max { $0.jitter < $1.jitter }
        let alone = noisiest.map { top in
            top.jitter > 0 && small.filter { $0.jitter == top.jitter }.count == 1
        }
        let jitter =
            sizes.count >= 2 && alone == true
            ? noisiest.map { [RaceClaim.jitterMost(batch: $0.batchSize)] } : nil
        return (full.map { [$0] } ?? []) + [firstToReach] + (jitter ?? [])
    }

    /// Who reached the target first, counting examples.
    public var firstToReach: RaceClaim {
        let names = winners.map { batchName($0.batchSize, of: trainingCount) }
        // A target within a millionth of where every run began needs no training: no race.
        let start = runs.map { $0.points[0].cost }.max()!
        let racers =
            start - target <= 1e-6 * start
            ? 0 : Set(runs.map { batchName($0.batchSize, of: trainingCount) }).count
        return .firstToReach(
            batches: Array(Set(names)).sorted(), target: target,
            examples: Mutant.raceExamplesOffByOne.apply(winners[0].examples(toReach: target)!) {
                $0 + 1
            }, racers: racers)
    }

    /// Where each walk on the line fit ended.
    public func lineTable() -> Table {
        var table = Table(
            ["method", "steps", "final m", "final b", "final cost", "distance to best"],
            leftAligned: [0])
        let walks = [
            ("full batch", careful), ("mini-batches of \(experiment.lineBatch)", stumbling),
        ]
        for (name, path) in walks {
            let end = path[path.count - 1]
            table.add([
                name, String(path.count - 1), Format.number(end[0], digits: 4),
                Format.number(end[1], digits: 4),
                Format.number(line.cost(m: end[0], b: end[1]), digits: 4),
                Format.number(distance(path), digits: 3),
            ])
        }
        return table
    }

    /// The heading of `lineTable`.
    public var lineHeading: String {
        "The line fit after \(Format.count(careful.count - 1, "epoch")) (best fit m = "
            + "\(Format.number(best.m, digits: 4)), b = \(Format.number(best.b, digits: 4)))"
    }

    /// Each batch size on the digits: steps, final cost, examples to reach the target, time.
    public func raceTable() -> Table {
        var table = Table([
            "batch size", "steps", "final cost",
            "examples to reach \(Format.number(target, digits: 3))", "seconds",
        ])
        table.measured = [4]
        for run in runs {
            table.add([
                batchName(run.batchSize, of: trainingCount), Format.count(run.steps),
                Format.number(run.points[run.points.count - 1].cost, digits: 4),
                run.examples(toReach: target).map(Format.count) ?? "–",
                Format.number(run.seconds, digits: 3),
            ])
        }
        return table
    }
}

extension DrunkManRace {
    /// The work it does, in words, for an estimate of its time.
    public var workInWords: String {
        "\(Format.count(epochs, "epoch")) of \(Format.count(training.count)) digits for each "
            + "of \(Format.count(batchSizes.count, "batch size")), "
            + "\(batchSizes.map { Format.count($0) }.joined(separator: ", "))"
    }

    /// What the experiment computes, in words.
    public func plan(source: String) -> [String] {
        [
            "First a line fit with two parameters, so the whole cost surface can be drawn: 100 "
                + "noisy points around y = 2x + 1, \(Self.lineEpochs) epochs at η = "
                + "\(Format.number(Self.lineRate)) from (m, b) = (−2, −2), with the full batch "
                + "(one careful step per epoch) and with mini-batches of \(lineBatch) "
                + "(\(Format.count(100 / lineBatch, "quick one")) an epoch).",
            "Then the video's 784-16-16-10 network on \(source) for "
                + "\(Format.count(epochs, "epoch")) at η = \(Format.number(learningRate)) with "
                + "each "
                + "batch size, the average cost measured on "
                + "\(Format.count(min(1000, training.count))) training images as the examples go "
                + "by.",
        ]
    }

    /// The question `--predict` asks.
    public func question(_ sizes: String) -> String {
        "Counting examples processed, which batch size will reach the target cost first? (\(sizes))"
    }
}
