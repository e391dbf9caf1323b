// The inner loops of mini-batch training, tuned: a whole layer's weighted inputs, a whole layer's
// weights updated, one row updated by many scaled rows (to pass δ back), and a layer's biases and
// activation. Rows are given as pointers, so a mini-batch can be read where it lies, without
// copying. Inside each kernel, numbers below about 1e-38 (subnormal) count as zero: on x86-64 an
// operation that meets one otherwise takes about a hundred times as long.
//
// On x86-64 they run sixteen Floats per instruction with AVX-512, or eight with AVX2 and FMA,
// chosen at run time, so the same binary runs on a processor with neither (plain loops). On
// 64-bit ARM (Apple Silicon) they run four Floats per NEON instruction.
#ifndef BACKPROP_KERNELS_H
#define BACKPROP_KERNELS_H

// Rows to ask the caches for while a kernel runs: rows indices[r] of `base`, r < count, each n
// Floats wide, and the same rows of `targets` (`outputs` wide) when it is not NULL.
typedef struct {
    const float *base;
    const long *indices;
    long count;
    long n;
    const float *targets;
    long outputs;
} bp_ahead;

// Each kernel takes `bits`, the widest vectors it may use (512, 256, 128 or 32), narrowed to what
// the processor has: the widest there are, unless a test asks for a narrower path.

// The processor's own limit, for `bench`: `repeats` rounds of twelve independent chains of fused
// multiply-adds on the widest vectors this processor has, with no memory traffic at all. Returns
// the floating-point operations done (two per lane per fused multiply-add); `bits` receives the
// width of the vectors used (512, 256, 128, or 32 for plain numbers).
double bp_fma_peak(long repeats, int *bits);

// Which kernels the tuned network runs on this processor: 512, 256, 128, or 32 (plain loops).
int bp_kernel_bits(void);

#endif

#ifndef BACKPROP_KERNELS_TILES_H
#define BACKPROP_KERNELS_TILES_H
// z[r·zstride + j] = Σᵢ w[j·n + i]·rows[r][i] for every output j < outputs and row r < count:
// a whole layer's weighted inputs for a mini-batch (without the biases).
// `ahead`, when not NULL, names rows the caches are asked for meanwhile, as in bp_layer_update.
void bp_layer_forward(const float *w, long outputs, long n, const float *const *rows, long count,
        float *z, long zstride, const bp_ahead *ahead, int bits);

// w[j·n + i] += step·Σᵣ δ[r·dstride + j]·rows[r][i] and b[j] += step·Σᵣ δ[r·dstride + j] for
// every j < outputs: a whole layer's weights and biases moved by the mini-batch's errors (step is
// −η/B). Each row's step·δ is rounded to a Float before it is used.
// `ahead`, when not NULL, names rows the caches are asked for while the update runs (the next
// mini-batch's digits), a share at a time.
void bp_layer_update(float *w, float *b, long outputs, long n, const float *const *rows,
        const float *delta, long dstride, long count, float step, const bp_ahead *ahead, int bits);

// The activations a neuron may have, as `bp_bias_activate` takes them.
enum { BP_SIGMOID = 0, BP_LINEAR = 1, BP_TANH = 2, BP_RELU = 3 };

// z[k] += b[k mod outputs], then a[k] = f(z[k]), for k < count·outputs: a layer's biases added
// and its activation applied, for every row of a batch. With 512-bit vectors, σ is computed
// sixteen at a time, to within a unit or two in the last place of expf's.
void bp_bias_activate(float *z, float *a, const float *b, long count, long outputs, int kind,
        int bits);

// δᴸ = 2(aᴸ − y) ⊙ f′(zᴸ) for the `count` rows of a batch, y being row indices[r] of `targets`
// (`outputs` wide); returns the batch's summed cost Σ (aᴸ − y)², each square rounded to a Float.
double bp_output_error(const float *a, const float *z, const float *targets, const long *indices,
        long count, long outputs, int kind, float *delta);

// δ = (Wᵀ·δ′) ⊙ f′(z) for every row of a batch: W is outputs × inputs, δ′ is count × outputs,
// and z, a and δ are count × inputs.
void bp_pass_back(float *delta, const float *w, long outputs, long inputs, const float *next,
        const float *z, const float *a, long count, int kind, int bits);

// A monotonic clock in nanoseconds, for timing the parts of a step.
unsigned long long bp_now_ns(void);
#endif
