// Exercise 5: the nudges to one layer's weights and biases.   Lessons 7 (06:05) and 15
//
// Neurons that fire together wire together: the weight from neuron k of the previous layer into
// neuron j changes the cost in proportion to the activation aₖ it carries. The bias moves z one
// for one.
//
//     ∂C/∂w[j,k] = δⱼ·aₖ      (the matrix δ·aᵀ: one row per neuron j, one column per input k)
//     ∂C/∂b[j]   = δⱼ
//
// `Matrix(rows:columns:)` makes a matrix of zeros; set entries with `m[j, k] = …`.
// Check it with `swift run exercises check 5`.

public func layerGradient(
    error delta: [Double], previousActivations a: [Double]
) throws -> (weights: Matrix, biases: [Double]) {
    throw NotYet()
}
