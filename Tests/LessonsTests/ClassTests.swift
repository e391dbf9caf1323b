import ExerciseKit
import Foundation
import LessonKit
import TestSupport
import Testing

@testable import Book
@testable import Lessons

/// The one-hour class the book's index suggests, its worksheet and its answer key.
struct ClassTests {
    @Test("At most five lessons, in stops whose minutes run from 0 to 60 without a gap")
    func anHour() {
        #expect(oneHourClass.count <= 5 && !oneHourClass.isEmpty)
        #expect(oneHourClass.first?.minutes.lowerBound == 0)
        #expect(oneHourClass.last?.minutes.upperBound == 60)
        for (stop, next) in zip(oneHourClass, oneHourClass.dropFirst()) {
            #expect(stop.minutes.upperBound == next.minutes.lowerBound)
        }
        #expect(Set(oneHourClass.map(\.lesson)).count == oneHourClass.count)
    }

    @Test("The chain rule comes right after the wish list, in the class and in the book")
    func chainRuleAfterWishList() throws {
        let lessons = oneHourClass.map(\.lesson)
        let seven = try #require(lessons.firstIndex(of: 7))
        #expect(lessons[seven + 1] == 15)
        let order = readingOrder(Catalogue.written).map { $0.info.number }
        #expect(order == [1, 2, 3, 4, 5, 6, 7, 15, 8, 9, 10, 11, 12, 13, 14])
        #expect(Catalogue.written.map { $0.info.number } == Array(1...15))
    }

    @Test("Each stop has a question for the room: the lesson's own, or the stop's")
    func questions() throws {
        for stop in oneHourClass {
            let found = catalog.first { $0.info.number == stop.lesson }
            let taught = try #require(found)
            #expect(taught.offersPredict || stop.asked != nil, "lesson \(stop.lesson)")
        }
    }

    @Test("Homework: every exercise of the hour's lessons, and every exercise they use")
    func homework() {
        let numbers = Book.homework.map(\.number)
        let lessons = Set(oneHourClass.map(\.lesson))
        for exercise in exerciseCatalog where !lessons.isDisjoint(with: exercise.lessons) {
            #expect(numbers.contains(exercise.number))
            for used in exercise.uses { #expect(numbers.contains(used)) }
        }
    }
}

@Suite("The class on paper", Requirement.gnuplot.trait)
struct ClassSheetTests {
    @Test("The worksheet asks what the key answers, numbered alike, and gives no answer away")
    func worksheetAndKey() throws {
        let book = try testBook.get()
        let worksheet = try String(
            contentsOf: book.folder.appendingPathComponent("worksheet.html"), encoding: .utf8)
        let key = try String(
            contentsOf: book.folder.appendingPathComponent("answer-key.html"), encoding: .utf8)
        let told = try toldRun(LearningRates.self, [])
        let predictions = told.transcript.flatMap { passage -> [Prediction] in
            if case .answers(let predictions) = passage { return predictions }
            return []
        }
        #expect(predictions.count == 2)
        let starts = { (html: String) in html.matches(of: /<ol start="([0-9]+)"/).map(\.output.1) }
        #expect(starts(worksheet) == starts(key) && !starts(key).isEmpty)
        for prediction in predictions {
            #expect(visibleText(worksheet).contains(fold(prediction.question)))
            #expect(visibleText(key).contains(fold(prediction.question)))
            #expect(visibleText(key).contains(fold(prediction.why)))
            #expect(!visibleText(worksheet).contains(fold(prediction.why)))
        }
        #expect(worksheet.contains("answer-space") && !key.contains("answer-space"))
        let index = try String(
            contentsOf: book.folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(
            index.contains("href=\"worksheet.html\"") && index.contains("href=\"answer-key.html\""))
    }
}
