#include "kernels.h"

// The portable versions: the same arithmetic in plain loops.
static void axpy_rows_portable(float *y, const float *const *rows, const float *scales, long count, long n) {
    for (long r = 0; r < count; r++)
        for (long i = 0; i < n; i++) y[i] += scales[r] * rows[r][i];
}


// Whole-layer versions, portable.
static void layer_forward_portable(const float *w, long outputs, long n, const float *const *rows, long count, float *z, long zstride) {
    for (long j = 0; j < outputs; j++)
        for (long r = 0; r < count; r++) {
            float sum = 0;
            for (long i = 0; i < n; i++) sum += w[j * n + i] * rows[r][i];
            z[r * zstride + j] = sum;
        }
}

static void layer_update_portable(float *w, long outputs, long n, const float *const *rows, const float *scales, long sstride, long count) {
    for (long j = 0; j < outputs; j++)
        for (long r = 0; r < count; r++) {
            float s = scales[r * sstride + j];
            for (long i = 0; i < n; i++) w[j * n + i] += s * rows[r][i];
        }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

__attribute__((target("avx2,fma")))
static float horizontal_sum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
    return _mm_cvtss_f32(s);
}

// Four rows at a time share each load of w; eight lanes per instruction.
__attribute__((target("avx2,fma")))
static void dot_rows_avx2(const float *w, const float *const *rows, long count, long n, float *out) {
    long r = 0;
    for (; r + 4 <= count; r += 4) {
        const float *x0 = rows[r], *x1 = rows[r + 1], *x2 = rows[r + 2], *x3 = rows[r + 3];
        __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps(), s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
        long i = 0;
        for (; i + 8 <= n; i += 8) {
            __m256 wi = _mm256_loadu_ps(w + i);
            s0 = _mm256_fmadd_ps(wi, _mm256_loadu_ps(x0 + i), s0);
            s1 = _mm256_fmadd_ps(wi, _mm256_loadu_ps(x1 + i), s1);
            s2 = _mm256_fmadd_ps(wi, _mm256_loadu_ps(x2 + i), s2);
            s3 = _mm256_fmadd_ps(wi, _mm256_loadu_ps(x3 + i), s3);
        }
        float t0 = horizontal_sum(s0), t1 = horizontal_sum(s1), t2 = horizontal_sum(s2), t3 = horizontal_sum(s3);
        for (; i < n; i++) { t0 += w[i] * x0[i]; t1 += w[i] * x1[i]; t2 += w[i] * x2[i]; t3 += w[i] * x3[i]; }
        out[r] = t0; out[r + 1] = t1; out[r + 2] = t2; out[r + 3] = t3;
    }
    // The rows left over, one at a time, still eight lanes wide.
    for (; r < count; r++) {
        const float *x = rows[r];
        __m256 s = _mm256_setzero_ps();
        long i = 0;
        for (; i + 8 <= n; i += 8) s = _mm256_fmadd_ps(_mm256_loadu_ps(w + i), _mm256_loadu_ps(x + i), s);
        float sum = horizontal_sum(s);
        for (; i < n; i++) sum += w[i] * x[i];
        out[r] = sum;
    }
}

// Each chunk of y is loaded once, updated by every row, and stored once. Four chunks at a time,
// so four chains of fused multiply-adds run side by side instead of waiting on each other.
__attribute__((target("avx2,fma")))
static void axpy_rows_avx2(float *y, const float *const *rows, const float *scales, long count, long n) {
    long i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256 a0 = _mm256_loadu_ps(y + i), a1 = _mm256_loadu_ps(y + i + 8);
        __m256 a2 = _mm256_loadu_ps(y + i + 16), a3 = _mm256_loadu_ps(y + i + 24);
        for (long r = 0; r < count; r++) {
            __m256 s = _mm256_broadcast_ss(scales + r);
            const float *x = rows[r] + i;
            a0 = _mm256_fmadd_ps(s, _mm256_loadu_ps(x), a0);
            a1 = _mm256_fmadd_ps(s, _mm256_loadu_ps(x + 8), a1);
            a2 = _mm256_fmadd_ps(s, _mm256_loadu_ps(x + 16), a2);
            a3 = _mm256_fmadd_ps(s, _mm256_loadu_ps(x + 24), a3);
        }
        _mm256_storeu_ps(y + i, a0); _mm256_storeu_ps(y + i + 8, a1);
        _mm256_storeu_ps(y + i + 16, a2); _mm256_storeu_ps(y + i + 24, a3);
    }
    for (; i + 8 <= n; i += 8) {
        __m256 acc = _mm256_loadu_ps(y + i);
        for (long r = 0; r < count; r++)
            acc = _mm256_fmadd_ps(_mm256_broadcast_ss(scales + r), _mm256_loadu_ps(rows[r] + i), acc);
        _mm256_storeu_ps(y + i, acc);
    }
    for (; i < n; i++)
        for (long r = 0; r < count; r++) y[i] += scales[r] * rows[r][i];
}


// A tile of 4 outputs × 3 rows: 12 running sums, each load of w or of a row feeding 3 or 4
// fused multiply-adds. Edges fall back to one output at a time.
__attribute__((target("avx2,fma")))
static void layer_forward_avx2(const float *w, long outputs, long n, const float *const *rows, long count, float *z, long zstride) {
    long j = 0;
    for (; j + 4 <= outputs; j += 4) {
        const float *w0 = w + j * n, *w1 = w0 + n, *w2 = w1 + n, *w3 = w2 + n;
        long r = 0;
        for (; r + 3 <= count; r += 3) {
            const float *x0 = rows[r], *x1 = rows[r + 1], *x2 = rows[r + 2];
            __m256 s00 = _mm256_setzero_ps(), s01 = s00, s02 = s00, s10 = s00, s11 = s00, s12 = s00;
            __m256 s20 = s00, s21 = s00, s22 = s00, s30 = s00, s31 = s00, s32 = s00;
            long i = 0;
            for (; i + 8 <= n; i += 8) {
                __m256 a0 = _mm256_loadu_ps(x0 + i), a1 = _mm256_loadu_ps(x1 + i), a2 = _mm256_loadu_ps(x2 + i);
                __m256 v = _mm256_loadu_ps(w0 + i);
                s00 = _mm256_fmadd_ps(v, a0, s00); s01 = _mm256_fmadd_ps(v, a1, s01); s02 = _mm256_fmadd_ps(v, a2, s02);
                v = _mm256_loadu_ps(w1 + i);
                s10 = _mm256_fmadd_ps(v, a0, s10); s11 = _mm256_fmadd_ps(v, a1, s11); s12 = _mm256_fmadd_ps(v, a2, s12);
                v = _mm256_loadu_ps(w2 + i);
                s20 = _mm256_fmadd_ps(v, a0, s20); s21 = _mm256_fmadd_ps(v, a1, s21); s22 = _mm256_fmadd_ps(v, a2, s22);
                v = _mm256_loadu_ps(w3 + i);
                s30 = _mm256_fmadd_ps(v, a0, s30); s31 = _mm256_fmadd_ps(v, a1, s31); s32 = _mm256_fmadd_ps(v, a2, s32);
            }
            float t[4][3] = {
                {horizontal_sum(s00), horizontal_sum(s01), horizontal_sum(s02)},
                {horizontal_sum(s10), horizontal_sum(s11), horizontal_sum(s12)},
                {horizontal_sum(s20), horizontal_sum(s21), horizontal_sum(s22)},
                {horizontal_sum(s30), horizontal_sum(s31), horizontal_sum(s32)},
            };
            for (; i < n; i++)
                for (int a = 0; a < 4; a++) {
                    float wi = w[(j + a) * n + i];
                    t[a][0] += wi * x0[i]; t[a][1] += wi * x1[i]; t[a][2] += wi * x2[i];
                }
            for (int a = 0; a < 4; a++)
                for (int b = 0; b < 3; b++) z[(r + b) * zstride + j + a] = t[a][b];
        }
        if (r < count) {
            float out[3];
            for (int a = 0; a < 4; a++) {
                dot_rows_avx2(w + (j + a) * n, rows + r, count - r, n, out);
                for (long b = 0; b < count - r; b++) z[(r + b) * zstride + j + a] = out[b];
            }
        }
    }
    for (; j < outputs; j++) {
        for (long r = 0; r < count; r += 4) {
            long k = count - r < 4 ? count - r : 4;
            float out[4];
            dot_rows_avx2(w + j * n, rows + r, k, n, out);
            for (long b = 0; b < k; b++) z[(r + b) * zstride + j] = out[b];
        }
    }
}

// Two weight rows at a time share every load of an activation row.
__attribute__((target("avx2,fma")))
static void layer_update_avx2(float *w, long outputs, long n, const float *const *rows, const float *scales, long sstride, long count) {
    long j = 0;
    for (; j + 2 <= outputs; j += 2) {
        float *y0 = w + j * n, *y1 = y0 + n;
        long i = 0;
        for (; i + 16 <= n; i += 16) {
            __m256 a0 = _mm256_loadu_ps(y0 + i), a1 = _mm256_loadu_ps(y0 + i + 8);
            __m256 b0 = _mm256_loadu_ps(y1 + i), b1 = _mm256_loadu_ps(y1 + i + 8);
            for (long r = 0; r < count; r++) {
                __m256 s = _mm256_broadcast_ss(scales + r * sstride + j), t = _mm256_broadcast_ss(scales + r * sstride + j + 1);
                __m256 x0 = _mm256_loadu_ps(rows[r] + i), x1 = _mm256_loadu_ps(rows[r] + i + 8);
                a0 = _mm256_fmadd_ps(s, x0, a0); a1 = _mm256_fmadd_ps(s, x1, a1);
                b0 = _mm256_fmadd_ps(t, x0, b0); b1 = _mm256_fmadd_ps(t, x1, b1);
            }
            _mm256_storeu_ps(y0 + i, a0); _mm256_storeu_ps(y0 + i + 8, a1);
            _mm256_storeu_ps(y1 + i, b0); _mm256_storeu_ps(y1 + i + 8, b1);
        }
        for (; i < n; i++)
            for (long r = 0; r < count; r++) {
                y0[i] += scales[r * sstride + j] * rows[r][i];
                y1[i] += scales[r * sstride + j + 1] * rows[r][i];
            }
    }
    for (; j < outputs; j++) {
        float column[count > 0 ? count : 1];
        for (long r = 0; r < count; r++) column[r] = scales[r * sstride + j];
        axpy_rows_avx2(w + j * n, rows, column, count, n);
    }
}

static int has_avx2_fma(void) {
    static int known = -1;
    if (known < 0) known = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return known;
}

void bp_axpy_rows(float *y, const float *const *rows, const float *scales, long count, long n) {
    if (has_avx2_fma()) axpy_rows_avx2(y, rows, scales, count, n);
    else axpy_rows_portable(y, rows, scales, count, n);
}

void bp_layer_forward(const float *w, long outputs, long n, const float *const *rows, long count, float *z, long zstride) {
    if (has_avx2_fma()) layer_forward_avx2(w, outputs, n, rows, count, z, zstride);
    else layer_forward_portable(w, outputs, n, rows, count, z, zstride);
}

void bp_layer_update(float *w, long outputs, long n, const float *const *rows, const float *scales, long sstride, long count) {
    if (has_avx2_fma()) layer_update_avx2(w, outputs, n, rows, scales, sstride, count);
    else layer_update_portable(w, outputs, n, rows, scales, sstride, count);
}

#else

void bp_axpy_rows(float *y, const float *const *rows, const float *scales, long count, long n) {
    axpy_rows_portable(y, rows, scales, count, n);
}

void bp_layer_forward(const float *w, long outputs, long n, const float *const *rows, long count, float *z, long zstride) {
    layer_forward_portable(w, outputs, n, rows, count, z, zstride);
}

void bp_layer_update(float *w, long outputs, long n, const float *const *rows, const float *scales, long sstride, long count) {
    layer_update_portable(w, outputs, n, rows, scales, sstride, count);
}

#endif
