import Foundation

/// Runs `work` on a thread of its own and waits for it without holding one of the test pool's
/// threads: nil when it has not finished after `seconds`. A time limit on the test itself
/// would also count the time the test waits for a pool thread while other tests hold them all.
public func finished<Value: Sendable>(
    within seconds: Double, _ work: @escaping @Sendable () -> Value
) async -> Value? {
    let box = Outcome<Value>()
    let thread = Thread { box.set(work()) }
    thread.start()
    let start = Date()
    while true {
        if let value = box.value { return value }
        if Date().timeIntervalSince(start) > seconds { return nil }
        try? await Task.sleep(nanoseconds: 20_000_000)
    }
}

private final class Outcome<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    var value: Value? { lock.withLock { stored } }
    func set(_ value: Value) { lock.withLock { stored = value } }
}
