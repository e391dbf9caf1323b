import ExerciseKit
import LessonKit

/// One stop of the one-hour class: the minutes it takes, the part of the video to play, the
/// lesson to show on the projector and what to show in it, and the question for the room.
struct ClassStop {
    let minutes: ClosedRange<Int>
    let video: Video
    /// The part of the video to play before the lesson, with its timestamps where the video
    /// gives them.
    let play: String
    let lesson: Int
    /// What to show of the lesson's page on the projector.
    let show: String
    /// The question for the room when the lesson asks none itself (`--predict`), with its
    /// answer: theory from the video, the same whatever the run.
    let asked: (question: String, answer: String)?

    init(
        _ minutes: ClosedRange<Int>, _ video: Video, play: String, lesson: Int, show: String,
        asked: (question: String, answer: String)? = nil
    ) {
        self.minutes = minutes
        self.video = video
        self.play = play
        self.lesson = lesson
        self.show = show
        self.asked = asked
    }

    /// "0–12".
    var span: String { "\(minutes.lowerBound)–\(minutes.upperBound)" }
}

/// One hour, five lessons, in the order the videos build the idea: the update rule and the
/// learning rate (CampusX), then one example's wish list, the same wish list as the chain rule,
/// and mini-batches (3Blue1Brown). The minutes add up to 60.
let oneHourClass: [ClassStop] = [
    ClassStop(
        0...10, .campusX,
        play: "the derivative and the gradient, then the update rule w ← w − η·∂L/∂w",
        lesson: 3,
        show: "The path on the curve and the slope at each step; then move the slider past "
            + "η = 0.5 and ask why the path now crosses the minimum."),
    ClassStop(
        10...20, .campusX, play: "the learning-rate demo", lesson: 4,
        show: "Ask first. Then move the slider from η = 0.01 to 1.5 beside the four rates of the "
            + "demo: past 0.5 the path crosses the minimum, from 1 on it never settles."),
    ClassStop(
        20...32, .threeBlueOneBrown,
        play: "from 02:05 (the gradient as sensitivity) to just past 06:05 (fire together, wire "
            + "together): one example's wish list",
        lesson: 7,
        show: "The output layer's wishes for one handwritten 2, then the weights that matter "
            + "most and the nudges into one hidden neuron.",
        asked: (
            "To raise the right digit's output activation, what three things can change?",
            "Its bias; its weights, each in proportion to the activation it carries (fire "
                + "together, wire together); and the previous layer's activations, each in "
                + "proportion to its weight."
        )),
    ClassStop(
        32...44, .threeBlueOneBrown,
        play: "nothing new: this stop goes beyond chapter 3 (its chapter 4 derives the same), "
            + "so replay the wish list from 06:05",
        lesson: 15,
        show: "The chain graph, one local derivative on every arrow, and the five links "
            + "multiplied; then the same formulas with the digit's own numbers.",
        asked: (
            "∂C/∂w¹ is the product of five links. If a neuron saturates, so that its σ′ is nearly "
                + "0, what becomes of ∂C/∂w¹?",
            "It is nearly 0 too: one factor near 0 makes the whole product near 0, so a "
                + "saturated neuron passes almost nothing back."
        )),
    ClassStop(
        44...60, .threeBlueOneBrown,
        play: "after 06:05 to the end: every example's wish list averaged, then from 10:17 "
            + "mini-batches, “a drunk man stumbling quickly down a hill”",
        lesson: 10,
        show: "Ask first. The full batch averages every wish list before each careful step; "
            + "move the slider through mini-batch sizes from 1 to 5,000 beside it: quick "
            + "stumbling steps against careful ones."),
]

/// The lessons set for reading after class.
let afterClass = [9, 8, 1, 2, 5, 6, 11, 12, 13, 14]

/// The exercises set as homework: those of the hour's lessons, and those they use, each with
/// the lessons that explain it.
var homework: [Exercise] {
    let lessons = Set(oneHourClass.map(\.lesson))
    let taught = exerciseCatalog.filter { !lessons.isDisjoint(with: $0.lessons) }
    let used = Set(taught.flatMap(\.uses) + taught.map(\.number))
    return exerciseCatalog.filter { used.contains($0.number) }
}
