import Backprop
import Experiments
import Figures
import Foundation
import Plotting
import SnapshotTesting
import TestSupport
import Testing

// What each figure kind writes, pinned: the .dat with the numbers and the .gp that draws them,
// for a small, fixed result. A change to a figure kind shows here as a changed snapshot
// (re-record with SNAPSHOT_TESTING_RECORD=all, then read the difference before committing).

/// The data file and script a chart writes, without drawing it.
func written(_ chart: Chart) throws -> (data: String, script: String) {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("figures-tests-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let writer = try ChartWriter(
        folder: folder, origin: "Figure snapshot", formats: [], drawInTerminal: false, gnuplot: nil)
    let result = try writer.write(chart)
    let data = try String(
        contentsOf: folder.appendingPathComponent(chart.dataFileName), encoding: .utf8)
    // The script names the folder it was written to; a snapshot must not depend on it.
    let script = try String(contentsOf: result.script, encoding: .utf8)
        .replacingOccurrences(of: folder.path, with: "FOLDER")
    return (data, script)
}

/// Pins both files of `chart` under names of their own.
func pin(
    _ chart: Chart, _ name: String, fileID: StaticString = #fileID, file: StaticString = #filePath,
    testName: String = #function, line: UInt = #line, column: UInt = #column
) throws {
    let files = try written(chart)
    assertSnapshot(
        of: files.data, as: .lines, named: name + "-dat", file: file, testName: testName,
        line: line, column: column)
    assertSnapshot(
        of: files.script, as: .lines, named: name + "-gp", file: file, testName: testName,
        line: line, column: column)
}

/// Lesson 4's defaults, shortened: four rates on the bowl, ten steps.
let rates = CurveDescent(
    curve: .quadratic, start: 2, settings: [0.05, 0.2, 0.9, 1.1].map { .plain($0) }, steps: 10,
    tolerance: 1e-3, divergenceBound: 10)

/// Lesson 14's defaults, shortened: plain descent and two momenta.
let momenta = CurveDescent(
    curve: .quadratic, start: 2, settings: [0, 0.64, 0.9].map { .heavyBall(0.02, momentum: $0) },
    steps: 10, tolerance: 1e-3, divergenceBound: 1e3)

struct FigureSnapshotTests {
    @Test("A path on its curve, and its progress, for one run")
    func oneRun() throws {
        let result = CurveDescent(
            curve: .doubleWell, start: -0.2, settings: [.plain(0.1)], steps: 5, tolerance: 1e-3,
            divergenceBound: 1e6
        ).run()
        try pin(result.pathOnCurve(), "path-on-curve")
        try pin(result.progress(), "progress")
    }

    @Test("Loss by step and paths on the curve, for several rates, one of them diverging")
    func severalRates() throws {
        let result = rates.run()
        try pin(result.lossByStep(), "loss-by-step")
        try pin(result.pathsOnCurve(shownSteps: 5), "paths")
        try pin(result.walks("walks", Animation(frames: 4, delay: 10)), "walks")
    }

    @Test("The same kinds drawn for the heavy ball: lesson 14 reuses lesson 4's figures")
    func heavyBall() throws {
        let result = momenta.run()
        try pin(result.lossByStep(), "loss-by-step")
        try pin(result.pathsOnCurve(shownSteps: 5), "paths")
    }

    @Test("A rate sweep over its regime bands")
    func sweep() throws {
        let sweep = rates.sweep(count: 12)
        try pin(sweep.figure(on: .quadratic, theory: BowlTheory(curvature: 1)), "rate-sweep")
    }

    @Test("Where each start ends on the double well, and noisy SGD's distance by epoch")
    func valleys() throws {
        let census = ValleyCensus(
            curve: .doubleWell, starts: [-2, -0.5, 0.5, 2], learningRates: [0.1, 0.5], steps: 50,
            tolerance: 1e-3, divergenceBound: 1e3
        ).run()
        try pin(census.figure(on: .doubleWell), "valleys")
        let noisy = NoisyAccuracy(
            learningRates: [0.01, 3], epochs: 3, seed: 1, divergenceBound: 1e3
        ).run()
        try pin(noisy.figure(), "noisy-accuracy")
    }
}
