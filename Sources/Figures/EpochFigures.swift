import Backprop
import Claims
import Experiments
import Plotting

/// The figures of lesson 11: loss by epoch for each rate, epochs against the rate, and epochs
/// against the difficulty.
extension ConvergenceStudy.Result {
    /// The loss before training and after every epoch, one line per drawn rate.
    public func lossByEpoch() -> Chart {
        let bound = Format.bound(SineProblem.divergenceBound)
        let series = curves.enumerated().map { i, run in
            Series(
                "η = \(Format.number(run.learningRate))",
                run.losses.enumerated().map { [Double($0.offset), $0.element] },
                colour: .palette(i),
                stoppedBecause: run.stop == .blewUp
                    ? "blew up: the next epoch's loss passed \(bound)" : nil)
        }
        let target = experiment.target
        return .single(
            "loss-by-epoch", title: "The loss epoch by epoch, for each learning rate",
            Plot(
                x: Axis("epoch", wholeNumbers: true),
                y: .log("average cost (log scale)", floor: 1e-12),
                series: series, marks: [.level(target, "target \(Format.number(target))")]),
            notes: ["the loss before training (epoch 0) and after every epoch, for each rate"])
    }

    /// Epochs to reach the target against the swept rate.
    public func epochsByRate() -> Chart {
        let reached = sweep.compactMap { run in
            run.reachedTarget.map { [run.learningRate, Double($0)] }
        }
        let missed = sweep.filter { $0.reachedTarget == nil }.map {
            [$0.learningRate, Double($0.losses.count - 1)]
        }
        let target = Format.number(experiment.target)
        return .single(
            "epochs-by-rate",
            title: "Epochs to reach a loss of \(target), against the learning rate",
            Plot(
                x: .log("learning rate η (log scale)", floor: 1e-12),
                y: .log("epochs (log scale)", floor: 1),
                series: [
                    Series("reached the target", reached, look: .path),
                    Series(
                        "stopped without reaching it (epochs run)", missed, look: .markers,
                        colour: .palette(1)),
                ]),
            notes: [
                "epochs to reach \(target) against the rate; runs that did not get there show the "
                    + "epochs they ran"
            ])
    }

    /// Epochs to reach the target for harder problems and bigger networks, as bars.
    public func epochsByDifficulty() -> Chart {
        let runs = harder + bigger
        let names = ["k = 1", "k = 2", "k = 3"] + ConvergenceStudy.hiddenSizes.map { "H = \($0)" }
        // A gap between the problems and the network sizes.
        let place = { (i: Int) in Double(i + (i >= harder.count ? 1 : 0)) }
        func bars(_ reached: Bool) -> [[Double]] {
            runs.indices.filter { (runs[$0].reachedTarget != nil) == reached }.map {
                [place($0), Double(runs[$0].losses.count - 1)]
            }
        }
        let target = Format.number(experiment.target)
        return .single(
            "epochs-by-difficulty",
            title: "Epochs to reach a loss of \(target): harder problems, bigger networks",
            Plot(
                x: Axis(
                    "sin(kπx) with 1-8-1, then sin(2πx) with 1-H-1",
                    namedTics: names.indices.map { (names[$0], place($0)) }),
                y: Axis("epochs"),
                series: [
                    Series("reached the target", bars(true), look: .bars(width: 0.6)),
                    Series(
                        "did not reach it (epochs run)", bars(false), look: .bars(width: 0.6),
                        colour: .palette(1)),
                ]),
            notes: [
                "epochs to reach \(target) for harder problems and bigger networks (η = "
                    + "\(Format.number(experiment.learningRate)))"
            ])
    }
}
