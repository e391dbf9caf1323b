import LessonKit
import Plot

/// A formula as MathML, which current browsers typeset without any script.
func mathML(_ formula: Formula, label: String) -> Node<HTML.BodyContext> {
    .element(
        named: "math",
        nodes: [
            .attribute(named: "display", value: "block"),
            .attribute(named: "aria-label", value: attributeValue(label)),
            math(formula),
        ])
}

/// One MathML node for each kind of part.
private func math(_ formula: Formula) -> Node<HTML.BodyContext> {
    switch formula {
    case .name(let name):
        return .element(named: "mi", text: name)
    case .number(let number):
        return .element(named: "mn", text: number)
    case .symbol(let symbol):
        return .element(named: "mo", text: symbol)
    case .row(let parts):
        return .element(named: "mrow", nodes: parts.map(math))
    case .fraction(let top, let bottom):
        return .element(named: "mfrac", nodes: [math(top), math(bottom)])
    case .sub(let base, let index):
        return .element(named: "msub", nodes: [math(base), math(index)])
    case .sup(let base, let power):
        return .element(named: "msup", nodes: [math(base), math(power)])
    case .subSup(let base, let index, let power):
        return .element(named: "msubsup", nodes: [math(base), math(index), math(power)])
    case .under(let base, let below):
        return .element(named: "munder", nodes: [math(base), math(below)])
    }
}
