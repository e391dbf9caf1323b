import Backprop
import Experiments

/// The tables of descents on a curve, as lessons 3, 4 and 14 print them.
extension CurveDescentResult {
    /// Run `index` step by step: w, L(w), the slope and the step taken. A long run shows its first
    /// 20 and last 4 steps, with a gap between them.
    public func stepTable(_ index: Int) -> Table {
        var table = Table(["step", "w", "L(w)", "dL/dw", "step taken"])
        let steps = runs[index].path.steps
        let all = steps.map { Optional($0) }
        let shown = all.count > 26 ? Array(all.prefix(20)) + [nil] + Array(all.suffix(4)) : all
        for step in shown {
            guard let step else {
                table.add(["…", "", "", "", ""])
                continue
            }
            let taken = step.index < steps.count - 1 ? steps[step.index + 1].w - step.w : nil
            table.add([
                String(step.index), Format.number(step.w, digits: 6),
                Format.number(step.loss, digits: 6),
                Format.number(step.slope, digits: 4),
                taken.map { Format.number($0, digits: 4) } ?? "",
            ])
        }
        return table
    }

    /// Every run in a row: its outcome, where it ended, whether it crossed w*, and on a bowl what
    /// the theory predicts for plain descent.
    public func outcomeTable() -> Table {
        let theory = runs.contains { $0.path.momentum == nil } ? bowl : nil
        let theoryColumns = theory == nil ? [] : ["theory", "agrees"]
        var table = Table(
            ["run", "result", "final w", "final L", "crossed w*", "regime"] + theoryColumns,
            leftAligned: [0, 1, 4, 5, 6, 7])
        for index in runs.indices {
            let run = runs[index]
            let times = run.path.crossings(of: run.target)
            let crossed = times == 0 ? "no" : Format.count(times, "time")
            var row = [
                label(index), outcomeWords(index), Format.number(run.path.final.w, digits: 5),
                Format.number(run.path.final.loss, digits: 4), crossed, run.regime.rawValue,
            ]
            if let theory {
                if run.path.momentum == nil {
                    let prediction = theory.prediction(run.path.learningRate)
                    row += [
                        prediction.rawValue, run.agrees(with: prediction) ? "yes" : "NO",
                    ]
                } else {
                    row += ["", ""]
                }
            }
            table.add(row)
        }
        return table
    }

    /// The outcome in a few words, for a table cell.
    func outcomeWords(_ index: Int) -> String {
        switch outcome(index) {
        case .converged(_, let step, _, _): return "converged at step \(step)"
        case .landedExactly(_, let step, _): return "on w* at step \(step)"
        case .passedBound(_, let step, _, _), .blewUp(_, let step):
            return "diverged at step \(step)"
        case .stillAway(_, let steps, _, _, _, _), .endedAsFar(_, _, let steps):
            return "not converged after \(Format.count(steps, "step"))"
        case .endedFarther: return "moved away from w*"
        default: return ""
        }
    }

    /// What update `k` of run `index` does, for `--step`: where it stands, the slope, the step,
    /// where it lands.
    public func update(_ k: Int, of index: Int) -> [String] {
        let steps = runs[index].path.steps
        let (here, next) = (steps[k], steps[k + 1])
        func n(_ x: Double) -> String { Format.number(x, digits: 6) }
        let eta = Format.number(runs[index].path.learningRate)
        let rule: String
        if let beta = runs[index].path.momentum {
            rule =
                "step v = β·v − η·dL/dw, β = \(Format.number(beta)), η = \(eta): v = "
                + "\(n(next.w - here.w))"
        } else {
            rule = "nudge −η·dL/dw = −\(eta) × \(n(here.slope)) = \(n(next.w - here.w))"
        }
        return [
            "at w = \(n(here.w)): L(w) = \(n(here.loss)), slope dL/dw = \(n(here.slope))",
            rule,
            "new w = \(n(next.w)), new L(w) = \(n(next.loss))",
        ]
    }

    /// Update `k` of every run side by side: a row per run, and a line for each run that has ended.
    public func updateTable(_ k: Int) -> [String] {
        let plain = runs.allSatisfy { $0.path.momentum == nil }
        let step = plain ? "nudge −η·dL/dw" : "step v"
        var table = Table(["run", "w", "L(w)", "slope dL/dw", step, "new w", "new L(w)"])
        var ended: [String] = []
        for index in runs.indices {
            let steps = runs[index].path.steps
            guard k + 1 < steps.count else {
                ended.append(
                    "\(label(index)) stopped at step \(steps.count - 1): "
                        + outcomeWords(index)
                )
                continue
            }
            let numbers = [
                steps[k].w, steps[k].loss, steps[k].slope, steps[k + 1].w - steps[k].w,
                steps[k + 1].w,
                steps[k + 1].loss,
            ]
            table.add([label(index)] + numbers.map { Format.number($0, digits: 5) })
        }
        return table.lines() + ended
    }
}
