import Backprop

/// Four made-up rows, small enough to follow every number by hand.
public enum StudentsData {
    public static let cgpa: [Double] = [8, 7, 6, 5]
    public static let profileScore: [Double] = [8, 9, 10, 12]
    public static let package: [Double] = [4, 5, 6, 7]

    /// The rows as examples for the 2-2-1 network: (cgpa, profile score) → package.
    public static let examples = zip(zip(cgpa, profileScore), package).map {
        Example(input: [$0.0, $0.1], target: [$1])
    }

    /// Package (lpa) against CGPA, for a one-input line fit.
    public static let packageByCGPA = LineFitData(x: cgpa, y: package)
}
