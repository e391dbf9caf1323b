import CheckChannel
import Exercises
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The check child: it makes the calls the checker asks for with the learner's code, and sends back
// what they gave. It holds the exercises and the basics they may use, and nothing of the library:
// no training, no backward pass, no answers. Everything here runs before any of the learner's code
// (Swift runs a global's initializer on its first use, never at start).

// The channel is moved out of the learner's way: standard input becomes empty, and what the
// learner's code prints goes with the errors, where the checker shows it but never reads it as an
// answer.
let requests = dup(STDIN_FILENO)
let answers = dup(STDOUT_FILENO)
let empty = open("/dev/null", O_RDONLY)
dup2(empty, STDIN_FILENO)
close(empty)
dup2(STDERR_FILENO, STDOUT_FILENO)
_ = fcntl(requests, F_SETFD, FD_CLOEXEC)
_ = fcntl(answers, F_SETFD, FD_CLOEXEC)
Guard.start()
atexit { Guard.stopDescendants() }

let reader = LineReader(fd: requests)
guard let first = try? reader.next(), let nonce = String(data: first, encoding: .utf8) else {
    exit(70)
}
let wire = Wire(nonce: nonce)
Recorder.wire = wire
Recorder.reader = reader
Recorder.answers = answers

while let line = try? reader.next() {
    guard let message = wire.message(ToChild.self, in: line),
        case .request(let request) = message
    else { exit(70) }
    Recorder.begin(request)
    let answer = evaluate(request.call)
    let calls = Recorder.end()
    guard let sent = try? wire.line(FromChild.answer(id: request.id, answer, calls: calls)),
        writeAll(sent, to: answers)
    else { exit(70) }
}
Guard.stopDescendants()
exit(0)
