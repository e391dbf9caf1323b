#include "kernels.h"

#include <time.h>

// The portable versions: the same arithmetic in plain loops.
__attribute__((unused)) static void axpy_rows_portable(float *y, const float *const *rows,
        const float *scales, long count, long n) {
    for (long r = 0; r < count; r++)
        for (long i = 0; i < n; i++) y[i] += scales[r] * rows[r][i];
}


// Whole-layer versions, portable. The forward pass goes in tiles of 2 outputs × 4 rows: eight
// sums side by side, so the multiply-adds do not wait on each other, and each number loaded
// feeds two or four of them. Each sum is made in the order of i, as one at a time makes it.
__attribute__((unused)) static void layer_forward_portable(const float *w, long outputs, long n,
        const float *const *rows, long count, float *z, long zstride) {
    for (long j = 0; j < outputs; j += 2) {
        long outs = outputs - j < 2 ? outputs - j : 2;
        const float *w0 = w + j * n, *w1 = w + (j + outs - 1) * n;
        for (long r = 0; r < count; r += 4) {
            long kept = count - r < 4 ? count - r : 4;
            const float *x[4];
            for (int b = 0; b < 4; b++) x[b] = rows[r + (b < kept ? b : 0)];
            float s0[4] = {0, 0, 0, 0}, s1[4] = {0, 0, 0, 0};
            for (long i = 0; i < n; i++)
                for (int b = 0; b < 4; b++) {
                    s0[b] += w0[i] * x[b][i];
                    s1[b] += w1[i] * x[b][i];
                }
            for (long b = 0; b < kept; b++) {
                z[(r + b) * zstride + j] = s0[b];
                if (outs == 2) z[(r + b) * zstride + j + 1] = s1[b];
            }
        }
    }
}

__attribute__((unused)) static void layer_update_portable(float *w, long outputs, long n,
        const float *const *rows, const float *scales, long sstride, long count, float step) {
    for (long j = 0; j < outputs; j++)
        for (long r = 0; r < count; r++) {
            float s = step * scales[r * sstride + j];
            for (long i = 0; i < n; i++) w[j * n + i] += s * rows[r][i];
        }
}

static float activate_portable(float z, int kind) {
    switch (kind) {
    case BP_SIGMOID:
        return 1 / (1 + __builtin_expf(-z));
    case BP_TANH:
        return __builtin_tanhf(z);
    case BP_RELU:
        return z > 0 ? z : 0;
    default:
        return z;
    }
}

__attribute__((unused)) static void bias_activate_portable(float *z, float *a, const float *b,
        long count, long outputs, int kind) {
    for (long r = 0; r < count; r++)
        for (long j = 0; j < outputs; j++) {
            long k = r * outputs + j;
            z[k] += b[j];
            a[k] = activate_portable(z[k], kind);
        }
}

// f′(z), from a = f(z) where that is cheaper: σ′ = a(1 − a), tanh′ = 1 − a².
static float slope(float z, float a, int kind) {
    switch (kind) {
    case BP_SIGMOID:
        return a * (1 - a);
    case BP_TANH: {
        // Two statements, so no compiler fuses them into one rounding (as Swift never did).
        float square = a * a;
        return 1 - square;
    }
    case BP_RELU:
        return z > 0 ? 1 : 0;
    default:
        return 1;
    }
}

// b[j] += step·δ[r·dstride + j], row after row: each row's scaled error rounded, then added, as
// the weights' own update takes it.
static void step_biases(float *b, long outputs, const float *delta, long dstride, long count,
        float step) {
    for (long r = 0; r < count; r++)
        for (long j = 0; j < outputs; j++) {
            float scaled = step * delta[r * dstride + j];
            b[j] += scaled;
        }
}

// Asks the caches for share `part` of `parts` of the rows `ahead` names, line by line, row after
// row: a kernel that asks for one share each time round its loop spreads the requests over its
// run, so they never wait on each other.
static void prefetch_share(const bp_ahead *ahead, long part, long parts) {
    if (!ahead || ahead->count <= 0 || parts <= 0) return;
    long lines = (ahead->n * (long)sizeof(float) + 63) / 64;
    long total = ahead->count * lines;
    for (long k = part * total / parts; k < (part + 1) * total / parts; k++) {
        const float *row = ahead->base + ahead->indices[k / lines] * ahead->n;
        __builtin_prefetch((const char *)row + (k % lines) * 64, 0, 2);
        // With a row's first line, its target's, which may straddle two lines.
        if (k % lines != 0 || !ahead->targets) continue;
        const float *target = ahead->targets + ahead->indices[k / lines] * ahead->outputs;
        __builtin_prefetch(target, 0, 2);
        __builtin_prefetch(target + ahead->outputs - 1, 0, 2);
    }
}

// An update kernel run on groups of a few weight rows, a share of the rows ahead asked for after
// each group: each weight's sum is made in the same order, so the numbers are the same.
typedef void (*update_kernel)(float *w, long outputs, long n, const float *const *rows,
        const float *scales, long sstride, long count, float step);

static void update_in_parts(update_kernel kernel, float *w, long outputs, long n,
        const float *const *rows, const float *scales, long sstride, long count, float step,
        const bp_ahead *ahead) {
    long parts = ahead && outputs >= 8 ? 4 : 1;
    for (long part = 0; part < parts; part++) {
        long first = part * outputs / parts, last = (part + 1) * outputs / parts;
        kernel(w + first * n, last - first, n, rows, scales + first, sstride, count, step);
        prefetch_share(ahead, part, parts);
    }
}

// A forward kernel run on groups of a few outputs, a share of the rows ahead asked for after each.
typedef void (*forward_kernel)(const float *w, long outputs, long n, const float *const *rows,
        long count, float *z, long zstride);

static void forward_in_parts(forward_kernel kernel, const float *w, long outputs, long n,
        const float *const *rows, long count, float *z, long zstride, const bp_ahead *ahead) {
    long parts = ahead && outputs >= 8 ? 4 : 1;
    for (long part = 0; part < parts; part++) {
        long first = part * outputs / parts, last = (part + 1) * outputs / parts;
        kernel(w + first * n, last - first, n, rows, count, z + first, zstride);
        prefetch_share(ahead, part, parts);
    }
}

// Where the peak loops leave their sums, so that no compiler can leave the loops out.
volatile float bp_peak_sink;

// Twelve chains of s ← s·m + c: independent, so the FMA units never wait on a result.
__attribute__((unused)) static double peak_portable(long repeats) {
    float s[12];
    for (int k = 0; k < 12; k++) s[k] = 1 + k * 0.01f;
    for (long r = 0; r < repeats; r++)
        for (int k = 0; k < 12; k++) s[k] = s[k] * 0.999999f + 1e-7f;
    float t = 0;
    for (int k = 0; k < 12; k++) t += s[k];
    bp_peak_sink = t;
    return (double)repeats * 12 * 2;
}

// Twelve chains of vectors T, summed into `total` at the end.
#define PEAK_CHAINS(T, set1, fmadd, add)                                                         \
    T m = set1(0.999999f), c = set1(1e-7f);                                                      \
    T s0 = set1(1.00f), s1 = set1(1.01f), s2 = set1(1.02f), s3 = set1(1.03f);                    \
    T s4 = set1(1.04f), s5 = set1(1.05f), s6 = set1(1.06f), s7 = set1(1.07f);                    \
    T s8 = set1(1.08f), s9 = set1(1.09f), s10 = set1(1.10f), s11 = set1(1.11f);                  \
    for (long r = 0; r < repeats; r++) {                                                         \
        s0 = fmadd(s0, m, c);                                                                    \
        s1 = fmadd(s1, m, c);                                                                    \
        s2 = fmadd(s2, m, c);                                                                    \
        s3 = fmadd(s3, m, c);                                                                    \
        s4 = fmadd(s4, m, c);                                                                    \
        s5 = fmadd(s5, m, c);                                                                    \
        s6 = fmadd(s6, m, c);                                                                    \
        s7 = fmadd(s7, m, c);                                                                    \
        s8 = fmadd(s8, m, c);                                                                    \
        s9 = fmadd(s9, m, c);                                                                    \
        s10 = fmadd(s10, m, c);                                                                  \
        s11 = fmadd(s11, m, c);                                                                  \
    }                                                                                            \
    T total = add(add(add(s0, s1), add(s2, s3)), add(add(s4, s5), add(s6, s7)));                 \
    total = add(total, add(add(s8, s9), add(s10, s11)));

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

// e^x's first steps on vectors T, for every width that computes it, so all use the same numbers:
// x held within ±104 (beyond, e^x is ∞ or 0 to a Float anyway; a NaN stays a NaN), x = k·ln 2 + r
// with k whole and |r| ≤ ½ ln 2, and e^r by its Taylor polynomial to r⁷ (short of e^r by less
// than a unit in the last place). Leaves k and p = e^r; e^x is p·2^k, which each width makes.
// ln 2 is taken in two parts, the first exact in few bits, so that k·ln 2 comes off exactly.
#define EXP_REDUCED(T, set1, mul, fmadd, fnmadd, min, max, round)                                  \
    x = min(set1(104.0f), x);                                                                    \
    x = max(set1(-104.0f), x);                                                                   \
    T k = round(mul(x, set1(1.44269504f)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);       \
    T r = fnmadd(k, set1(0.693145752f), x);                                                      \
    r = fnmadd(k, set1(1.42860677e-6f), r);                                                      \
    T p = set1(1.0f / 5040);                                                                     \
    p = fmadd(p, r, set1(1.0f / 720));                                                           \
    p = fmadd(p, r, set1(1.0f / 120));                                                           \
    p = fmadd(p, r, set1(1.0f / 24));                                                            \
    p = fmadd(p, r, set1(1.0f / 6));                                                             \
    p = fmadd(p, r, set1(0.5f));                                                                 \
    p = fmadd(p, r, set1(1.0f));                                                                 \
    p = fmadd(p, r, set1(1.0f));


__attribute__((target("avx2,fma")))
static float horizontal_sum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
    return _mm_cvtss_f32(s);
}

// Four rows at a time share each load of w; eight lanes per instruction.
__attribute__((target("avx2,fma")))
static void dot_rows_avx2(const float *w, const float *const *rows, long count, long n,
        float *out) {
    long r = 0;
    for (; r + 4 <= count; r += 4) {
        const float *x0 = rows[r], *x1 = rows[r + 1], *x2 = rows[r + 2], *x3 = rows[r + 3];
        __m256 s0 = _mm256_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
        long i = 0;
        for (; i + 8 <= n; i += 8) {
            __m256 wi = _mm256_loadu_ps(w + i);
            s0 = _mm256_fmadd_ps(wi, _mm256_loadu_ps(x0 + i), s0);
            s1 = _mm256_fmadd_ps(wi, _mm256_loadu_ps(x1 + i), s1);
            s2 = _mm256_fmadd_ps(wi, _mm256_loadu_ps(x2 + i), s2);
            s3 = _mm256_fmadd_ps(wi, _mm256_loadu_ps(x3 + i), s3);
        }
        float t0 = horizontal_sum(s0), t1 = horizontal_sum(s1);
        float t2 = horizontal_sum(s2), t3 = horizontal_sum(s3);
        for (; i < n; i++) {
            t0 += w[i] * x0[i];
            t1 += w[i] * x1[i];
            t2 += w[i] * x2[i];
            t3 += w[i] * x3[i];
        }
        out[r] = t0;
        out[r + 1] = t1;
        out[r + 2] = t2;
        out[r + 3] = t3;
    }
    // The rows left over, one at a time, still eight lanes wide.
    for (; r < count; r++) {
        const float *x = rows[r];
        __m256 s = _mm256_setzero_ps();
        long i = 0;
        for (; i + 8 <= n; i += 8) s = _mm256_fmadd_ps(_mm256_loadu_ps(w + i),
                _mm256_loadu_ps(x + i), s);
        float sum = horizontal_sum(s);
        for (; i < n; i++) sum += w[i] * x[i];
        out[r] = sum;
    }
}

// Each chunk of y is loaded once, updated by every row, and stored once. Four chunks at a time,
// so four chains of fused multiply-adds run side by side instead of waiting on each other.
__attribute__((target("avx2,fma")))
static void axpy_rows_avx2(float *y, const float *const *rows, const float *scales, long count,
        long n) {
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
        _mm256_storeu_ps(y + i, a0);
        _mm256_storeu_ps(y + i + 8, a1);
        _mm256_storeu_ps(y + i + 16, a2);
        _mm256_storeu_ps(y + i + 24, a3);
    }
    for (; i + 8 <= n; i += 8) {
        __m256 acc = _mm256_loadu_ps(y + i);
        for (long r = 0; r < count; r++)
            acc = _mm256_fmadd_ps(_mm256_broadcast_ss(scales + r), _mm256_loadu_ps(rows[r] + i),
                    acc);
        _mm256_storeu_ps(y + i, acc);
    }
    for (; i < n; i++)
        for (long r = 0; r < count; r++) y[i] += scales[r] * rows[r][i];
}


// A tile of 4 outputs × 3 rows: 12 running sums, each load of w or of a row feeding 3 or 4
// fused multiply-adds. Edges fall back to one output at a time.
__attribute__((target("avx2,fma")))
static void layer_forward_avx2(const float *w, long outputs, long n, const float *const *rows,
        long count, float *z, long zstride) {
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
                __m256 a0 = _mm256_loadu_ps(x0 + i), a1 = _mm256_loadu_ps(x1 + i);
                __m256 a2 = _mm256_loadu_ps(x2 + i);
                __m256 v = _mm256_loadu_ps(w0 + i);
                s00 = _mm256_fmadd_ps(v, a0, s00);
                s01 = _mm256_fmadd_ps(v, a1, s01);
                s02 = _mm256_fmadd_ps(v, a2, s02);
                v = _mm256_loadu_ps(w1 + i);
                s10 = _mm256_fmadd_ps(v, a0, s10);
                s11 = _mm256_fmadd_ps(v, a1, s11);
                s12 = _mm256_fmadd_ps(v, a2, s12);
                v = _mm256_loadu_ps(w2 + i);
                s20 = _mm256_fmadd_ps(v, a0, s20);
                s21 = _mm256_fmadd_ps(v, a1, s21);
                s22 = _mm256_fmadd_ps(v, a2, s22);
                v = _mm256_loadu_ps(w3 + i);
                s30 = _mm256_fmadd_ps(v, a0, s30);
                s31 = _mm256_fmadd_ps(v, a1, s31);
                s32 = _mm256_fmadd_ps(v, a2, s32);
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
                    t[a][0] += wi * x0[i];
                    t[a][1] += wi * x1[i];
                    t[a][2] += wi * x2[i];
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

// Sixteen lanes of up to four weight rows held in registers while every row of the batch streams
// past: each load of a row feeds four fused multiply-adds, and the weights are read and written
// once a step (measured against two and six rows held: four was fastest at mini-batches of 10
// and of 100). The scales are set out a block of rows at a time; each
// weight's sum is made in the rows' order. A row's last lanes, fewer than sixteen, are plain.
#define UPDATE2_HELD 4
#define SCALE_BLOCK2 64

__attribute__((target("avx2,fma")))
static void layer_update_avx2(float *w, long outputs, long n, const float *const *rows,
        const float *scales, long sstride, long count, float step) {
    float column[SCALE_BLOCK2 * UPDATE2_HELD];
    for (long first = 0; first < outputs; first += UPDATE2_HELD) {
        long held = outputs - first < UPDATE2_HELD ? outputs - first : UPDATE2_HELD;
        float *y[UPDATE2_HELD];
        for (int o = 0; o < UPDATE2_HELD; o++) y[o] = w + (first + (o < held ? o : 0)) * n;
        for (long r0 = 0; r0 < count; r0 += SCALE_BLOCK2) {
            long kept = count - r0 < SCALE_BLOCK2 ? count - r0 : SCALE_BLOCK2;
            for (long r = 0; r < kept; r++)
                for (int o = 0; o < UPDATE2_HELD; o++)
                    column[r * UPDATE2_HELD + o] =
                        o < held ? step * scales[(r0 + r) * sstride + first + o] : 0;
            long i = 0;
            for (; i + 16 <= n; i += 16) {
                __m256 acc[UPDATE2_HELD][2];
#pragma clang loop unroll(full)
                for (int o = 0; o < UPDATE2_HELD; o++) {
                    acc[o][0] = _mm256_loadu_ps(y[o] + i);
                    acc[o][1] = _mm256_loadu_ps(y[o] + i + 8);
                }
                for (long r = 0; r < kept; r++) {
                    __m256 x0 = _mm256_loadu_ps(rows[r0 + r] + i);
                    __m256 x1 = _mm256_loadu_ps(rows[r0 + r] + i + 8);
                    const float *sc = column + r * UPDATE2_HELD;
#pragma clang loop unroll(full)
                    for (int o = 0; o < UPDATE2_HELD; o++) {
                        __m256 s = _mm256_broadcast_ss(sc + o);
                        acc[o][0] = _mm256_fmadd_ps(s, x0, acc[o][0]);
                        acc[o][1] = _mm256_fmadd_ps(s, x1, acc[o][1]);
                    }
                }
                for (int o = 0; o < held; o++) {
                    _mm256_storeu_ps(y[o] + i, acc[o][0]);
                    _mm256_storeu_ps(y[o] + i + 8, acc[o][1]);
                }
            }
            for (; i < n; i++)
                for (int o = 0; o < held; o++)
                    for (long r = 0; r < kept; r++)
                        y[o][i] += column[r * UPDATE2_HELD + o] * rows[r0 + r][i];
        }
    }
}

// e^x, eight at a time: EXP_REDUCED's p, times 2^k. AVX2 has no instruction for that last step,
// so 2^k is made from its exponent bits, in two halves, each a normal Float even where k reaches
// ±150.
__attribute__((target("avx2,fma")))
static __m256 exp_avx2(__m256 x) {
    EXP_REDUCED(__m256, _mm256_set1_ps, _mm256_mul_ps, _mm256_fmadd_ps, _mm256_fnmadd_ps,
            _mm256_min_ps, _mm256_max_ps, _mm256_round_ps)
    __m256i whole = _mm256_cvtps_epi32(k);
    __m256i half = _mm256_srai_epi32(whole, 1);
    __m256i rest = _mm256_sub_epi32(whole, half);
    __m256i bias = _mm256_set1_epi32(127);
    __m256 first = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(half, bias), 23));
    __m256 second = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(rest, bias), 23));
    return _mm256_mul_ps(_mm256_mul_ps(p, first), second);
}

// z += b, a = σ(z) on 8 lanes of a row at a time, a row's last lanes through a mask; other
// activations, plainly.
__attribute__((target("avx2,fma")))
static void bias_activate_avx2(float *z, float *a, const float *b, long count, long outputs,
        int kind) {
    if (kind != BP_SIGMOID) return bias_activate_portable(z, a, b, count, outputs, kind);
    __m256 one = _mm256_set1_ps(1.0f);
    __m256i index = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    for (long r = 0; r < count; r++)
        for (long j = 0; j < outputs; j += 8) {
            long left = outputs - j < 8 ? outputs - j : 8;
            __m256i k = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)left), index);
            float *zr = z + r * outputs + j;
            __m256 v = _mm256_add_ps(_mm256_maskload_ps(zr, k), _mm256_maskload_ps(b + j, k));
            _mm256_maskstore_ps(zr, k, v);
            __m256 e = exp_avx2(_mm256_sub_ps(_mm256_setzero_ps(), v));
            __m256 sigma = _mm256_div_ps(one, _mm256_add_ps(one, e));
            _mm256_maskstore_ps(a + r * outputs + j, k, sigma);
        }
}

// The peak on vectors: the same twelve chains, one vector each.
__attribute__((target("avx2,fma")))
static double peak_avx2(long repeats) {
    PEAK_CHAINS(__m256, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_add_ps)
    bp_peak_sink = horizontal_sum(total);
    return (double)repeats * 12 * 8 * 2;
}

__attribute__((target("avx512f")))
static double peak_avx512(long repeats) {
    PEAK_CHAINS(__m512, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_add_ps)
    bp_peak_sink = _mm512_reduce_add_ps(total);
    return (double)repeats * 12 * 16 * 2;
}

// The same loops sixteen lanes wide with AVX-512. A row's last lanes are read and written
// through a mask, so no row length needs a loop of plain numbers at its end.

// The lanes of a row from i on that exist, at most sixteen.
__attribute__((target("avx512f")))
static __mmask16 lanes(long i, long n) {
    long left = n - i;
    if (left >= 16) return (__mmask16)0xFFFF;
    return left <= 0 ? (__mmask16)0 : (__mmask16)((1u << left) - 1);
}

// y[i] += Σᵣ scales[r]·rows[r][i]: each chunk of 64 lanes of y loaded once, moved by every row,
// stored once; four chains of fused multiply-adds side by side.
__attribute__((target("avx512f")))
static void axpy_rows_avx512(float *y, const float *const *rows, const float *scales, long count,
        long n) {
    for (long i = 0; i < n; i += 64) {
        __mmask16 k0 = lanes(i, n), k1 = lanes(i + 16, n), k2 = lanes(i + 32, n), k3 = lanes(i + 48,
                n);
        __m512 a0 = _mm512_maskz_loadu_ps(k0, y + i), a1 = _mm512_maskz_loadu_ps(k1, y + i + 16);
        __m512 a2 = _mm512_maskz_loadu_ps(k2, y + i + 32), a3 = _mm512_maskz_loadu_ps(k3,
                y + i + 48);
        for (long r = 0; r < count; r++) {
            __m512 s = _mm512_set1_ps(scales[r]);
            const float *x = rows[r] + i;
            a0 = _mm512_fmadd_ps(s, _mm512_maskz_loadu_ps(k0, x), a0);
            a1 = _mm512_fmadd_ps(s, _mm512_maskz_loadu_ps(k1, x + 16), a1);
            a2 = _mm512_fmadd_ps(s, _mm512_maskz_loadu_ps(k2, x + 32), a2);
            a3 = _mm512_fmadd_ps(s, _mm512_maskz_loadu_ps(k3, x + 48), a3);
        }
        _mm512_mask_storeu_ps(y + i, k0, a0);
        _mm512_mask_storeu_ps(y + i + 16, k1, a1);
        _mm512_mask_storeu_ps(y + i + 32, k2, a2);
        _mm512_mask_storeu_ps(y + i + 48, k3, a3);
    }
}

// Five rows of the batch at a time beside four weight rows: a tile of 4 outputs × 5 rows keeps
// twenty running sums in registers, and each step along a row loads nine vectors for twenty
// fused multiply-adds. Five rows of 784 pixels and four weight rows (28 KB) stay in a 32 KB L1
// while the tile works through them. (Measured against 2 × 10, 3 × 8, 4 × 6, 5 × 4, 6 × 4 and
// 8 × 3 on an AVX-512 core: 4 × 5 was fastest at mini-batches of 10 and of 100.) A last block of
// fewer rows repeats its first row in the missing places, and those sums are not kept; so do the
// missing outputs of a last, narrower tile.
#define TILE_OUTS 4
#define TILE_ROWS 5

__attribute__((target("avx512f")))
static inline void forward_tile_avx512(const float *const *w, long n, const float *const *x,
        float out[TILE_OUTS][TILE_ROWS]) {
    __m512 s[TILE_OUTS][TILE_ROWS];
    for (int o = 0; o < TILE_OUTS; o++)
        for (int b = 0; b < TILE_ROWS; b++) s[o][b] = _mm512_setzero_ps();
    long i = 0;
    for (; i + 16 <= n; i += 16) {
        __m512 v[TILE_OUTS];
#pragma clang loop unroll(full)
        for (int o = 0; o < TILE_OUTS; o++) v[o] = _mm512_loadu_ps(w[o] + i);
#pragma clang loop unroll(full)
        for (int b = 0; b < TILE_ROWS; b++) {
            __m512 xb = _mm512_loadu_ps(x[b] + i);
#pragma clang loop unroll(full)
            for (int o = 0; o < TILE_OUTS; o++) s[o][b] = _mm512_fmadd_ps(v[o], xb, s[o][b]);
        }
    }
    if (i < n) {
        __mmask16 k = lanes(i, n);
        __m512 v[TILE_OUTS];
#pragma clang loop unroll(full)
        for (int o = 0; o < TILE_OUTS; o++) v[o] = _mm512_maskz_loadu_ps(k, w[o] + i);
#pragma clang loop unroll(full)
        for (int b = 0; b < TILE_ROWS; b++) {
            __m512 xb = _mm512_maskz_loadu_ps(k, x[b] + i);
#pragma clang loop unroll(full)
            for (int o = 0; o < TILE_OUTS; o++) s[o][b] = _mm512_fmadd_ps(v[o], xb, s[o][b]);
        }
    }
    for (int o = 0; o < TILE_OUTS; o++)
        for (int b = 0; b < TILE_ROWS; b++) out[o][b] = _mm512_reduce_add_ps(s[o][b]);
}

__attribute__((target("avx512f")))
static void layer_forward_avx512(const float *w, long outputs, long n, const float *const *rows,
        long count, float *z, long zstride, const bp_ahead *ahead) {
    long blocks = (count + TILE_ROWS - 1) / TILE_ROWS;
    long parts = blocks * ((outputs + TILE_OUTS - 1) / TILE_OUTS);
    long part = 0;
    for (long r = 0; r < count; r += TILE_ROWS) {
        long kept = count - r < TILE_ROWS ? count - r : TILE_ROWS;
        const float *x[TILE_ROWS];
        for (int b = 0; b < TILE_ROWS; b++) x[b] = rows[r + (b < kept ? b : 0)];
        for (long j = 0; j < outputs; j += TILE_OUTS) {
            long outs = outputs - j < TILE_OUTS ? outputs - j : TILE_OUTS;
            const float *wr[TILE_OUTS];
            for (int o = 0; o < TILE_OUTS; o++) wr[o] = w + (j + (o < outs ? o : 0)) * n;
            float out[TILE_OUTS][TILE_ROWS];
            forward_tile_avx512(wr, n, x, out);
            prefetch_share(ahead, part++, parts);
            for (long b = 0; b < kept; b++)
                for (long o = 0; o < outs; o++) z[(r + b) * zstride + j + o] = out[o][b];
        }
    }
}

// w[j·n + i] += Σᵣ scales[r·sstride + j]·rows[r][i]. Ten rows of the batch at a time are held in
// registers, 32 lanes of each, while every weight row is loaded, moved by all ten and stored:
// the rows are read once per ten, the weights once per ten rows of the batch.
#define UPDATE_ROWS 10

// Loads and stores of 16 lanes, through a mask only when `full` is false: a plain load is
// cheaper, and every chunk of a row but its last is whole.
__attribute__((target("avx512f"), always_inline))
static inline __m512 load16(const float *p, __mmask16 k, int full) {
    return full ? _mm512_loadu_ps(p) : _mm512_maskz_loadu_ps(k, p);
}

__attribute__((target("avx512f"), always_inline))
static inline void store16(float *p, __mmask16 k, __m512 v, int full) {
    if (full) _mm512_storeu_ps(p, v);
    else _mm512_mask_storeu_ps(p, k, v);
}

// 32 lanes from i on, of the weight rows first..<last, each moved by the ten rows' lanes times
// its ten scales in `column`.
__attribute__((target("avx512f"), always_inline))
static inline void update_chunk_avx512(float *w, long n, long i, long first, long last,
        const float *const *x, const float *column, int full) {
    __mmask16 k0 = lanes(i, n);
    __mmask16 k1 = lanes(i + 16, n);
    __m512 a[UPDATE_ROWS][2];
    for (int b = 0; b < UPDATE_ROWS; b++) {
        a[b][0] = load16(x[b] + i, k0, full);
        a[b][1] = load16(x[b] + i + 16, k1, full);
    }
    for (long j = first; j < last; j++) {
        float *y = w + j * n + i;
        const float *sc = column + (j - first) * UPDATE_ROWS;
        __m512 y0 = load16(y, k0, full);
        __m512 y1 = load16(y + 16, k1, full);
#pragma clang loop unroll(full)
        for (int b = 0; b < UPDATE_ROWS; b++) {
            __m512 s = _mm512_set1_ps(sc[b]);
            y0 = _mm512_fmadd_ps(s, a[b][0], y0);
            y1 = _mm512_fmadd_ps(s, a[b][1], y1);
        }
        store16(y, k0, y0, full);
        store16(y + 16, k1, y1, full);
    }
}

__attribute__((target("avx512f")))
static void layer_update_avx512(float *w, long outputs, long n, const float *const *rows,
        const float *scales, long sstride, long count, float step, const bp_ahead *ahead) {
    long chunks = (n + 31) / 32 * ((outputs + 63) / 64);
    long parts = (count + UPDATE_ROWS - 1) / UPDATE_ROWS * chunks;
    long part = 0;
    // The scales of a block of ten rows for up to 64 outputs, output by output, so that each
    // fused multiply-add reads its scale at a fixed place. Missing rows get a scale of zero,
    // which moves nothing, and repeat the first row.
    float column[64 * UPDATE_ROWS];
    for (long r = 0; r < count; r += UPDATE_ROWS) {
        long kept = count - r < UPDATE_ROWS ? count - r : UPDATE_ROWS;
        const float *x[UPDATE_ROWS];
        for (int b = 0; b < UPDATE_ROWS; b++) x[b] = rows[r + (b < kept ? b : 0)];
        for (long first = 0; first < outputs; first += 64) {
            long last = outputs - first < 64 ? outputs : first + 64;
            for (long j = first; j < last; j++)
                for (int b = 0; b < UPDATE_ROWS; b++)
                    column[(j - first) * UPDATE_ROWS + b] =
                        b < kept ? step * scales[(r + b) * sstride + j] : 0;
            long i = 0;
            for (; i + 32 <= n; i += 32) {
                update_chunk_avx512(w, n, i, first, last, x, column, 1);
                prefetch_share(ahead, part++, parts);
            }
            if (i < n) {
                update_chunk_avx512(w, n, i, first, last, x, column, 0);
                prefetch_share(ahead, part++, parts);
            }
        }
    }
}

// The same update with the weights held instead: sixteen lanes of up to sixteen weight rows stay
// in registers while every row of the batch streams past, each moving all sixteen by its scales.
// The weights are read and written once a step, whatever the batch's size, and each row of the
// batch is read once for every sixteen outputs; each weight's sum is made in the rows' order, as
// above. The scales are set out a block of rows at a time, sixteen to a row, zero where there are
// fewer outputs (those sums are not kept).
#define HELD_OUTPUTS 16
#define SCALE_BLOCK 64

__attribute__((target("avx512f")))
static void layer_update_held_avx512(float *w, long outputs, long n, const float *const *rows,
        const float *scales, long sstride, long count, float step, const bp_ahead *ahead) {
    long groups = (outputs + HELD_OUTPUTS - 1) / HELD_OUTPUTS;
    long blocks = (count + SCALE_BLOCK - 1) / SCALE_BLOCK;
    long parts = groups * blocks * ((n + 15) / 16);
    long part = 0;
    float column[SCALE_BLOCK * HELD_OUTPUTS];
    for (long g = 0; g < groups; g++) {
        // Outputs shared evenly among the groups: 30 as 15 and 15, not 16 and 14.
        long first = g * outputs / groups, held = (g + 1) * outputs / groups - first;
        float *wr[HELD_OUTPUTS];
        for (int o = 0; o < HELD_OUTPUTS; o++) wr[o] = w + (first + (o < held ? o : 0)) * n;
        for (long r0 = 0; r0 < count; r0 += SCALE_BLOCK) {
            long kept = count - r0 < SCALE_BLOCK ? count - r0 : SCALE_BLOCK;
            for (long r = 0; r < kept; r++)
                for (int o = 0; o < HELD_OUTPUTS; o++)
                    column[r * HELD_OUTPUTS + o] =
                        o < held ? step * scales[(r0 + r) * sstride + first + o] : 0;
            for (long i = 0; i < n; i += 16) {
                __mmask16 k = lanes(i, n);
                __m512 acc[HELD_OUTPUTS];
#pragma clang loop unroll(full)
                for (int o = 0; o < HELD_OUTPUTS; o++) acc[o] = _mm512_maskz_loadu_ps(k, wr[o] + i);
                for (long r = 0; r < kept; r++) {
                    __m512 x = _mm512_maskz_loadu_ps(k, rows[r0 + r] + i);
                    const float *sc = column + r * HELD_OUTPUTS;
#pragma clang loop unroll(full)
                    for (int o = 0; o < HELD_OUTPUTS; o++)
                        acc[o] = _mm512_fmadd_ps(_mm512_set1_ps(sc[o]), x, acc[o]);
                }
                for (int o = 0; o < held; o++) _mm512_mask_storeu_ps(wr[o] + i, k, acc[o]);
                prefetch_share(ahead, part++, parts);
            }
        }
    }
}

// e^x, sixteen at a time: EXP_REDUCED's p, times 2^k.
__attribute__((target("avx512f")))
static __m512 exp_avx512(__m512 x) {
    EXP_REDUCED(__m512, _mm512_set1_ps, _mm512_mul_ps, _mm512_fmadd_ps, _mm512_fnmadd_ps,
            _mm512_min_ps, _mm512_max_ps, _mm512_roundscale_ps)
    return _mm512_scalef_ps(p, k);
}

// z += b, a = σ(z) = 1 / (1 + e^(−z)) on 16 lanes of a row at a time; other activations, plainly.
__attribute__((target("avx512f")))
static void bias_activate_avx512(float *z, float *a, const float *b, long count, long outputs,
        int kind) {
    if (kind != BP_SIGMOID) return bias_activate_portable(z, a, b, count, outputs, kind);
    __m512 one = _mm512_set1_ps(1.0f);
    for (long r = 0; r < count; r++)
        for (long j = 0; j < outputs; j += 16) {
            __mmask16 k = lanes(j, outputs);
            float *zr = z + r * outputs + j;
            __m512 v = _mm512_add_ps(_mm512_maskz_loadu_ps(k, zr),
                    _mm512_maskz_loadu_ps(k, b + j));
            _mm512_mask_storeu_ps(zr, k, v);
            __m512 e = exp_avx512(_mm512_sub_ps(_mm512_setzero_ps(), v));
            __m512 sigma = _mm512_div_ps(one, _mm512_add_ps(one, e));
            _mm512_mask_storeu_ps(a + r * outputs + j, k, sigma);
        }
}

// δ = δ′·W for four rows of the batch at a time, sixteen lanes of δ per vector: each load of a
// weight row feeds four fused multiply-adds, and each sum is made in the order of the outputs,
// as one row at a time makes it. A last block of fewer rows repeats its first row, unkept.
__attribute__((target("avx512f")))
static void pass_back_avx512(float *delta, const float *w, long outputs, long inputs,
        const float *next, long count) {
    for (long r = 0; r < count; r += 4) {
        long kept = count - r < 4 ? count - r : 4;
        const float *s[4];
        for (int b = 0; b < 4; b++) s[b] = next + (r + (b < kept ? b : 0)) * outputs;
        for (long i = 0; i < inputs; i += 16) {
            __mmask16 k = lanes(i, inputs);
            __m512 acc[4];
            for (int b = 0; b < 4; b++) acc[b] = _mm512_setzero_ps();
            for (long j = 0; j < outputs; j++) {
                __m512 v = _mm512_maskz_loadu_ps(k, w + j * inputs + i);
#pragma clang loop unroll(full)
                for (int b = 0; b < 4; b++)
                    acc[b] = _mm512_fmadd_ps(_mm512_set1_ps(s[b][j]), v, acc[b]);
            }
            for (int b = 0; b < kept; b++)
                _mm512_mask_storeu_ps(delta + (r + b) * inputs + i, k, acc[b]);
        }
    }
}

// The widest kernels this processor runs, found once: 512, 256 or 32 bits.
int bp_kernel_bits(void) {
    static int known = -1;
    if (known < 0) {
        if (__builtin_cpu_supports("avx512f")) known = 512;
        else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) known = 256;
        else known = 32;
    }
    return known;
}

double bp_fma_peak(long repeats, int *bits) {
    *bits = bp_kernel_bits();
    if (*bits == 512) return peak_avx512(repeats);
    if (*bits == 256) return peak_avx2(repeats);
    return peak_portable(repeats);
}

// Numbers below about 1e-38 (subnormal) are taken as zero while a kernel runs, and results that
// small are made zero: on x86-64 each operation that meets one otherwise takes a hundred times
// as long, and late in training many of the errors δ and their products are that small. No value
// the lessons show changes by as much as 1e-38. The caller's setting is put back afterwards.
#define FLUSH_TINY_TO_ZERO 0x8040

static unsigned flush_tiny(void) {
    unsigned before = _mm_getcsr();
    _mm_setcsr(before | FLUSH_TINY_TO_ZERO);
    return before;
}

static void restore(unsigned before) {
    _mm_setcsr(before);
}

// y[i] += Σᵣ scales[r]·rows[r][i] on the widest vectors allowed.
static void axpy_rows(float *y, const float *const *rows, const float *scales, long count, long n,
        int bits) {
    bits = bits < bp_kernel_bits() ? bits : bp_kernel_bits();
    if (bits == 512) axpy_rows_avx512(y, rows, scales, count, n);
    else if (bits == 256) axpy_rows_avx2(y, rows, scales, count, n);
    else axpy_rows_portable(y, rows, scales, count, n);
}

// δ = δ′·W on the widest vectors there are a kernel of its own for; false when there are none.
static int pass_back_widest(float *delta, const float *w, long outputs, long inputs,
        const float *next, long count, int bits) {
    if ((bits < bp_kernel_bits() ? bits : bp_kernel_bits()) != 512) return 0;
    pass_back_avx512(delta, w, outputs, inputs, next, count);
    return 1;
}

void bp_layer_forward(const float *w, long outputs, long n, const float *const *rows, long count,
        float *z, long zstride, const bp_ahead *ahead, int bits) {
    unsigned before = flush_tiny();
    bits = bits < bp_kernel_bits() ? bits : bp_kernel_bits();
    if (bits == 512) layer_forward_avx512(w, outputs, n, rows, count, z, zstride, ahead);
    else if (bits == 256)
        forward_in_parts(layer_forward_avx2, w, outputs, n, rows, count, z, zstride, ahead);
    else forward_in_parts(layer_forward_portable, w, outputs, n, rows, count, z, zstride, ahead);
    restore(before);
}

void bp_layer_update(float *w, float *b, long outputs, long n, const float *const *rows,
        const float *delta, long dstride, long count, float step, const bp_ahead *ahead, int bits) {
    unsigned before = flush_tiny();
    bits = bits < bp_kernel_bits() ? bits : bp_kernel_bits();
    // Up to ten rows are held in registers, past that the weights (measured on an AVX-512 core:
    // holding the weights is 8% slower at mini-batches of 10, 10% faster at 100).
    if (bits == 512 && count > UPDATE_ROWS)
        layer_update_held_avx512(w, outputs, n, rows, delta, dstride, count, step, ahead);
    else if (bits == 512)
        layer_update_avx512(w, outputs, n, rows, delta, dstride, count, step, ahead);
    else if (bits == 256)
        update_in_parts(layer_update_avx2, w, outputs, n, rows, delta, dstride, count, step, ahead);
    else
        update_in_parts(layer_update_portable, w, outputs, n, rows, delta, dstride, count, step,
                ahead);
    restore(before);
    // The biases as Swift moved them, with the caller's handling of tiny numbers.
    step_biases(b, outputs, delta, dstride, count, step);
}

void bp_bias_activate(float *z, float *a, const float *b, long count, long outputs, int kind,
        int bits) {
    unsigned before = flush_tiny();
    bits = bits < bp_kernel_bits() ? bits : bp_kernel_bits();
    if (bits == 512) bias_activate_avx512(z, a, b, count, outputs, kind);
    else if (bits == 256) bias_activate_avx2(z, a, b, count, outputs, kind);
    else bias_activate_portable(z, a, b, count, outputs, kind);
    restore(before);
}

#elif defined(__aarch64__)
#include <arm_neon.h>

// 64-bit ARM (Apple Silicon): the same loops four lanes wide with NEON's fused multiply-adds.
// Written for macOS on arm64; on this project's Linux machines only the x86-64 path runs.
#define NEON_FMADD(a, b, c) vfmaq_f32(c, a, b)

static double peak_neon(long repeats) {
    PEAK_CHAINS(float32x4_t, vdupq_n_f32, NEON_FMADD, vaddq_f32)
    bp_peak_sink = vaddvq_f32(total);
    return (double)repeats * 12 * 4 * 2;
}

static float dot_neon(const float *w, const float *x, long n) {
    float32x4_t s0 = vdupq_n_f32(0), s1 = s0;
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        s0 = vfmaq_f32(s0, vld1q_f32(w + i), vld1q_f32(x + i));
        s1 = vfmaq_f32(s1, vld1q_f32(w + i + 4), vld1q_f32(x + i + 4));
    }
    float sum = vaddvq_f32(vaddq_f32(s0, s1));
    for (; i < n; i++) sum += w[i] * x[i];
    return sum;
}

// A tile of 4 outputs × 3 rows, as on x86-64.
static void layer_forward_neon(const float *w, long outputs, long n, const float *const *rows,
        long count, float *z, long zstride) {
    long j = 0;
    for (; j + 4 <= outputs; j += 4) {
        const float *ws[4] = {w + j * n, w + (j + 1) * n, w + (j + 2) * n, w + (j + 3) * n};
        long r = 0;
        for (; r + 3 <= count; r += 3) {
            const float *x0 = rows[r], *x1 = rows[r + 1], *x2 = rows[r + 2];
            float32x4_t s[4][3];
            for (int a = 0; a < 4; a++) for (int b = 0; b < 3; b++) s[a][b] = vdupq_n_f32(0);
            long i = 0;
            for (; i + 4 <= n; i += 4) {
                float32x4_t a0 = vld1q_f32(x0 + i), a1 = vld1q_f32(x1 + i), a2 = vld1q_f32(x2 + i);
                for (int a = 0; a < 4; a++) {
                    float32x4_t v = vld1q_f32(ws[a] + i);
                    s[a][0] = vfmaq_f32(s[a][0], v, a0);
                    s[a][1] = vfmaq_f32(s[a][1], v, a1);
                    s[a][2] = vfmaq_f32(s[a][2], v, a2);
                }
            }
            for (int a = 0; a < 4; a++) {
                float t0 = vaddvq_f32(s[a][0]), t1 = vaddvq_f32(s[a][1]), t2 = vaddvq_f32(s[a][2]);
                for (long k = i; k < n; k++) {
                    t0 += ws[a][k] * x0[k];
                    t1 += ws[a][k] * x1[k];
                    t2 += ws[a][k] * x2[k];
                }
                z[r * zstride + j + a] = t0;
                z[(r + 1) * zstride + j + a] = t1;
                z[(r + 2) * zstride + j + a] = t2;
            }
        }
        for (; r < count; r++)
            for (int a = 0; a < 4; a++) z[r * zstride + j + a] = dot_neon(ws[a], rows[r], n);
    }
    for (; j < outputs; j++)
        for (long r = 0; r < count; r++) z[r * zstride + j] = dot_neon(w + j * n, rows[r], n);
}

// y[i] += Σᵣ scales[r·sstride]·rows[r][i], each chunk of 8 loaded once and stored once.
static void axpy_strided_neon(float *y, const float *const *rows, const float *scales, long sstride,
        long count, long n, float step) {
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        float32x4_t a0 = vld1q_f32(y + i), a1 = vld1q_f32(y + i + 4);
        for (long r = 0; r < count; r++) {
            float s = step * scales[r * sstride];
            a0 = vfmaq_n_f32(a0, vld1q_f32(rows[r] + i), s);
            a1 = vfmaq_n_f32(a1, vld1q_f32(rows[r] + i + 4), s);
        }
        vst1q_f32(y + i, a0);
        vst1q_f32(y + i + 4, a1);
    }
    for (; i < n; i++)
        for (long r = 0; r < count; r++) y[i] += step * scales[r * sstride] * rows[r][i];
}

int bp_kernel_bits(void) {
    return 128;
}

double bp_fma_peak(long repeats, int *bits) {
    *bits = 128;
    return peak_neon(repeats);
}

static void axpy_rows(float *y, const float *const *rows, const float *scales, long count, long n,
        int bits) {
    long stride = 1;
    float unscaled = 1;
    if (bits >= 128) axpy_strided_neon(y, rows, scales, stride, count, n, unscaled);
    else axpy_rows_portable(y, rows, scales, count, n);
}

void bp_layer_forward(const float *w, long outputs, long n, const float *const *rows, long count,
        float *z, long zstride, const bp_ahead *ahead, int bits) {
    if (bits >= 128)
        forward_in_parts(layer_forward_neon, w, outputs, n, rows, count, z, zstride, ahead);
    else forward_in_parts(layer_forward_portable, w, outputs, n, rows, count, z, zstride, ahead);
}

void bp_bias_activate(float *z, float *a, const float *b, long count, long outputs, int kind,
        int bits) {
    (void)bits;
    bias_activate_portable(z, a, b, count, outputs, kind);
}

// Every weight row moved by every row of the batch, four lanes at a time.
static void layer_update_neon(float *w, long outputs, long n, const float *const *rows,
        const float *scales, long sstride, long count, float step) {
    for (long j = 0; j < outputs; j++)
        axpy_strided_neon(w + j * n, rows, scales + j, sstride, count, n, step);
}

void bp_layer_update(float *w, float *b, long outputs, long n, const float *const *rows,
        const float *delta, long dstride, long count, float step, const bp_ahead *ahead, int bits) {
    if (bits < 128)
        update_in_parts(layer_update_portable, w, outputs, n, rows, delta, dstride, count, step,
                ahead);
    else
        update_in_parts(layer_update_neon, w, outputs, n, rows, delta, dstride, count, step, ahead);
    step_biases(b, outputs, delta, dstride, count, step);
}

#else

int bp_kernel_bits(void) {
    return 32;
}

double bp_fma_peak(long repeats, int *bits) {
    *bits = 32;
    return peak_portable(repeats);
}

static void axpy_rows(float *y, const float *const *rows, const float *scales, long count, long n,
        int bits) {
    (void)bits;
    axpy_rows_portable(y, rows, scales, count, n);
}

void bp_layer_forward(const float *w, long outputs, long n, const float *const *rows, long count,
        float *z, long zstride, const bp_ahead *ahead, int bits) {
    (void)bits;
    forward_in_parts(layer_forward_portable, w, outputs, n, rows, count, z, zstride, ahead);
}

void bp_layer_update(float *w, float *b, long outputs, long n, const float *const *rows,
        const float *delta, long dstride, long count, float step, const bp_ahead *ahead, int bits) {
    (void)bits;
    update_in_parts(layer_update_portable, w, outputs, n, rows, delta, dstride, count, step, ahead);
    step_biases(b, outputs, delta, dstride, count, step);
}

void bp_bias_activate(float *z, float *a, const float *b, long count, long outputs, int kind,
        int bits) {
    (void)bits;
    bias_activate_portable(z, a, b, count, outputs, kind);
}

#endif

#if !(defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)))
// Elsewhere tiny numbers are left to the processor's own handling, and δ is passed back by
// axpy_rows alone.
static unsigned flush_tiny(void) {
    return 0;
}

static void restore(unsigned before) {
    (void)before;
}

static int pass_back_widest(float *delta, const float *w, long outputs, long inputs,
        const float *next, long count, int bits) {
    (void)delta, (void)w, (void)outputs, (void)inputs, (void)next, (void)count, (void)bits;
    return 0;
}
#endif

// The kernels every platform shares, built on the ones above.

double bp_output_error(const float *a, const float *z, const float *targets, const long *indices,
        long count, long outputs, int kind, float *delta) {
    double cost = 0;
    for (long r = 0; r < count; r++) {
        const float *y = targets + indices[r] * outputs;
        for (long j = 0; j < outputs; j++) {
            long k = r * outputs + j;
            float error = a[k] - y[j];
            float squared = error * error;
            cost += squared;
            delta[k] = 2 * error * slope(z[k], a[k], kind);
        }
    }
    return cost;
}

void bp_pass_back(float *delta, const float *w, long outputs, long inputs, const float *next,
        const float *z, const float *a, long count, int kind, int bits) {
    unsigned before = flush_tiny();
    if (!pass_back_widest(delta, w, outputs, inputs, next, count, bits)) {
        const float *weightRows[outputs > 0 ? outputs : 1];
        for (long j = 0; j < outputs; j++) weightRows[j] = w + j * inputs;
        for (long r = 0; r < count; r++) {
            float *into = delta + r * inputs;
            for (long i = 0; i < inputs; i++) into[i] = 0;
            axpy_rows(into, weightRows, next + r * outputs, outputs, inputs, bits);
        }
    }
    restore(before);
    // σ′ applied as Swift applied it, with the caller's handling of tiny numbers.
    for (long k = 0; k < count * inputs; k++) delta[k] *= slope(z[k], a[k], kind);
}

unsigned long long bp_now_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (unsigned long long)now.tv_sec * 1000000000ull + (unsigned long long)now.tv_nsec;
}
