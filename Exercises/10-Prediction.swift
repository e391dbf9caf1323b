// Exercise 10: a prediction.                             Lesson 4 (`swift run lesson 4`)
//
// Descent on the bowl L(w) = 2.5·(w − 3)² from w = 5. What is the largest learning rate η that
// still walks straight down to w* = 3, without ever jumping across it? Work it out on paper
// (one step multiplies w − w* by a factor: which?), write your number below, then check it with
// `swift run exercises check 10`: the checker tries the rates and shows what happens.

public let largestSteadyRate: Double? = nil
