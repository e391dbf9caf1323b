/// Stochastic gradient descent, as the video closes: "a drunk man stumbling quickly down a hill".
///
/// Instead of averaging the wish lists of every training example before taking one careful
/// step, shuffle the examples, cut them into mini-batches, and take a step after each
/// mini-batch using the average of just its wish lists. One pass over all the examples is an
/// epoch. Each step is less accurate, but there are many more of them for the same work.

extension Network {
    /// One step of mini-batch descent: the average gradient of the batch, then w ← w − η·∇C.
    public mutating func train(miniBatch: [Example], learningRate: Double) {
        descend(along: gradient(over: miniBatch), learningRate: learningRate)
    }

    /// One epoch of SGD over `examples`, shuffled by `generator`, in mini-batches of `batchSize`.
    /// `afterBatch` is told how many examples have been processed so far.
    public mutating func trainEpoch(
        _ examples: [Example], batchSize: Int, learningRate: Double,
        generator: inout SeededGenerator,
        afterBatch: (Int) -> Void = { _ in }
    ) {
        var done = 0
        for batch in miniBatches(
            shuffledIndices(examples.count, using: &generator), size: batchSize)
        {
            train(miniBatch: batch.map { examples[$0] }, learningRate: learningRate)
            done += batch.count
            afterBatch(done)
        }
    }

    /// The digit the network believes it sees: the index of its largest output.
    public func prediction(for input: [Double]) -> Int {
        let output = output(for: input)
        return output.indices.max { output[$0] < output[$1] } ?? 0
    }

    /// The fraction of `examples` whose largest output is at the one-hot target's 1.
    public func accuracy(_ examples: [Example]) -> Double {
        guard !examples.isEmpty else { return 0 }
        let correct = examples.filter { example in
            prediction(for: example.input)
                == example.target.indices.max { example.target[$0] < example.target[$1] }
        }.count
        return Double(correct) / Double(examples.count)
    }
}
