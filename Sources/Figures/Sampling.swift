import Plotting

/// `count` evenly spaced values across `range`, both ends included.
public func sample(_ range: ClosedRange<Double>, count: Int) -> [Double] {
    let width = range.upperBound - range.lowerBound
    return (0..<count).map { range.lowerBound + width * Double($0) / Double(count - 1) }
}

/// The contour map of `f` over a rectangle, sampled `samples` × `samples` times.
public func contourMap(
    _ x: ClosedRange<Double>, _ y: ClosedRange<Double>, samples: Int, levels: [Double],
    title: String, _ f: (Double, Double) -> Double
) -> ContourMap {
    let grid = sample(x, count: samples).flatMap { u in
        sample(y, count: samples).map { [u, $0, f(u, $0)] }
    }
    return ContourMap(grid: grid, samples: samples, levels: levels, title: title)
}

/// About `count` points of a long path: every one of the first 50, then evenly thinned, and the
/// last.
public func thinned(_ points: [[Double]], to count: Int = 400) -> [[Double]] {
    let every = max(1, points.count / count)
    return points.indices
        .filter { $0 < 50 || $0 % every == 0 || $0 == points.count - 1 }
        .map { points[$0] }
}
