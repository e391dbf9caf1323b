import ArgumentParser
import Foundation
import Processes

/// Checks shared by the lessons' `validate()`: each failure is one sentence that names the
/// option, the value given and what is allowed.
public enum Check {
    /// A number that must be finite and greater than zero, like a learning rate.
    public static func positive(_ value: Double, _ option: String) throws {
        guard value.isFinite, value > 0 else {
            throw ValidationError(
                "\(option) must be a positive finite number (got \(Format.formatForCommand(value)))"
            )
        }
    }

    /// A number no larger than `limit`, like a nudge that must stay small.
    public static func atMost(_ value: Double, _ option: String, _ limit: Double) throws {
        guard value <= limit else {
            throw ValidationError(
                "\(option) must be at most \(Format.number(limit)) "
                    + "(got \(Format.formatForCommand(value)))")
        }
    }

    /// A positive number that is handed on as a Float (a learning rate for the tuned network): it
    /// must stay positive, finite and normal as a Float too, where 1e39 is infinite, 1e-50 is
    /// zero and 1e-40 has lost most of its digits.
    public static func positiveFloat(_ value: Double, _ option: String) throws {
        try positive(value, option)
        guard Float(value).isFinite, Float(value) >= Float.leastNormalMagnitude else {
            throw ValidationError(
                "\(option) must be between \(Float.leastNormalMagnitude) and "
                    + "\(Float.greatestFiniteMagnitude), the range of a Float "
                    + "(got \(Format.formatForCommand(value)))"
            )
        }
    }

    /// A number within `range`, like a starting point that must stay inside the divergence bound.
    public static func within(
        _ value: Double, _ option: String, _ range: ClosedRange<Double>
    ) throws {
        guard value.isFinite, range.contains(value) else {
            throw ValidationError(
                "\(option) must be a number from \(Format.number(range.lowerBound)) to "
                    + "\(Format.number(range.upperBound)) (got \(Format.formatForCommand(value)))"
            )
        }
    }

    /// A number that may be anything finite, like a starting point.
    public static func finite(_ value: Double, _ option: String) throws {
        guard value.isFinite else {
            throw ValidationError(
                "\(option) must be a finite number (got \(Format.formatForCommand(value)))")
        }
    }

    /// A count within `range`, like a number of steps.
    public static func count(_ value: Int, _ option: String, in range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw ValidationError(
                "\(option) must be a whole number from \(range.lowerBound) to \(range.upperBound) "
                    + "(got \(value))"
            )
        }
    }

    /// One of a fixed set of names, like `--curve`.
    public static func oneOf(_ value: String, _ option: String, allowed: [String]) throws {
        guard allowed.contains(value) else {
            throw ValidationError(
                "\(option) must be one of \(allowed.joined(separator: ", ")) (got \(typed(value)))")
        }
    }

    /// A folder that is there, like `--mnist`'s: refused before anything runs when the path is
    /// missing, is not a folder, or its links lead round in a circle. `holding` says what the
    /// folder is for.
    public static func folder(_ path: String, _ option: String, holding: String) throws {
        var info = stat()
        let problem: String?
        if stat(path, &info) != 0 {
            switch errno {
            case ELOOP: problem = "its links lead round in a circle"
            case EACCES: problem = "it may not be read"
            default: problem = "there is no such folder"
            }
        } else {
            problem = info.st_mode & S_IFMT == S_IFDIR ? nil : "it is not a folder"
        }
        if let problem {
            throw ValidationError(
                "\(option) must name a folder holding \(holding); \(problem) (got \(typed(path)))")
        }
    }

    /// A value as the person typed it, fit for one line: quoted when blank or when it holds
    /// spaces, its control characters (a newline, an escape) made visible, and past 80
    /// characters cut to its first 50, with how many items (a list) or characters it holds.
    public static func typed(_ value: String) -> String {
        let shown = visible(value)
        let plain = !shown.isEmpty && !shown.contains(" ") && !shown.contains("\"")
        let quoted = plain ? shown : "\"" + shown + "\""
        guard shown.count > 80 else { return quoted }
        let items = value.split(separator: ",", omittingEmptySubsequences: false).count
        let size =
            items > 1 ? "\(Format.count(items)) items" : "\(Format.count(shown.count)) characters"
        return quoted.prefix(plain ? 50 : 51) + "… (\(size))"
    }
}
