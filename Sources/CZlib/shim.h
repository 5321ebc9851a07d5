#ifndef CELLO_CZLIB_SHIM_H
#define CELLO_CZLIB_SHIM_H

// The system zlib (Debian: zlib1g-dev, pkg-config zlib) for the fake collector's gzip bodies.
#include <zlib.h>

// inflateInit2 / deflateInit2 are macros (they pass ZLIB_VERSION and sizeof(z_stream)): Swift cannot call them.
static inline int czlib_inflate_init2(z_streamp stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}

static inline int czlib_deflate_init2(z_streamp stream, int level, int window_bits, int mem_level) {
    return deflateInit2(stream, level, Z_DEFLATED, window_bits, mem_level, Z_DEFAULT_STRATEGY);
}

#endif
