import Backprop
import Claims
import Experiments
import TestSupport

// The checker for lesson 10, from the raw numbers: the line's points, the paths, and each batch
// size's measured costs. The careful walk and the best fit are worked out again here.

/// Whether a claim of lesson 10 is true of its run.
func holds(_ claim: RaceClaim, in result: DrunkManRace.Result) -> Bool {
    let (x, y) = (result.line.x, result.line.y)
    let n = Double(x.count)
    let count = result.experiment.training.count
    let small = result.runs.filter { $0.batchSize < count }
    switch claim {
    case .lineFit(let epochs, let batch, let steps, let careful, let stumbling):
        // Full-batch descent from (−2, −2), by hand.
        var (m, b) = (-2.0, -2.0)
        for _ in 0..<epochs {
            var (dm, db) = (0.0, 0.0)
            for i in x.indices {
                let error = y[i] - (m * x[i] + b)
                dm -= 2 * x[i] * error / n
                db -= 2 * error / n
            }
            (m, b) = (m - DrunkManRace.lineRate * dm, b - DrunkManRace.lineRate * db)
        }
        // The least-squares line, from the normal equations.
        let (mx, my) = (x.reduce(0, +) / n, y.reduce(0, +) / n)
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let (bestM, bestB) = (sxy / sxx, my - sxy / sxx * mx)
        func distance(_ p: [Double]) -> Double {
            ((p[0] - bestM) * (p[0] - bestM) + (p[1] - bestB) * (p[1] - bestB)).squareRoot()
        }
        let end = result.stumbling[result.stumbling.count - 1]
        let perEpoch = x.count / result.experiment.lineBatch
        return batch == result.experiment.lineBatch && steps == perEpoch && x.count % batch == 0
            && epochs == result.careful.count - 1
            && epochs == (result.stumbling.count - 1) / perEpoch
            && close(careful, distance([m, b]), 1e-9) && close(stumbling, distance(end), 1e-9)
    case .fullBatch(let steps, let from, let to):
        guard let full = result.runs.first(where: { $0.batchSize >= count }) else { return false }
        // The untrained cost on the probe images, in double precision here.
        let set = result.experiment.training
        let untrained = (0..<min(1000, set.count)).map { i -> Double in
            let input = set.inputs[(i * 784)..<((i + 1) * 784)].map(Double.init)
            let target = set.targets[(i * 10)..<((i + 1) * 10)].map(Double.init)
            return squaredError(sigmoidOutput(result.experiment.network, input), target)
        }
        let start = untrained.reduce(0, +) / Double(untrained.count)
        return steps == result.experiment.epochs && from == full.points[0].cost
            && to == full.points[full.points.count - 1].cost && close(from, start, 1e-4)
    case .firstToReach(let batches, let target, let examples, let racers):
        let finals = (small.isEmpty ? result.runs : small).map { $0.points.last!.cost }
        let needed = result.runs.map { run in run.points.first { $0.cost <= target }?.examples }
        let fewest = needed.compactMap { $0 }.min()
        // A batch as large as the set, or larger, is the full batch.
        let name = { (size: Int) in
            size >= count
                ? "full batch (\(Format.count(count)))" : "mini-batches of \(Format.count(size))"
        }
        let first = result.runs.indices.filter { needed[$0] == fewest }.map {
            name(result.runs[$0].batchSize)
        }
        let all = Set(result.runs.map { name($0.batchSize) })
        let start = result.runs.map { $0.points[0].cost }.max()!
        let noRace = start - target <= start / 1e6
        return target == finals.max() && examples == fewest && Set(first) == Set(batches)
            && racers == (noRace ? 0 : all.count)
    case .jitterMost(let batch):
        let jitters = small.map { run -> Double in
            var rises = 0.0
            for i in 1..<max(run.points.count, 1) {
                rises += max(0, run.points[i].cost - run.points[i - 1].cost)
            }
            return rises / Double(max(run.points.count - 1, 1))
        }
        let top = jitters.max()!
        let mine = small.indices.filter { small[$0].batchSize == batch }
        return Set(small.map(\.batchSize)).count >= 2 && top > 0 && mine.count == 1
            && jitters[mine[0]] == top && jitters.filter { $0 == top }.count == 1
    }
}
