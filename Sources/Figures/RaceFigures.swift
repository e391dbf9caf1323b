import Backprop
import Claims
import Experiments
import Plotting

/// The figures of lesson 10: the two walks on the line fit, flat and as a landscape, the cost
/// against examples for each batch size, and the walks animated.
extension DrunkManRace.Result {
    /// Both walks on the contour lines of the line fit's cost; `reveal` draws them point by point
    /// for an animation.
    func walks(reveal: Bool) -> Plot {
        let map = contourMap(
            -3...4, -3...3.5, samples: 81, levels: [0.2, 0.5, 1, 2, 4, 7, 11, 16],
            title: "contour lines of the cost", line.cost)
        let perEpoch = line.x.count / experiment.lineBatch
        return Plot(
            x: Axis("m (slope)"), y: Axis("b (intercept)"),
            series: [
                Series(
                    "full batch (\(Format.count(careful.count - 1, "step")))", careful,
                    look: .path, revealEvery: reveal ? perEpoch : nil, markHead: reveal),
                Series(
                    "mini-batches of \(experiment.lineBatch) "
                        + "(\(Format.count(stumbling.count - 1, "step")))", stumbling,
                    look: .path, colour: .palette(1), revealEvery: reveal ? 1 : nil,
                    markHead: reveal),
                Series("best fit", [[best.m, best.b]], look: .markers, colour: .palette(2)),
            ],
            contours: map, equalScales: true)
    }

    /// The walks on the contour lines, flat and as a landscape.
    public func walkCharts() -> [Chart] {
        let epochs = Format.count(careful.count - 1, "epoch")
        return [
            .single(
                "paths",
                title: "The careful man and the drunk man: \(epochs) of descent on a line fit",
                walks(reveal: false), height: 700),
            .surface(
                "paths-surface", title: "The two walks on the line fit's cost, as a landscape",
                walks(reveal: false), height: line.cost, zLabel: "cost"),
        ]
    }

    /// The walks drawn step by step.
    public func walksAnimated(_ settings: Animation) -> Chart {
        .animation(
            "paths-animation", title: "The careful man and the drunk man", [walks(reveal: true)],
            steps: stumbling.count - 1, frames: settings.frames, delay: settings.delay,
            frameTitle: "The careful man and the drunk man after %d quick steps", panelHeight: 620)
    }

    /// The cost against the examples processed, one line per batch size.
    public func costByExamples() -> Chart {
        let series = runs.enumerated().map { i, run in
            // The full batch moves once per epoch: its cost holds until the next update.
            Series(
                batchName(run.batchSize, of: trainingCount),
                run.points.map { [Double($0.examples), $0.cost] },
                look: run.batchSize == trainingCount ? .steps : .line, colour: .palette(i))
        }
        let probe = Format.count(min(1000, trainingCount))
        return .single(
            "cost-by-examples",
            title: "The cost against the examples processed, for each mini-batch size",
            Plot(
                x: Axis("examples processed (forward and backward passes)"),
                y: Axis("average cost C₀ on \(probe) training images"), series: series),
            notes: ["the cost as training goes, for each mini-batch size (0: untrained)"])
    }
}
