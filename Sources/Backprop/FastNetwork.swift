import CKernels
import Foundation

/// The same network, tuned for training speed: Float parameters in one contiguous buffer, a
/// whole mini-batch pushed through as matrix products (Z = A·Wᵀ forward, W += scaled δᵀ·A
/// backward), done by C kernels with AVX2 and fused multiply-adds where the processor has them.
///
/// The math is the readable `Network`'s, step for step: z = W·a + b, δᴸ = 2(aᴸ − y) ⊙ f′(zᴸ),
/// δ = (Wᵀ·δ′) ⊙ f′(z), ∂C/∂W = δ·aᵀ, averaged over the batch. A test checks that both give the
/// same numbers.
public struct FastNetwork: Sendable {
    public let sizes: [Int]
    public let activations: [Activation]
    /// Every weight and bias: layer by layer, the weights row by row, then the biases
    /// (the same order as `Network.parameters`).
    public private(set) var parameters: [Float]
    /// Where layer l's weights and biases start in `parameters`.
    let weightOffsets: [Int], biasOffsets: [Int]
    /// Use the SIMD kernels (true) or plain scalar loops with the same batching (false).
    public let vectorised: Bool
    /// The widest vectors the SIMD kernels may use: 512, 256, 128 or 32 bits, narrowed to what
    /// the processor has. The widest there are, unless a test asks for a narrower path.
    public let kernelBits: Int
    /// How many cores share the work of a large layer.
    public let threads: Int

    public init(
        _ network: Network, vectorised: Bool = true, threads: Int = 1,
        kernelBits: Int = Processor.kernelBits
    ) {
        sizes = network.sizes
        activations = network.activations
        parameters = network.parameters.map(Float.init)
        var weights: [Int] = []
        var biases: [Int] = []
        var offset = 0
        for l in 0..<(network.sizes.count - 1) {
            weights.append(offset)
            offset += network.sizes[l] * network.sizes[l + 1]
            biases.append(offset)
            offset += network.sizes[l + 1]
        }
        weightOffsets = weights
        biasOffsets = biases
        self.vectorised = vectorised
        self.kernelBits = min(kernelBits, Processor.kernelBits)
        self.threads = max(1, threads)
    }

    /// The readable network with these weights, in Double.
    public var network: Network {
        var network = Network(sizes: sizes, activations: activations, weight: 0, bias: 0)
        network.parameters = parameters.map(Double.init)
        return network
    }

    /// One epoch of mini-batch SGD, as the video closes: shuffle the examples with `generator`, cut
    /// them into mini-batches of `batchSize`, and take one step per mini-batch. After each step
    /// `afterBatch` is handed the network as it is now, how many examples were processed so far
    /// and their summed cost Σ C₀.
    /// Returns the epoch's summed cost, each example's measured just before its step.
    @discardableResult
    public mutating func trainEpoch(
        _ set: TrainingSet, batchSize: Int, learningRate: Float, generator: inout SeededGenerator,
        afterBatch: (_ network: FastNetwork, _ seen: Int, _ cost: Double) -> Void = { _, _, _ in }
    ) -> Double {
        precondition(
            set.inputSize == sizes[0] && set.outputSize == sizes[sizes.count - 1],
            "the training set's examples must fit the network's first and last layers")
        var workspace = Workspace()
        var seen = 0
        var cost = 0.0
        for batch in miniBatches(shuffledIndices(set.count, using: &generator), size: batchSize) {
            cost += train(batch: batch, in: set, learningRate: learningRate, workspace: &workspace)
            seen += batch.count
            afterBatch(self, seen, cost)
        }
        return cost
    }

    /// One mini-batch step: forward the batch, backpropagate, w ← w − (η/B)·Σ ∂C₀/∂w.
    /// Returns the batch's total cost Σ C₀, measured before the step.
    @discardableResult
    public mutating func train(
        batch: ArraySlice<Int>, in set: TrainingSet, learningRate: Float, workspace: inout Workspace
    ) -> Double {
        precondition(
            set.inputSize == sizes[0] && set.outputSize == sizes[sizes.count - 1]
                && batch.allSatisfy { (0..<set.count).contains($0) },
            "the batch must name examples of the set, and they must fit the network's first and "
                + "last layers"
        )
        let count = batch.count
        let last = sizes.count - 1
        workspace.reserve(sizes: sizes, batch: count)
        let offsets = workspace.offsets(sizes: sizes, batch: count)
        let shape = self.shape
        let sizes = self.sizes
        let step = -learningRate / Float(count)
        var cost = 0.0
        parameters.withUnsafeMutableBufferPointer { p in
            workspace.withBuffers { z, a, delta in
                set.inputs.withUnsafeBufferPointer { inputs in
                    set.targets.withUnsafeBufferPointer { targets in
                        // a⁰: the batch's inputs, read where they lie.
                        var layerRows = [batch.map { inputs.baseAddress! + $0 * sizes[0] } as Rows]
                        for l in 1...last {
                            layerRows.append(
                                consecutiveRows(a + offsets[l], length: sizes[l], count: count))
                        }
                        let pass = BatchPass(
                            shape: shape, p: p.baseAddress!, z: z, a: a, delta: delta,
                            offsets: offsets, layerRows: layerRows)
                        pass.forward()
                        // δᴸ = 2(aᴸ − y) ⊙ f′(zᴸ)
                        for (row, index) in batch.enumerated() {
                            for j in 0..<sizes[last] {
                                let i = offsets[last] + row * sizes[last] + j
                                let error = a[i] - targets[index * sizes[last] + j]
                                cost += Double(error * error)
                                delta[i] =
                                    2 * error
                                    * derivative(shape.activations[last - 1], z: z[i], a: a[i])
                            }
                        }
                        for l in stride(from: last - 1, through: 0, by: -1) {
                            pass.backward(layer: l, step: step)
                        }
                    }
                }
            }
        }
        return cost
    }

    /// The network's layout without its parameters, for the passes that work on them.
    var shape: Shape {
        Shape(
            sizes: sizes, activations: activations, weightOffsets: weightOffsets,
            biasOffsets: biasOffsets, vectorised: vectorised, bits: Int32(kernelBits),
            threads: threads)
    }
}

/// A network's layout: layer sizes and activations, where each layer's weights and biases start,
/// and which kernels to run on how many cores.
struct Shape {
    let sizes: [Int], activations: [Activation], weightOffsets: [Int], biasOffsets: [Int]
    let vectorised: Bool, bits: Int32, threads: Int
}

/// One pass of a mini-batch through the network: the parameters, every layer's z, a and δ for
/// every row of the batch (where layer l starts is `offsets[l]`), and the rows each layer reads.
private struct BatchPass {
    let shape: Shape
    let p: UnsafeMutablePointer<Float>, z: UnsafeMutablePointer<Float>,
        a: UnsafeMutablePointer<Float>, delta: UnsafeMutablePointer<Float>
    let offsets: [Int]
    let layerRows: [Rows]
    var count: Int { layerRows[0].count }

    /// z = W·a + b and a′ = f(z) for every layer, for every row of the batch at once.
    func forward() {
        for l in 0..<(shape.sizes.count - 1) {
            let inputs = shape.sizes[l]
            let outputs = shape.sizes[l + 1]
            let count = self.count
            let kind = shape.activations[l]
            let w = p + shape.weightOffsets[l]
            let b = p + shape.biasOffsets[l]
            let zOut = z + offsets[l + 1]
            let aOut = a + offsets[l + 1]
            let rows = layerRows[l]
            let vectorised = shape.vectorised
            let bits = shape.bits
            // Z = A·Wᵀ for the whole batch; the neurons of a large layer are shared among threads.
            inParallel(outputs, threads: inputs * outputs * count >= 50_000 ? shape.threads : 1) {
                neurons in
                if vectorised {
                    bp_layer_forward(
                        w + neurons.lowerBound * inputs, neurons.count, inputs, rows, count,
                        zOut + neurons.lowerBound, outputs, bits)
                } else {
                    withUnsafeTemporaryAllocation(of: Float.self, capacity: count) { column in
                        for j in neurons {
                            plainDotRows(w + j * inputs, rows, n: inputs, into: column.baseAddress!)
                            for row in 0..<count { zOut[row * outputs + j] = column[row] }
                        }
                    }
                }
                for row in 0..<count {
                    for j in neurons {
                        zOut[row * outputs + j] += b[j]
                        aOut[row * outputs + j] = activate(kind, zOut[row * outputs + j])
                    }
                }
            }
        }
    }

    /// The backward step through layer l: first δ of layer l from the weights as they are,
    /// then the weights and biases into layer l + 1 moved by `step` = −η/B times their gradient.
    func backward(layer l: Int, step: Float) {
        let inputs = shape.sizes[l]
        let outputs = shape.sizes[l + 1]
        let count = self.count
        let vectorised = shape.vectorised
        let bits: Int32? = vectorised ? shape.bits : nil
        let w = p + shape.weightOffsets[l]
        let b = p + shape.biasOffsets[l]
        let deltaOut = delta + offsets[l + 1]
        let inputRows = layerRows[l]
        // δ of layer l: (Wᵀ·δ′) ⊙ f′(z). Row by row, δ[row] = Σⱼ δ′[row, j]·W[j], a sum of weight
        // rows.
        if l > 0 {
            let deltaIn = delta + offsets[l]
            let zIn = z + offsets[l]
            let aIn = a + offsets[l]
            let kind = shape.activations[l - 1]
            let weightRows = consecutiveRows(w, length: inputs, count: outputs)
            deltaIn.update(repeating: 0, count: count * inputs)
            for row in 0..<count {
                axpyRows(
                    deltaIn + row * inputs, weightRows, scales: deltaOut + row * outputs, n: inputs,
                    bits)
            }
            for i in 0..<(count * inputs) { deltaIn[i] *= derivative(kind, z: zIn[i], a: aIn[i]) }
        }
        // W[j] ← W[j] − (η/B)·Σ_rows δ[row, j]·a[row],  b[j] ← b[j] − (η/B)·Σ_rows δ[row, j]
        // Each neuron's row of weights is its own, so the neurons can be shared among threads.
        withUnsafeTemporaryAllocation(of: Float.self, capacity: count * outputs) { scaled in
            let scales = scaled.baseAddress!
            for i in 0..<(count * outputs) { scales[i] = step * deltaOut[i] }
            inParallel(outputs, threads: inputs * outputs * count >= 50_000 ? shape.threads : 1) {
                neurons in
                if vectorised {
                    bp_layer_update(
                        w + neurons.lowerBound * inputs, neurons.count, inputs, inputRows,
                        scales + neurons.lowerBound, outputs, count, shape.bits)
                } else {
                    withUnsafeTemporaryAllocation(of: Float.self, capacity: count) { column in
                        for j in neurons {
                            for row in 0..<count { column[row] = scales[row * outputs + j] }
                            axpyRows(
                                w + j * inputs, inputRows, scales: column.baseAddress!, n: inputs,
                                nil)
                        }
                    }
                }
                for j in neurons { for row in 0..<count { b[j] += scales[row * outputs + j] } }
            }
        }
    }
}

extension FastNetwork {
    /// The fraction of `set` classified correctly, and the average cost C₀ over it.
    public func evaluate(_ set: TrainingSet) -> (accuracy: Double, cost: Double) {
        var workspace = Workspace()
        return evaluate(set, using: &workspace)
    }

    /// `evaluate`, with buffers kept from one call to the next: a caller measuring hundreds of
    /// times (the batch-size race) does not allocate and clear megabytes each time.
    public func evaluate(
        _ set: TrainingSet, using workspace: inout Workspace
    ) -> (accuracy: Double, cost: Double) {
        var correct = 0
        var cost = 0.0
        let outputs = sizes[sizes.count - 1]
        forEachOutput(of: set, using: &workspace) { index, output in
            var guess = 0
            for j in 0..<outputs {
                if output[j] > output[guess] { guess = j }
                let d = Double(output[j]) - Double(set.targets[index * outputs + j])
                cost += d * d
            }
            if guess == set.label(index) { correct += 1 }
        }
        return (Double(correct) / Double(max(set.count, 1)), cost / Double(max(set.count, 1)))
    }

    /// The network's guess for every example of `set`: the index of its largest output (the
    /// first of equal ones).
    public func guesses(_ set: TrainingSet, using workspace: inout Workspace) -> [Int] {
        var guesses = Array(repeating: 0, count: set.count)
        let outputs = sizes[sizes.count - 1]
        forEachOutput(of: set, using: &workspace) { index, output in
            var guess = 0
            for j in 0..<outputs where output[j] > output[guess] { guess = j }
            guesses[index] = guess
        }
        return guesses
    }

    /// Runs the forward pass over `set` in chunks and hands each example's output to `visit`.
    private func forEachOutput(
        of set: TrainingSet, using workspace: inout Workspace,
        _ visit: (_ index: Int, _ output: UnsafePointer<Float>) -> Void
    ) {
        precondition(
            set.inputSize == sizes[0] && set.outputSize == sizes[sizes.count - 1],
            "the examples must fit the network's first and last layers")
        let last = sizes.count - 1
        let outputs = sizes[last]
        let chunk = 500
        for first in stride(from: 0, to: set.count, by: chunk) {
            let count = min(chunk, set.count - first)
            workspace.reserve(sizes: sizes, batch: count)
            let offsets = workspace.offsets(sizes: sizes, batch: count)
            parameters.withUnsafeBufferPointer { p in
                workspace.withBuffers { z, a, delta in
                    set.inputs.withUnsafeBufferPointer { inputs in
                        var layerRows = [
                            consecutiveRows(
                                inputs.baseAddress! + first * sizes[0], length: sizes[0],
                                count: count)
                        ]
                        for l in 1...last {
                            layerRows.append(
                                consecutiveRows(a + offsets[l], length: sizes[l], count: count))
                        }
                        // The forward pass only reads the parameters.
                        BatchPass(
                            shape: shape, p: UnsafeMutablePointer(mutating: p.baseAddress!), z: z,
                            a: a, delta: delta,
                            offsets: offsets, layerRows: layerRows
                        ).forward()
                    }
                    for row in 0..<count {
                        visit(first + row, a + offsets[last] + row * outputs)
                    }
                }
            }
        }
    }
}

/// Runs `work` on `threads` parts of 0..<count at once (or on all of it, for one thread).
/// Each part writes only its own neurons' rows, so the parts never touch the same memory.
private func inParallel(_ count: Int, threads: Int, _ work: (Range<Int>) -> Void) {
    guard threads > 1, count > 1 else { return work(0..<count) }
    let parts = min(threads, count)
    withoutActuallyEscaping(work) { work in
        let shared = SharedWork(run: work)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            shared.run((part * count / parts)..<((part + 1) * count / parts))
        }
    }
}

/// Hands the work to the threads; safe because every part touches disjoint rows.
private struct SharedWork: @unchecked Sendable {
    let run: (Range<Int>) -> Void
}

@inline(__always) private func activate(_ kind: Activation, _ z: Float) -> Float {
    switch kind {
    case .sigmoid: return 1 / (1 + expf(-z))
    case .linear: return z
    case .tanh: return tanhf(z)
    case .relu: return max(0, z)
    }
}

/// f′(z), using the activation a = f(z) where that is cheaper (σ′ = a(1 − a), tanh′ = 1 − a²).
@inline(__always) private func derivative(_ kind: Activation, z: Float, a: Float) -> Float {
    switch kind {
    case .sigmoid: return a * (1 - a)
    case .linear: return 1
    case .tanh: return 1 - a * a
    case .relu: return z > 0 ? 1 : 0
    }
}

/// Buffers reused from one mini-batch to the next, so training allocates nothing per step:
/// z, a and δ of every layer for every row of the batch, each in one flat array.
public struct Workspace: Sendable {
    var weightedInputs: [Float] = []
    var activations: [Float] = []
    var errors: [Float] = []

    public init() {}

    /// Where layer l's rows start, for a batch of `batch` rows. The inputs (layer 0) are read
    /// where they lie in the training set and take no room here: offset 0 is never read for them.
    /// A whole-set batch of 60,000 digits would otherwise take 560 MB more.
    func offsets(sizes: [Int], batch: Int) -> [Int] {
        var offsets = [0]
        var total = 0
        for size in sizes.dropFirst() {
            offsets.append(total)
            total += size * batch
        }
        return offsets
    }

    mutating func reserve(sizes: [Int], batch: Int) {
        let needed = sizes.dropFirst().reduce(0, +) * batch
        guard activations.count < needed else { return }
        weightedInputs = Array(repeating: 0, count: needed)
        activations = weightedInputs
        errors = weightedInputs
    }

    mutating func withBuffers<R>(
        _ body: (
            UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>
        ) -> R
    ) -> R {
        weightedInputs.withUnsafeMutableBufferPointer { z in
            activations.withUnsafeMutableBufferPointer { a in
                errors.withUnsafeMutableBufferPointer { d in
                    body(z.baseAddress!, a.baseAddress!, d.baseAddress!)
                }
            }
        }
    }
}
