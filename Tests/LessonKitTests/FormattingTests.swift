import TestSupport
import Testing

@testable import LessonKit

struct FormattingTests {
    @Test(
        "Numbers read like a person wrote them",
        arguments: [
            (2.0, "2"), (-0.8, "-0.8"), (0.034375, "0.03438"), (1e-5, "1e-5"), (2.5e-10, "2.5e-10"),
            (969_100.0, "9.691e5"), (0, "0"), (Double.infinity, "∞"),
        ])
    func number(value: Double, text: String) {
        #expect(Format.number(value) == text)
    }

    @Test(
        "Counts have thousands separators",
        arguments: [(0, "0"), (999, "999"), (13_002, "13,002"), (1_000_000, "1,000,000")])
    func count(value: Int, text: String) {
        #expect(Format.count(value) == text)
    }

    @Test(
        "A factor never reads 1 unless it is 1",
        arguments: [
            (1.0, "1"), (1.0003, "1.0003"), (0.99997, "0.99997"), (3.781, "3.78"),
            (7_130.2, "7,130"),
        ])
    func times(value: Double, text: String) {
        #expect(Format.times(value) == text)
    }

    @Test("Lists read back as typed")
    func list() {
        #expect(Format.list([0.05, 0.2, 1, -3]) == "0.05,0.2,1,-3")
    }

    @Test("Tables align numbers right and text left")
    func table() {
        var table = Table(["η", "result"], leftAligned: [1])
        table.add(["0.05", "slow"])
        table.add(["1.1", "divergent"])
        #expect(
            table.lines() == [
                "   η  result",
                "────  ─────────",
                "0.05  slow",
                " 1.1  divergent",
            ])
    }

    @Test("Number lists parse commas, negatives and spaces, and refuse anything else")
    func numberList() {
        #expect(NumberList(argument: "0.05,0.2, 0.9,-1")?.values == [0.05, 0.2, 0.9, -1])
        #expect(NumberList(argument: "0.1,abc") == nil)
        #expect(NumberList(argument: "0.1,,0.2") == nil)
        #expect(NumberList(argument: "") == nil)
    }

    @Test("Narration wraps at the width and --quiet keeps only the results")
    func narration() {
        var lines: [String] = []
        let say = Narrator(quiet: true) { lines.append($0) }
        say.video("00:00", "A story that should not be printed.")
        say.notice("Nor this.")
        var table = Table(["a"])
        table.add(["1"])
        say.results("Results", table)
        #expect(lines == ["", "▸ Results", "  a", "  ─", "  1"])

        let loud = Narrator(quiet: false) { _ in }
        let wrapped = loud.wrapped(String(repeating: "word ", count: 40), indent: "  ")
        #expect(wrapped.count > 1)
        #expect(wrapped.allSatisfy { $0.count <= loud.width })
    }
}
