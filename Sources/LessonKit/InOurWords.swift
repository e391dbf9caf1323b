import ArgumentParser

/// The parser's "The value 'x' is invalid for '--seed <seed>'" in the lessons' own words:
/// "--seed must be a whole number, 0 or more (got x)". What the option takes is found by
/// asking the lesson's parser about a few typical values. Nil for any other message.
public func inOurWords(
    _ message: String, _ words: [String], lesson type: any Lesson.Type
)
    -> String?
{
    guard
        let match = message.firstMatch(
            of: /^The value '(.*)' is invalid for '(--[a-z0-9-]+) <[^>]*>'/)
    else { return nil }
    let option = String(match.output.2)
    // The message's lines were joined: the value as typed is the word that reads the same
    // with its line breaks as spaces (`--lr=…` included).
    let said = String(match.output.1)
    let value =
        words.map { word in
            word.hasPrefix(option + "=") ? String(word.dropFirst(option.count + 1)) : word
        }.first { $0.replacingOccurrences(of: "\n", with: " ") == said } ?? said
    // A value the parser takes (the lesson may still refuse it as out of range).
    func takes(_ candidate: String) -> Bool {
        do {
            _ = try type.parse([option + "=" + candidate])
            return true
        } catch {
            return !type.message(for: error).hasPrefix("The value '")
        }
    }
    let kind: String
    if let names = message.firstMatch(of: /Please provide one of (.*)\.$/) {
        kind =
            "one of "
            + names.output.1.replacingOccurrences(of: "'", with: "")
            .replacingOccurrences(of: " and ", with: " or ")
    } else if takes("0.5,1.5") {
        kind = "a number, or several separated by commas"
    } else if takes("1,2") {
        kind = "a whole number, or several separated by commas"
    } else if takes("0.5") {
        kind = "a number"
    } else if takes("1") {
        kind = takes("-1") ? "a whole number" : "a whole number, 0 or more"
    } else {
        return nil
    }
    return "\(option) must be \(kind) (got \(value.isEmpty ? "nothing" : Check.typed(value)))"
}
