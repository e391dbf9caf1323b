import Backprop
import LessonKit

/// `--step` on a path of (m, b), one mini-batch step at a time: where it stands, the gradient (from the
/// step itself, −Δ/η), the nudge, where it lands. Returns how many steps were taken when the learner
/// stopped early, nil when they went to the end (or did not step).
func walk(_ path: [[Double]], eta: Double, on data: LineFitData, stepper: Stepper?) -> Int? {
    guard let stepper else { return nil }
    for k in path.indices.dropLast() {
        let (here, next) = (path[k], path[k + 1]), nudge = [next[0] - here[0], next[1] - here[1]]
        func pair(_ p: [Double]) -> String { "(\(Format.number(p[0], digits: 5)), \(Format.number(p[1], digits: 5)))" }
        guard stepper.show("mini-batch step \(k + 1) of \(path.count - 1)", [
            "at (m, b) = \(pair(here)): the cost of all \(data.x.count) points is \(Format.number(data.cost(m: here[0], b: here[1]), digits: 5))",
            "this mini-batch's gradient (∂C/∂m, ∂C/∂b) = \(pair(nudge.map { -$0 / eta })); nudge −η·∇C = \(pair(nudge))",
            "new (m, b) = \(pair(next)), new cost \(Format.number(data.cost(m: next[0], b: next[1]), digits: 5))",
        ]) else { return k }
    }
    return nil
}
