import Backprop
import Datasets
import Foundation
import TestSupport

// The digit lessons' generated runs read a tiny MNIST folder, written here from the shipped
// subset: 300 training and 100 test images, in the IDX format `--mnist` reads. A learner could
// pass the same folder; it keeps each run to a fraction of a second.

/// The tiny folder, written once per test process.
let tinyMNIST: String = {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("claims-tests-\(getpid())/tiny-mnist")
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let shipped = try MNIST.shipped()
        try writeIDX(shipped.training, count: 300, folder: folder, stem: "train")
        try writeIDX(shipped.test, count: 100, folder: folder, stem: "t10k")
    } catch {
        fatalError("the tests could not write their tiny MNIST folder: \(error)")
    }
    return folder.path
}()

/// `count` images and labels of `digits` as `stem-images-idx3-ubyte` and `stem-labels-idx1-ubyte`.
func writeIDX(_ digits: Digits, count: Int, folder: URL, stem: String) throws {
    func header(_ words: [UInt32]) -> Data {
        Data(
            words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) }
            })
    }
    var images = header([0x0803, UInt32(count), 28, 28])
    images.append(contentsOf: digits.bytes.prefix(count * 784))
    var labels = header([0x0801, UInt32(count)])
    labels.append(contentsOf: digits.labels.prefix(count).map { UInt8($0) })
    try images.write(to: folder.appendingPathComponent("\(stem)-images-idx3-ubyte"))
    try labels.write(to: folder.appendingPathComponent("\(stem)-labels-idx1-ubyte"))
}

/// The network's output for `input`, layer by layer: a = σ(W·a + b), written out here.
func sigmoidOutput(_ network: Network, _ input: [Double]) -> [Double] {
    sigmoidLayers(network, input).last!
}

/// The activations of every layer after the input, σ(W·a + b) written out here.
func sigmoidLayers(_ network: Network, _ input: [Double]) -> [[Double]] {
    var a = input
    var layers: [[Double]] = []
    for (w, b) in zip(network.weights, network.biases) {
        a = (0..<w.rows).map { j in
            let z = (0..<w.columns).reduce(b[j]) { $0 + w[j, $1] * a[$1] }
            return 1 / (1 + exp(-z))
        }
        layers.append(a)
    }
    return layers
}

/// Σⱼ (aⱼ − yⱼ)².
func squaredError(_ output: [Double], _ target: [Double]) -> Double {
    zip(output, target).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
}

/// Whether two numbers agree to `relative` of their size (or `relative` itself near zero).
func close(_ a: Double, _ b: Double, _ relative: Double = 1e-9) -> Bool {
    abs(a - b) <= relative * max(1, abs(a), abs(b))
}
