import Foundation

/// Numbers formatted for reading in tables and sentences.
public enum Format {
    /// A value with at most `digits` significant digits, trailing zeros dropped, switching to
    /// scientific notation for very large or very small magnitudes: 0.0123, 1.5e-9, 12.5, 3.
    public static func number(_ x: Double, digits: Int = 4) -> String {
        if !x.isFinite { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "-∞") }
        if x == 0 { return "0" }
        var text = String(format: "%.\(max(digits, 1))g", x)
        // C writes exponents as e-05 and e+06; e-5 and e6 read better.
        if let e = text.firstIndex(of: "e") {
            let mantissa = text[..<e]
            var exponent = String(text[text.index(after: e)...])
            let sign = exponent.hasPrefix("-") ? "-" : ""
            exponent = String(exponent.drop { $0 == "+" || $0 == "-" || $0 == "0" })
            text = mantissa + "e" + sign + (exponent.isEmpty ? "0" : exponent)
        }
        return text
    }

    /// A value with a fixed number of decimals and an explicit sign: +0.400, −1.200.
    public static func signed(_ x: Double, decimals: Int = 3) -> String {
        let text = String(format: "%+.\(decimals)f", x)
        return text.replacingOccurrences(of: "-", with: "−")
    }

    /// A whole number with thousands separators: 13,002.
    public static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start =
                digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (n < 0 ? "−" : "") + groups.joined(separator: ",")
    }

    /// A rate list as a learner types it: 0.05,0.2,0.9.
    public static func list(_ values: [Double]) -> String {
        values.map { formatForCommand($0) }.joined(separator: ",")
    }

    /// Values as a sentence lists them: "0.05, 0.2 and 0.9".
    public static func series(_ values: [Double]) -> String {
        let spelled = values.map { formatForCommand($0) }
        guard let last = spelled.last, spelled.count > 1 else { return spelled.first ?? "" }
        return spelled.dropLast().joined(separator: ", ") + " and " + last
    }

    /// The shortest spelling of a number that reads back the same: 0.1, 2, -3.5.
    public static func formatForCommand(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}

extension Format {
    /// A count with its noun, singular or plural as it should be: "1 step", "34 steps", "1,000
    /// epochs".
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count(n)) \(n == 1 ? noun : plural ?? noun + "s")"
    }
}

extension Format {
    /// "+ 3" or "− 8": a term written after another in a formula.
    public static func term(_ x: Double) -> String { (x < 0 ? "− " : "+ ") + number(abs(x)) }
}

extension Format {
    /// A "times as long" factor for reading: 7,130 rather than 7.13e3; 3.78 below 100; never
    /// "1" for a factor that is not exactly 1 ("1.0003 times as much").
    public static func times(_ x: Double) -> String {
        x >= 100 && x < 1e15 ? count(Int(x.rounded())) : ratio(x)
    }
}

extension Format {
    /// A ratio above 1 with enough digits that it never reads "1": "1.001 times fewer".
    public static func ratio(_ x: Double) -> String {
        distinct(x, 1).0
    }

    /// Two values with just enough digits that unequal values never read the same: "3.99 to 4",
    /// never "4 to 4". At least `digits` significant digits, at most 17.
    /// A list to read in a sentence: all of it up to `limit` items, else the first three and the
    /// last with the count, "3, 4, 5, …, 998 (252 in all)".
    public static func summary(_ items: [String], limit: Int = 8) -> String {
        guard items.count > limit else { return items.joined(separator: ", ") }
        return items.prefix(3).joined(separator: ", ") + ", …, \(items[items.count - 1]) ("
            + "\(count(items.count)) in all)"
    }

    /// A setting as the learner typed it: the fewest digits (at least 4) that read back as exactly
    /// this number, up to 8; past that, 8 digits. 1.0001 stays 1.0001, never 1.
    public static func setting(_ x: Double) -> String {
        let digits = (4...8).first { Double(number(x, digits: $0)) == x } ?? 8
        return number(x, digits: digits)
    }

    /// The values, each with as many significant digits as it takes for values that differ to
    /// print differently (and no fewer than `digits`).
    public static func distinct(_ values: [Double], digits: Int = 4) -> [String] {
        var shown = digits
        func clash() -> Bool {
            let printed = values.map { number($0, digits: shown) }
            return values.indices.contains { i in
                values.indices.contains { j in values[i] != values[j] && printed[i] == printed[j] }
            }
        }
        while shown < 17, clash() { shown += 1 }
        return values.map { number($0, digits: shown) }
    }

    public static func distinct(_ a: Double, _ b: Double, digits: Int = 3) -> (String, String) {
        var shown = digits
        while shown < 17, a != b, number(a, digits: shown) == number(b, digits: shown) {
            shown += 1
        }
        return (number(a, digits: shown), number(b, digits: shown))
    }
}
