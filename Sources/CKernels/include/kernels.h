// The two inner loops of mini-batch training, tuned: dot products of one weight row with many
// activation rows, and one weight row updated by many scaled activation rows. Rows are given
// as pointers, so a mini-batch can be read where it lies, without copying.
//
// On x86-64 processors with AVX2 and FMA they run eight Floats per instruction with fused
// multiply-adds, chosen at run time; elsewhere they are plain loops.
#ifndef BACKPROP_KERNELS_H
#define BACKPROP_KERNELS_H

// out[r] = Σᵢ w[i]·rows[r][i], for r < count.
void bp_dot_rows(const float *w, const float *const *rows, long count, long n, float *out);

// y[i] += Σᵣ scales[r]·rows[r][i], for i < n.
void bp_axpy_rows(float *y, const float *const *rows, const float *scales, long count, long n);

#endif
