import Claims
import Foundation
import LessonKit
import Plotting
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a child did: its exit status, what it said on standard error, and its peak resident
/// memory in bytes, read from the kernel's own account of it (`wait4`).
struct MeasuredRun {
    let status: Int32
    let errors: String
    let peak: Int
}

/// Runs `script` with bash, its standard output thrown away, and measures it.
func measured(_ script: String) throws -> MeasuredRun {
    let errorFile = try temporaryFolder().appendingPathComponent("errors")
    var actions: posix_spawn_file_actions_t = .init()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(
        &actions, 2, errorFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var pid: pid_t = 0
    let words: [String] = ["/bin/bash", "-c", script]
    let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let started = posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ)
    try #require(started == 0)
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
    #if os(Linux)
    let peak = usage.ru_maxrss * 1024
    #else
    let peak = usage.ru_maxrss
    #endif
    let said = try String(contentsOf: errorFile, encoding: .utf8)
    // A normal exit's status is in bits 8–15; a death by a signal shows as 128 + the signal.
    let code = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return MeasuredRun(status: code, errors: said, peak: Int(peak))
}
