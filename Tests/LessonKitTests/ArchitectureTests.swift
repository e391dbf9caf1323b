import Foundation
import TestSupport
import Testing

/// The package's root folder, found from this file's place in it.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Each target of `Package.swift` (tests left out) with the targets it depends on, read from the
/// manifest's text: products of other packages are not targets here, and a trait's condition
/// does not change which target a dependency names.
func manifestLayers() throws -> [String: Set<String>] {
    let manifest = try String(
        contentsOf: packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
    var layers: [String: Set<String>] = [:]
    let declaration = /\.(target|executableTarget|systemLibrary)\(\s*name: "([A-Za-z-]+)"/
    for match in manifest.matches(of: declaration) {
        let rest = manifest[match.range.upperBound...]
        let end =
            rest.firstRange(of: /\n        \.[a-zA-Z]+\(|\n    \]/)?.lowerBound ?? rest.endIndex
        var declared = String(rest[..<end])
        guard let list = declared.firstRange(of: "dependencies: [") else {
            layers[String(match.output.2)] = []
            continue
        }
        declared = String(declared[list.upperBound...])
        declared = withoutCalls(declared, named: [".product(", ".when("])
        var depth = 1
        let closing = declared.firstIndex { character in
            depth += character == "[" ? 1 : character == "]" ? -1 : 0
            return depth == 0
        }
        let names = declared[..<(closing ?? declared.endIndex)]
            .matches(of: /"([A-Za-z-]+)"/).map { String($0.output.1) }
        let variables = ["argumentParser", "propertyBased"]
        let used = variables.filter { declared[..<(closing ?? declared.endIndex)].contains($0) }
        layers[String(match.output.2)] = Set(names).subtracting(used)
    }
    return layers
}

/// `text` with every call that starts with one of `names` taken out, up to its closing
/// parenthesis.
func withoutCalls(_ text: String, named names: [String]) -> String {
    var text = text
    while let start = names.compactMap({ text.firstRange(of: $0)?.lowerBound }).min() {
        var depth = 0
        var end = start
        for index in text[start...].indices {
            depth += text[index] == "(" ? 1 : text[index] == ")" ? -1 : 0
            if depth == 0 && text[index] == ")" {
                end = text.index(after: index)
                break
            }
        }
        text.removeSubrange(start..<end)
    }
    return text
}

/// The layers as the architecture guide draws them: "Target → A, B".
func guideLayers() throws -> [String: Set<String>] {
    let guide = try String(
        contentsOf: packageRoot.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
    var layers: [String: Set<String>] = [:]
    for line in guide.split(separator: "\n") {
        guard let match = line.wholeMatch(of: /([A-Za-z-]+) +→ (.+)/) else { continue }
        let names = match.output.2.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        layers[String(match.output.1)] = Set(names)
    }
    return layers
}

struct ArchitectureTests {
    @Test("The architecture guide's layers are Package.swift's, target by target")
    func guideMatchesManifest() throws {
        let manifest = try manifestLayers().filter { !$0.value.isEmpty }
        let guide = try guideLayers()
        #expect(manifest.count >= 15, "read \(manifest.count) targets from Package.swift")
        for (target, dependencies) in manifest {
            #expect(guide[target] == dependencies, "\(target): the guide says \(guide[target])")
        }
        #expect(Set(guide.keys) == Set(manifest.keys))
    }

    @Test("Package.swift's header draws chains of real dependencies, each arrow pointing down")
    func headerMatchesManifest() throws {
        let manifest = try manifestLayers()
        let text = try String(
            contentsOf: packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let header = text.split(separator: "\n").prefix { $0.hasPrefix("//") }
            .map { $0.dropFirst(2) }.joined(separator: " ")
        let chains = header.firstMatch(of: #/point down: (.+?)\. /#)?.output.1 ?? ""
        var arrows = 0
        for chain in chains.split(separator: ";") {
            let links = chain.split(separator: "→").map { link in
                link.replacing(#/\(.*?\)/#, with: "").split(separator: " and ").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
            }
            for (above, below) in zip(links, links.dropFirst()) {
                for a in above {
                    for b in below {
                        arrows += 1
                        #expect(reaches(a, b, in: manifest), "\(a) → \(b) is not in Package.swift")
                    }
                }
            }
        }
        #expect(arrows >= 10, "read \(arrows) arrows from the header")
    }

    @Test("README is the learner's door: at most 200 lines, the videos mapped before line 60")
    func readme() throws {
        let readme = try String(
            contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count <= 200)
        let map = lines.firstIndex { $0.hasPrefix("## The videos") }
        #expect(map.map { $0 < 60 } == true)
        for guide in readme.matches(of: /\]\((docs\/[a-z-]+\.md)\)/) {
            let path = packageRoot.appendingPathComponent(String(guide.output.1)).path
            #expect(FileManager.default.fileExists(atPath: path), "\(guide.output.1)")
        }
    }
}

/// Whether `from` depends on `to`, directly or through other targets.
func reaches(_ from: String, _ to: String, in layers: [String: Set<String>]) -> Bool {
    var seen: Set<String> = []
    var next = [from]
    while let target = next.popLast() {
        for dependency in layers[target] ?? [] where seen.insert(dependency).inserted {
            if dependency == to { return true }
            next.append(dependency)
        }
    }
    return false
}
