import Foundation

/// "training image #5 (a 2)": an image's place in the data set, never to be mistaken for the
/// digit it shows.
public func imageName(_ index: Int, label: Int, set: String = "training") -> String {
    "\(set) image #\(index) (a \(label))"
}

extension String {
    /// "Training image #5 (a 2)" at the start of a title.
    public var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// "12.34%": a fraction as a percentage with two decimals.
public func percent(_ fraction: Double, decimals: Int = 2) -> String {
    String(format: "%.\(decimals)f%%", 100 * fraction)
}
