// Exercise 8: one step of mini-batch descent, with your own backward pass.   Lessons 7, 9, 10
//
// For every example of the batch:
//   - run it forward: `let pass = network.forward(example.input)` gives
//     `pass.weightedInputs[l]` (z of layer l + 1) and `pass.activations[l]` (a of layer l; 0 is
//     the input);
//   - δ of the last layer with your `outputError`, then, layer by layer going back, the layer's
//     gradient with your `layerGradient` and the δ before it with your `passBack`.
// Then average the examples' gradients with your `averageGradient`, and move every weight and
// bias with your `descentStep`: w ← w − η·∂C/∂w. Pass δ back through a layer's weights before
// you change them.
//
// `network.weights[l]` is the matrix into layer l + 1; `network.biases[l]` its biases.
// Check it with `swift run exercises check 8`; `swift run exercises train` uses it.

public func miniBatchStep(
    _ network: inout Network, batch: [Example], learningRate eta: Double
) throws {
    throw NotYet()
}
