/// The order of the examples in one epoch: a Fisher–Yates shuffle driven by `generator`, written
/// out so the same seed gives the same order on every platform and Swift version.
public func shuffledIndices(_ count: Int, using generator: inout SeededGenerator) -> [Int] {
    var order = Array(0..<count)
    guard count > 1 else { return order }
    for i in stride(from: count - 1, to: 0, by: -1) {
        let j = Int(generator.next() % UInt64(i + 1))
        order.swapAt(i, j)
    }
    return order
}

/// `order` cut into mini-batches of `size`; the last one holds what is left and may be smaller.
public func miniBatches(_ order: [Int], size: Int) -> [ArraySlice<Int>] {
    precondition(size > 0, "a mini-batch holds at least one example")
    return stride(from: 0, to: order.count, by: size).map {
        order[$0..<min($0 + size, order.count)]
    }
}
