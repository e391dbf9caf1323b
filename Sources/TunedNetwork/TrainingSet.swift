import Backprop
import CKernels

/// Training examples packed for speed: every input one after another in one Float buffer, and
/// every target likewise, so a mini-batch is a few contiguous rows.
public struct TrainingSet: Sendable {
    public let inputSize: Int
    public let outputSize: Int
    /// count × inputSize values, row by row, starting on a cache line (so 784-pixel rows all do).
    public let inputs: AlignedFloats
    /// count × outputSize values, row by row.
    public let targets: [Float]

    public var count: Int { inputs.count / inputSize }

    public init(inputSize: Int, outputSize: Int, inputs: [Float], targets: [Float]) {
        self.init(
            inputSize: inputSize, outputSize: outputSize, inputs: AlignedFloats(inputs),
            targets: targets)
    }

    public init(inputSize: Int, outputSize: Int, inputs: AlignedFloats, targets: [Float]) {
        precondition(
            inputSize > 0 && outputSize > 0 && inputs.count % inputSize == 0,
            "inputs must fill whole rows")
        precondition(targets.count / outputSize == inputs.count / inputSize, "one target per input")
        self.inputSize = inputSize
        self.outputSize = outputSize
        self.inputs = inputs
        self.targets = targets
    }

    /// Packs readable examples.
    public init(_ examples: [Example]) {
        precondition(!examples.isEmpty, "a training set needs at least one example")
        self.init(
            inputSize: examples[0].input.count, outputSize: examples[0].target.count,
            inputs: examples.flatMap { $0.input.map(Float.init) },
            targets: examples.flatMap { $0.target.map(Float.init) })
    }

    /// Example `index` in readable form.
    public func example(_ index: Int) -> Example {
        Example(
            input: inputs[(index * inputSize)..<((index + 1) * inputSize)].map(Double.init),
            target: targets[(index * outputSize)..<((index + 1) * outputSize)].map(Double.init))
    }

    /// The label of example `index`: where its target is largest.
    public func label(_ index: Int) -> Int {
        let row = targets[(index * outputSize)..<((index + 1) * outputSize)]
        return (row.indices.max { row[$0] < row[$1] } ?? row.startIndex) - row.startIndex
    }

    /// `work`, handed the inputs and targets of examples `indices` as rows for a kernel to ask
    /// the caches for while it runs (nil when there are none).
    func ahead<T>(_ indices: ArraySlice<Int>?, _ work: (UnsafePointer<bp_ahead>?) -> T) -> T {
        guard let indices else { return work(nil) }
        return indices.withUnsafeBufferPointer { indices in
            targets.withUnsafeBufferPointer { targets in
                var ahead = bp_ahead(
                    base: inputs.base, indices: indices.baseAddress, count: indices.count,
                    n: inputSize, targets: targets.baseAddress, outputs: outputSize)
                return work(&ahead)
            }
        }
    }

    /// The first `count` examples.
    public func prefix(_ count: Int) -> TrainingSet {
        let n = min(count, self.count)
        return TrainingSet(
            inputSize: inputSize, outputSize: outputSize,
            inputs: Array(inputs.prefix(n * inputSize)),
            targets: Array(targets.prefix(n * outputSize)))
    }
}
