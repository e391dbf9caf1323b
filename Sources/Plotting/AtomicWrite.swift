import Foundation
import Processes

/// Writes `data` to `url` so that a reader only ever sees the old file or the whole new one.
///
/// The bytes go to a hidden temporary file in the same folder, which is then renamed over
/// the target; a rename within one folder is atomic. If anything fails, the temporary file
/// is removed and the target is left as it was.
public func writeAtomically(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(
        ".\(url.lastPathComponent).\(UUID().uuidString).partial")
    PartialFiles.begin(temporary, ownWrite: true)
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

/// The bytes free for this user on the file system holding `url`; nil when it cannot be read.
public func freeBytes(at url: URL) -> Int? {
    var info = statvfs()
    guard statvfs(url.path, &info) == 0 else { return nil }
    return Int(clamping: UInt64(info.f_bavail) &* UInt64(info.f_frsize))
}

/// Renames `source` over `target`, replacing it in one step.
func replace(_ target: URL, with source: URL) throws {
    guard rename(source.path, target.path) == 0 else {
        throw PlottingError.cannotWrite(target.path, reason: String(cString: strerror(errno)))
    }
}

/// Puts the folder `staged` in the place of `target`: at once when `target` is not there, else by
/// moving the old one aside, moving the new one in and removing the old. Whoever looks finds the
/// old folder, the new one, or (for an instant) none, never half of one.
public func replaceFolder(_ target: URL, with staged: URL) throws {
    if rename(staged.path, target.path) == 0 { return }
    guard errno == ENOTEMPTY || errno == EEXIST else {
        throw PlottingError.cannotWrite(displayPath(target), reason: describe(posixError(errno)))
    }
    let old = staged.deletingLastPathComponent().appendingPathComponent(
        ".\(target.lastPathComponent).\(UUID().uuidString).old")
    guard rename(target.path, old.path) == 0 else {
        throw PlottingError.cannotWrite(displayPath(target), reason: describe(posixError(errno)))
    }
    guard rename(staged.path, target.path) == 0 else {
        let reason = describe(posixError(errno))
        _ = rename(old.path, target.path)
        throw PlottingError.cannotWrite(displayPath(target), reason: reason)
    }
    try? FileManager.default.removeItem(at: old)
}

/// An error number as an error `describe` puts into words.
func posixError(_ code: Int32) -> Error {
    NSError(domain: NSPOSIXErrorDomain, code: Int(code))
}

/// What went wrong, in the project's words: Foundation's own sentences ("The file doesn't exist.")
/// never reach the learner.
public func describe(_ error: Error) -> String {
    if let plotting = error as? PlottingError { return plotting.description }
    let nsError = error as NSError
    var code: Int32?
    if nsError.domain == NSPOSIXErrorDomain { code = Int32(nsError.code) }
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
        underlying.domain == NSPOSIXErrorDomain
    {
        code = Int32(underlying.code)
    }
    if code == nil, nsError.domain == NSCocoaErrorDomain {
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileWriteNoPermission, .fileReadNoPermission: code = EACCES
        case .fileNoSuchFile, .fileReadNoSuchFile: code = ENOENT
        case .fileWriteOutOfSpace: code = ENOSPC
        case .fileWriteVolumeReadOnly: code = EROFS
        case .fileWriteFileExists: code = EEXIST
        case .fileWriteInvalidFileName: code = ENAMETOOLONG
        default: break
        }
    }
    switch code {
    case EACCES?, EPERM?: return "permission denied"
    case ENOENT?: return "a folder on the way does not exist"
    case ENOSPC?, EDQUOT?: return "the disk is full"
    case EROFS?: return "it is on a read-only disk"
    case ENAMETOOLONG?: return "the name is too long"
    case ENOTDIR?: return "part of the path is a file, not a folder"
    case EISDIR?: return "a folder stands where the file should go"
    case ENOEXEC?: return "it is not a program this system can run"
    case let code?: return "the system refused: " + String(cString: strerror(code)).lowercased()
    default: return "the system refused (\(nsError.domain) error \(nsError.code))"
    }
}

/// An exclusive lock on an output folder (`flock` on the folder itself), held by one run from its
/// first file to its end, when the process lets go of it. A second run into the same folder, in
/// another process, waits at its first file until the first run has finished.
final class FolderLock: @unchecked Sendable {
    private let guarding = NSLock()
    private var descriptor: Int32 = -1

    /// Takes the lock on `folder`, waiting for another run that holds it; once is enough.
    func hold(_ folder: URL) {
        guarding.withLock {
            guard descriptor < 0 else { return }
            descriptor = open(folder.path, O_RDONLY)
            guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) != 0 else { return }
            Output.error(
                "Another run is writing into \(displayPath(folder)); waiting for it to finish.\n")
            _ = flock(descriptor, LOCK_EX)
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
