import Book
import Claims
import Foundation
import LessonKit
import Plotting
import TestSupport
import Testing

@testable import Lessons

/// A lesson book written for the tests, and where.
struct WrittenBook: Sendable {
    let folder: URL
    let lessons: [any Lesson.Type]
    let summary: BookSummary

    /// A page's HTML.
    func page(_ lesson: any Lesson.Type) throws -> String {
        try String(
            contentsOf: folder.appendingPathComponent(lesson.info.folderName + ".html"),
            encoding: .utf8)
    }

    /// Every HTML file of the book.
    var pages: [URL] {
        ["index.html"].map(folder.appendingPathComponent)
            + lessons.map { folder.appendingPathComponent($0.info.folderName + ".html") }
    }
}

/// Writes a book of `lessons` into a new temporary folder.
func writeTestBook(_ lessons: [any Lesson.Type]) throws -> WrittenBook {
    let gnuplot = try #require(installedGnuplot, "gnuplot draws the book's charts")
    let folder = try temporaryFolder().appendingPathComponent("book")
    var book = LessonBook(lessons: lessons, folder: folder, gnuplot: gnuplot)
    book.progress = { _ in }
    let summary = try book.write()
    return WrittenBook(folder: folder, lessons: lessons, summary: summary)
}

/// Runs a lesson as the terminal does (answering `--predict` with nothing, as the book does), and
/// returns what it told: the sentences the book's page of that run must show.
func toldRun(_ type: any Lesson.Type, _ arguments: [String]) throws -> LessonReport {
    let out = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let predict = type.offersPredict ? ["--predict"] : []
    let lesson = try type.parse(["--out", out.path, "--no-render"] + arguments + predict)
    var environment = LessonEnvironment(
        write: { _ in }, gnuplot: nil, readAnswer: { "" }, prompt: { _ in })
    // The charts' data and scripts are written (not drawn), so that the run lists its charts.
    environment.progress = { _ in }
    return try lesson.run(in: environment)
}

/// The text a reader sees in a piece of HTML: tags dropped, entities read, spaces folded.
func visibleText(_ html: String) -> String {
    var text = html.replacing(/<[^>]*>/, with: " ")
    for (entity, character) in [
        ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"),
        ("&amp;", "&"),
    ] {
        text = text.replacingOccurrences(of: entity, with: character)
    }
    return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// The run a page shows before the slider is touched: the HTML inside `<div id="run">`.
func shownRun(_ html: String) -> String {
    guard let start = html.range(of: "id=\"run\"") else { return "" }
    let rest = html[start.upperBound...]
    let ends = ["<template", "<section class=\"try\"", "<section class=\"answer-key\"", "</main>"]
    let end = ends.compactMap { rest.range(of: $0)?.lowerBound }.min() ?? rest.endIndex
    return String(rest[..<end])
}

/// The runs a page keeps for its slider, by position ("own", "0", "1", …): each template's HTML.
func keptRuns(_ html: String) -> [String: String] {
    var runs: [String: String] = [:]
    for match in html.matches(
        of: /<template data-position="([a-z0-9]+)"[^>]*>(.*?)<\/template>/.dotMatchesNewlines())
    {
        runs[String(match.output.1)] = String(match.output.2)
    }
    return runs
}

/// What is wrong with a page's HTML as a document: tags that do not close in order, ids used
/// twice outside the slider's templates, and references that leave the book or point at nothing.
func problems(inPage page: URL) throws -> [String] {
    let html = try String(contentsOf: page, encoding: .utf8)
    var found: [String] = []
    guard html.hasPrefix("<!DOCTYPE html>") else { return ["no <!DOCTYPE html>"] }
    let void: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ]
    var open: [String] = []
    for tag in html.matches(of: /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/) {
        let name = String(tag.output.2).lowercased()
        if tag.output.1 == "/" {
            guard open.last == name else {
                found.append("</\(name)> closes <\(open.last ?? "nothing")>")
                return found
            }
            open.removeLast()
        } else if !void.contains(name) && tag.output.3 != "/" {
            open.append(name)
        }
    }
    if !open.isEmpty { found.append("left open: \(open)") }
    let outside = html.replacing(/<template.*?<\/template>/.dotMatchesNewlines(), with: "")
    let ids = outside.matches(of: /\sid="([^"]*)"/).map { String($0.output.1) }
    for id in Set(ids) where ids.filter({ $0 == id }).count > 1 {
        found.append("id \(id) used twice")
    }
    for reference in html.matches(of: /\s(?:href|src|data)="([^"]*)"/) {
        let target = String(reference.output.1)
        if target.contains(":") || target.hasPrefix("//") {
            found.append("\(target) leaves the book")
            continue
        }
        let file = page.deletingLastPathComponent().appendingPathComponent(
            String(target.prefix { $0 != "#" }))
        if !FileManager.default.fileExists(atPath: file.path) {
            found.append("\(target) is missing")
        }
    }
    return found
}
