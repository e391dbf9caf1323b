/// How an answer's numbers are laid out, so that a diagnosis can name them: a list of blocks (a
/// number, a list, a matrix), one after another in the flat list the checker compares.
struct Layout: Sendable {
    var blocks: [Block]

    /// How many numbers the answer holds.
    var count: Int { blocks.map(\.count).reduce(0, +) }

    /// One number.
    static func scalar(_ name: String) -> Layout {
        Layout(blocks: [Block(name: name, rows: 1, columns: 1)])
    }

    /// One list, its entries named `unit` ("output neuron").
    static func vector(_ name: String, _ count: Int, unit: String) -> Layout {
        Layout(blocks: [Block(name: name, rows: count, columns: 1, unit: unit)])
    }

    /// A network's parameters in `Network.parameters` order: layer by layer, the weights row by
    /// row, then the biases.
    static func network(_ sizes: [Int]) -> Layout {
        Layout(
            blocks: (1..<sizes.count).flatMap { l in
                [
                    Block(
                        name: "layer \(l)'s weights", rows: sizes[l], columns: sizes[l - 1],
                        layer: l),
                    Block(
                        name: "layer \(l)'s biases", rows: sizes[l], columns: 1, unit: "bias",
                        layer: l),
                ]
            })
    }

    /// The block holding flat entry `index`, and the entry's place inside it.
    func place(of index: Int) -> (block: Int, offset: Int) {
        var start = 0
        for (b, block) in blocks.enumerated() {
            if index < start + block.count { return (b, index - start) }
            start += block.count
        }
        return (blocks.count - 1, index - start)
    }

    /// The flat indices of block `b`.
    func range(of b: Int) -> Range<Int> {
        let start = blocks[..<b].map(\.count).reduce(0, +)
        return start..<(start + blocks[b].count)
    }

    /// "∂C/∂w[1,3]", "δ[2]", "C₀": flat entry `index` by name.
    func name(of index: Int) -> String {
        let (b, offset) = place(of: index)
        return blocks[b].name(of: offset)
    }
}

/// A number, a list or a matrix inside an answer.
struct Block: Sendable {
    let name: String
    let rows: Int
    let columns: Int
    /// What one entry of a list is ("output neuron", "bias"); nil for a matrix or a number.
    var unit: String? = nil
    /// The layer a network's block belongs to (1 is the first after the input).
    var layer: Int? = nil

    var count: Int { rows * columns }
    var isMatrix: Bool { columns > 1 }

    func name(of offset: Int) -> String {
        if count == 1 && unit == nil { return name }
        if isMatrix { return "\(name)[\(offset / columns),\(offset % columns)]" }
        return "\(name)[\(offset)]"
    }
}
