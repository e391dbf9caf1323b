// Exercise 4: the output layer's error δᴸ.     Lessons 7 and 15 (`swift run lesson 15`)
//
// How much the cost changes with each output neuron's weighted input zⱼ: the cost's slope with
// respect to the activation, 2(aⱼ − yⱼ), times the sigmoid's slope at zⱼ (chain rule):
//
//     δᴸ = 2(aᴸ − y) ⊙ σ′(zᴸ)          (⊙: entry by entry; σ′ is `sigmoidSlope(z)`)
//
// Return one δ per output neuron. Check it with `swift run exercises check 4`.

public func outputError(
    output a: [Double], desired y: [Double], weightedInputs z: [Double]
) throws -> [Double] {
    throw NotYet()
}
