import ArgumentParser
import Experiments
import Foundation
import TestSupport
import Testing

@testable import Backprop
@testable import Datasets
@testable import LessonKit
@testable import Lessons

/// The facts lessons 5 to 9 state, proved.
struct NetworkLessonTests {
    @Test(
        """
        Lesson 5: training is deterministic, epoch 0 is the untrained network, and the loss falls \
        at η = 0.001
        """
    )
    func lesson5Training() throws {
        let first = try runLesson(OneWeight.self, ["--no-render"])
        let second = try runLesson(OneWeight.self, ["--no-render", "--quiet"])
        let result = first.result
        let rows = try first.rows("loss-by-epoch.dat", block: 0)
        #expect(rows.map { $0[0] } == [0, 1, 2, 3, 4, 5])
        #expect(try first.file("loss-by-epoch.dat") == second.file("loss-by-epoch.dat"))
        // Every weight 0.1: ŷ = 0.32·cgpa-ish, far from the packages, so the untrained loss is
        // large.
        #expect(result.losses[0] > 20 && result.losses[5] < 2)
        #expect(zip(result.losses, result.losses.dropFirst()).allSatisfy { $1 < $0 })
        let fell = "The mean loss fell over 5 epochs, never rising, from 28.02 to 0.7736"
        #expect(first.notice.contains(fell))
        // The notebook's numbers: each epoch's mean of the row losses met during it.
        #expect(
            result.notebookLosses.map { Format.number($0, digits: 6) } == [
                "26.3456", "19.8594", "10.8816", "3.77704", "1.2238",
            ])
        #expect(first.text.contains("In epoch 1 the notebook prints 26.3456"))
    }

    @Test("Lesson 5: with η = 0.01 the loss rises in some epochs, and the lesson names them")
    func lesson5Rises() throws {
        let run = try runLesson(OneWeight.self, ["--no-render", "--lr", "0.01"])
        let losses = run.result.losses
        let rises = losses.indices.dropFirst().filter { losses[$0] > losses[$0 - 1] }
        #expect(!rises.isEmpty)
        #expect(
            run.notice.contains(
                "rose in epoch\(rises.count == 1 ? "" : "s") "
                    + "\(rises.map(String.init).joined(separator: ", "))"
            ))
        #expect(!run.notice.contains("never rising"))
    }

    @Test("Lesson 5: with η = 0.05 training diverges and stops at the stated bound")
    func lesson5Diverges() throws {
        let run = try runLesson(OneWeight.self, ["--no-render", "--lr", "0.05"])
        let result = run.result
        #expect(result.diverged && result.losses.allSatisfy { $0 <= OneWeight.divergenceBound })
        #expect(run.notice.contains("Training diverged in epoch \(result.losses.count)"))
    }

    @Test("Lesson 5: the first row's loss matches the hand computation from the CampusX start")
    func lesson5FirstRow() {
        // Every weight 0.1, biases 0: h = 0.1·8 + 0.1·8 = 1.6 for both, ŷ = 0.1·1.6 + 0.1·1.6 =
        // 0.32; (4 − 0.32)² = 13.5424.
        let network = Network(
            sizes: [2, 2, 1], activations: [.linear, .linear], weight: 0.1, bias: 0)
        #expect(abs(network.cost(StudentsTraining.examples[0]) - 13.5424) < 1e-12)
    }

    @Test(
        "Lesson 5: with one hidden weight free the loss is a parabola, and the step goes downhill")
    func lesson5Parabola() throws {
        let run = try runLesson(OneWeight.self, ["--no-render"])
        let curve = try run.rows("one-weight.dat", block: 0)
        let second = zip(zip(curve, curve.dropFirst()), curve.dropFirst(2)).map {
            $0.0[1] - 2 * $0.1[1] + $1[1]
        }
        // Constant second differences: a parabola. The file keeps ten significant digits, so each
        // second difference may be off by 4 half-units of the tenth digit of the largest loss.
        let rounding = 4 * 5e-10 * curve.map { abs($0[1]) }.max()!
        #expect(second.max()! - second.min()! < 2 * rounding)
        #expect(second[0] > 1e-5)
        let result = run.result
        let (w, slope) = result.freedWeight
        #expect(result.loss(freedAt: w - 0.001 * slope) < result.loss(freedAt: w))
        #expect(!result.twins.isEmpty && run.notice.contains("still twins"))
    }

    @Test("Lesson 5: the two hidden neurons of the CampusX start stay identical")
    func lesson5Twins() {
        var network = Network(
            sizes: [2, 2, 1], activations: [.linear, .linear], weight: 0.1, bias: 0)
        for _ in 0..<5 {
            for example in StudentsTraining.examples {
                network.descend(along: network.backpropagate(example).gradient, learningRate: 0.001)
            }
        }
        #expect(
            network.weights[0][0, 0] == network.weights[0][1, 0]
                && network.weights[0][0, 1] == network.weights[0][1, 1])
    }

    @Test(
        "Lesson 6: the first 2 is training image 5, and its cost is the sum of the printed squares")
    func lesson6Cost() throws {
        let mnist = try MNIST.shipped()
        #expect(firstIndex(of: 2, in: mnist.training) == 5)
        let network = try DigitOptions.parse([]).network()
        let output = network.output(for: mnist.training.image(5))
        let cost = output.enumerated().map { ($1 - ($0 == 2 ? 1 : 0)) * ($1 - ($0 == 2 ? 1 : 0)) }
            .reduce(0, +)
        let run = try runLesson(Cost.self, ["--no-render"])
        #expect(run.text.contains("This example's cost C₀ = \(Format.number(cost, digits: 5))"))
        let result = run.result
        #expect(
            abs(result.cost - cost) < 1e-12 && result.experiment.index == 5 && result.label == 2)
        #expect(
            run.notice.contains(
                "\(zip(output, oneHot(2)).filter { abs($0 - $1) > 0.5 }.count) of the 10 outputs"))
        #expect(run.text.contains("training image #5 (a 2)"))
        let bars = try run.rows("output-vs-desired.dat", block: 0)
        let desired = try run.rows("output-vs-desired.dat", block: 1)
        #expect(desired.map { $0[1] } == oneHot(2))
        #expect(zip(bars.map { $0[1] }, output).allSatisfy { abs($0 - $1) < 1e-9 })
        // The digit image holds the 784 pixels of image 5.
        #expect(try run.rows("digit.dat", block: 0).count == 784)
    }

    @Test(
        """
        An --index past the data is refused as the options are read, before the lesson says a \
        word
        """,
        arguments: [Cost.self, WishList.self, GradientCheck.self, ChainRule15.self]
            as [any Lesson.Type]
    )
    func badIndexFirst(_ lesson: any Lesson.Type) throws {
        let error = try #require(throws: (any Error).self) {
            _ = try lesson.parse(["--index", "10000"])
        }
        #expect(
            lesson.message(for: error)
                == "--index must be below 10000, the number of training images (got 10000)")
    }

    @Test(
        """
        Lesson 7: the story's nudges are exactly minus backprop's gradient, and the top weight \
        nudges come from the top activations
        """
    )
    func lesson7Story() throws {
        let mnist = try MNIST.shipped()
        let network = Network(sizes: [784, 16, 16, 10], activation: .sigmoid, seed: 4)
        let example = mnist.training.example(5)
        let pass = network.forward(example.input)
        let story = WishListStory(network: network, pass: pass, target: example.target)
        let backward = network.backpropagate(example)
        #expect(
            zip(story.parameterNudges, backward.gradient.flattened).allSatisfy {
                abs($0 + $1) < 1e-15
            })
        for l in 0..<4 {
            #expect(
                zip(story.activationNudges[l], backward.wishList[l]).allSatisfy {
                    abs($0 - $1) < 1e-15
                })
        }
        let top = story.strongestWeightNudges(into: 2, layer: 2, count: 5)
        #expect(top.map { story.rank(of: $0, in: pass.activations[2]) } == [1, 2, 3, 4, 5])
        let run = try runLesson(WishList.self, ["--no-render"])
        let result = run.result
        #expect(
            result.ranks == [1, 2, 3, 4, 5]
                && run.notice.contains("ranked 1, 2, 3, 4, 5 by activation"))
        #expect(result.mismatch < 1e-15 && run.text.contains("the largest difference is 0"))
        // The nudges into a first-layer neuron are nonzero exactly on the pixels with ink.
        let nudges = (0..<784).map { result.story.weightNudges[0][result.hidden, $0] }
        #expect(zip(nudges, result.example.input).allSatisfy { ($0 == 0) == ($1 == 0) })
        #expect(
            run.notice.contains(
                "\(result.example.input.filter { $0 != 0 }.count) of the 784 are nonzero"))
    }

    @Test(
        """
        Lesson 8: finite differences agree to 1e-8 and automatic differentiation to 1e-13 in every \
        layer
        """
    )
    func lesson8Agreement() throws {
        let mnist = try MNIST.shipped()
        let checks = GradientComparison([
            .init(
                "small", Network(sizes: [3, 4, 2], activation: .sigmoid, seed: 4),
                Example(input: [0.5, -1.2, 2.0], target: [1, 0])),
            .init(
                "digits", Network(sizes: [784, 16, 16, 10], activation: .sigmoid, seed: 4),
                mnist.training.example(5)),
        ]).run().checked
        for check in checks {
            #expect(check.errors(check.finite).allSatisfy { $0 < 1e-8 }, "\(check.check.name)")
            if automaticDifferentiationIsAvailable {
                #expect(
                    try #require(check.automatic.map(check.errors)).allSatisfy { $0 < 1e-13 },
                    "\(check.check.name)")
            }
        }
        #expect(checks[1].layers.map(\.count).reduce(0, +) == 13_002)
        let run = try runLesson(GradientCheck.self, ["--no-render"])
        #expect(run.text.contains("26,004 forward passes"))
        // The backward pass is counted, not guessed: 12,960 multiply-adds forward, 13,376 backward.
        #expect(run.notice.contains("its backward pass is 1.03 forward passes"))
    }

    @Test(
        """
        Lesson 9: the average wish equals the batch gradient and the measured slope; each output \
        weight is wanted up by its own digit
        """
    )
    func lesson9Average() throws {
        let mnist = try MNIST.shipped()
        let network = Network(sizes: [784, 16, 16, 10], activation: .sigmoid, seed: 4)
        let data = mnist.training.examples(limit: 200)
        let batch = network.gradient(over: data).flattened
        let perExample = data.map { network.backpropagate($0).gradient.flattened }
        for p in stride(from: 0, to: batch.count, by: 997) {
            let average = perExample.map { $0[p] }.reduce(0, +) / 200
            #expect(abs(average - batch[p]) < 1e-15)
        }
        let run = try runLesson(Average.self, ["--no-render", "--examples", "200"])
        let result = run.result
        // The average wish is minus the measured slope of the average cost.
        #expect(zip(result.averageWish, result.measured).allSatisfy { abs($0 - $1) < 1e-8 })
        #expect(run.notice.contains("equals minus the measured slope"))
        // Each chosen weight into output neuron d is wanted up by exactly the examples of digit d.
        for (i, digit) in result.chosen.map(result.digit).enumerated() {
            let up = result.labels.indices.filter { result.wishes[i][$0] > 0 }
            let ofDigit = result.labels.filter { $0 == digit }.count
            #expect(up.allSatisfy { result.labels[$0] == digit } && up.count == ofDigit)
        }
        #expect(
            run.notice.contains("\(Format.count(result.agreeing)) of 200 examples point within 90°")
        )
    }

    @Test("--mnist: a missing folder is a usage error, refused while the options are read")
    func mnistMissing() throws {
        let error = #expect(throws: (any Error).self) {
            _ = try runLesson(Cost.self, ["--no-render", "--mnist", "/nonexistent/mnist"])
        }
        #expect(Cost.exitCode(for: try #require(error)) == ExitCode(64))
        #expect(
            Cost.message(for: try #require(error))
                == "--mnist must name a folder holding train-images-idx3-ubyte(.gz) and the rest "
                + "of MNIST; there is no such folder (got /nonexistent/mnist)")
    }

    @Test(
        "--mnist: the full set loads",
        .enabled(
            if: FileManager.default.fileExists(atPath: fullMNIST.path),
            "no full MNIST set beside the project (../shared/data/mnist)"))
    func mnistFull() throws {
        let run = try runLesson(Cost.self, ["--no-render", "--quiet", "--mnist", fullMNIST.path])
        #expect(run.text.contains("over all 50,000 training images"))
    }
}
