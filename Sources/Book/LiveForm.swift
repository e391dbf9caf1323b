import ArgumentParser
import Foundation
import LessonKit

/// A lesson's options as the live book's controls, read from the lesson's own declarations (the
/// description ArgumentParser gives of a command, `ToolInfoV0`), and the URL's query read back
/// into the words the lesson's own parser takes.
///
/// A parameter is the option's name without its dashes (`rates=0.45,0.5`); a switch is
/// `name=true`. Only the options that change what a run computes or shows are controls: not those
/// that name a file or folder, nor those for the terminal, the output or the book.
public struct LiveForm: Sendable {
    public let lesson: any Lesson.Type
    /// One control for each option the page offers, in the order the lesson declares them.
    public let controls: [LiveControl]

    /// The options a page leaves out, and why: a request never names a file, and the page is its
    /// own output.
    public static let leftOut: [String: String] = [
        "out": "the server chooses where a run writes",
        "format": "pages show SVG",
        "terminal": "pages are not a terminal",
        "no-render": "pages show the charts",
        "book": "the live book is the book",
        "gnuplot-timeout": "the server sets the limit",
        "step": "stepping needs a keyboard at a terminal",
        "predict": "every page asks its questions",
        "animate": "pages show still charts",
        "live": "pages are not a terminal",
        "frames": "pages show still charts",
        "delay": "pages show still charts",
        "mnist": "a request never names a folder",
        "data-limit": "only the shipped digits are read",
        "long": "the server refuses long runs",
        "help": "this page is the help",
        "version": "this page is the help",
    ]

    /// Whether the lesson takes the live book's limit on its work (`--work-limit`).
    public let takesWorkLimit: Bool

    /// The lesson's form, read from its declarations once.
    public init(_ lesson: any Lesson.Type) {
        let name = lesson.info.folderName
        if let known = Self.known.form(name) {
            self = known
            return
        }
        self.lesson = lesson
        let arguments = Self.declarations(of: lesson)
        controls = arguments.compactMap(LiveControl.init)
            .filter { Self.leftOut[$0.name] == nil }
        takesWorkLimit = arguments.contains {
            $0.names?.contains { $0.name == "work-limit" } == true
        }
        let made = self
        Self.known.keep(made, as: name)
    }

    /// The forms read so far, by lesson.
    private static let known = KnownForms()

    /// The lesson's options as ArgumentParser describes them (what `--experimental-dump-help`
    /// prints, its `ToolInfoV0`).
    static func declarations(of lesson: any Lesson.Type) -> [ArgumentInfo] {
        let dump: String
        do {
            _ = try lesson.parseAsRoot(["--experimental-dump-help"])
            return []
        } catch {
            dump = lesson.fullMessage(for: error)
        }
        let info = try? JSONDecoder().decode(ToolInfo.self, from: Data(dump.utf8))
        return info?.command.arguments ?? []
    }

    /// The control named `name`, if the page has one.
    public func control(_ name: String) -> LiveControl? {
        controls.first { $0.name == name }
    }

    /// The query's parameters as the words after `lesson N`, in the order the lesson declares its
    /// options; a parameter that is not a control, one given twice, or a switch that is neither
    /// true nor false is refused here, and every value is left to the lesson's own parser.
    public func words(_ query: [(name: String, value: String)]) throws -> [String] {
        var given: [String: String] = [:]
        for (name, value) in query {
            guard control(name) != nil else { throw LiveRefusal.unknown(name, in: self) }
            guard given[name] == nil else { throw LiveRefusal.repeated(name) }
            given[name] = value
        }
        var words: [String] = []
        for control in controls {
            // An empty box is an option not given (one with no default, such as --start).
            guard let value = given[control.name], !value.isEmpty || control.kind == .toggle
            else { continue }
            switch control.kind {
            case .toggle:
                guard let on = Bool(value) else {
                    throw LiveRefusal.notASwitch(control.name, value)
                }
                if on { words.append("--" + control.name) }
            case .choice, .value:
                words.append("--\(control.name)=\(value)")
            }
        }
        return words
    }

    /// The words as the shortest query that makes the same run: the options in the order the
    /// lesson declares them, with those at their defaults left out. Two URLs for one run have one
    /// canonical query, which names the run in the cache.
    public func canonicalQuery(_ words: [String]) -> String {
        var parts: [String] = []
        for control in controls {
            if control.kind == .toggle {
                if words.contains("--" + control.name) { parts.append(control.name + "=true") }
                continue
            }
            let prefix = "--\(control.name)="
            guard let word = words.last(where: { $0.hasPrefix(prefix) }) else { continue }
            let value = String(word.dropFirst(prefix.count))
            if value == control.defaultValue { continue }
            parts.append(control.name + "=" + queryEscaped(value))
        }
        return parts.joined(separator: "&")
    }

    /// A command's live page, when each of its options is a control: the words after `lesson N`,
    /// whatever comes before them (`swift run -c release lesson 12 …`).
    public func path(forCommand command: String) -> String? {
        let words = command.split(separator: " ").map(String.init)
        guard let named = words.firstIndex(of: "lesson"),
            let query = query(for: Array(words.dropFirst(named + 2)))
        else { return nil }
        return LivePage.path(lesson, query: query)
    }

    /// A suggested command's words as a query, when each of its options is a control (a
    /// suggestion that steps at the keyboard has no live run).
    public func query(for arguments: [String]) -> String? {
        var pairs: [(name: String, value: String)] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            guard word.hasPrefix("--") else { return nil }
            var name = String(word.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let control = control(name) else { return nil }
            if control.kind == .toggle {
                pairs.append((name, "true"))
            } else {
                if value == nil {
                    index += 1
                    guard index < arguments.count else { return nil }
                    value = arguments[index]
                }
                pairs.append((name, value ?? ""))
            }
            index += 1
        }
        guard let words = try? words(pairs) else { return nil }
        return canonicalQuery(words)
    }
}

/// One control on a live page: an option of the lesson's, as its declaration gives it.
public struct LiveControl: Sendable, Equatable {
    /// The option's name without its dashes, which is also the URL's parameter.
    public let name: String
    /// The option's help, as `--help` shows it.
    public let help: String
    /// The default as the option writes it, or nil when it has none.
    public let defaultValue: String?
    public let kind: Kind

    public enum Kind: Sendable, Equatable {
        /// A switch: on or off.
        case toggle
        /// One of a few names (a curve, a format).
        case choice([String])
        /// A number, a list of numbers or a word, typed.
        case value
    }

    init?(_ argument: ArgumentInfo) {
        guard argument.shouldDisplay, argument.kind != .positional,
            let long = argument.names?.first(where: { $0.kind == "long" })
        else { return nil }
        name = long.name
        help = argument.abstract ?? ""
        defaultValue = argument.defaultValue
        switch argument.kind {
        case .flag: kind = .toggle
        default:
            let values = argument.allValues ?? []
            kind = values.isEmpty ? .value : .choice(values)
        }
    }
}

/// Why a live page refused its URL, in the lessons' own words.
public enum LiveRefusal: Error, CustomStringConvertible, Equatable {
    case unknown(String, options: [String])
    case repeated(String)
    case notASwitch(String, String)
    /// The lesson's parser or validation refused the words: its own sentence.
    case lessonSays(String)
    /// The run would take longer than the server allows.
    case tooLong(String)

    static func unknown(_ name: String, in form: LiveForm) -> LiveRefusal {
        .unknown(name, options: form.controls.map(\.name))
    }

    public var description: String {
        switch self {
        case .unknown(let name, let options):
            let known =
                options.isEmpty
                ? "this lesson has no options to change"
                : "its options here are " + options.joined(separator: ", ")
            return "there is no option '\(Check.typed(name))' on this page: \(known)"
        case .repeated(let name):
            return "\(name) is given twice: give each option once"
        case .notASwitch(let name, let value):
            return "\(name) is a switch: it takes true or false (got \(Check.typed(value)))"
        case .lessonSays(let sentence), .tooLong(let sentence):
            return sentence
        }
    }
}

/// A value as it goes in a URL's query: letters, digits and `,.-_~` as they are, every other byte
/// percent-encoded.
public func queryEscaped(_ value: String) -> String {
    let allowed = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,.-_~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}

/// A URL's query as its parameters, in order, each name and value decoded (a `+` is a space, as a
/// form writes it).
public func queryParameters(_ query: String) -> [(name: String, value: String)] {
    query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        func decoded(_ text: Substring) -> String {
            let spaced = text.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        return (decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
    }
}

/// The part of ArgumentParser's `ToolInfoV0` (`--experimental-dump-help`) the controls are made
/// from: ArgumentParser writes it, but does not offer its types as a library.
struct ToolInfo: Decodable {
    struct Command: Decodable {
        let arguments: [ArgumentInfo]?
    }
    let command: Command
}

struct ArgumentInfo: Decodable {
    enum Kind: String, Decodable {
        case positional, option, flag
    }
    struct Name: Decodable {
        let kind: String
        let name: String
    }
    let kind: Kind
    let shouldDisplay: Bool
    let names: [Name]?
    let defaultValue: String?
    let allValues: [String]?
    let abstract: String?
}

/// The forms read so far, by lesson, under a lock.
private final class KnownForms: @unchecked Sendable {
    private let lock = NSLock()
    private var forms: [String: LiveForm] = [:]

    func form(_ name: String) -> LiveForm? { lock.withLock { forms[name] } }
    func keep(_ form: LiveForm, as name: String) { lock.withLock { forms[name] = form } }
}
