#ifndef CELLO_CNGHTTP2_SHIM_H
#define CELLO_CNGHTTP2_SHIM_H

// The fake collector's HTTP/2 stack: libnghttp2 from the system (Debian: libnghttp2-dev, pkg-config libnghttp2).
// Debian 12 ships 1.52, which has nghttp2_session_mem_recv/mem_send (the *2 variants arrived in 1.61).
#include <nghttp2/nghttp2.h>

// Macros that Swift cannot import as values.
static inline int32_t cnghttp2_err_callback_failure(void) { return NGHTTP2_ERR_CALLBACK_FAILURE; }
static inline int32_t cnghttp2_err_temporal_callback_failure(void) { return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE; }
static inline int32_t cnghttp2_err_deferred(void) { return NGHTTP2_ERR_DEFERRED; }
static inline int32_t cnghttp2_err_wouldblock(void) { return NGHTTP2_ERR_WOULDBLOCK; }
static inline int32_t cnghttp2_err_pause(void) { return NGHTTP2_ERR_PAUSE; }
static inline uint8_t cnghttp2_nv_flag_none(void) { return NGHTTP2_NV_FLAG_NONE; }
static inline uint8_t cnghttp2_flag_end_stream(void) { return NGHTTP2_FLAG_END_STREAM; }
static inline uint8_t cnghttp2_flag_none(void) { return NGHTTP2_FLAG_NONE; }
static inline uint32_t cnghttp2_data_flag_eof(void) { return NGHTTP2_DATA_FLAG_EOF; }
static inline uint32_t cnghttp2_data_flag_no_end_stream(void) { return NGHTTP2_DATA_FLAG_NO_END_STREAM; }
static inline uint32_t cnghttp2_data_flag_no_copy(void) { return NGHTTP2_DATA_FLAG_NO_COPY; }

#endif
