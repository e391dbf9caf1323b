import Backprop
import LessonKit
import Plotting

/// Lesson 4's sweep: steps to converge over a fine grid of learning rates, with the regions
/// where descent is slow, fast, oscillating or divergent.
struct Sweep {
    let trials: [LearningRateTrial]
    let budget: Int
    let theory: BowlTheory?

    /// Tries 240 rates evenly from a little above zero to 1.25/a (or to 1.25 × the largest rate asked for).
    init(curve: LossCurve, start: Double, budget: Int, tolerance: Double, theory: BowlTheory?, rates: [Double]) {
        let top = theory.map { 1.25 * $0.divergenceThreshold } ?? 1.25 * (rates.max() ?? 1)
        // A longer run than the budget, so that slow rates still get a step count to draw.
        let longRun = max(20 * budget, 1000)
        self.budget = budget
        self.theory = theory
        trials = (1...240).map { i in
            LearningRateTrial(curve, from: start, learningRate: top * Double(i) / 240, budget: longRun,
                              tolerance: tolerance, divergenceBound: LearningRates.divergenceBound)
        }
    }

    /// How many rates of the grid behaved as the bowl theory predicts (0 for other curves).
    var agreements: Int {
        guard let theory else { return 0 }
        return trials.filter { theory.prediction($0.path.learningRate).agrees(with: regime(of: $0)) }.count
    }

    /// The regime judged with the lesson's budget: converging later than that is slow.
    func regime(of trial: LearningRateTrial) -> LearningRateRegime {
        if trial.regime == .fast, case .converged(let step) = trial.outcome, step > budget { return .slow }
        return trial.regime
    }

    func chart(curve: LossCurve) -> Chart {
        var data = DataFile(columns: ["learning rate", "steps to converge"],
                            notes: ["Lesson 4: steps until |w − w*| ≤ tolerance, for 240 learning rates on \(curve.formula)"])
        data.add("rates that converged", rows: trials.compactMap { trial in
            guard case .converged(let step) = trial.outcome else { return nil }
            return [trial.path.learningRate, Double(max(step, 1))]
        })
        var chart = Chart(name: "rate-sweep", title: "Steps to converge against the learning rate, on \(curve.formula)", data: data, commands: [])
        chart.commands = [
            "set xlabel \"learning rate η\"", "set ylabel \"steps until |w − w*| ≤ tolerance (log scale)\"",
            "set logscale y", "set xrange [0:\(formatForData(trials.last!.path.learningRate))]", "set yrange [0.8:*]",
            "unset key",
            "# The regions, shaded behind the curve.",
        ] + regionCommands() + [
            "set arrow from graph 0, first \(budget) to graph 1, first \(budget) nohead ls 8",
            "set label \"budget: \(budget) steps\" at graph 0.01, first \(budget) offset 0,0.6 font \",9\"",
            "plot " + chart.series(0, using: "1:2", style: "points ls 1 pt 7 ps 0.6"),
        ]
        return chart
    }

    /// A shaded rectangle and a label for every run of neighbouring rates in the same regime.
    func regionCommands() -> [String] {
        let colours: [LearningRateRegime: String] = [.slow: "#56B4E9", .fast: "#009E73", .oscillating: "#E69F00", .divergent: "#D55E00"]
        var commands: [String] = []
        var runStart = 0
        let step = trials[0].path.learningRate
        for index in trials.indices {
            let regime = regime(of: trials[index])
            let runEnds = index == trials.count - 1 || self.regime(of: trials[index + 1]) != regime
            guard runEnds else { continue }
            let left = max(0, trials[runStart].path.learningRate - step / 2), right = trials[index].path.learningRate + step / 2
            commands.append("set object rect from \(formatForData(left)), graph 0 to \(formatForData(right)), graph 1 "
                + "fc rgb \"\(colours[regime]!)\" fs transparent solid 0.18 noborder behind")
            commands.append("set label \"\(regime.rawValue)\" at \(formatForData((left + right) / 2)), graph 0.95 center font \",11\"")
            runStart = index + 1
        }
        if let theory {
            for (x, name) in [(theory.oscillationThreshold, "1/(2a)"), (theory.divergenceThreshold, "1/a")] {
                commands.append("set arrow from \(formatForData(x)), graph 0 to \(formatForData(x)), graph 0.9 nohead ls 8 lc rgb \"#333333\"")
                commands.append("set label \"\(name)\" at \(formatForData(x)), graph 0.03 offset 0.5,0 font \",10\"")
            }
        }
        return commands
    }
}
