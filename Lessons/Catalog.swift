import LessonKit

/// The one list of lessons. A lesson appears in `lesson list`, `lesson all`, `lesson terms`, and
/// under its number and name, once it is here; nothing else lists lessons.
public enum Catalogue {
    /// Every lesson written so far, in order.
    public static let written: [any Lesson.Type] = [
        Derivatives.self,
        Minima.self,
        DescentInOneDimension.self,
        LearningRates.self,
        OneWeight.self,
        Cost.self,
        WishList.self,
        GradientCheck.self,
        Average.self,
        SGD.self,
        Epochs.self,
        Digits12.self,
        SmallRates.self,
        Momentum.self,
        ChainRule15.self,
    ]

    /// The lessons the command offers: those written, unless a caller has added more for the
    /// work it runs (a test's own lesson, say) with `adding(_:_:)`.
    @TaskLocal public static var lessons: [any Lesson.Type] = written

    /// Runs `body` with `more` lessons in the catalogue, after those already there.
    public static func adding<T>(
        _ more: [any Lesson.Type], _ body: () throws -> T
    ) rethrows -> T {
        try $lessons.withValue(lessons + more, operation: body)
    }

    /// Runs `body`, which may wait, with `more` lessons in the catalogue.
    public static func adding<T>(
        _ more: [any Lesson.Type], _ body: () async throws -> T
    ) async rethrows -> T {
        try await $lessons.withValue(lessons + more, operation: body)
    }
}

/// The lessons the command offers, in order.
public var catalog: [any Lesson.Type] { Catalogue.lessons }

/// The lesson with this number ("4", "04") or slug ("learning-rates"), if there is one.
public func lesson(named name: String) -> (any Lesson.Type)? {
    catalog.first { $0.info.slug == name || Int(name) == $0.info.number }
}
