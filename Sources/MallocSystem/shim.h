// The C library's allocator controls (glibc: mallopt), for the command's heap policy.
#if defined(__linux__)
#include <malloc.h>
#endif
