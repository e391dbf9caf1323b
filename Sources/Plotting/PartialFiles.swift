import Foundation

/// The temporary files being written right now, so that Ctrl-C can remove them and leave only
/// complete files behind.
public enum PartialFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []

    static func begin(_ url: URL) {
        lock.withLock { _ = paths.insert(url.path) }
    }

    static func end(_ url: URL) {
        lock.withLock { _ = paths.remove(url.path) }
    }

    /// Removes every file still being written. Called on Ctrl-C, just before the program ends.
    public static func removeAll() {
        let pending = lock.withLock { paths }
        for path in pending { unlink(path) }
    }

    /// On Ctrl-C, removes the files being written and ends the program with status 130, the
    /// shell's number for "stopped by Ctrl-C". Complete files stay as they are.
    public static func cleanUpOnInterrupt() {
        signal(SIGINT) { _ in
            PartialFiles.removeAll()
            _exit(130)
        }
    }
}
