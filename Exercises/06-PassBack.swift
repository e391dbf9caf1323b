// Exercise 6: passing δ back a layer.         Lessons 7 and 15 (`swift run lesson 15`)
//
// Every neuron j of the next layer has a wish for neuron k of this layer, in proportion to the
// weight w[j,k] between them; add the wishes up, then go through this layer's sigmoid:
//
//     δₖ = (Σⱼ w[j,k]·δ′ⱼ) · σ′(zₖ)      that is, δ = (Wᵀ·δ′) ⊙ σ′(z)
//
// W has one row per neuron of the next layer (j) and one column per neuron of this layer (k).
// Check it with `swift run exercises check 6`.

public func passBack(
    nextError deltaNext: [Double], weights: Matrix, weightedInputs z: [Double]
) throws -> [Double] {
    throw NotYet()
}
