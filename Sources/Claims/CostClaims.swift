import Experiments

/// What can be said about one image's cost and the average cost (lesson 6).
public enum CostClaim: Claim, Equatable {
    /// This image's cost, and the network's guess for it (its brightest output).
    case cost(cost: Double, guess: Int, label: Int)
    /// The average cost over `count` training images.
    case average(count: Int, average: Double)
    /// `far` of the ten outputs are more than 0.5 from what is wanted; the largest square is
    /// `square`, digit `worst`'s.
    case farOff(far: Int, worst: Int, square: Double)
    /// This image's cost against the average.
    case againstAverage(cost: Double, average: Double)

    public var sentence: String {
        func n(_ x: Double, _ digits: Int = 5) -> String { Format.number(x, digits: digits) }
        switch self {
        case .cost(let cost, let guess, let label):
            let verdict = guess == label ? ", right by luck." : ", not \(label)."
            return "This example's cost C₀ = \(n(cost)). The network's guess (its brightest "
                + "output) is \(guess)" + verdict
        case .average(let count, let average):
            return "The average cost over all \(Format.count(count, "training image")) is "
                + "\(n(average))."
        case .farOff(let far, let worst, let square):
            let are = far == 1 ? "is" : "are"
            return "\(far) of the 10 outputs \(are) more than 0.5 from what we want; the largest "
                + "square, \(n(square, 3)), is digit \(worst)'s."
        case .againstAverage(let cost, let average):
            let (a, b) = Format.distinct(cost, average)
            let side = cost > average ? "more than" : cost < average ? "less than" : "exactly"
            return "This image costs \(a), \(side) the average of \(b): the cost is one number "
                + "that sums up how bad the network is, and learning means changing the weights "
                + "and biases to make its average smaller."
        }
    }
}

extension DigitCost.Result {
    /// The image's cost and the network's guess, then the average.
    public var costs: [CostClaim] {
        [
            .cost(cost: cost, guess: guess, label: label),
            .average(count: experiment.digits.count, average: average),
        ]
    }

    /// How far off the outputs are, and the image against the average.
    public var farOff: [CostClaim] {
        let squares = squares
        let worst = squares.indices.reduce(0) {
            Mutant.costWorstFlipped.apply(squares[$1] > squares[$0]) { !$0 } ? $1 : $0
        }
        let far = zip(output, target).filter { abs($0 - $1) > 0.5 }.count
        return [
            .farOff(far: far, worst: worst, square: squares[worst]),
            .againstAverage(cost: cost, average: average),
        ]
    }

    /// Every output against the wanted one, with its square.
    public func outputTable() -> Table {
        var table = Table(["output neuron (digit)", "output aⱼ", "desired yⱼ", "(aⱼ − yⱼ)²"])
        for (j, square) in squares.enumerated() {
            table.add([
                String(j), Format.number(output[j], digits: 4), Format.number(target[j]),
                Format.number(square, digits: 4),
            ])
        }
        return table
    }

    /// The image's name: "training image #5 (a 2)".
    public var imageName: String { Claims.imageName(experiment.index, label: label) }
}

extension DigitCost {
    /// What the experiment computes, in words.
    public func plan(seed: UInt64, source: String) -> String {
        let image = Claims.imageName(index, label: digits.labels[index])
        let sizes = network.sizes.map(String.init).joined(separator: "-")
        return "The video's network, \(sizes) with sigmoids "
            + "(\(Format.count(network.parameterCount)) weights and biases), drawn at random with "
            + "seed \(seed). Its input is \(image) from \(source). An activation a is what a "
            + "neuron outputs, a number between 0 "
            + "and 1 here; output neuron j stands for digit j. The cost C₀ = Σⱼ (aⱼ − yⱼ)² (no ½ "
            + "in front, here or anywhere in these lessons), then the average C₀ over every "
            + "training image."
    }
}
