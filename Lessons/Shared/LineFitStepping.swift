import Backprop
import LessonKit

extension LessonContext {
    /// `--step` on a path of (m, b), one mini-batch step at a time: where it stands, the gradient
    /// (from the step itself, −Δ/η), the nudge, where it lands. Returns how many steps were taken
    /// when the learner stopped early, nil when they went to the end (or did not step).
    public func walk(_ path: [[Double]], eta: Double, on data: LineFitData) -> Int? {
        guard let stepper else { return nil }
        func pair(_ p: [Double]) -> String {
            "(\(Format.number(p[0], digits: 5)), \(Format.number(p[1], digits: 5)))"
        }
        func cost(_ p: [Double]) -> String {
            Format.number(data.cost(m: p[0], b: p[1]), digits: 5)
        }
        for k in path.indices.dropLast() {
            let (here, next) = (path[k], path[k + 1])
            let nudge = [next[0] - here[0], next[1] - here[1]]
            let gradient = pair(nudge.map { -$0 / eta })
            let lines = [
                "at (m, b) = \(pair(here)): the cost of all \(data.x.count) points is "
                    + cost(here),
                "this mini-batch's gradient (∂C/∂m, ∂C/∂b) = \(gradient); nudge −η·∇C = "
                    + pair(nudge),
                "new (m, b) = \(pair(next)), new cost \(cost(next))",
            ]
            guard stepper.show("mini-batch step \(k + 1) of \(path.count - 1)", lines) else {
                return k
            }
        }
        return nil
    }
}
