#include "md5_lanes.h"

// MD5_Init/MD5_Update give the scalar path OpenSSL's assembly block function on a state of our
// own (EVP hides the state); they are deprecated in OpenSSL 3 but kept for exactly this use.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/md5.h>

#include <algorithm>
#include <cstring>
#include <utility>

#if defined(__x86_64__)
// GCC 12's AVX-512 intrinsics start from _mm512_undefined_epi32() (a self-initialised variable),
// which -W(maybe-)uninitialized reports at the header's lines wherever they are inlined.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#define HOMEPORT_MD5_LANES_X86 1
#endif

namespace homeport::storage::md5lanes {

namespace {

// RFC 1321, section 3.4: T[i] = floor(2^32 * |sin(i + 1)|), and the rotation of each round's steps.
constexpr uint32_t kSine[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};
constexpr int kShift[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

} // namespace

#if HOMEPORT_MD5_LANES_X86

// The round functions (RFC 1321, section 3.4) in as few operations as SSE/AVX2 allow:
// F = (x & y) | (~x & z) = z ^ (x & (y ^ z)), G = (x & z) | (y & ~z) = y ^ (z & (x ^ y)),
// H = x ^ y ^ z, I = y ^ (x | ~z). With AVX-512 each is one vpternlogd whose immediate is the
// function's truth table over x = 0xF0, y = 0xCC, z = 0xAA: F 0xCA, G 0xE4, H 0x96, I 0x39.
constexpr int kTernaryF = 0xCA, kTernaryG = 0xE4, kTernaryH = 0x96, kTernaryI = 0x39;

// Four rows of four words (row j: lane j's words) into four columns (column k: word k of lanes
// 0..3), within each 128-bit part of the register.
#define HOMEPORT_MD5_TRANSPOSE4(prefix, r, m)                                                      \
    do {                                                                                           \
        const auto t0 = prefix##_unpacklo_epi32(r[0], r[1]), t1 = prefix##_unpacklo_epi32(r[2], r[3]); \
        const auto t2 = prefix##_unpackhi_epi32(r[0], r[1]), t3 = prefix##_unpackhi_epi32(r[2], r[3]); \
        (m)[0] = prefix##_unpacklo_epi64(t0, t1);                                                  \
        (m)[1] = prefix##_unpackhi_epi64(t0, t1);                                                  \
        (m)[2] = prefix##_unpacklo_epi64(t2, t3);                                                  \
        (m)[3] = prefix##_unpackhi_epi64(t2, t3);                                                  \
    } while (false)

namespace sse2 { // every x86-64 CPU: 4 lanes, rotations from two shifts
using Vec = __m128i;
constexpr int kWidth = 4;
inline Vec add(Vec a, Vec b) { return _mm_add_epi32(a, b); }
inline Vec set1(uint32_t k) { return _mm_set1_epi32(int(k)); }
template <int S> inline Vec rol(Vec x) { return _mm_or_si128(_mm_slli_epi32(x, S), _mm_srli_epi32(x, 32 - S)); }
inline Vec roundF(Vec x, Vec y, Vec z) { return _mm_xor_si128(z, _mm_and_si128(x, _mm_xor_si128(y, z))); }
inline Vec roundG(Vec x, Vec y, Vec z) { return _mm_xor_si128(y, _mm_and_si128(z, _mm_xor_si128(x, y))); }
inline Vec roundH(Vec x, Vec y, Vec z) { return _mm_xor_si128(_mm_xor_si128(x, y), z); }
inline Vec roundI(Vec x, Vec y, Vec z) { return _mm_xor_si128(y, _mm_or_si128(x, _mm_xor_si128(z, _mm_set1_epi32(-1)))); }
inline Vec loadLanes(const uint32_t *w) { return _mm_load_si128(reinterpret_cast<const Vec *>(w)); }
inline void storeLanes(uint32_t *w, Vec v) { _mm_store_si128(reinterpret_cast<Vec *>(w), v); }
inline void loadMessage(Vec m[16], const unsigned char *const data[], size_t offset)
{
    for (int quarter = 0; quarter < 4; ++quarter) {
        Vec r[4];
        for (int j = 0; j < 4; ++j)
            r[j] = _mm_loadu_si128(reinterpret_cast<const Vec *>(data[j] + offset + 16 * quarter));
        HOMEPORT_MD5_TRANSPOSE4(_mm, r, m + 4 * quarter);
    }
}
#include "md5_lanes_kernel.inc"
} // namespace sse2

#pragma GCC push_options
#pragma GCC target("avx2")
namespace avx2 { // 8 lanes; row j holds lane j in its low half and lane j + 4 in its high half
using Vec = __m256i;
constexpr int kWidth = 8;
inline Vec add(Vec a, Vec b) { return _mm256_add_epi32(a, b); }
inline Vec set1(uint32_t k) { return _mm256_set1_epi32(int(k)); }
template <int S> inline Vec rol(Vec x) { return _mm256_or_si256(_mm256_slli_epi32(x, S), _mm256_srli_epi32(x, 32 - S)); }
inline Vec roundF(Vec x, Vec y, Vec z) { return _mm256_xor_si256(z, _mm256_and_si256(x, _mm256_xor_si256(y, z))); }
inline Vec roundG(Vec x, Vec y, Vec z) { return _mm256_xor_si256(y, _mm256_and_si256(z, _mm256_xor_si256(x, y))); }
inline Vec roundH(Vec x, Vec y, Vec z) { return _mm256_xor_si256(_mm256_xor_si256(x, y), z); }
inline Vec roundI(Vec x, Vec y, Vec z) { return _mm256_xor_si256(y, _mm256_or_si256(x, _mm256_xor_si256(z, _mm256_set1_epi32(-1)))); }
inline Vec loadLanes(const uint32_t *w) { return _mm256_load_si256(reinterpret_cast<const Vec *>(w)); }
inline void storeLanes(uint32_t *w, Vec v) { _mm256_store_si256(reinterpret_cast<Vec *>(w), v); }
inline void loadMessage(Vec m[16], const unsigned char *const data[], size_t offset)
{
    for (int quarter = 0; quarter < 4; ++quarter) {
        Vec r[4];
        for (int j = 0; j < 4; ++j) {
            const auto *low = reinterpret_cast<const __m128i *>(data[j] + offset + 16 * quarter);
            const auto *high = reinterpret_cast<const __m128i *>(data[j + 4] + offset + 16 * quarter);
            r[j] = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128(low)), _mm_loadu_si128(high), 1);
        }
        HOMEPORT_MD5_TRANSPOSE4(_mm256, r, m + 4 * quarter);
    }
}
#include "md5_lanes_kernel.inc"
} // namespace avx2
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx512f,avx512vl")
namespace avx512x4 { // 4 lanes in 128-bit registers with vprold and vpternlogd
using Vec = __m128i;
constexpr int kWidth = 4;
// (register helpers and the message load as in sse2; only rotation and the round functions differ)
using sse2::add;
using sse2::set1;
using sse2::loadLanes;
using sse2::storeLanes;
using sse2::loadMessage;
template <int S> inline Vec rol(Vec x) { return _mm_rol_epi32(x, S); }
inline Vec roundF(Vec x, Vec y, Vec z) { return _mm_ternarylogic_epi32(x, y, z, kTernaryF); }
inline Vec roundG(Vec x, Vec y, Vec z) { return _mm_ternarylogic_epi32(x, y, z, kTernaryG); }
inline Vec roundH(Vec x, Vec y, Vec z) { return _mm_ternarylogic_epi32(x, y, z, kTernaryH); }
inline Vec roundI(Vec x, Vec y, Vec z) { return _mm_ternarylogic_epi32(x, y, z, kTernaryI); }
#include "md5_lanes_kernel.inc"
} // namespace avx512x4

namespace avx512x8 { // 8 lanes in 256-bit registers, rows as in avx2
using Vec = __m256i;
constexpr int kWidth = 8;
// (AVX-512 includes AVX2, so avx2's register helpers inline here; only rotation and the round
// functions differ)
using avx2::add;
using avx2::set1;
using avx2::loadLanes;
using avx2::storeLanes;
using avx2::loadMessage;
template <int S> inline Vec rol(Vec x) { return _mm256_rol_epi32(x, S); }
inline Vec roundF(Vec x, Vec y, Vec z) { return _mm256_ternarylogic_epi32(x, y, z, kTernaryF); }
inline Vec roundG(Vec x, Vec y, Vec z) { return _mm256_ternarylogic_epi32(x, y, z, kTernaryG); }
inline Vec roundH(Vec x, Vec y, Vec z) { return _mm256_ternarylogic_epi32(x, y, z, kTernaryH); }
inline Vec roundI(Vec x, Vec y, Vec z) { return _mm256_ternarylogic_epi32(x, y, z, kTernaryI); }
#include "md5_lanes_kernel.inc"
} // namespace avx512x8

namespace avx512x16 { // 16 lanes; row j holds lanes j, j + 4, j + 8 and j + 12 in its four parts
using Vec = __m512i;
constexpr int kWidth = 16;
inline Vec add(Vec a, Vec b) { return _mm512_add_epi32(a, b); }
inline Vec set1(uint32_t k) { return _mm512_set1_epi32(int(k)); }
template <int S> inline Vec rol(Vec x) { return _mm512_rol_epi32(x, S); }
inline Vec roundF(Vec x, Vec y, Vec z) { return _mm512_ternarylogic_epi32(x, y, z, kTernaryF); }
inline Vec roundG(Vec x, Vec y, Vec z) { return _mm512_ternarylogic_epi32(x, y, z, kTernaryG); }
inline Vec roundH(Vec x, Vec y, Vec z) { return _mm512_ternarylogic_epi32(x, y, z, kTernaryH); }
inline Vec roundI(Vec x, Vec y, Vec z) { return _mm512_ternarylogic_epi32(x, y, z, kTernaryI); }
inline Vec loadLanes(const uint32_t *w) { return _mm512_load_si512(w); }
inline void storeLanes(uint32_t *w, Vec v) { _mm512_store_si512(w, v); }
inline void loadMessage(Vec m[16], const unsigned char *const data[], size_t offset)
{
    for (int quarter = 0; quarter < 4; ++quarter) {
        Vec r[4];
        for (int j = 0; j < 4; ++j) {
            const auto part = [&](int lane) {
                return _mm_loadu_si128(reinterpret_cast<const __m128i *>(data[lane] + offset + 16 * quarter));
            };
            Vec row = _mm512_castsi128_si512(part(j));
            row = _mm512_inserti32x4(row, part(j + 4), 1);
            row = _mm512_inserti32x4(row, part(j + 8), 2);
            r[j] = _mm512_inserti32x4(row, part(j + 12), 3);
        }
        HOMEPORT_MD5_TRANSPOSE4(_mm512, r, m + 4 * quarter);
    }
}
#include "md5_lanes_kernel.inc"
} // namespace avx512x16
#pragma GCC pop_options

#undef HOMEPORT_MD5_TRANSPOSE4

namespace {

struct CpuFeatures
{
    bool avx2 = false;
    bool avx512 = false; // F and VL
};

const CpuFeatures &cpu()
{
    static const CpuFeatures features = [] {
        __builtin_cpu_init();
        CpuFeatures f;
        f.avx2 = __builtin_cpu_supports("avx2");
        f.avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
        return f;
    }();
    return features;
}

} // namespace

#endif // HOMEPORT_MD5_LANES_X86

bool supported(Kernel kernel)
{
    switch (kernel) {
    case Kernel::Scalar: return true;
#if HOMEPORT_MD5_LANES_X86
    case Kernel::Sse2x4: return true;
    case Kernel::Avx2x8: return cpu().avx2;
    case Kernel::Avx512x4:
    case Kernel::Avx512x8:
    case Kernel::Avx512x16: return cpu().avx512;
#else
    default: return false;
#endif
    }
    return false;
}

int width(Kernel kernel)
{
    switch (kernel) {
    case Kernel::Scalar: return 1;
    case Kernel::Sse2x4:
    case Kernel::Avx512x4: return 4;
    case Kernel::Avx2x8:
    case Kernel::Avx512x8: return 8;
    case Kernel::Avx512x16: return 16;
    }
    return 1;
}

const char *name(Kernel kernel)
{
    switch (kernel) {
    case Kernel::Scalar: return "scalar (OpenSSL)";
    case Kernel::Sse2x4: return "SSE2 x4";
    case Kernel::Avx2x8: return "AVX2 x8";
    case Kernel::Avx512x4: return "AVX-512VL x4";
    case Kernel::Avx512x8: return "AVX-512VL x8";
    case Kernel::Avx512x16: return "AVX-512 x16";
    }
    return "?";
}

Kernel bestFor(int lanes)
{
    if (lanes <= 1)
        return Kernel::Scalar;
    if (supported(Kernel::Avx512x16))
        return lanes <= 4 ? Kernel::Avx512x4 : lanes <= 8 ? Kernel::Avx512x8 : Kernel::Avx512x16;
    if (supported(Kernel::Avx2x8))
        return lanes <= 4 ? Kernel::Sse2x4 : Kernel::Avx2x8;
    if (supported(Kernel::Sse2x4))
        return Kernel::Sse2x4;
    return Kernel::Scalar;
}

void compressScalar(State &state, const unsigned char *data, size_t blocks)
{
    if (blocks == 0)
        return;
    MD5_CTX context;
    MD5_Init(&context);
    context.A = state.abcd[0];
    context.B = state.abcd[1];
    context.C = state.abcd[2];
    context.D = state.abcd[3];
    MD5_Update(&context, data, blocks * kBlockBytes); // whole blocks: nothing stays buffered
    state.abcd[0] = context.A;
    state.abcd[1] = context.B;
    state.abcd[2] = context.C;
    state.abcd[3] = context.D;
}

void compressWith(Kernel kernel, State *const states[], const unsigned char *const data[], int lanes, size_t blocks)
{
    if (blocks == 0 || lanes <= 0)
        return;
    if (kernel == Kernel::Scalar) {
        for (int lane = 0; lane < lanes; ++lane)
            compressScalar(*states[lane], data[lane], blocks);
        return;
    }
#if HOMEPORT_MD5_LANES_X86
    // Unused lanes hash lane 0's bytes into scratch states.
    State scratch[kMaxLanes];
    State *laneStates[kMaxLanes];
    const unsigned char *laneData[kMaxLanes];
    for (int lane = 0; lane < width(kernel); ++lane) {
        laneStates[lane] = lane < lanes ? states[lane] : &scratch[lane];
        laneData[lane] = lane < lanes ? data[lane] : data[0];
    }
    switch (kernel) {
    case Kernel::Scalar: break;
    case Kernel::Sse2x4: sse2::compressLanes(laneStates, laneData, blocks); break;
    case Kernel::Avx2x8: avx2::compressLanes(laneStates, laneData, blocks); break;
    case Kernel::Avx512x4: avx512x4::compressLanes(laneStates, laneData, blocks); break;
    case Kernel::Avx512x8: avx512x8::compressLanes(laneStates, laneData, blocks); break;
    case Kernel::Avx512x16: avx512x16::compressLanes(laneStates, laneData, blocks); break;
    }
#endif
}

void compress(State *const states[], const unsigned char *const data[], int lanes, size_t blocks)
{
    const Kernel kernel = bestFor(lanes);
    const int step = width(kernel);
    for (int first = 0; first < lanes; first += step) {
        const int count = std::min(step, lanes - first);
        compressWith(count == 1 ? Kernel::Scalar : kernel, states + first, data + first, count, blocks);
    }
}

void finish(State state, const unsigned char *tail, size_t tailBytes, uint64_t totalBytes, unsigned char digest[16])
{
    // RFC 1321, sections 3.1 and 3.2: a 1 bit, zeros to 56 bytes modulo 64, the bit length.
    unsigned char last[2 * kBlockBytes] = {};
    std::memcpy(last, tail, tailBytes);
    last[tailBytes] = 0x80;
    const size_t blocks = tailBytes < 56 ? 1 : 2;
    const uint64_t bits = totalBytes * 8;
    for (int i = 0; i < 8; ++i)
        last[blocks * kBlockBytes - 8 + i] = static_cast<unsigned char>(bits >> (8 * i));
    compressScalar(state, last, blocks);
    for (int k = 0; k < 4; ++k) {
        for (int i = 0; i < 4; ++i)
            digest[4 * k + i] = static_cast<unsigned char>(state.abcd[k] >> (8 * i));
    }
}

} // namespace homeport::storage::md5lanes
