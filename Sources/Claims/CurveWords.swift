import Backprop
import Experiments

extension LossCurve {
    /// The formula as a reader writes it: "L(w) = w²", "L(w) = 5·(w − 1)²".
    public var formula: String {
        switch name {
        case "double-well": return "L(w) = w⁴/4 − w² + 0.4·w"
        case "plateau": return "L(w) = 1 − e^(−w²/2)"
        default:
            let a = bowlCurvature ?? 1
            let center = minima.first ?? 0
            let sign = center < 0 ? "+" : "−"
            let shift = center == 0 ? "w" : "(w \(sign) \(Format.number(abs(center))))"
            return a == 1 ? "L(w) = \(shift)²" : "L(w) = \(Format.number(a))·\(shift)²"
        }
    }

    /// One phrase on what this curve teaches.
    public var about: String {
        switch name {
        case "double-well":
            return
                "two valleys, a deep one on the left and a shallow one on the right: the start "
                + "decides"
        case "plateau":
            return
                "a well with flat shoulders: far out the slope nearly vanishes and descent crawls"
        default:
            let a = bowlCurvature ?? 1
            guard a != 1 else { return "the plain bowl: one minimum, slope 2w" }
            return "a steeper bowl: the same shape, \(Format.number(a)) times the curvature"
        }
    }
}

extension CurveDescentResult {
    /// The name run `index` goes by: "η = 0.9" for plain descent, "β = 0.5" for the heavy ball,
    /// with as many digits as it takes for runs with different settings to have different names.
    public func label(_ index: Int) -> String {
        let momenta = runs.map { $0.path.momentum ?? 0 }
        let rates = runs.map(\.path.learningRate)
        let digits = rates.map { Format.setting($0).filter(\.isNumber).count }.max() ?? 4
        guard runs[index].path.momentum != nil else {
            return "η = \(Format.distinct(rates, digits: max(4, digits))[index])"
        }
        let betas = momenta.map { Format.setting($0).filter(\.isNumber).count }.max() ?? 4
        return momenta[index] == 0
            ? "β = 0 (plain)" : "β = \(Format.distinct(momenta, digits: max(4, betas))[index])"
    }
}
