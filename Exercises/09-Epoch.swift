// Exercise 9: one epoch of mini-batch SGD.               Lesson 12 (`swift run lesson 12`)
//
// "A drunk man stumbling quickly down a hill": shuffle the examples, cut them into mini-batches,
// and take one step with each (your `miniBatchStep`).
//
//   - `shuffledIndices(examples.count, using: &generator)` gives this epoch's order;
//   - `miniBatches(order, size: batchSize)` cuts it into batches of indices.
//
// Check it with `swift run exercises check 9`, then train the digit network with
// `swift run exercises train`.

public func trainEpoch(
    _ network: inout Network, examples: [Example], batchSize: Int, learningRate eta: Double,
    generator: inout SeededGenerator
) throws {
    throw NotYet()
}
