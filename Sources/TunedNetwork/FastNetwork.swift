import Backprop
import CKernels
import Foundation

/// The same network, tuned for training speed: Float parameters in one contiguous buffer that
/// starts on a cache line, a whole mini-batch pushed through as matrix products (Z = A·Wᵀ
/// forward, W += scaled δᵀ·A backward), done by C kernels with the widest fused multiply-adds the
/// processor has (AVX-512, AVX2, NEON).
///
/// The math is the readable `Network`'s, step for step: z = W·a + b, δᴸ = 2(aᴸ − y) ⊙ f′(zᴸ),
/// δ = (Wᵀ·δ′) ⊙ f′(z), ∂C/∂W = δ·aᵀ, averaged over the batch. A test checks that both give the
/// same numbers.
public struct FastNetwork: Sendable {
    public let sizes: [Int]
    public let activations: [Activation]
    /// Every weight and bias: layer by layer, the weights row by row, then the biases
    /// (the same order as `Network.parameters`).
    public var parameters: [Float] { Array(storage) }
    /// The parameters where the kernels read and write them; copied before a write if another
    /// network shares them, so a FastNetwork is a value like any other.
    private var storage: AlignedFloats
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
        storage = AlignedFloats(network.parameters.map(Float.init))
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
        network.parameters = storage.map(Double.init)
        return network
    }

    /// One epoch of mini-batch SGD, as the video closes: shuffle the examples with `generator`, cut
    /// them into mini-batches of `batchSize`, and take one step per mini-batch. After each step
    /// `afterBatch` is handed the network as it is now, how many examples were processed so far
    /// and their summed cost Σ C₀.
    /// Returns the epoch's summed cost, each example's measured just before its step.
    /// With a `profile`, the time of each part of every step is added to it.
    @discardableResult
    public mutating func trainEpoch(
        _ set: TrainingSet, batchSize: Int, learningRate: Float, generator: inout SeededGenerator,
        profile: StepProfile? = nil,
        afterBatch: (_ network: FastNetwork, _ seen: Int, _ cost: Double) -> Void = { _, _, _ in }
    ) -> Double {
        precondition(
            set.inputSize == sizes[0] && set.outputSize == sizes[sizes.count - 1],
            "the training set's examples must fit the network's first and last layers")
        var workspace = Workspace()
        var seen = 0
        var cost = 0.0
        let batches = miniBatches(shuffledIndices(set.count, using: &generator), size: batchSize)
        for (index, batch) in batches.enumerated() {
            // While this batch is worked on, the next one's digits are fetched.
            let next = index + 1 < batches.count ? batches[index + 1] : nil
            cost += train(
                batch: batch, in: set, learningRate: learningRate, workspace: &workspace,
                next: next, profile: profile)
            seen += batch.count
            afterBatch(self, seen, cost)
        }
        return cost
    }

    /// One mini-batch step: forward the batch, backpropagate, w ← w − (η/B)·Σ ∂C₀/∂w.
    /// Returns the batch's total cost Σ C₀, measured before the step. The digits of `next`, the
    /// batch to come, are asked for while this one is worked on.
    @discardableResult
    public mutating func train(
        batch: ArraySlice<Int>, in set: TrainingSet, learningRate: Float,
        workspace: inout Workspace, next: ArraySlice<Int>? = nil, profile: StepProfile? = nil
    ) -> Double {
        precondition(
            set.inputSize == sizes[0] && set.outputSize == sizes[sizes.count - 1]
                && batch.allSatisfy { (0..<set.count).contains($0) },
            "the batch must name examples of the set, and they must fit the network's first and "
                + "last layers"
        )
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        let buffers = workspace.buffers(sizes: sizes, batch: batch.count)
        // a⁰: the batch's inputs, read where they lie.
        buffers.readInputs(batch, of: set)
        let pass = BatchPass(shape: shape, p: storage.base, buffers: buffers, profile: profile)
        // The next batch's digits are asked for while the first layer's weights are at work: half
        // of them going forward, half updating.
        set.ahead(next.map { $0.prefix($0.count / 2) }) { pass.forward(ahead: $0) }
        // δᴸ = 2(aᴸ − y) ⊙ f′(zᴸ), and the cost
        let cost = profile.time(.outputError) { pass.outputError(batch, targets: set) }
        let step = -learningRate / Float(batch.count)
        for l in stride(from: sizes.count - 2, through: 1, by: -1) {
            pass.backward(layer: l, step: step)
        }
        set.ahead(next.map { $0.dropFirst($0.count / 2) }) {
            pass.backward(layer: 0, step: step, ahead: $0)
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

/// One pass of a mini-batch through the network: the parameters, and every layer's z, a and δ
/// for every row of the batch, with the rows each layer reads.
private struct BatchPass {
    let shape: Shape
    let p: UnsafeMutablePointer<Float>
    let buffers: Buffers
    var profile: StepProfile? = nil
    var count: Int { buffers.batch }

    /// z = W·a + b and a′ = f(z) for every layer, for every row of the batch at once. The caches
    /// are asked for the rows `ahead` names while the first layer is worked out.
    func forward(ahead: UnsafePointer<bp_ahead>? = nil) {
        for l in 0..<(shape.sizes.count - 1) {
            let inputs = shape.sizes[l]
            let outputs = shape.sizes[l + 1]
            let count = self.count
            let w = p + shape.weightOffsets[l]
            let z = buffers.z(l + 1)
            let rows = buffers.rows(l)
            let vectorised = shape.vectorised
            let bits = shape.bits
            // Z = A·Wᵀ for the whole batch; the neurons of a large layer are shared among threads.
            let threads = inputs * outputs * count >= 50_000 ? shape.threads : 1
            profile.time(.forward) {
                inParallel(outputs, threads: threads) { neurons in
                    if vectorised {
                        bp_layer_forward(
                            w + neurons.lowerBound * inputs, neurons.count, inputs, rows, count,
                            z + neurons.lowerBound, outputs,
                            l == 0 && neurons.lowerBound == 0 ? ahead : nil, bits)
                    } else {
                        for j in neurons {
                            let weights = w + j * inputs
                            for row in 0..<count {
                                let x = rows[row]!
                                var sum: Float = 0
                                for i in 0..<inputs { sum += weights[i] * x[i] }
                                z[row * outputs + j] = sum
                            }
                        }
                    }
                }
            }
            // z += b, a = f(z)
            profile.time(.activation) {
                bp_bias_activate(
                    z, buffers.a(l + 1), p + shape.biasOffsets[l], count, outputs,
                    shape.activations[l].kernelKind, vectorised ? bits : 32)
            }
        }
    }

    /// δᴸ = 2(aᴸ − y) ⊙ f′(zᴸ) for every row of the batch, y being the targets of `batch`'s
    /// examples; returns the batch's total cost Σ C₀.
    func outputError(_ batch: ArraySlice<Int>, targets set: TrainingSet) -> Double {
        let last = shape.sizes.count - 1
        let outputs = shape.sizes[last]
        let kind = shape.activations[last - 1]
        let z = buffers.z(last)
        let a = buffers.a(last)
        let delta = buffers.delta(last)
        guard shape.vectorised else {
            var cost = 0.0
            for (row, index) in batch.enumerated() {
                for j in 0..<outputs {
                    let i = row * outputs + j
                    let error = a[i] - set.targets[index * outputs + j]
                    cost += Double(error * error)
                    delta[i] = 2 * error * derivative(kind, z: z[i], a: a[i])
                }
            }
            return cost
        }
        return set.targets.withUnsafeBufferPointer { targets in
            batch.withUnsafeBufferPointer { indices in
                bp_output_error(
                    a, z, targets.baseAddress, indices.baseAddress, batch.count, outputs,
                    kind.kernelKind, delta)
            }
        }
    }

    /// The backward step through layer l: first δ of layer l from the weights as they are,
    /// then the weights and biases into layer l + 1 moved by `step` = −η/B times their gradient.
    func backward(layer l: Int, step: Float, ahead: UnsafePointer<bp_ahead>? = nil) {
        let inputs = shape.sizes[l]
        let outputs = shape.sizes[l + 1]
        let count = self.count
        let vectorised = shape.vectorised
        let w = p + shape.weightOffsets[l]
        let b = p + shape.biasOffsets[l]
        let deltaOut = buffers.delta(l + 1)
        let inputRows = buffers.rows(l)
        // δ of layer l: (Wᵀ·δ′) ⊙ f′(z). Row by row, δ[row] = Σⱼ δ′[row, j]·W[j], a sum of weight
        // rows.
        if l > 0 {
            let deltaIn = buffers.delta(l)
            let z = buffers.z(l)
            let a = buffers.a(l)
            let kind = shape.activations[l - 1]
            profile.time(.passBack) {
                if vectorised {
                    bp_pass_back(
                        deltaIn, w, outputs, inputs, deltaOut, z, a, count, kind.kernelKind,
                        shape.bits)
                    return
                }
                deltaIn.update(repeating: 0, count: count * inputs)
                for row in 0..<count {
                    let into = deltaIn + row * inputs
                    let scales = deltaOut + row * outputs
                    for j in 0..<outputs {
                        let weights = w + j * inputs
                        for i in 0..<inputs { into[i] += scales[j] * weights[i] }
                    }
                }
                for i in 0..<(count * inputs) { deltaIn[i] *= derivative(kind, z: z[i], a: a[i]) }
            }
        }
        // W[j] ← W[j] − (η/B)·Σ_rows δ[row, j]·a[row],  b[j] ← b[j] − (η/B)·Σ_rows δ[row, j]
        // Each neuron's row of weights is its own, so the neurons can be shared among threads.
        let threads = inputs * outputs * count >= 50_000 ? shape.threads : 1
        profile.time(.update) {
            inParallel(outputs, threads: threads) { neurons in
                if vectorised {
                    bp_layer_update(
                        w + neurons.lowerBound * inputs, b + neurons.lowerBound, neurons.count,
                        inputs, inputRows, deltaOut + neurons.lowerBound, outputs, count, step,
                        neurons.lowerBound == 0 ? ahead : nil, shape.bits)
                    return
                }
                for j in neurons {
                    let weights = w + j * inputs
                    for row in 0..<count {
                        let scale = step * deltaOut[row * outputs + j]
                        let x = inputRows[row]!
                        for i in 0..<inputs { weights[i] += scale * x[i] }
                        b[j] += scale
                    }
                }
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
            let buffers = workspace.buffers(sizes: sizes, batch: count)
            buffers.readInputs(first..<(first + count), of: set)
            // The forward pass only reads the parameters.
            BatchPass(shape: shape, p: storage.base, buffers: buffers).forward()
            let a = buffers.a(last)
            for row in 0..<count { visit(first + row, a + row * outputs) }
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

/// f′(z), using the activation a = f(z) where that is cheaper (σ′ = a(1 − a), tanh′ = 1 − a²).
@inline(__always) private func derivative(_ kind: Activation, z: Float, a: Float) -> Float {
    switch kind {
    case .sigmoid: return a * (1 - a)
    case .linear: return 1
    case .tanh: return 1 - a * a
    case .relu: return z > 0 ? 1 : 0
    }
}

/// Buffers reused from one mini-batch to the next, so training allocates nothing per step: z, a
/// and δ of every layer for every row of the batch, and where each layer's rows lie.
public struct Workspace: Sendable {
    private var held = Buffers()

    public init() {}

    /// Buffers for a batch of `batch` rows through layers of `sizes`. A copy of a workspace gets
    /// buffers of its own the first time it is used, so two never write into the same ones.
    mutating func buffers(sizes: [Int], batch: Int) -> Buffers {
        if !isKnownUniquelyReferenced(&held) { held = Buffers() }
        held.reserve(sizes: sizes, batch: batch)
        return held
    }
}

/// The memory behind a `Workspace`. Layer l's z, a and δ for row r of the batch are
/// `z(l) + r·sizes[l]`, and so on; the inputs (layer 0) are read where they lie in the training
/// set and take no room here, so a whole-set batch of 60,000 digits does not take 560 MB more.
final class Buffers: @unchecked Sendable {
    private var sizes: [Int] = []
    private(set) var batch = 0
    /// Where layer l's rows start in each of the three blocks.
    private var offsets: [Int] = []
    private var floats = 0
    private var pointers = 0
    private var weightedInputs = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    private var activations = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    private var errors = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    /// For every layer, where each row of the batch lies: layer l's at `l·batch`.
    private var rowPointers = UnsafeMutablePointer<UnsafePointer<Float>?>.allocate(capacity: 1)

    func z(_ l: Int) -> UnsafeMutablePointer<Float> { weightedInputs + offsets[l] }
    func a(_ l: Int) -> UnsafeMutablePointer<Float> { activations + offsets[l] }
    func delta(_ l: Int) -> UnsafeMutablePointer<Float> { errors + offsets[l] }
    func rows(_ l: Int) -> UnsafeMutablePointer<UnsafePointer<Float>?> { rowPointers + l * batch }

    /// Points the rows of layer 0 at examples `indices` of `set`, where they lie.
    func readInputs(_ indices: some Sequence<Int>, of set: TrainingSet) {
        for (row, index) in indices.enumerated() {
            rowPointers[row] = UnsafePointer(set.inputs.base + index * set.inputSize)
        }
    }

    /// Room for `batch` rows through `sizes`, kept from the last call when it is enough.
    func reserve(sizes: [Int], batch: Int) {
        guard sizes != self.sizes || batch != self.batch else { return }
        var offsets = [0]
        var total = 0
        for size in sizes.dropFirst() {
            offsets.append(total)
            total += size * batch
        }
        if total > floats {
            for block in [weightedInputs, activations, errors] { block.deallocate() }
            weightedInputs = .allocate(capacity: total)
            activations = .allocate(capacity: total)
            errors = .allocate(capacity: total)
            floats = total
        }
        let needed = sizes.count * batch
        if needed > pointers {
            rowPointers.deallocate()
            rowPointers = .allocate(capacity: needed)
            pointers = needed
        }
        self.sizes = sizes
        self.batch = batch
        self.offsets = offsets
        // Every layer's rows but the inputs lie one after another in the activations.
        for l in 1..<sizes.count {
            for row in 0..<batch { rows(l)[row] = UnsafePointer(a(l) + row * sizes[l]) }
        }
    }

    deinit {
        for block in [weightedInputs, activations, errors] { block.deallocate() }
        rowPointers.deallocate()
    }
}

extension Activation {
    /// How `bp_bias_activate` names this activation.
    var kernelKind: Int32 {
        switch self {
        case .sigmoid: Int32(BP_SIGMOID)
        case .linear: Int32(BP_LINEAR)
        case .tanh: Int32(BP_TANH)
        case .relu: Int32(BP_RELU)
        }
    }
}
