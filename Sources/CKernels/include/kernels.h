// The inner loops of mini-batch training, tuned: a whole layer's weighted inputs, a whole layer's
// weights updated, and one row updated by many scaled rows (to pass δ back). Rows are given as
// pointers, so a mini-batch can be read where it lies, without copying.
//
// On x86-64 processors with AVX2 and FMA they run eight Floats per instruction with fused
// multiply-adds, chosen at run time; elsewhere they are plain loops.
#ifndef BACKPROP_KERNELS_H
#define BACKPROP_KERNELS_H

// y[i] += Σᵣ scales[r]·rows[r][i], for i < n.
void bp_axpy_rows(float *y, const float *const *rows, const float *scales, long count, long n);

#endif

#ifndef BACKPROP_KERNELS_TILES_H
#define BACKPROP_KERNELS_TILES_H
// z[r·zstride + j] = Σᵢ w[j·n + i]·rows[r][i] for every output j < outputs and row r < count:
// a whole layer's weighted inputs for a mini-batch (without the biases).
void bp_layer_forward(const float *w, long outputs, long n, const float *const *rows, long count, float *z, long zstride);

// w[j·n + i] += Σᵣ scales[r·sstride + j]·rows[r][i] for every j < outputs: a whole layer's
// weights moved by the mini-batch's scaled errors times its activations.
void bp_layer_update(float *w, long outputs, long n, const float *const *rows, const float *scales, long sstride, long count);
#endif
