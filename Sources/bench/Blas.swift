import Backprop
import CKernels
import TunedNetwork

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A well-kept BLAS, for comparison: OpenBLAS from Debian on Linux (`apt-get install
/// libopenblas0`), Accelerate on macOS. It is looked up when bench runs, so nothing else in the
/// project needs it, and bench says so when there is none.
struct Blas {
    /// C = α·op(A)·op(B) + β·C, row-major Floats: the C interface's cblas_sgemm.
    typealias Sgemm =
        @convention(c) (
            Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
            UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32
        ) -> Void

    let name: String
    let sgemm: Sgemm

    /// The C interface's names for row-major order and for a matrix used as it is or transposed.
    static let rowMajor: Int32 = 101
    static let asItIs: Int32 = 111
    static let transposed: Int32 = 112

    /// The BLAS this machine has, on one thread, or nil.
    static func load() -> Blas? {
        let libraries = [
            ("OpenBLAS", "libopenblas.so.0"),
            ("Accelerate", "/System/Library/Frameworks/Accelerate.framework/Accelerate"),
        ]
        for (name, path) in libraries {
            guard let library = dlopen(path, RTLD_NOW),
                let sgemm = dlsym(library, "cblas_sgemm")
            else { continue }
            // One core, like the kernels it is set beside.
            if let threads = dlsym(library, "openblas_set_num_threads") {
                typealias SetThreads = @convention(c) (Int32) -> Void
                unsafeBitCast(threads, to: SetThreads.self)(1)
            }
            return Blas(name: name, sgemm: unsafeBitCast(sgemm, to: Sgemm.self))
        }
        return nil
    }

    /// C (m × n) = α·A·Bᵀ + β·C, or with A or B transposed as asked; every matrix row-major.
    func multiply(
        _ a: UnsafePointer<Float>, transposed ta: Bool, _ b: UnsafePointer<Float>,
        transposed tb: Bool, into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, alpha: Float, beta: Float
    ) {
        sgemm(
            Self.rowMajor, ta ? Self.transposed : Self.asItIs, tb ? Self.transposed : Self.asItIs,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(ta ? m : k), b, Int32(tb ? k : n), beta,
            c, Int32(n))
    }
}

/// The tuned network's epoch with every matrix product handed to a BLAS: Z = A·Wᵀ forward,
/// δ = δ′·W backward, W += (−η/B)·δ′ᵀ·A. The rest (biases, σ, δᴸ) is the tuned network's own.
/// Every layer is sigmoid, as in bench's networks.
/// Each mini-batch's inputs are first copied into one matrix, as a BLAS needs them.
struct BlasNetwork {
    let sizes: [Int]
    /// Weights row by row, then biases, layer by layer: `Network.parameters`' order.
    var parameters: [Float]
    let blas: Blas

    init(_ network: Network, blas: Blas) {
        sizes = network.sizes
        parameters = network.parameters.map(Float.init)
        self.blas = blas
    }

    mutating func trainEpoch(
        _ set: TrainingSet, batchSize: Int, learningRate: Float, generator: inout SeededGenerator
    ) {
        let last = sizes.count - 1
        var starts: [(weights: Int, biases: Int)] = []
        var offset = 0
        for l in 0..<last {
            starts.append((offset, offset + sizes[l] * sizes[l + 1]))
            offset += sizes[l] * sizes[l + 1] + sizes[l + 1]
        }
        // Every layer's activations and errors for a whole batch, each layer a matrix.
        let room = sizes.map { $0 * batchSize }
        let a = room.map { UnsafeMutablePointer<Float>.allocate(capacity: $0) }
        let z = room.map { UnsafeMutablePointer<Float>.allocate(capacity: $0) }
        let delta = room.map { UnsafeMutablePointer<Float>.allocate(capacity: $0) }
        defer {
            for block in a + z + delta { block.deallocate() }
        }
        for batch in miniBatches(shuffledIndices(set.count, using: &generator), size: batchSize) {
            let rows = batch.count
            let step = -learningRate / Float(rows)
            set.inputs.withUnsafeBufferPointer { inputs in
                for (row, index) in batch.enumerated() {
                    (a[0] + row * sizes[0]).update(
                        from: inputs.baseAddress! + index * sizes[0], count: sizes[0])
                }
            }
            parameters.withUnsafeMutableBufferPointer { p in
                let p = p.baseAddress!
                for l in 0..<last {
                    let w = p + starts[l].weights
                    blas.multiply(
                        a[l], transposed: false, w, transposed: true, into: z[l + 1],
                        m: rows, n: sizes[l + 1], k: sizes[l], alpha: 1, beta: 0)
                    bp_bias_activate(
                        z[l + 1], a[l + 1], p + starts[l].biases, rows, sizes[l + 1],
                        Int32(BP_SIGMOID), Int32(Processor.kernelBits))
                }
                // δᴸ = 2(aᴸ − y) ⊙ σ′(zᴸ)
                for (row, index) in batch.enumerated() {
                    for j in 0..<sizes[last] {
                        let k = row * sizes[last] + j
                        let output = a[last][k]
                        let error = output - set.targets[index * sizes[last] + j]
                        delta[last][k] = 2 * error * output * (1 - output)
                    }
                }
                for l in stride(from: last - 1, through: 0, by: -1) {
                    let w = p + starts[l].weights
                    if l > 0 {
                        blas.multiply(
                            delta[l + 1], transposed: false, w, transposed: false,
                            into: delta[l], m: rows, n: sizes[l], k: sizes[l + 1], alpha: 1,
                            beta: 0)
                        for k in 0..<(rows * sizes[l]) {
                            delta[l][k] *= a[l][k] * (1 - a[l][k])
                        }
                    }
                    blas.multiply(
                        delta[l + 1], transposed: true, a[l], transposed: false, into: w,
                        m: sizes[l + 1], n: sizes[l], k: rows, alpha: step, beta: 1)
                    for row in 0..<rows {
                        for j in 0..<sizes[l + 1] {
                            p[starts[l].biases + j] += step * delta[l + 1][row * sizes[l + 1] + j]
                        }
                    }
                }
            }
        }
    }
}
