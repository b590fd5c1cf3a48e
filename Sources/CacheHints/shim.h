// A hint to the processor that memory will soon be read (GCC and Clang's
// __builtin_prefetch): it starts the load early and changes nothing else.
#ifndef EMEND_CACHE_HINTS_H
#define EMEND_CACHE_HINTS_H

static inline void emend_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
