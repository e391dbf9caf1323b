import Foundation
import TestSupport
import Testing

@testable import Backprop
@testable import ExerciseKit

/// A mistake of our own, not one of the named classic ones: the exercise, what the mistaken code
/// does, the mistake planted, and words the diagnosis must say about its shape.
struct Plant: Sendable, CustomTestStringConvertible {
    let exercise: Int
    let what: String
    let solutions: Solutions
    let says: [String]

    var testDescription: String { "\(exercise): \(what)" }
}

/// δ·aᵀ, written out, with `weight` giving entry (j, k) from δⱼ and aₖ.
func layerGradient(
    _ delta: [Double], _ a: [Double], weight: (Double, Double) -> Double = (*)
) -> (weights: Matrix, biases: [Double]) {
    var w = Matrix(rows: delta.count, columns: a.count)
    for j in delta.indices {
        for k in a.indices { w[j, k] = weight(delta[j], a[k]) }
    }
    return (w, delta)
}

/// (Wᵀ·δ′) ⊙ σ′(z) for the neurons `ks`, zero for the others.
func passBack(_ deltaNext: [Double], _ w: Matrix, _ z: [Double], neurons ks: Range<Int>) -> [Double]
{
    (0..<w.columns).map { k in
        guard ks.contains(k) else { return 0 }
        return (0..<w.rows).map { w[$0, k] * deltaNext[$0] }.reduce(0, +)
            * Activation.sigmoid.derivative(z[k])
    }
}

/// The average of `gradients` divided by `divisor(n)` instead of n.
func averaged(_ gradients: [Gradient], dividingBy divisor: (Int) -> Double) -> Gradient {
    var sum = gradients[0]
    for g in gradients.dropFirst() { sum.add(g) }
    sum.scale(by: 1 / divisor(gradients.count))
    return sum
}

/// One mini-batch step done by hand, with `move` choosing how each layer's average gradient moves
/// its weights and biases.
func handStep(
    _ network: inout Network, _ batch: [Example], _ eta: Double,
    examplesUsed: ([Example]) -> [Example] = { $0 },
    move: (inout Network, Int, Gradient, Double) -> Void
) {
    let used = examplesUsed(batch)
    let average = network.gradient(over: used)
    for l in network.weights.indices { move(&network, l, average, eta) }
}

/// Moves layer `l`'s weights and biases by −η times the gradient.
func descendLayer(_ network: inout Network, _ l: Int, _ g: Gradient, _ eta: Double) {
    network.weights[l].values = zip(network.weights[l].values, g.weights[l].values).map {
        $0 - eta * $1
    }
    network.biases[l] = zip(network.biases[l], g.biases[l]).map { $0 - eta * $1 }
}

struct DiagnosisTests {
    static let plants: [Plant] = [
        Plant(
            exercise: 1, what: "/ 2 * h: the nudge multiplies instead of divides",
            solutions: planted { $0.slope = { f, w, h in (f(w + h) - f(w - h)) / 2 * h } },
            says: ["h² times the right one"]),
        Plant(
            exercise: 1, what: "the difference, never divided",
            solutions: planted { $0.slope = { f, w, h in f(w + h) - f(w - h) } },
            says: ["2h times the right one"]),
        Plant(
            exercise: 2, what: "the step scaled by w",
            solutions: planted { $0.descentStep = { w, slope, eta in w - eta * slope * w } },
            says: ["Right in the 8 cases where the slope is zero", "w times the right one"]),
        Plant(
            exercise: 2, what: "the slope divided by η",
            solutions: planted { $0.descentStep = { w, slope, eta in w - slope / eta } },
            says: ["1/η² times the right one"]),
        Plant(
            exercise: 2, what: "half a step",
            solutions: planted { $0.descentStep = { w, slope, eta in w - eta * slope / 2 } },
            says: ["½ times the right one"]),
        Plant(
            exercise: 2, what: "w returned as it came",
            solutions: planted { $0.descentStep = { w, _, _ in w } },
            says: ["never updated"]),
        Plant(
            exercise: 2, what: "the step alone, without w",
            solutions: planted { $0.descentStep = { _, slope, eta in -eta * slope } },
            says: ["where w is zero", "w less than the right one"]),
        Plant(
            exercise: 3, what: "a loop that stops before the last output",
            solutions: planted {
                $0.exampleCost = { a, y in squares(Array(a.dropLast()), Array(y.dropLast())) }
            },
            says: ["Right in the 8 cases where the last output is exactly right"]),
        Plant(
            exercise: 3, what: "a loop that starts at the second output",
            solutions: planted {
                $0.exampleCost = { a, y in squares(Array(a.dropFirst()), Array(y.dropFirst())) }
            },
            says: ["Right in the 8 cases where the first output is exactly right"]),
        Plant(
            exercise: 3, what: "divided by n − 1",
            solutions: planted { $0.exampleCost = { a, y in squares(a, y) / Double(a.count - 1) } },
            says: ["1/(n − 1) times the right one"]),
        Plant(
            exercise: 3, what: "2(a − y)², the slope's 2 in the cost",
            solutions: planted { $0.exampleCost = { a, y in 2 * squares(a, y) } },
            says: ["2 times the right one"]),
        Plant(
            exercise: 3, what: "a constant",
            solutions: planted { $0.exampleCost = { _, _ in 0.5 } },
            says: ["It gives 0.5 both for", "a constant or a table of values"]),
        Plant(
            exercise: 4, what: "the last output neuron left at zero",
            solutions: planted {
                $0.outputError = { a, y, z in
                    a.indices.map {
                        $0 == a.count - 1
                            ? 0 : 2 * (a[$0] - y[$0]) * Activation.sigmoid.derivative(z[$0])
                    }
                }
            },
            says: ["Only the last output neuron is wrong"]),
        Plant(
            exercise: 4, what: "one δ too few",
            solutions: planted {
                $0.outputError = { a, y, z in
                    a.indices.dropLast().map {
                        2 * (a[$0] - y[$0]) * Activation.sigmoid.derivative(z[$0])
                    }
                }
            },
            says: ["Wrong in all 30 cases", "there should be"]),
        Plant(
            exercise: 4, what: "the 2 applied twice",
            solutions: planted {
                $0.outputError = { a, y, z in
                    a.indices.map { 4 * (a[$0] - y[$0]) * Activation.sigmoid.derivative(z[$0]) }
                }
            },
            says: ["2 times the right one"]),
        Plant(
            exercise: 4, what: "divided by the number of outputs",
            solutions: planted {
                $0.outputError = { a, y, z in
                    a.indices.map {
                        2 * (a[$0] - y[$0]) * Activation.sigmoid.derivative(z[$0]) / Double(a.count)
                    }
                }
            },
            says: ["1/n times the right one"]),
        Plant(
            exercise: 5, what: "the biases' gradient left at zero",
            solutions: planted {
                $0.layerGradient = { delta, a in
                    (layerGradient(delta, a).weights, delta.map { _ in 0 })
                }
            },
            says: ["Only ∂C/∂b is wrong", "is zero"]),
        Plant(
            exercise: 5, what: "aₖ squared",
            solutions: planted {
                $0.layerGradient = { delta, a in layerGradient(delta, a) { $0 * $1 * $1 } }
            },
            says: ["Only ∂C/∂w is wrong", "right exactly where an input is zero"]),
        Plant(
            exercise: 5, what: "a square matrix of a.count × a.count",
            solutions: planted {
                $0.layerGradient = { delta, a in
                    var w = Matrix(rows: a.count, columns: a.count)
                    for j in 0..<min(delta.count, a.count) {
                        for k in a.indices { w[j, k] = delta[j] * a[k] }
                    }
                    return (w, delta)
                }
            },
            says: [
                "Right in the 8 cases where the layer is square", "there should be",
                "one row per neuron it leads into",
            ]),
        Plant(
            exercise: 5, what: "a loop that stops before the last input",
            solutions: planted {
                $0.layerGradient = { delta, a in
                    var w = Matrix(rows: delta.count, columns: a.count)
                    for j in delta.indices {
                        for k in 0..<(a.count - 1) { w[j, k] = delta[j] * a[k] }
                    }
                    return (w, delta)
                }
            },
            says: ["Only the last column is wrong"]),
        Plant(
            exercise: 6, what: "one δ per neuron of the next layer",
            solutions: planted {
                $0.passBack = { deltaNext, w, z in
                    (0..<w.rows).map { k in
                        k < w.columns
                            ? passBack(deltaNext, w, z, neurons: 0..<w.columns)[k] : 0
                    }
                }
            },
            says: ["Right in the 8 cases where the layer is square", "there should be"]),
        Plant(
            exercise: 6, what: "the last neuron left out",
            solutions: planted {
                $0.passBack = { deltaNext, w, z in
                    passBack(deltaNext, w, z, neurons: 0..<(w.columns - 1))
                }
            },
            says: ["Only the last neuron is wrong"]),
        Plant(
            exercise: 6, what: "the cost's 2 carried back again",
            solutions: planted {
                $0.passBack = { deltaNext, w, z in
                    passBack(deltaNext, w, z, neurons: 0..<w.columns).map { 2 * $0 }
                }
            },
            says: ["2 times the right one"]),
        Plant(
            exercise: 7, what: "divided by n − 1",
            solutions: planted {
                $0.averageGradient = { averaged($0) { Double($0 - 1) } }
            },
            says: ["n/(n − 1) times the right one"]),
        Plant(
            exercise: 7, what: "the last gradient left out of the sum",
            solutions: planted {
                $0.averageGradient = { gradients in
                    var sum = gradients[0]
                    for g in gradients.dropFirst().dropLast() { sum.add(g) }
                    sum.scale(by: 1 / Double(gradients.count))
                    return sum
                }
            },
            says: ["where the batch holds one gradient, wrong in every other"]),
        Plant(
            exercise: 7, what: "the first gradient only",
            solutions: planted { $0.averageGradient = { $0[0] } },
            says: ["where the batch holds one gradient, wrong in every other"]),
        Plant(
            exercise: 7, what: "the weights averaged, the biases summed",
            solutions: planted {
                $0.averageGradient = { gradients in
                    var average = averaged(gradients) { Double($0) }
                    average.biases = averaged(gradients) { _ in 1 }.biases
                    return average
                }
            },
            says: ["Only biases are wrong; every weight is right.", "n times the right one"]),
        Plant(
            exercise: 8, what: "only the last layer moved",
            solutions: planted {
                $0.miniBatchStep = { network, batch, eta in
                    let last = network.weights.count - 1
                    handStep(&network, batch, eta) { network, l, g, eta in
                        if l == last { descendLayer(&network, l, g, eta) }
                    }
                }
            },
            says: [
                "where the network has one layer of weights",
                "Every layer but the last is wrong", "never updated",
            ]),
        Plant(
            exercise: 8, what: "the first example's gradient only",
            solutions: planted {
                $0.miniBatchStep = { network, batch, eta in
                    handStep(&network, batch, eta, examplesUsed: { [$0[0]] }, move: descendLayer)
                }
            },
            says: ["Right in the 3 cases where the batch holds one example"]),
        Plant(
            exercise: 8, what: "averaged over n − 1",
            solutions: planted {
                $0.miniBatchStep = { network, batch, eta in
                    network.train(
                        miniBatch: batch,
                        learningRate: eta * Double(batch.count)
                            / Double(batch.count - 1))
                }
            },
            says: ["n/(n − 1) times the right one"]),
        Plant(
            exercise: 8, what: "the biases moved up the gradient",
            solutions: planted {
                $0.miniBatchStep = { network, batch, eta in
                    handStep(&network, batch, eta) { network, l, g, eta in
                        let biases = network.biases[l]
                        descendLayer(&network, l, g, eta)
                        network.biases[l] = zip(biases, g.biases[l]).map { $0 + eta * $1 }
                    }
                }
            },
            says: ["Only biases are wrong; every weight is right.", "with the opposite sign"]),
        Plant(
            exercise: 9, what: "the network never trained",
            solutions: planted { $0.trainEpoch = { _, _, _, _, _ in } },
            says: ["never updated"]),
    ]

    @Test(
        "Each planted mistake of our own is wrong, not named, and its shape said", arguments: plants
    )
    func diagnosed(_ plant: Plant) {
        let verdict = Checker.check(plant.exercise, plant.solutions)
        guard case .wrong(let mistake, let explanation) = verdict else {
            Issue.record("\(plant.what) passed: \(verdict)")
            return
        }
        #expect(mistake == nil, "\(plant.what) was called \(mistake ?? "")")
        for words in plant.says {
            #expect(explanation.contains(words), "\(plant.what): \(explanation)")
        }
        #expect(!explanation.contains("no simple pattern"), "\(explanation)")
    }

    @Test("A neighbour's value and an offset are said as such, on answers made up for it")
    func madeUp() {
        let layout = Layout.vector("δ", 4, unit: "neuron")
        let shifted = Diagnosis(trials: [
            Trial(label: "A", layout: layout, expected: [1, 2, 3, 4], got: [2, 3, 4, 4]),
            Trial(label: "B", layout: layout, expected: [5, 1, 7, 2], got: [1, 7, 2, 2]),
        ])
        #expect(shifted.neighbour?.contains("the right value of the next entry") == true)
        #expect(shifted.sentences.contains { $0.contains("index one off") })
        let offset = Diagnosis(trials: [
            Trial(label: "A", layout: layout, expected: [1, 2, 3, 4], got: [1.5, 2.5, 3.5, 4.5]),
            Trial(
                label: "B", layout: layout, expected: [0, -1, 4, 2], got: [0.5, -0.5, 4.5, 2.5]),
        ])
        #expect(offset.sentences.contains { $0.hasPrefix("Every wrong value is 0.5 more") })
        // Off by amounts that change from case to case, with no quantity to explain them.
        let drifting = Diagnosis(trials: [
            Trial(label: "A", layout: layout, expected: [1, 2, 3, 4], got: [1.5, 2.5, 3.5, 4.5]),
            Trial(label: "B", layout: layout, expected: [0, -1, 4, 2], got: [3, 2, 7, 5]),
        ])
        #expect(drifting.sentences.contains { $0.contains("the amount changes from case to case") })
    }

    @Test("There are at least 30 planted mistakes")
    func enough() {
        #expect(Self.plants.count >= 30)
    }
}
