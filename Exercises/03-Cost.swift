// Exercise 3: the cost of one example.                   Lesson 6 (`swift run lesson 6`)
//
// The network's output activations aⱼ against the desired outputs yⱼ (1 for the right digit,
// 0 for the others). Add up the squared differences; no ½ in front, as in the video:
//
//     C₀ = Σⱼ (aⱼ − yⱼ)²
//
// Check it with `swift run exercises check 3`.

public func exampleCost(output a: [Double], desired y: [Double]) throws -> Double {
    throw NotYet()
}
