/// A formula as a tree, so that a page can typeset it (the lesson book writes it as MathML, which
/// browsers render without scripts) while the terminal keeps its one-line spelling.
public indirect enum Formula: Sendable, Equatable {
    /// A variable or a function's name, set in italics when it is one letter: w, σ, η.
    case name(String)
    /// A number: 2, 1.
    case number(String)
    /// An operator, a bracket or an arrow: −, ←, (, ⊙.
    case symbol(String)
    /// Formulas side by side.
    case row([Formula])
    /// Numerator over denominator.
    case fraction(Formula, Formula)
    /// A base with a subscript: aⱼ.
    case sub(Formula, Formula)
    /// A base with a superscript: x².
    case sup(Formula, Formula)
    /// A base with both: δᴸⱼ.
    case subSup(Formula, Formula, Formula)
    /// A large operator with what it ranges over beneath it: Σ over j.
    case under(Formula, Formula)
}

extension Formula {
    /// A row of formulas.
    public static func of(_ parts: Formula...) -> Formula { .row(parts) }

    /// The partial derivative ∂top/∂bottom.
    public static func partial(_ top: Formula, _ bottom: Formula) -> Formula {
        .fraction(.of(.symbol("∂"), top), .of(.symbol("∂"), bottom))
    }

    /// The derivative dtop/dbottom.
    public static func derivative(_ top: String, _ bottom: String) -> Formula {
        .fraction(.of(.name("d"), .name(top)), .of(.name("d"), .name(bottom)))
    }

    /// `inner` in round brackets.
    public static func bracketed(_ inner: Formula...) -> Formula {
        .row([.symbol("(")] + inner + [.symbol(")")])
    }

    /// Σ over `index`.
    public static func sum(over index: String) -> Formula {
        .under(.symbol("Σ"), .name(index))
    }
}
