// Linux process controls Swift's Glibc module does not bring in (prctl and mallopt are not
// imported); elsewhere each returns -1 and does nothing. And a flush of the output streams alone.
#ifndef C_PROCESS_CONTROL_H
#define C_PROCESS_CONTROL_H
#include <stdio.h>
#ifdef __linux__
#include <malloc.h>
#include <sys/prctl.h>

/// At most `count` heaps for the C library's threads (glibc's M_ARENA_MAX).
static inline int process_control_bound_thread_heaps(int count) {
#if defined(__linux__) && defined(M_ARENA_MAX)
    return mallopt(M_ARENA_MAX, count);
#else
    (void)count;
    return -1;
#endif
}
#endif

/// Flushes C's standard output and error, not its input: fflush(NULL) would wait for the input's
/// lock, which a prompt reading an answer holds until a line comes.
static inline void process_control_flush_output(void) {
    fflush(stdout);
    fflush(stderr);
}

/// Keep orphaned descendants as this process's children (PR_SET_CHILD_SUBREAPER).
static inline int process_control_become_subreaper(void) {
#ifdef __linux__
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
#else
    return -1;
#endif
}

/// Have the kernel send `signal` to this process when its parent ends (PR_SET_PDEATHSIG).
static inline int process_control_signal_on_parent_death(int signal) {
#ifdef __linux__
    return prctl(PR_SET_PDEATHSIG, signal, 0, 0, 0);
#else
    (void)signal;
    return -1;
#endif
}
#endif
