import ExerciseKit
import Exercises

/// The learner's answers, from the `Exercises` folder, in the checker's slots. A stub's `NotYet`
/// becomes the checker's marker for "not done yet". Only ever read, so shared freely.
public let learner = Solutions(
    slope: { f, w, h in try guarded { try Exercises.slope(of: f, at: w, nudge: h) } },
    descentStep: { w, slope, eta in
        try guarded { try Exercises.descentStep(w: w, slope: slope, learningRate: eta) }
    },
    exampleCost: { a, y in try guarded { try Exercises.exampleCost(output: a, desired: y) } },
    outputError: { a, y, z in
        try guarded { try Exercises.outputError(output: a, desired: y, weightedInputs: z) }
    },
    layerGradient: { delta, a in
        try guarded { try Exercises.layerGradient(error: delta, previousActivations: a) }
    },
    passBack: { deltaNext, w, z in
        try guarded { try Exercises.passBack(nextError: deltaNext, weights: w, weightedInputs: z) }
    },
    averageGradient: { gradients in try guarded { try Exercises.averageGradient(gradients) } },
    miniBatchStep: { network, batch, eta in
        try guarded { try Exercises.miniBatchStep(&network, batch: batch, learningRate: eta) }
    },
    trainEpoch: { network, examples, size, eta, generator in
        try guarded {
            try Exercises.trainEpoch(
                &network, examples: examples, batchSize: size, learningRate: eta,
                generator: &generator)
        }
    },
    largestSteadyRate: Exercises.largestSteadyRate)

/// Runs the learner's code, turning its `NotYet` into the checker's marker.
func guarded<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch is NotYet { throw NotYetMarker() }
}
