/// Another run drawn beneath a chart as its baseline: the lesson book keeps the lesson's own run
/// on every chart of a slider's run, so that each position is a comparison.
extension Chart {
    /// This chart with `baseline`'s lines and paths beneath its own, in grey and dashed, each
    /// named "`label`: its own name" in the key. Nil when the two were not drawn alike (another
    /// kind, another number of panels), so there is nothing to lay one over the other.
    public func over(baseline: Chart, label: String) -> Chart? {
        guard let recipe, let under = baseline.recipe, recipe.plots.count == under.plots.count,
            (recipe.panels == nil) == (under.panels == nil)
        else { return nil }
        let plots = zip(recipe.plots, under.plots).map { plot, own -> Plot in
            var plot = plot
            let drawn = Set(plot.series.map { $0.points })
            let beneath = own.series.filter { series in
                series.look.isLine && !drawn.contains(series.points) && !series.onSecondAxis
            }.map { series in
                // Tangents stay segments; every other line is drawn dashed along its path.
                let look: Look = series.look == .segments ? .segments : .dashed
                return Series(
                    series.title.map { "\(label): \($0)" } ?? label,
                    look == .segments ? series.points : series.look.path(series.points),
                    look: look, colour: .guide, stoppedBecause: series.stoppedBecause)
            }
            plot.series = beneath + plot.series
            return plot
        }
        var chart: Chart
        if let panels = recipe.panels {
            chart = .panels(
                name, title: title, plots, columns: panels.columns, notes: recipe.notes,
                width: width, panelHeight: panels.panelHeight)
        } else {
            chart = .single(
                name, title: title, plots[0], notes: recipe.notes, width: width, height: height)
        }
        chart.animation = animation
        return chart
    }
}

extension Look {
    /// Whether the look draws a line, a path or steps (arrows from one point to the next), which
    /// a baseline can be drawn as.
    var isLine: Bool {
        switch self {
        case .line, .dashed, .path, .steps, .points, .arrows, .segments: true
        case .markers, .bars, .colouredPoints: false
        }
    }

    /// The points as a path: arrows become the path through their tails and the last head.
    func path(_ points: [[Double]]) -> [[Double]] {
        guard case .arrows = self, let last = points.last, last.count >= 4 else { return points }
        return points.map { [$0[0], $0[1]] } + [[last[0] + last[2], last[1] + last[3]]]
    }
}
