import LessonKit

/// Every lesson written so far, in order. A lesson appears in `lesson list` once it is here.
public let catalog: [any Lesson.Type] = [
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
]

/// The lesson with this number ("4", "04") or slug ("learning-rates"), if there is one.
public func lesson(named name: String) -> (any Lesson.Type)? {
    catalog.first { $0.info.slug == name || Int(name) == $0.info.number }
}
