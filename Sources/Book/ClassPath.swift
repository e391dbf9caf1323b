import ExerciseKit
import LessonKit

/// A suggested path through both videos for a one-hour class: each part follows its video's
/// order, with the lessons to show and the exercises to set.
struct ClassPart {
    let minutes: String
    let video: Video
    /// What the video covers in this part.
    let covers: String
    let lessons: [Int]
    /// What to do in class with the lessons.
    let plan: String

    /// The exercises that go with the part's lessons.
    var exercises: [Exercise] {
        exerciseCatalog.filter { lessons.contains($0.lesson) }
    }
}

/// One hour: CampusX's "why" first (loss, slope, update rule, learning rate), then 3Blue1Brown's
/// intuition for backpropagation itself (cost, wish lists, averaging, mini-batches).
let oneHourClass: [ClassPart] = [
    ClassPart(
        minutes: "0–8", video: .campusX, covers: "the loss depends on every parameter",
        lessons: [5],
        plan: "Show the nine parameters and the loss as a slice through one of them."),
    ClassPart(
        minutes: "8–16", video: .campusX,
        covers: "derivative and gradient; minima by setting the derivative to zero",
        lessons: [1, 2],
        plan: "Move lesson 1's nudge slider down to 1e-14 and watch rounding take over."),
    ClassPart(
        minutes: "16–28", video: .campusX,
        covers: "the update rule w ← w − η·∂L/∂w and the learning-rate demo",
        lessons: [3, 4],
        plan:
            "Ask lesson 4's questions first, then sweep η through 1/(2a) and 1/a on the "
            + "projector."),
    ClassPart(
        minutes: "28–33", video: .campusX, covers: "convergence and epochs", lessons: [11],
        plan: "Slide η and read off how many epochs each run needs."),
    ClassPart(
        minutes: "33–41", video: .threeBlueOneBrown,
        covers: "the cost as the average squared error; the gradient as sensitivity (02:05)",
        lessons: [6, 8],
        plan: "One digit's cost, then the gradient checked three ways."),
    ClassPart(
        minutes: "41–50", video: .threeBlueOneBrown,
        covers: "one example's wish list, fire together, wire together (06:05), averaging",
        lessons: [7, 9],
        plan: "Read one wish list aloud, then average many and ask whether they agree."),
    ClassPart(
        minutes: "50–60", video: .threeBlueOneBrown,
        covers: "mini-batch stochastic gradient descent, the drunk man (10:17)",
        lessons: [10, 12],
        plan: "Slide the mini-batch size from 1 to 10,000: quick stumbles against careful steps."),
]

/// Lessons the hour leaves for afterwards.
let afterClass = [13, 14]
