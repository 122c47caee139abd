#pragma once
// md5lanes: MD5's compression function (RFC 1321, section 3.4) run over several independent
// streams at once, one stream per 32-bit lane of a SIMD register. One MD5 stream is a serial chain
// of 64 dependent steps per 64-byte block, so a core runs it at about 730 MiB/s however wide its
// vectors are; 4, 8 or 16 streams side by side cost about the same time per block as one, so the
// concurrent uploads of a multipart PUT can be hashed several times faster per core than one by
// one (Md5LaneEngine gathers them). One lane alone goes through OpenSSL's scalar assembly.
// Kernels, chosen at run time from what the CPU supports: AVX-512 (VL) with 4, 8 or 16 lanes
// (vprold rotations, vpternlogd for the round functions), AVX2 with 8, SSE2 with 4 (every x86-64);
// elsewhere each lane runs the scalar function.
// Thread affinity: none (pure functions on the caller's data).

#include <cstddef>
#include <cstdint>

namespace homeport::storage::md5lanes {

struct State
{
    uint32_t abcd[4];
};
// RFC 1321, section 3.3: the initial A, B, C, D.
inline constexpr State kInitial{{0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u}};
inline constexpr int kMaxLanes = 16;
inline constexpr size_t kBlockBytes = 64;

enum class Kernel { Scalar, Sse2x4, Avx2x8, Avx512x4, Avx512x8, Avx512x16 };

bool supported(Kernel kernel);
int width(Kernel kernel); // lanes per call: 1, 4, 8 or 16
const char *name(Kernel kernel);
// The kernel compress() uses for this many lanes (at most kMaxLanes; larger counts are split).
Kernel bestFor(int lanes);

// One stream: `blocks` 64-byte blocks from data into state (OpenSSL's block function).
void compressScalar(State &state, const unsigned char *data, size_t blocks);
// Lane i (i < lanes <= width(kernel)) runs `blocks` blocks from data[i] into *states[i]. The
// kernel must be supported().
void compressWith(Kernel kernel, State *const states[], const unsigned char *const data[], int lanes, size_t blocks);
// Any number of lanes up to kMaxLanes, with the best kernels for this CPU.
void compress(State *const states[], const unsigned char *const data[], int lanes, size_t blocks);

// Ends a stream: pads the tail (fewer than 64 bytes) and the length of totalBytes bytes in all,
// runs the last block(s) and writes the 16-byte digest.
void finish(State state, const unsigned char *tail, size_t tailBytes, uint64_t totalBytes, unsigned char digest[16]);

} // namespace homeport::storage::md5lanes
