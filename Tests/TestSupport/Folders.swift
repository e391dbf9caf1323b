import Foundation

/// A fresh, empty temporary folder for one test, named for what it holds ("plotting-…").
public func temporaryFolder(_ prefix: String = "backprop-tests") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The names of the files in a folder, hidden ones included, sorted.
public func files(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
}

/// Runs `work`, which computes for a while without waiting on anything, on a thread of its own
/// rather than on the pool that Swift's tasks share: a test that waits for a child, a clock or a
/// terminal still finds a thread there however many lessons are being run beside it. The
/// task-local values `work` needs are passed in by its caller (`bind`), and its result comes
/// back to the task for the test's expectations.
public func offThePool<T: Sendable>(
    _ work: @escaping @Sendable () throws -> T
) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.stackSize = 16 << 20
        thread.start()
    }
}
