import Claims
import TestSupport
import Testing

@testable import LessonKit
@testable import Lessons

/// How a slider's run keeps the lesson's own run in view.
struct ExplorationTests {
    static let adding = Exploration(
        "--rates", name: "learning rate η", values: [0.1, 0.5, 2],
        comparison: .adding(to: "0.05,0.2"))
    static let replacing = Exploration(
        "--lr", name: "learning rate η", values: [0.01, 0.1, 1, 10],
        comparison: .replacing(own: 0.3))

    @Test("A list slider adds its value to the lesson's own list, once")
    func adds() {
        #expect(Self.adding.arguments(0.5) == ["--rates", "0.05,0.2,0.5"])
        #expect(Self.adding.arguments(0.5, own: ["--rates", "1,2"]) == ["--rates", "1,2,0.5"])
        #expect(Self.adding.arguments(0.5, own: ["--rates=1,2"]) == ["--rates", "1,2,0.5"])
        #expect(Self.adding.arguments(2, own: ["--rates", "1,2"]) == ["--rates", "1,2"])
        #expect(Self.adding.label(2, own: ["--rates", "1,2"]).contains("already one of them"))
        #expect(Self.adding.startPosition == 0)
    }

    @Test("An option that follows the slider takes its largest value no larger than the slider's")
    func companion() {
        let following = Exploration(
            "--batch-sizes", name: "mini-batch size", values: [1, 3, 20, 500],
            comparison: .adding(to: "full,10"), companion: ("--line-batch-size", [1, 2, 4, 5, 50]))
        #expect(following.arguments(3) == ["--batch-sizes", "full,10,3", "--line-batch-size", "2"])
        #expect(following.arguments(500).suffix(2) == ["--line-batch-size", "50"])
        #expect(following.arguments(0.5).suffix(2) == ["--line-batch-size", "1"])
        #expect(following.label(3).hasSuffix("(--line-batch-size 2)"))
    }

    @Test("A one-value slider replaces it, and its thumb starts nearest the lesson's own value")
    func replaces() {
        #expect(Self.replacing.arguments(10) == ["--lr", "10"])
        #expect(Self.replacing.startPosition == 1)
        #expect(Self.replacing.label(1) == "--lr 1")
    }

    @Test("Every lesson's slider starts at its own value, or adds to its own default list")
    func lessonsCompare() {
        for lesson in catalog {
            guard let exploration = lesson.exploration else { continue }
            let help = lesson.helpMessage(columns: 1000)
            switch exploration.comparison {
            case .replacing(let own):
                let start = exploration.values[exploration.startPosition]
                #expect(abs(start - own) <= own * 0.5, "lesson \(lesson.info.number)")
                #expect(help.contains("(default: \(Format.formatForCommand(own)))"))
            case .adding(let list):
                #expect(help.contains("(default: \(list))"), "lesson \(lesson.info.number)")
            }
        }
    }
}

/// A table's measured columns and a measured claim stay in the terminal.
struct MeasuredTests {
    struct Clock: Claim {
        var sentence: String { "It took 0.2 s." }
        var measured: Bool { true }
    }

    @Test("A table's measured columns are left out of what the book keeps")
    func table() {
        var table = Table(["method", "work", "time"], leftAligned: [0, 1])
        table.measured = [2]
        table.add(["backprop", "1 pass", "3 µs"])
        #expect(table.counted.headers == ["method", "work"])
        #expect(table.counted.rows == [["backprop", "1 pass"]])
        #expect(table.counted.alignments == [.left, .left])
        var printed: [String] = []
        let say = Narrator(quiet: false, write: { printed.append($0) })
        say.results("Cost", table)
        #expect(printed.joined().contains("3 µs"))
        guard case .table(_, let kept) = say.transcript.last else {
            Issue.record("no table kept")
            return
        }
        #expect(!kept.headers.contains("time"))
    }

    @Test("A measured claim is said, and not kept for the book")
    func claim() {
        var printed: [String] = []
        let say = Narrator(quiet: false, write: { printed.append($0) })
        say.notice(claims: [Clock(), Theory("Theory holds.")])
        #expect(printed.joined().contains("It took 0.2 s."))
        guard case .bullets(_, let points, _) = say.transcript.last else {
            Issue.record("no bullets kept")
            return
        }
        #expect(points == ["Theory holds."])
    }
}
