import ArgumentParser
import Backprop
import LessonKit
import Plotting

/// Lesson 4: the same valley, several learning rates.
/// CampusX, "Backpropagation Part 3", the learning-rate demo: small is slow, large overshoots
/// and oscillates, and past a threshold it never settles.
struct LearningRates: Lesson {
    static let info = LessonInfo(
        number: 4, slug: "learning-rates", title: "Learning-rate comparison", video: .campusX,
        segment: "the learning-rate demo",
        summary: "Slow, good, oscillating and divergent rates on one curve, measured against the exact theory.")

    @OptionGroup var common: LessonOptions
    @Option(parsing: .unconditional, help: "Learning rates to compare, comma-separated.")
    var rates = NumberList([0.05, 0.2, 0.9, 1.1])
    @Option(help: curveHelp)
    var curve: LossCurve = .quadratic
    @Option(parsing: .unconditional, help: startHelp)
    var start: Double?
    @Option(help: "The step budget: a rate that has not converged by then is called slow.")
    var steps = 50
    @Option(help: "Converged means |w − w*| ≤ this.")
    var tolerance = 1e-3
    @OptionGroup var animation: AnimationOptions

    /// A descent whose |w| runs past this bound is stopped and called divergent.
    static let divergenceBound = 1e3

    static let suggestions = [
        Suggestion(["--rates", "0.45,0.5,0.55"], "Either side of 1/(2a) = 0.5, and exactly on it."),
        Suggestion(["--rates", "0.99,1,1.01", "--steps", "200"], "Around 1/a = 1, where the jumps stop shrinking."),
        Suggestion(["--curve", "steep"], "Five times the curvature: every threshold is five times lower."),
        Suggestion(["--curve", "double-well", "--rates", "0.01,0.1,0.5"], "Two valleys: which one does each rate end in? (more in lesson 13)"),
    ]

    func validate() throws {
        try rates.values.forEach { try Check.positive($0, "each rate in --rates"); try Check.atMost($0, "each rate in --rates", 1e6) }
        try Check.count(rates.values.count, "the number of rates in --rates", in: 1...8)
        if let start { try Check.within(start, "--start", -999...999) }
        try Check.count(steps, "--steps", in: 1...10_000)
        try Check.positive(tolerance, "--tolerance"); try Check.atMost(tolerance, "--tolerance", 1)
    }

    /// What this run found: each rate's verdict, and the sweep of many rates.
    struct Result {
        let trials: [LearningRateTrial]
        let theory: BowlTheory?
        let sweep: LearningRateSweep
        let start: Double
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say, w0 = start ?? curve.defaultStart
        let theory = curve.bowlCurvature.map(BowlTheory.init)
        say.video("the learning-rate demo",
            "The learning rate η sets the length of every step. Too small and training is slow; too large and "
            + "each step overshoots the minimum, so w jumps from side to side; larger still and it never settles.")
        say.compute(
            "Descent on \(curve.formula) from w = \(Format.number(w0)) with η = \(Format.list(rates.values)), at most "
            + "\(Format.count(steps, "step")) each. Converged means |w − w*| ≤ \(Format.number(tolerance)); oscillated means "
            + "w − w* changed sign; diverged means w ended further from w* than it began, or |w| passed "
            + "\(Format.count(Int(Self.divergenceBound))), where the run is stopped.")

        let questions = ["Which of η = \(Format.list(rates.values)) will jump across the minimum at least once? (list them, or none)",
                         "Which will diverge? (list them, or none)"]
        let answers = try lesson.ask(questions)
        let run = { (budget: Int) in self.rates.values.map {
            LearningRateTrial(self.curve, from: w0, learningRate: $0, budget: budget, tolerance: self.tolerance, divergenceBound: Self.divergenceBound)
        } }
        // --step: one update of every rate at a time; stopped after k of them, the lesson goes on with those k.
        let trials = run(lesson.stepper.flatMap { stepSideBySide(run(steps), bound: Self.divergenceBound, stepper: $0) } ?? steps)
        let top = theory.map { 1.25 * $0.divergenceThreshold } ?? 1.25 * (rates.values.max() ?? 1)
        let sweep = LearningRateSweep(curve, from: w0, upTo: top, budget: steps, tolerance: tolerance, divergenceBound: Self.divergenceBound)
        let result = lesson.keep(Result(trials: trials, theory: theory, sweep: sweep, start: w0))

        var table = Table(["η", "result", "final w", "final L", "oscillated", "regime"] + (theory == nil ? [] : ["theory", "agrees"]),
                          leftAligned: [1, 4, 5, 6, 7])
        for trial in trials {
            let prediction = theory?.prediction(trial.path.learningRate)
            table.add([Format.number(trial.path.learningRate), trial.outcome.summary, Format.number(trial.path.final.w, digits: 5),
                       Format.number(trial.path.final.loss, digits: 4), trial.oscillated ? "yes" : "no", trial.regime.rawValue]
                      + (prediction.map { [$0.rawValue, $0.agrees(with: trial.regime) ? "yes" : "NO"] } ?? []))
        }
        say.results("\(trials.count) learning rates on \(curve.formula)", table)
        if let theory {
            say.results("The theory for a bowl L = a·(w − w*)², here a = \(Format.number(theory.curvature))", lines: [
                "Each step multiplies w − w* by (1 − 2aη). Monotone for η < 1/(2a) = \(Format.number(theory.oscillationThreshold)); "
                + "oscillating but converging for 1/(2a) < η < 1/a = \(Format.number(theory.divergenceThreshold)); diverging for η > 1/a.",
                "Measured over \(sweep.trials.count) rates up to \(Format.number(top)): the behaviour matched the theory for "
                + "\(sweep.agreements(with: theory)) of them.",
            ])
        }

        let charts = DescentCharts(curve: curve, trials: trials, bound: Self.divergenceBound)
        try lesson.draw([charts.lossByStep(), charts.paths(), charts.sweep(sweep, theory: theory)]
                        + (animation.animation.map { [charts.animated("learning-rates-animation", $0)] } ?? []), live: animation.live)
        if let answers {
            lesson.reveal([.members(questions[0], answers[0], actual: trials.filter(\.oscillated).map(\.path.learningRate), did: "jumped across w*"),
                           .members(questions[1], answers[1], actual: trials.filter { $0.regime == .divergent }.map(\.path.learningRate), did: "diverged")])
        }
        say.notice(result.notices)
        lesson.suggest(Self.suggestions)
    }
}

extension DescentOutcome {
    /// "converged in 15 steps", "diverged at step 34", "not converged after 50 steps".
    var summary: String {
        switch self {
        case .converged(let step): return "converged in \(Format.count(step, "step"))"
        case .diverged(let step): return "diverged at step \(step)"
        case .notConverged(let steps): return "not converged after \(Format.count(steps, "step"))"
        }
    }
}

extension LearningRates.Result {
    /// One sentence per rate, chosen by what that rate did in this run.
    var notices: [String] { trials.map(sentence) }

    func sentence(_ trial: LearningRateTrial) -> String {
        let eta = "η = \(Format.number(trial.path.learningRate))"
        let distance = abs(trial.path.final.w - trial.target), began = abs(start - trial.target)
        let factor = theory.map { " (each step multiplies w − w* by 1 − 2aη = \(Format.number($0.stepFactor(trial.path.learningRate))))" } ?? ""
        if let exact = trial.path.steps.first(where: { $0.w == trial.target && $0.index > 0 }) {
            return "\(eta) lands exactly on the minimum w* = \(Format.number(trial.target)) at step \(exact.index)\(factor)."
        }
        switch (trial.regime, trial.outcome) {
        case (.slow, .notConverged(let n)):
            return "\(eta) walks straight down but after \(Format.count(n, "step")) is still \(Format.number(distance, digits: 3)) from w*: slow\(factor)."
        case (.fast, .converged(let n)):
            return "\(eta) walks straight down without crossing the minimum and converges in \(Format.count(n, "step"))\(factor)."
        case (.oscillating, .converged(let n)):
            return "\(eta) overshoots: every step lands on the other side of the valley, yet the zig-zag shrinks and converges in \(Format.count(n, "step"))\(factor)."
        case (.oscillating, .notConverged(let n)) where abs(distance - began) <= 1e-9 * max(began, 1):
            return "\(eta) jumps from side to side and after \(Format.count(n, "step")) is exactly as far from w* as it started: the jumps neither grow nor shrink\(factor)."
        case (.oscillating, .notConverged(let n)):
            return "\(eta) zig-zags across the valley and after \(Format.count(n, "step")) is still \(Format.number(distance, digits: 3)) from w*\(factor)."
        case (.divergent, .diverged(let n)):
            return "\(eta) overshoots further at every step: |w| passed \(Format.count(Int(LearningRates.divergenceBound))) at step \(n), and the run was stopped. More steps cannot help\(factor)."
        default:
            return "\(eta) ends \(Format.number(distance, digits: 3)) from w*, further than the \(Format.number(began, digits: 3)) it began at: the jumps grow\(factor)."
        }
    }
}
