import Foundation

/// `--predict`: before it computes, a lesson asks one to three short questions, reads the answers
/// from standard input (a terminal or a pipe), and after the run says whether each was right, and
/// why, with the run's own numbers.
public struct Prediction {
    public let question: String
    public let answer: String
    /// Whether the answer was right, and the run's numbers that say so; nil when the answer
    /// could not be read.
    public let right: Bool?
    public let why: String
    /// The claim about the run that `why` says, when it is one; the tests check it.
    public var claim: (any Claim)?

    public init(_ question: String, answer: String, right: Bool?, why: String) {
        self.question = question
        self.answer = answer
        self.right = right
        self.why = why
    }

    /// A verdict whose reason is a claim about the run.
    public init(_ question: String, answer: String, right: Bool?, because claim: any Claim) {
        self.init(question, answer: answer, right: right, why: claim.sentence)
        self.claim = claim
    }
}

/// A question `--predict` asks, and what reads as an answer to it: on a terminal, an answer that
/// does not read is asked for again.
public struct Question: Sendable {
    public let text: String
    let kind: Kind

    enum Kind: Sendable {
        /// A number, or never.
        case count
        case yesNo
        /// Numbers, or none.
        case list
        /// A number, or one of the words.
        case choice(words: [String])
    }

    /// "About how many …?": a number, or never.
    public static func count(_ text: String) -> Question { Question(text: text, kind: .count) }
    /// "Will …?": yes or no.
    public static func yesNo(_ text: String) -> Question { Question(text: text, kind: .yesNo) }
    /// "Which of …?": numbers, or none.
    public static func list(_ text: String) -> Question { Question(text: text, kind: .list) }
    /// "Which one …?": a number, or one of `words`.
    public static func choice(_ text: String, words: [String] = []) -> Question {
        Question(text: text, kind: .choice(words: words))
    }

    /// Whether `answer` reads as an answer to this question.
    func reads(_ answer: String) -> Bool {
        switch kind {
        case .count: return Answer.never(answer) || Answer.number(answer) != nil
        case .yesNo: return Answer.yesNo(answer) != nil
        case .list: return Answer.numbers(answer) != nil
        case .choice(let words):
            return Answer.number(answer) != nil
                || words.contains { $0.lowercased() == answer.lowercased() }
        }
    }

    /// What reads as an answer, for a sentence.
    var expected: String {
        switch kind {
        case .count: return "a number, or never"
        case .yesNo: return "yes or no"
        case .list: return "numbers, or none"
        case .choice(let words): return (["a number"] + words).joined(separator: ", or ")
        }
    }
}

/// A lesson asked for a prediction got no answer: standard input ended.
public struct NoAnswer: Error, CustomStringConvertible {
    public let question: Int, of: Int
    public var description: String {
        "--predict asks \(of) question\(of == 1 ? "" : "s") and standard input ended before answer "
            + "\(question). "
            + "Answer them at the prompt, or give them one a line: printf '…\\n…\\n' | swift run "
            + "lesson N --predict"
    }
}

extension LessonContext {
    /// With `--predict`, asks each question and reads one line per answer; without it, nil. On a
    /// terminal, an answer that does not read is asked for again, once: a second one is taken as
    /// it is, and said unreadable afterwards.
    public func ask(_ questions: [Question]) throws -> [String]? {
        guard predict else { return nil }
        asked = true
        say.record(.questions(questions.map(\.text)))
        say.write("")
        say.write(
            "▸ Predict first "
                + "(\(questions.count == 1 ? "one question" : "\(questions.count) questions"); the "
                + "lesson tells you afterwards)"
        )
        var answers: [String] = []
        for (index, question) in questions.enumerated() {
            say.write("  \(index + 1). \(question.text)")
            for attempt in 1...2 {
                prompt("     your answer: ")
                guard let line = readAnswer() else {
                    throw NoAnswer(question: index + 1, of: questions.count)
                }
                let answer = line.trimmingCharacters(in: .whitespaces)
                guard asksAgain, attempt == 1, !question.reads(answer) else {
                    answers.append(answer)
                    break
                }
                say.write(
                    "     I could not read \(Check.typed(answer)) as an answer: give "
                        + "\(question.expected).")
            }
        }
        return answers
    }

    /// Says, for each prediction, whether it was right and why.
    public func reveal(_ predictions: [Prediction]) {
        guard !predictions.isEmpty else { return }
        said.append(contentsOf: predictions.compactMap(\.claim))
        say.record(.answers(predictions))
        say.printResults(
            "Your predictions",
            lines: predictions.enumerated().map { index, p in
                let verdict =
                    p.right.map { $0 ? "Right." : "Not this time." }
                    ?? "I could not read \"\(p.answer)\" as an answer."
                return
                    "\(index + 1). You said \(p.answer.isEmpty ? "nothing" : "\"\(p.answer)\""). "
                    + "\(verdict) \(p.why)"
            })
    }
}

/// Reading answers as people type them.
public enum Answer {
    /// "35", "about 40", "~12" → the number in it.
    public static func number(_ text: String) -> Double? {
        text.split(whereSeparator: { !"0123456789.eE-+".contains($0) }).compactMap { Double($0) }
            .first
    }

    /// "0.9, 1.1" or "0.9 and 1.1" → the numbers; "none" → [].
    public static func numbers(_ text: String) -> [Double]? {
        if ["none", "no", "nothing", "-", "0 of them"].contains(text.lowercased()) { return [] }
        let found = text.split(whereSeparator: { !"0123456789.eE-+".contains($0) }).compactMap {
            Double($0)
        }
        return found.isEmpty ? nil : found
    }

    /// "yes", "y", "no", "n".
    public static func yesNo(_ text: String) -> Bool? {
        switch text.lowercased().prefix(1) {
        case "y": return true
        case "n": return false
        default: return nil
        }
    }

    /// "never", "no", "not" as the answer "it will not happen".
    public static func never(_ text: String) -> Bool {
        ["never", "no", "not", "none", "won't", "will not"].contains {
            text.lowercased().hasPrefix($0)
        }
    }
}

extension Prediction {
    /// "Which of these will …?": the values named against the values that did it.
    public static func members(
        _ question: String, _ answer: String, actual: [Double], did: String
    ) -> Prediction {
        let named = Answer.numbers(answer)
        var seen: Set<Double> = []
        let each = actual.filter { seen.insert($0).inserted }
        let list = each.isEmpty ? "none of them" : Format.list(each)
        guard let named else {
            return Prediction(
                question, answer: answer, right: nil, why: "In this run \(list) \(did).")
        }
        let right = Set(named) == Set(actual)
        return Prediction(
            question, answer: answer, right: right,
            why: "In this run \(list) \(did)"
                + (right
                    ? "."
                    : (Set(named).isSubset(of: Set(actual))
                        ? ", more than you named."
                        : ", not \(Format.list(named.filter { !actual.contains($0) })).")))
    }

    /// "About how many …?": right within `tolerance` (a fraction) of what happened, or both
    /// "never".
    public static func count(
        _ question: String, _ answer: String, actual: Int?, unit: String, tolerance: Double = 0.3
    ) -> Prediction {
        let said = Answer.never(answer) ? nil : Answer.number(answer)
        guard Answer.never(answer) || said != nil else {
            return Prediction(
                question, answer: answer, right: nil,
                why: actual.map { "It took \(Format.count($0, unit))." } ?? "It never got there.")
        }
        guard let actual else {
            return Prediction(
                question, answer: answer, right: said == nil, why: "It never got there in this run."
            )
        }
        guard let said else {
            return Prediction(
                question, answer: answer, right: false,
                why: "It got there in \(Format.count(actual, unit)).")
        }
        // Within the share of what happened, or within one where that share is less than one.
        let allowed = max(1, tolerance * Double(actual))
        let right = abs(said - Double(actual)) <= allowed
        let within = allowed == 1 ? "one" : "\(Int(tolerance * 100))%"
        return Prediction(
            question, answer: answer, right: right,
            why: "It took \(Format.count(actual, unit))"
                + (right ? ", close enough (within \(within))." : "."))
    }

    /// "Which one …?": one of a few named options; with a tie, any of those that tied is right.
    /// An answer that is not a number, where the options are numbers, could not be read.
    public static func choice(
        _ question: String, _ answer: String, actual: [String], words: [String] = [],
        why: String
    ) -> Prediction {
        let said = answer.lowercased().trimmingCharacters(in: .whitespaces)
        let numbers = actual.allSatisfy { Answer.number($0) != nil }
        let right = actual.contains { option in
            said == option.lowercased()
                || Answer.number(said).map { Answer.number(option) == $0 } == true
        }
        // A word the question offers ("full") is an answer too, right or not.
        let offered = words.contains { $0.lowercased() == said }
        let unread =
            said.isEmpty || (numbers && Answer.number(said) == nil && !right && !offered)
        return Prediction(question, answer: answer, right: unread ? nil : right, why: why)
    }

    /// "Which one …?": one of a few named options.
    public static func choice(
        _ question: String, _ answer: String, actual: String, why: String
    ) -> Prediction {
        choice(question, answer, actual: [actual], why: why)
    }

    /// "Which one …?", answered by a claim about the run; any of `actual` is right (a tie).
    public static func choice(
        _ question: String, _ answer: String, actual: [String], words: [String] = [],
        because claim: any Claim
    ) -> Prediction {
        let verdict = choice(question, answer, actual: actual, words: words, why: "")
        return Prediction(question, answer: answer, right: verdict.right, because: claim)
    }

    /// "Which one …?", answered by a claim about the run.
    public static func choice(
        _ question: String, _ answer: String, actual: String, because claim: any Claim
    ) -> Prediction {
        let verdict = choice(question, answer, actual: actual, why: "")
        return Prediction(question, answer: answer, right: verdict.right, because: claim)
    }

    /// "Will …?", answered by a claim about the run.
    public static func yesNo(
        _ question: String, _ answer: String, actual: Bool, because claim: any Claim
    ) -> Prediction {
        Prediction(
            question, answer: answer, right: Answer.yesNo(answer).map { $0 == actual },
            because: claim)
    }

    /// "Will …?": yes or no.
    public static func yesNo(
        _ question: String, _ answer: String, actual: Bool, why: String
    ) -> Prediction {
        Prediction(
            question, answer: answer, right: Answer.yesNo(answer).map { $0 == actual }, why: why)
    }
}
