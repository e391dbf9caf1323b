// Exercise 1: the slope by central differences.          Lesson 1 (`swift run lesson 1`)
//
// 3Blue1Brown reads a derivative as sensitivity: nudge w a little to each side and see how much
// the loss moves. Measure the slope of f at w by nudging it by h to the right and to the left:
//
//     dL/dw ≈ (f(w + h) − f(w − h)) / 2h
//
// Check it with `swift run exercises check 1`; ask for a hint with `swift run exercises hint 1`.

public func slope(of f: (Double) -> Double, at w: Double, nudge h: Double) throws -> Double {
    throw NotYet()
}
