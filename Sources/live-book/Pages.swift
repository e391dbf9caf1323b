import Book
import Foundation
import Processes

/// A finished page: its canonical address, its HTML and its pictures, by file name.
struct FinishedPage: Sendable {
    var address = ""
    let html: Data
    let charts: [String: Data]
    var bytes: Int { html.count + charts.values.reduce(0) { $0 + $1.count } }
}

/// Why a page was not made.
enum PageFailure: Error, Equatable {
    /// The lesson refused the options, or the run would be too long: its sentence (HTTP 400).
    case refused(String)
    /// Every run slot and every place in the queue is taken (HTTP 503).
    case busy
    /// The run failed, or ran past its limit: what went wrong (HTTP 500).
    case failed(String)
    /// The reader left, or the server is stopping, before the run ended.
    case cancelled
}

/// The runs the server makes: at most one per core at once, a short queue behind them, and the
/// finished pages kept by their canonical address, up to a size in bytes (the least recently
/// used go first).
actor Pages {
    let slots: Int
    let queueLength: Int
    let cacheBytes: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var kept: [String: FinishedPage] = [:]
    private var recency: [String] = []
    private var keptBytes = 0
    private var stopping = false

    init(slots: Int, queueLength: Int, cacheBytes: Int) {
        self.slots = slots
        self.queueLength = queueLength
        self.cacheBytes = cacheBytes
    }

    /// The page kept for `key`, made most recent.
    func kept(_ key: String) -> FinishedPage? {
        guard let page = kept[key] else { return nil }
        recency.removeAll { $0 == key }
        recency.append(key)
        return page
    }

    /// Keeps a page; the least recently used go until the pages fit. A page larger than the whole
    /// cache is kept alone, so that the pictures of the page just sent can still be fetched.
    func keep(_ page: FinishedPage, as key: String) {
        guard kept[key] == nil else { return }
        kept[key] = page
        recency.append(key)
        keptBytes += page.bytes
        while keptBytes > cacheBytes, recency.count > 1, let oldest = recency.first {
            recency.removeFirst()
            keptBytes -= kept.removeValue(forKey: oldest)?.bytes ?? 0
        }
    }

    /// How many pages are kept, and their bytes.
    var size: (pages: Int, bytes: Int) { (kept.count, keptBytes) }

    /// Whether the server is stopping: no run starts.
    var isStopping: Bool { stopping }

    /// Waits for a run slot: false at once when the queue is full too, or the server is stopping.
    func enter() async -> Bool {
        guard !stopping else { return false }
        if running < slots {
            running += 1
            return true
        }
        guard waiting.count < queueLength else { return false }
        await withCheckedContinuation { waiting.append($0) }
        return !stopping
    }

    /// Gives the slot to the first in the queue, or frees it.
    func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// No run starts from now on; those waiting are turned away.
    func stop() {
        stopping = true
        for waiter in waiting { waiter.resume() }
        waiting.removeAll()
    }
}

/// A short, fixed name for a page's address (FNV-1a, 64 bits), under which its pictures are
/// served: the same address always gets the same name.
func shortName(_ key: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
