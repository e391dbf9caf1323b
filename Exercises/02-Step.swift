// Exercise 2: one step of gradient descent.              Lesson 3 (`swift run lesson 3`)
//
// CampusX's update rule: move w against its slope, by the learning rate η times the slope.
//
//     w ← w − η·dL/dw
//
// Return the new w. Check it with `swift run exercises check 2`.

public func descentStep(w: Double, slope: Double, learningRate eta: Double) throws -> Double {
    throw NotYet()
}
