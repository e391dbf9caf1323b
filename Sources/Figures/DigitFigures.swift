import Backprop
import Claims
import Experiments
import Plotting

/// The colour bar of pixel pictures: white paper to black ink, byte/256.
public let inkBar = ColourBar("ink (pixel byte / 256)", range: 0...1, palette: .ink)

/// A colour bar centred on zero that holds every value: blue for negative, red for positive.
public func signedBar(_ label: String, _ values: [Double]) -> ColourBar {
    let m = max(values.map(abs).max() ?? 1, 1e-12)
    return ColourBar(label, range: -m...m, palette: .diverging)
}

/// The weights into neuron j of the first hidden layer: one per pixel, a 28×28 picture.
public func incomingWeights(_ weights: Matrix, neuron j: Int) -> [Double] {
    (0..<weights.columns).map { weights[j, $0] }
}

/// The figures of lesson 6: the digit, and the outputs against the wanted ones.
extension DigitCost.Result {
    /// The image followed, as a picture.
    public func digit() -> Chart {
        .pictures(
            "digit", title: imageName.capitalisedFirst,
            [Picture("\(Format.count(pixels.count)) pixels", values: pixels)], columns: 1,
            colourBar: inkBar, notes: ["\(imageName), 28×28 pixels"])
    }

    /// The ten outputs beside the ten wanted values, as pairs of bars.
    public func outputsAgainstDesired() -> Chart {
        let tics = (0..<10).map { (String($0), Double($0)) }
        let plot = Plot(
            x: Axis("output neuron (digit)", namedTics: tics), y: Axis("activation"),
            series: [
                Series("output aⱼ", bars(output, shift: -0.2), look: .bars(width: 0.38)),
                Series(
                    "desired yⱼ", bars(target, shift: 0.2), look: .bars(width: 0.38),
                    colour: .palette(1)),
            ])
        return .single(
            "output-vs-desired",
            title: "Output against desired output for a \(label): cost C₀ = "
                + Format.number(cost, digits: 4), plot,
            notes: ["the untrained network's output for \(imageName) (bars at digit ∓ 0.2)"])
    }
}

/// Bars at 0, 1, 2, … moved sideways by `shift`, so two sets stand side by side.
func bars(_ values: [Double], shift: Double) -> [[Double]] {
    values.enumerated().map { [Double($0.offset) + shift, $0.element] }
}
