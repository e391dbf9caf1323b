import Backprop

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

extension LearningRateTrial {
    /// The name a run goes by: "η = 0.9" for plain descent, "β = 0.5" for the heavy ball.
    public var label: String {
        guard let momentum = path.momentum else {
            return "η = \(Format.number(path.learningRate))"
        }
        return momentum == 0 ? "β = 0 (plain)" : "β = \(Format.number(momentum))"
    }
}
