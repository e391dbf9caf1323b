import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Headless chromium driven as a person would drive it, through the DevTools protocol over a pipe
/// (`--remote-debugging-pipe`: commands on the browser's descriptor 3, answers on 4, each message
/// JSON ended by a NUL): open a page, click, choose, type, go back, read what it shows.
///
/// Its calls wait for the browser: run a session on a thread of its own (`finished(within:)`).
public final class DevTools {
    private let pid: pid_t
    private var commands: Int32
    private let answers: Int32
    private var pending = Data()
    private var lastID = 0
    private var session: String?
    private let profile: URL

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(chromium: URL) throws {
        profile = try temporaryFolder("devtools")
        var toBrowser: [Int32] = [0, 0]
        var fromBrowser: [Int32] = [0, 0]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else {
            throw Failure(description: "no pipe for chromium")
        }
        // Only chromium holds its ends (as 3 and 4): no other program started meanwhile does.
        for fd in toBrowser + fromBrowser { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toBrowser[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser[1], 4)
        let null = open("/dev/null", O_WRONLY)
        posix_spawn_file_actions_adddup2(&actions, null, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, null, STDERR_FILENO)
        // Nothing else this test process holds open goes with it (a script another test is
        // writing would be "busy" to run while chromium held it). A descriptor closed meanwhile
        // is passed over by glibc's posix_spawn (Linux).
        #if os(Linux)
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap({ Int32($0) }) where fd > 4 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        #endif
        let arguments = [
            chromium.path, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--remote-debugging-pipe", "--user-data-dir=\(profile.path)", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1200,900", "about:blank",
        ]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let code = posix_spawn(&child, chromium.path, &actions, nil, argv, environ)
        for fd in [toBrowser[0], fromBrowser[1], null] { shut(fd) }
        guard code == 0 else {
            shut(toBrowser[1])
            shut(fromBrowser[0])
            throw Failure(description: "chromium did not start: \(String(cString: strerror(code)))")
        }
        pid = child
        commands = toBrowser[1]
        answers = fromBrowser[0]
        signal(SIGPIPE, SIG_IGN)
    }

    deinit { quit() }

    /// Ends the browser and everything it started.
    public func quit() {
        guard commands >= 0 else { return }
        defer { commands = -1 }
        _ = try? send("Browser.close", [:], browserLevel: true, timeout: 5)
        var status: Int32 = 0
        for _ in 0..<100 where waitpid(pid, &status, WNOHANG) == 0 { usleep(20_000) }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, WNOHANG)
        shut(commands)
        shut(answers)
        try? FileManager.default.removeItem(at: profile)
    }

    /// Sends a command and waits for its answer's result; events in between are passed over.
    @discardableResult
    public func send(
        _ method: String, _ parameters: [String: Any] = [:], browserLevel: Bool = false,
        timeout: Double = 30
    ) throws -> [String: Any] {
        lastID += 1
        var message: [String: Any] = ["id": lastID, "method": method, "params": parameters]
        if !browserLevel, let session { message["sessionId"] = session }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        try data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(commands, bytes.baseAddress! + offset, bytes.count - offset)
                guard written > 0 else { throw Failure(description: "chromium stopped reading") }
                offset += written
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let answer = try nextMessage(until: deadline)
            guard answer["id"] as? Int == lastID else { continue }
            if let error = answer["error"] as? [String: Any] {
                throw Failure(description: "\(method): \(error["message"] ?? error)")
            }
            return answer["result"] as? [String: Any] ?? [:]
        }
    }

    private func nextMessage(until deadline: Date) throws -> [String: Any] {
        while true {
            if let end = pending.firstIndex(of: 0) {
                let message = pending[pending.startIndex..<end]
                pending = Data(pending[pending.index(after: end)...])
                return try JSONSerialization.jsonObject(with: message) as? [String: Any] ?? [:]
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw Failure(description: "chromium did not answer in time") }
            var ready = pollfd(fd: answers, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, Int32(min(left, 1) * 1000)) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = read(answers, &buffer, buffer.count)
            guard count > 0 else { throw Failure(description: "chromium closed its pipe") }
            pending.append(contentsOf: buffer[0..<count])
        }
    }

    /// Opens `url` in a new tab and waits for it to load.
    public func visit(_ url: String) throws {
        let target = try send(
            "Target.createTarget", ["url": "about:blank"], browserLevel: true)
        let attached = try send(
            "Target.attachToTarget", ["targetId": target["targetId"] ?? "", "flatten": true],
            browserLevel: true)
        session = attached["sessionId"] as? String
        try send("Page.enable")
        try send("Runtime.enable")
        try send("Page.navigate", ["url": url])
        try waitFor("document.readyState === 'complete' && location.href !== 'about:blank'")
    }

    /// The value of a JavaScript expression on the page.
    public func evaluate(_ expression: String) throws -> Any? {
        let result = try send(
            "Runtime.evaluate", ["expression": expression, "returnByValue": true])
        if let thrown = result["exceptionDetails"] as? [String: Any] {
            throw Failure(description: "the page threw: \(thrown["text"] ?? thrown)")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Waits until a JavaScript condition holds on the page (a page being replaced counts as not
    /// yet).
    public func waitFor(_ condition: String, timeout: Double = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? evaluate("Boolean(\(condition))")) as? Bool == true { return }
            usleep(50_000)
        }
        throw Failure(description: "the page never reached: \(condition)")
    }

    /// The page's address.
    public var address: String { ((try? evaluate("location.href")) as? String) ?? "" }

    /// Waits for the page to be another than `address`, loaded.
    public func waitForNewPage(after address: String, timeout: Double = 60) throws {
        let quoted = String(
            data: try JSONSerialization.data(withJSONObject: [address]), encoding: .utf8)!
        try waitFor(
            "location.href !== \(quoted)[0] && document.readyState === 'complete'",
            timeout: timeout)
    }

    /// Clicks the middle of the element `selector` names, with the mouse.
    public func click(_ selector: String) throws {
        let box =
            try evaluate(
                """
                (function () {
                    const element = document.querySelector(\(quoted(selector)));
                    element.scrollIntoView({block: "center"});
                    const box = element.getBoundingClientRect();
                    return [box.left + box.width / 2, box.top + box.height / 2];
                })()
                """) as? [Double]
        guard let box, box.count == 2 else { throw Failure(description: "no \(selector) to click") }
        for type in ["mousePressed", "mouseReleased"] {
            try send(
                "Input.dispatchMouseEvent",
                ["type": type, "x": box[0], "y": box[1], "button": "left", "clickCount": 1])
        }
    }

    /// Types `text` into the element `selector` names, in place of what it held, then presses
    /// Enter.
    public func type(_ text: String, into selector: String) throws {
        try click(selector)
        _ = try evaluate("document.querySelector(\(quoted(selector))).select()")
        try send("Input.insertText", ["text": text])
        for type in ["keyDown", "keyUp"] {
            try send(
                "Input.dispatchKeyEvent",
                [
                    "type": type, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13,
                    "text": "\r",
                ])
        }
    }

    /// Chooses `value` in the menu `selector` names: focuses it, sets it, and sends the input
    /// and change events a hand's choice sends.
    public func choose(_ value: String, in selector: String) throws {
        _ = try evaluate(
            """
            (function () {
                const menu = document.querySelector(\(quoted(selector)));
                menu.focus();
                menu.value = \(quoted(value));
                menu.dispatchEvent(new Event("input", {bubbles: true}));
                menu.dispatchEvent(new Event("change", {bubbles: true}));
            })()
            """)
    }

    /// Goes back one page in the tab's history, as the Back button does.
    public func back() throws {
        let history = try send("Page.getNavigationHistory")
        guard let index = history["currentIndex"] as? Int, index > 0,
            let entries = history["entries"] as? [[String: Any]],
            let id = entries[index - 1]["id"] as? Int
        else { throw Failure(description: "there is no page to go back to") }
        try send("Page.navigateToHistoryEntry", ["entryId": id])
    }

    /// The text a person sees in the element `selector` names.
    public func text(_ selector: String) throws -> String {
        (try evaluate(
            "(document.querySelector(\(quoted(selector))) || {innerText: ''}).innerText")
            as? String) ?? ""
    }

    private func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(decoding: data, as: UTF8.self) + "[0]"
    }
}

/// `close(2)`, named apart from the methods.
private func shut(_ fd: Int32) {
    _ = close(fd)
}
