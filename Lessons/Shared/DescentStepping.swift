import Experiments
import LessonKit

extension LessonContext {
    /// With `--step`, shows the experiment's updates one at a time, every run side by side, and
    /// returns how many were taken when the learner stopped early; nil when they went to the end
    /// or did not step. The lesson then runs the experiment for that many steps.
    func stepThrough(_ experiment: CurveDescent) -> Int? {
        guard let stepper else { return nil }
        let result = experiment.run()
        let longest = result.runs.map { $0.path.steps.count - 1 }.max() ?? 0
        for k in 0..<longest {
            let lines = result.runs.count == 1 ? result.update(k, of: 0) : result.updateTable(k)
            guard stepper.show("step \(k + 1) of \(longest)", lines) else { return k }
        }
        return nil
    }
}
