import CheckChannel
import Exercises

/// The digits kept for training (`exercises train`).
nonisolated(unsafe) var kept: [Example] = []

/// Makes `call` with the learner's code: what it gave as numbers, or why it gave nothing.
func evaluate(_ call: Call) -> Answer {
    do {
        switch call {
        case .slope(let curve, let w, let h):
            return .numbers([try slope(of: { curve($0) }, at: w, nudge: h)])
        case .descentStep(let w, let slope, let eta):
            return .numbers([try descentStep(w: w, slope: slope, learningRate: eta)])
        case .exampleCost(let a, let y):
            return .numbers([try exampleCost(output: a, desired: y)])
        case .outputError(let a, let y, let z):
            return .numbers(try outputError(output: a, desired: y, weightedInputs: z))
        case .layerGradient(let delta, let a):
            let g = try layerGradient(error: delta, previousActivations: a)
            return .layerGradient(
                rows: g.weights.rows, columns: g.weights.columns, values: g.weights.values,
                biases: g.biases)
        case .passBack(let deltaNext, let weights, let z):
            return .numbers(try passBack(nextError: deltaNext, weights: weights, weightedInputs: z))
        case .averageGradient(let gradients):
            return .numbers(try averageGradient(gradients).flattened)
        case .miniBatchStep(var network, let batch, let eta):
            try miniBatchStep(&network, batch: batch, learningRate: eta)
            return .numbers(network.parameters)
        case .trainEpoch(var network, let examples, let batchSize, let eta, var generator):
            try trainEpoch(
                &network, examples: examples, batchSize: batchSize, learningRate: eta,
                generator: &generator)
            return .numbers(network.parameters)
        case .largestSteadyRate:
            return .rate(Exercises.largestSteadyRate)
        case .keepDigits(let pixels, let images, let labels):
            guard pixels > 0, images.count == pixels * labels.count else {
                return .threw("the digits did not fit together")
            }
            let bytes = [UInt8](images)
            // As the library reads them: each byte/256, and the label as ten numbers.
            kept = labels.indices.map { i in
                Example(
                    input: bytes[(i * pixels)..<((i + 1) * pixels)].map { Double($0) / 256 },
                    target: (0..<10).map { $0 == labels[i] ? 1 : 0 })
            }
            return .numbers([Double(kept.count)])
        case .trainKeptEpoch(var network, let batchSize, let eta, var generator):
            try trainEpoch(
                &network, examples: kept, batchSize: batchSize, learningRate: eta,
                generator: &generator)
            return .epoch(parameters: network.parameters, generator: generator)
        }
    } catch is NotYet {
        return .notYet
    } catch let stopped as Recorder.Refused {
        return .threw(stopped.reason)
    } catch {
        return .threw(String(describing: error))
    }
}
