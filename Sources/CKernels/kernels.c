#include "kernels.h"

// The portable versions: the same arithmetic in plain loops.
static void dot_rows_portable(const float *w, const float *const *rows, long count, long n, float *out) {
    for (long r = 0; r < count; r++) {
        float sum = 0;
        for (long i = 0; i < n; i++) sum += w[i] * rows[r][i];
        out[r] = sum;
    }
}

static void axpy_rows_portable(float *y, const float *const *rows, const float *scales, long count, long n) {
    for (long r = 0; r < count; r++)
        for (long i = 0; i < n; i++) y[i] += scales[r] * rows[r][i];
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

static int has_avx2_fma(void) {
    static int known = -1;
    if (known < 0) known = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return known;
}

void bp_dot_rows(const float *w, const float *const *rows, long count, long n, float *out) {
    if (has_avx2_fma()) dot_rows_avx2(w, rows, count, n, out);
    else dot_rows_portable(w, rows, count, n, out);
}

void bp_axpy_rows(float *y, const float *const *rows, const float *scales, long count, long n) {
    if (has_avx2_fma()) axpy_rows_avx2(y, rows, scales, count, n);
    else axpy_rows_portable(y, rows, scales, count, n);
}

#else

void bp_dot_rows(const float *w, const float *const *rows, long count, long n, float *out) {
    dot_rows_portable(w, rows, count, n, out);
}

void bp_axpy_rows(float *y, const float *const *rows, const float *scales, long count, long n) {
    axpy_rows_portable(y, rows, scales, count, n);
}

#endif
