import TunedNetwork

/// What one mini-batch step reads and writes, and from which cache each part comes: the digits of
/// the batch, the network's weights and biases, and the batch's z, a and δ.
struct Traffic {
    let sizes: [Int]
    let batch: Int
    /// Examples in the training set: the digits are read from wherever the whole set fits.
    let examples: Int
    let caches: [Processor.Cache]

    /// The batch's digits, as the forward pass reads them from where the whole set lies (the
    /// update reads them again, from the cache the forward pass left them in).
    var digits: Int { batch * sizes[0] * 4 }

    /// Every weight and bias.
    var parameters: Int {
        zip(sizes, sizes.dropFirst()).map { ($0 + 1) * $1 }.reduce(0, +) * 4
    }

    /// The weights' trips through the core in a step: read forward, read passing δ back (every
    /// layer but the first), read and written by the update.
    var parameterTrips: Double {
        let layers = zip(sizes, sizes.dropFirst()).map { ($0 + 1) * $1 }
        let all = Double(layers.reduce(0, +))
        return (3 * all + Double(layers.dropFirst().reduce(0, +))) / all
    }

    /// z, a and δ of every layer after the first, for every row of the batch.
    var working: Int { 3 * batch * sizes.dropFirst().reduce(0, +) * 4 }

    /// The smallest cache that holds `bytes`, as "L2", or "memory".
    func place(_ bytes: Int) -> String {
        caches.first { $0.bytes >= bytes }.map { "L\($0.level)" } ?? "memory"
    }

    /// "31 KB", "1.0 MB".
    static func size(_ bytes: Int) -> String {
        bytes < 1 << 20
            ? "\((bytes + 512) >> 10) KB" : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    /// One line: each part's bytes a step, where they come from, and how fast they came in an
    /// epoch of `seconds`.
    func line(seconds: Double) -> String {
        let steps = Double((examples + batch - 1) / batch)
        let setBytes = examples * sizes[0] * 4
        let rate = { (bytes: Double) in String(format: "%.1f GB/s", bytes * steps / seconds / 1e9) }
        let step = digits + parameters + working
        return "digits \(Self.size(digits)) from \(place(setBytes)) (\(rate(Double(digits)))); "
            + "weights \(Self.size(parameters)) × \(String(format: "%.1f", parameterTrips)) "
            + "from \(place(parameters)) (\(rate(Double(parameters) * parameterTrips))); "
            + "z, a, δ \(Self.size(working)) in \(place(working)); a step's data "
            + "\(Self.size(step)) fits \(place(step))"
    }

    /// "L1 32 KB, L2 1.0 MB, L3 32.0 MB".
    static func said(_ caches: [Processor.Cache]) -> String {
        caches.isEmpty
            ? "the system does not say its cache sizes"
            : caches.map { "L\($0.level) \(size($0.bytes))" }.joined(separator: ", ")
    }
}
