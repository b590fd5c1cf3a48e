import Foundation

/// A lock over a plain pthread mutex (not the error-checking one `NSLock`
/// makes), in storage of its own that never moves: taken and given back in a
/// few instructions when no other thread holds it, and waited for in the
/// kernel, never spun on, when one does. Guards the garbles stage's shared
/// token tables (`TokenFacts`, `TokenDecisions`); holds no data itself.
struct TableLock: ~Copyable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inline(__always)
    func lock() { pthread_mutex_lock(mutex) }

    @inline(__always)
    func unlock() { pthread_mutex_unlock(mutex) }
}
