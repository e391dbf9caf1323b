import Experiments

/// What can be said about one example's wish list (lesson 7).
public enum WishClaim: Claim, Equatable {
    /// Every nudge of the story is minus backpropagation's gradient, to `mismatch`.
    case storyIsBackprop(parameters: Int, mismatch: Double)
    /// The story and backpropagation differ by more than rounding.
    case storyDiffers(parameters: Int, mismatch: Double)
    /// Single weights nudged by hand: minus the measured slope agrees with the story's nudge.
    case measuredAgrees([WishListExperiment.SpotCheck])
    /// Minus the measured slope differs from the story's nudge for some weight.
    case measuredDiffers([WishListExperiment.SpotCheck])
    /// The biggest nudges into output neuron `label` come from the neurons of layer 2 with these
    /// ranks by activation.
    case fireTogether(label: Int, ranks: [Int])
    /// The nudges into neuron `neuron` of layer 1 are δ·pixel: `nonzero` are not 0, all on the
    /// `inked` pixels with ink, all with the sign of δ.
    case inkOnly(neuron: Int, delta: Double, nonzero: Int, inked: Int)
    /// Neuron `neuron` of layer 1 wants no change at all: δ is 0.
    case noNudges(neuron: Int)

    public var sentence: String {
        switch self {
        case .storyIsBackprop(let parameters, let mismatch):
            return "All \(Format.count(parameters)) weight and bias nudges of the story equal "
                + "−∂C₀/∂w from backpropagation; the largest difference is "
                + "\(Format.number(mismatch, digits: 2)): backpropagation is exactly this "
                + "bookkeeping, done for every neuron at once."
        case .storyDiffers(let parameters, let mismatch):
            return "The story's \(Format.count(parameters)) nudges and the backward pass differ "
                + "by up to \(Format.number(mismatch, digits: 2)): more than rounding, so one of "
                + "them is wrong."
        case .measuredAgrees(let checks):
            return "Nudging single weights and measuring the cost agrees too: "
                + checks.map(Self.describe).joined(separator: "; ") + "."
        case .measuredDiffers(let checks):
            return "Nudging single weights and measuring the cost does not agree everywhere: "
                + checks.map(Self.describe).joined(separator: "; ") + "."
        case .fireTogether(let label, let ranks):
            let list = ranks.map(String.init).joined(separator: ", ")
            return "The \(ranks.count) largest weight nudges into output neuron \(label) come "
                + "from the neurons of layer 2 ranked \(list) by activation: each nudge is "
                + "−δⱼ·aₖ, so it is proportional to the activation it carries. Neurons that fire "
                + "together wire together."
        case .inkOnly(let neuron, let delta, let nonzero, let inked):
            let sign = delta > 0 ? "positive (red)" : "negative (blue)"
            return "The nudges into neuron \(neuron) of layer 1 are "
                + "\(Format.number(delta, digits: 3))·(pixel): \(nonzero) of the 784 are nonzero, "
                + "all on the \(inked) pixels that carry ink, and all are \(sign). The picture is "
                + "the digit itself: only weights that carry ink can help."
        case .noNudges(let neuron):
            return "Neuron \(neuron) of layer 1 wants no change at all: its δ is 0, so none of "
                + "the 784 weights into it is nudged."
        }
    }

    static func describe(_ check: WishListExperiment.SpotCheck) -> String {
        "w\(superscript(check.layer + 1))[\(check.j),\(check.k)]: nudge "
            + "\(Format.number(check.nudge, digits: 7)), −measured slope "
            + Format.number(check.measured, digits: 7)
    }
}

extension WishListExperiment.Result {
    /// The story against backpropagation, and against nudging single weights.
    public var agreement: [WishClaim] {
        let count = story.parameterNudges.count
        let largest = backward.gradient.flattened.map(abs).max() ?? 0
        let same = mismatch <= 1e-12 * max(1, largest)
        let measured = spotChecks.allSatisfy {
            abs($0.nudge - $0.measured) <= 1e-6 * max(1, abs($0.nudge))
        }
        return [
            same
                ? .storyIsBackprop(parameters: count, mismatch: mismatch)
                : .storyDiffers(parameters: count, mismatch: mismatch),
            measured ? .measuredAgrees(spotChecks) : .measuredDiffers(spotChecks),
        ]
    }

    /// Fire together, wire together; and the nudges into one neuron of layer 1 drawn as a digit.
    public var patterns: [WishClaim] {
        let delta = story.biasNudges[0][hidden]
        let nonzero = incomingNudges.filter { $0 != 0 }.count
        let inked = example.input.filter { $0 != 0 }.count
        return [
            .fireTogether(label: Mutant.wishLabelOffByOne.apply(label) { $0 + 1 }, ranks: ranks),
            delta == 0
                ? .noNudges(neuron: hidden)
                : .inkOnly(neuron: hidden, delta: delta, nonzero: nonzero, inked: inked),
        ]
    }

    /// The output layer's wishes: each output against its target.
    public func outputTable() -> Table {
        var table = Table(["output neuron (digit)", "aⱼ", "yⱼ", "desired nudge −2(aⱼ − yⱼ)"])
        for j in 0..<10 {
            table.add([
                String(j), Format.number(pass.output[j], digits: 4),
                Format.number(example.target[j]), Format.signed(story.activationNudges[3][j]),
            ])
        }
        return table
    }

    /// The heading of `weightTable`: the three ways to raise the right output.
    public var threeWays: String {
        "Three ways to raise output neuron \(label): its bias by "
            + "\(Format.signed(story.biasNudges[2][label], decimals: 5)), its biggest weight "
            + "nudges below, or the previous activations"
    }

    /// The biggest weight nudges into the right output, with the activations they carry.
    public func weightTable() -> Table {
        var table = Table([
            "from neuron k of layer 2", "its activation aₖ", "activation rank",
            "weight nudge −δⱼ·aₖ to w³[\(label),k]",
        ])
        for (k, rank) in zip(strongest, ranks) {
            table.add([
                String(k), Format.number(pass.activations[2][k], digits: 4), String(rank),
                Format.signed(story.weightNudges[2][label, k], decimals: 5),
            ])
        }
        return table
    }

    /// Each layer's wish list, its largest wish, and how far it is from backpropagation's.
    public func layerTable() -> Table {
        var table = Table(
            ["layer", "neurons", "largest wished change", "story − backprop (largest difference)"],
            leftAligned: [0])
        let names = ["input (pixels)", "hidden", "hidden", "output"]
        for l in stride(from: 3, through: 0, by: -1) {
            let wishes = story.activationNudges[l]
            let gap = zip(wishes, backward.wishList[l]).map { abs($0 - $1) }.max() ?? 0
            table.add([
                "\(l): " + names[l], String(wishes.count),
                Format.number(wishes.map(abs).max() ?? 0, digits: 4), Format.number(gap, digits: 2),
            ])
        }
        return table
    }

    /// The image's name: "training image #5 (a 2)".
    public var imageName: String { Claims.imageName(experiment.index, label: label) }
}

extension WishListExperiment {
    /// What the experiment computes, in words.
    public func plan(seed: UInt64) -> String {
        let image = Claims.imageName(index, label: digits.labels[index])
        return "The 784-16-16-10 network (seed \(seed)) on \(image). The story is computed neuron "
            + "by neuron, in plain loops, and compared with the network's own backward pass. A "
            + "nudge is the change that lowers this example's cost fastest: minus the partial "
            + "derivative. A wished change of a neuron's activation a becomes a wished change of "
            + "its weighted input z, scaled by σ′(z), the sigmoid's slope there; that wished "
            + "change is −δ, where δ = ∂C₀/∂z."
    }
}
