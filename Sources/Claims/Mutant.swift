/// A fault put into a claim chooser on purpose, for the mutation tests: each breaks one chooser
/// the way a slip in writing it would (a comparison flipped, a step off by one, a tolerance wrong,
/// two labels swapped). No lesson ever runs with one: only a test switches one on, for its own
/// task (a task-local value), and the generated runs must then catch the false sentences.
public enum Mutant: String, CaseIterable, Sendable {
    case slopeLabelsSwapped
    case minimumOffByOne
    case convergedStepOffByOne
    case crossingsToleranceWrong
    case sweepTopIsFirst
    case momentumStepsSwapped
    case studentsRiseFlipped
    case costWorstFlipped
    case wishLabelOffByOne
    case gradientToleranceWrong
    case averageDigitOffByOne
    case raceExamplesOffByOne
    case fewestEpochsOffByOne
    case trainingUntrainedSwapped
    case valleyCloserFlipped
    case chainToleranceWrong

    /// The mutant switched on for this task, if any.
    @TaskLocal public static var active: Mutant?

    /// `value`, or what `broken` makes of it while this mutant is switched on.
    public func apply<Value>(_ value: Value, _ broken: (Value) -> Value) -> Value {
        Mutant.active == self ? broken(value) : value
    }
}
