// Exercise 7: averaging over a mini-batch.               Lesson 9 (`swift run lesson 9`)
//
// Each example of a mini-batch has its own wish list; the step follows their average. Return the
// gradient whose every weight and bias is the mean of that entry over `gradients`:
//
//     ∇C = (1/n) Σᵢ ∇C₀⁽ⁱ⁾
//
// A `Gradient` has `weights: [Matrix]` and `biases: [[Double]]`, one entry per layer;
// there is no network here for `Gradient(zerosLike:)`, so build the result from the first one.
// Check it with `swift run exercises check 7`.

public func averageGradient(_ gradients: [Gradient]) throws -> Gradient {
    throw NotYet()
}
