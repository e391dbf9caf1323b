/// A straight-line fit ŷ = m·x + b by least squares, the smallest model with two parameters.
///
/// Its cost is the average squared error, the same cost the 3Blue1Brown video uses:
///
///     L(m, b) = (1/n) Σᵢ (yᵢ − (m·xᵢ + b))²
///
/// Setting both partial derivatives to zero gives two linear equations (the normal
/// equations), which solve to a closed form. Networks have no such closed form,
/// which is why they are trained by descent.
public struct LineFitData: Sendable {
    public let x: [Double]
    public let y: [Double]

    public init(x: [Double], y: [Double]) {
        precondition(
            x.count == y.count && !x.isEmpty, "a line fit needs as many x as y, at least one")
        self.x = x
        self.y = y
    }

    /// The average squared error of the line with slope `m` and intercept `b`.
    public func cost(m: Double, b: Double) -> Double {
        zip(x, y).map { (xi, yi) in (yi - (m * xi + b)) * (yi - (m * xi + b)) }.reduce(0, +)
            / Double(x.count)
    }

    /// (∂L/∂m, ∂L/∂b) = (−(2/n) Σ xᵢ·(yᵢ − ŷᵢ), −(2/n) Σ (yᵢ − ŷᵢ)).
    public func gradient(m: Double, b: Double) -> (dm: Double, db: Double) {
        let n = Double(x.count)
        var dm = 0.0
        var db = 0.0
        for (xi, yi) in zip(x, y) {
            let error = yi - (m * xi + b)
            dm += -2 * xi * error / n
            db += -2 * error / n
        }
        return (dm, db)
    }

    /// The curvatures of the cost along its two principal directions, largest first: the
    /// eigenvalues λ of its Hessian, the matrix of second derivatives [[2·mean(x²), 2·mean(x)],
    /// [2·mean(x), 2]]. The same for every (m, b): the cost is a quadratic bowl.
    ///
    /// Their ratio λmax/λmin says how elongated the valley is; descent with rate η shrinks the
    /// distance along a direction by (1 − η·λ) per step, so it diverges once η > 2/λmax and
    /// crawls along the floor at the pace of λmin.
    public var curvatures: (largest: Double, smallest: Double) {
        let n = Double(x.count)
        let a = 2 * x.map { $0 * $0 }.reduce(0, +) / n
        let b = 2 * x.reduce(0, +) / n
        let d = 2.0
        let mean = (a + d) / 2
        let spread = (((a - d) / 2) * ((a - d) / 2) + b * b).squareRoot()
        return (mean + spread, mean - spread)
    }

    /// The line where both partial derivatives vanish:
    /// m = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²,  b = ȳ − m·x̄.
    public func closedFormFit() -> (m: Double, b: Double) {
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        let covariance = zip(x, y).map { ($0 - meanX) * ($1 - meanY) }.reduce(0, +)
        let spread = x.map { ($0 - meanX) * ($0 - meanX) }.reduce(0, +)
        let m = spread == 0 ? 0 : covariance / spread
        return (m, meanY - m * meanX)
    }
}

/// The students data of the CampusX series: CGPA, profile score and the package (lpa) they got.
///
