import Backprop
import Claims
import Experiments
import Plotting

extension Array where Element == ValleyCensus.Row {
    /// Every run of the census as a marker at (starting w, η), by where it ended: downhill of its
    /// start, in the other valley, or nowhere.
    public func figure(on curve: LossCurve) -> Chart {
        let outcomes: [(String, Colour, (ValleyCensus.End) -> Bool)] = [
            ("ended downhill of its start", .palette(0), \.stayedDownhill),
            ("jumped into the other valley", .palette(3), \.jumped),
            ("diverged or did not settle", .dark, { $0.settledIn == nil }),
        ]
        let series = outcomes.map { name, colour, test in
            let points = flatMap { row in
                row.ends.filter(test).map { [$0.start, row.learningRate] }
            }
            return Series(name, points, look: .markers, colour: colour)
        }
        let rates = map { (Format.number($0.learningRate), $0.learningRate) }
        let minima = curve.minima.map { Mark.threshold($0, "w* = \(Format.number($0, digits: 3))") }
        let plot = Plot(
            x: Axis("starting w"),
            y: Axis("learning rate η (log scale)", logFloor: 1e-12, namedTics: rates),
            series: series, marks: minima)
        return .single(
            "valleys", title: "Where each start ends, for each learning rate, on \(curve.formula)",
            plot,
            notes: ["Starting w and learning rate of every run on the double well, by outcome"])
    }
}

extension Array where Element == NoisyAccuracy.Run {
    /// The mean distance to the best fit, epoch by epoch, one line per rate.
    public func figure() -> Chart {
        let series = enumerated().map { index, run in
            let bound = Format.bound(run.divergenceBound)
            return Series(
                "η = \(Format.number(run.learningRate))",
                run.epochMeans.enumerated().map { [Double($0.offset), $0.element] }, look: .path,
                colour: .palette(index),
                stoppedBecause: run.lastEpochMean == nil
                    ? "diverged: stopped when the distance passed \(bound)" : nil)
        }
        let plot = Plot(
            x: Axis("epoch (100 single-example steps)", wholeNumbers: true),
            y: .log("mean distance to the best fit (log scale)", floor: 1e-6), series: series)
        return .single(
            "noisy-accuracy",
            title: "SGD one example at a time: mean distance to the best fit, by epoch",
            plot,
            notes: [
                "The distance from the best fit (m, b), averaged over each epoch's 100 steps (0: "
                    + "the start)"
            ])
    }
}
