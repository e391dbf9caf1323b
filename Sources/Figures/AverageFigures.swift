import Backprop
import Claims
import Experiments
import Plotting

/// The figures of lesson 9: each example's wishes against their average, and each example's
/// agreement with the full gradient, the examples sorted by digit.
extension WishAverage.Result {
    /// The examples' places when sorted by digit (then by index).
    var order: [Int] { labels.indices.sorted { (labels[$0], $0) < (labels[$1], $1) } }

    /// The x axis: examples sorted by digit, each digit's name at the middle of its run.
    var digitAxis: Axis {
        let order = order
        return Axis(
            "examples, grouped by digit",
            namedTics: (0...9).compactMap { d in
                let at = order.indices.filter { labels[order[$0]] == d }
                return at.isEmpty ? nil : (String(d), Double(at[at.count / 2]))
            })
    }

    /// Points at the examples' places by digit, coloured by digit.
    func byDigit(_ values: [Double]) -> [[Double]] {
        order.enumerated().map {
            [Double($0.offset), values[$0.element], Double(labels[$0.element])]
        }
    }

    /// For each chosen weight, every example's wish and their average.
    public func wishesAndAverage() -> Chart {
        let bar = ColourBar("digit", range: 0...9, palette: .digits)
        let plots = chosen.indices.map { i in
            Plot(
                x: digitAxis, y: Axis("wished change −∂C₀/∂w"),
                series: [
                    Series(
                        "one example (colour: its digit)", byDigit(wishes[i]),
                        look: .colouredPoints)
                ],
                marks: [
                    .level(averageWish[i], "average \(Format.number(averageWish[i], digits: 3))")
                ],
                title: name(chosen[i]), colourBar: bar)
        }
        return .panels(
            "wishes", title: "Each example's wish for four output weights, and the average",
            plots, columns: 2,
            notes: [
                "each example's wished change of four output weights; x is the example's place "
                    + "when sorted by digit"
            ], width: 1100, panelHeight: 360)
    }

    /// Each example's cosine with the full gradient.
    public func agreement() -> Chart {
        let plot = Plot(
            x: digitAxis, y: Axis("cosine of the angle to the full gradient", range: -1...1),
            series: [Series(nil, byDigit(cosines), look: .colouredPoints)], marks: [.level(0, "")],
            colourBar: ColourBar("digit", range: 0...9, palette: .digits))
        return .single(
            "agreement", title: "How much each example's gradient points along the full gradient",
            plot, notes: ["the cosine of each example's gradient with the full gradient, by digit"])
    }
}
