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

// Each kernel takes `bits`, the widest vectors it may use (512, 256, 128 or 32), narrowed to what
// the processor has: the widest there are, unless a test asks for a narrower path.

// y[i] += Σᵣ scales[r]·rows[r][i], for i < n.
void bp_axpy_rows(float *y, const float *const *rows, const float *scales, long count, long n,
        int bits);

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
void bp_layer_forward(const float *w, long outputs, long n, const float *const *rows, long count,
        float *z, long zstride, int bits);

// w[j·n + i] += Σᵣ scales[r·sstride + j]·rows[r][i] for every j < outputs: a whole layer's
// weights moved by the mini-batch's scaled errors times its activations.
void bp_layer_update(float *w, long outputs, long n, const float *const *rows, const float *scales,
        long sstride, long count, int bits);

// The activations a neuron may have, as `bp_bias_activate` takes them.
enum { BP_SIGMOID = 0, BP_LINEAR = 1, BP_TANH = 2, BP_RELU = 3 };

// z[k] += b[k mod outputs], then a[k] = f(z[k]), for k < count·outputs: a layer's biases added
// and its activation applied, for every row of a batch. With 512-bit vectors, σ is computed
// sixteen at a time, to within a unit or two in the last place of expf's.
void bp_bias_activate(float *z, float *a, const float *b, long count, long outputs, int kind,
        int bits);
#endif
