import Foundation

/// A fresh, empty temporary folder for one test, named for what it holds ("plotting-…").
public func temporaryFolder(_ prefix: String = "backprop-tests") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The names of the files in a folder, hidden ones included, sorted.
public func files(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
}
