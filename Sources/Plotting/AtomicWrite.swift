import Foundation

/// Writes `data` to `url` so that a reader only ever sees the old file or the whole new one.
///
/// The bytes go to a hidden temporary file in the same folder, which is then renamed over
/// the target; a rename within one folder is atomic. If anything fails, the temporary file
/// is removed and the target is left as it was.
public func writeAtomically(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
    PartialFiles.begin(temporary)
    defer { PartialFiles.end(temporary) }
    do {
        try data.write(to: temporary)
        try replace(url, with: temporary)
    } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw PlottingError.cannotWrite(url.path, reason: describe(error))
    }
}

/// Writes `text` as UTF-8, atomically.
public func writeAtomically(_ text: String, to url: URL) throws {
    try writeAtomically(Data(text.utf8), to: url)
}

/// Renames `source` over `target`, replacing it in one step.
func replace(_ target: URL, with source: URL) throws {
    guard rename(source.path, target.path) == 0 else {
        throw PlottingError.cannotWrite(target.path, reason: String(cString: strerror(errno)))
    }
}

/// The short, human part of a Foundation error.
func describe(_ error: Error) -> String {
    if let plotting = error as? PlottingError { return plotting.description }
    let nsError = error as NSError
    if nsError.domain == NSCocoaErrorDomain, nsError.code == CocoaError.fileWriteNoPermission.rawValue
        || nsError.code == CocoaError.fileReadNoPermission.rawValue {
        return "permission denied"
    }
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
       underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
        return String(cString: strerror(code.rawValue))
    }
    return nsError.localizedDescription
}
