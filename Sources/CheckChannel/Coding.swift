import BackpropBasics

// The basics as the channel carries them. Decoding checks every shape, since what the child sends
// was made by the learner's code: a matrix whose values do not fill it, or a network whose layers
// do not fit, is refused here instead of stopping the checker later.

/// The largest matrix or list the channel takes: far more than any case needs.
let largest = 1 << 22

extension Matrix: Codable {
    enum Keys: String, CodingKey { case rows, columns, values }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let rows = try container.decode(Int.self, forKey: .rows)
        let columns = try container.decode(Int.self, forKey: .columns)
        let values = try container.decode([Double].self, forKey: .values)
        guard rows >= 0, columns >= 0, rows <= largest, columns <= largest,
            rows.multipliedReportingOverflow(by: columns) == (values.count, false)
        else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "a \(rows)×\(columns) matrix with \(values.count) values"))
        }
        self.init(rows: rows, columns: columns, values: values)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(columns, forKey: .columns)
        try container.encode(values, forKey: .values)
    }
}

extension Gradient: Codable {
    enum Keys: String, CodingKey { case weights, biases }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let weights = try container.decode([Matrix].self, forKey: .weights)
        let biases = try container.decode([[Double]].self, forKey: .biases)
        guard weights.count == biases.count,
            zip(weights, biases).allSatisfy({ $0.rows == $1.count })
        else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "a gradient whose biases do not match its weights"))
        }
        self.init(weights: weights, biases: biases)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(weights, forKey: .weights)
        try container.encode(biases, forKey: .biases)
    }
}

extension Network: Codable {
    enum Keys: String, CodingKey { case sizes, activations, weights, biases }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let sizes = try container.decode([Int].self, forKey: .sizes)
        let names = try container.decode([String].self, forKey: .activations)
        let weights = try container.decode([Matrix].self, forKey: .weights)
        let biases = try container.decode([[Double]].self, forKey: .biases)
        let activations = names.compactMap(Activation.init(rawValue:))
        let layers = sizes.count - 1
        guard sizes.count >= 2, sizes.allSatisfy({ $0 > 0 && $0 <= largest }),
            activations.count == names.count, activations.count == layers,
            weights.count == layers, biases.count == layers,
            (0..<layers).allSatisfy({
                weights[$0].rows == sizes[$0 + 1] && weights[$0].columns == sizes[$0]
                    && biases[$0].count == sizes[$0 + 1]
            })
        else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "a network whose layers do not fit together"))
        }
        self.init(sizes: sizes, activations: activations, weights: weights, biases: biases)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(sizes, forKey: .sizes)
        try container.encode(activations.map(\.rawValue), forKey: .activations)
        try container.encode(weights, forKey: .weights)
        try container.encode(biases, forKey: .biases)
    }
}

extension Example: Codable {
    enum Keys: String, CodingKey { case input, target }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        self.init(
            input: try container.decode([Double].self, forKey: .input),
            target: try container.decode([Double].self, forKey: .target))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(input, forKey: .input)
        try container.encode(target, forKey: .target)
    }
}
