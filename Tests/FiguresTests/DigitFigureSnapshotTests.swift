import Backprop
import Datasets
import Experiments
import Figures
import Foundation
import Plotting
import SnapshotTesting
import TestSupport
import Testing
import TunedNetwork

// The figure kinds of the digit lessons (6 to 11), pinned like the others: each script whole, and
// each data file by its head and its length (a picture alone is 784 rows). Figures drawn from
// FastNetwork's single-precision training (lesson 10's cost by examples, lesson 12's three) are
// left out: its tuned kernels use FMA where the processor has it, so their last digits differ from
// one machine to another. The drawn-sample and end-to-end tests cover those.

/// Pins `chart`'s script whole and its data file's first 40 lines and line count.
func pinHead(
    _ chart: Chart, _ name: String, file: StaticString = #filePath, testName: String = #function,
    line: UInt = #line, column: UInt = #column
) throws {
    let files = try written(chart)
    let lines = files.data.split(separator: "\n", omittingEmptySubsequences: false)
    let head = lines.prefix(40).joined(separator: "\n") + "\n… \(lines.count) lines in all\n"
    assertSnapshot(
        of: head, as: .lines, named: name + "-dat-head", file: file, testName: testName,
        line: line, column: column)
    assertSnapshot(
        of: files.script, as: .lines, named: name + "-gp", file: file, testName: testName,
        line: line, column: column)
}

/// The shipped digits, and a small digit network.
let shipped: MNIST = {
    do {
        return try MNIST.shipped()
    } catch {
        fatalError("the shipped digits are missing: \(error)")
    }
}()
let small = Network(sizes: [784, 3, 10], activation: .sigmoid, seed: 5)

struct DigitFigureSnapshotTests {
    @Test("Lesson 6: the digit, and its outputs against the wanted ones")
    func cost() throws {
        let result = DigitCost(network: small, digits: shipped.training, index: 5).run()
        try pinHead(result.digit(), "digit")
        try pinHead(result.outputsAgainstDesired(), "output-vs-desired")
    }

    @Test("Lesson 7: the wish lists, one neuron's nudges, the strongest pulls")
    func wishList() throws {
        let network = Network(sizes: [784, 16, 16, 10], activation: .sigmoid, seed: 5)
        let result = WishListExperiment(
            network: network, digits: shipped.training, index: 5, neuron: nil
        ).run()
        try pinHead(result.wishLists(), "wish-lists")
        try pinHead(result.incomingNudgePicture(), "weight-nudges")
        try pinHead(result.strongestPulls(), "network")
    }

    // The error bars depend on whether the toolchain has automatic differentiation (Xcode's has
    // not), so only the work chart is pinned.
    @Test("Lesson 8: the work of one gradient, counted in multiply-adds")
    func gradientWork() throws {
        let result = GradientComparison([
            .init("784-3-10", small, shipped.training.example(5))
        ]).run()
        try pinHead(result.work(), "gradient-work")
    }

    @Test("Lesson 9: each example's wishes and their agreement with the average")
    func average() throws {
        let network = Network(sizes: [784, 16, 16, 10], activation: .sigmoid, seed: 5)
        let result = WishAverage(network: network, digits: shipped.training, count: 30).run()
        try pinHead(result.wishesAndAverage(), "wishes")
        try pinHead(result.agreement(), "agreement")
    }

    @Test("Lesson 10: the two walks and their landscape")
    func race() throws {
        let training = shipped.training.trainingSet(limit: 200)
        let result = DrunkManRace(
            seed: 5, training: training, network: small, learningRate: 1, epochs: 1,
            batchSizes: [200, 10]
        ).run()
        let walks = result.walkCharts()
        try pinHead(walks[0], "paths")
        try pinHead(walks[1], "paths-surface")
    }

    @Test("Lesson 11: loss by epoch, epochs by rate, epochs by difficulty")
    func epochs() throws {
        let result = ConvergenceStudy(
            rates: [0.1, 3], target: 0.05, maxEpochs: 20, learningRate: 0.1, seed: 1
        ).run()
        try pinHead(result.lossByEpoch(), "loss-by-epoch")
        try pinHead(result.epochsByRate(), "epochs-by-rate")
        try pinHead(result.epochsByDifficulty(), "epochs-by-difficulty")
    }
}
