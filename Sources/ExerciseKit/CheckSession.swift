import Backprop
import CheckChannel
import Foundation
import Processes

/// One check's child, `exercise-check`, and the conversation with it. The checker sends each case
/// as a call; the child makes it with the learner's code and sends back the numbers. The verdict is
/// made here, from those numbers and the library's own answers: nothing the learner's code prints,
/// and no way it ends, can pass for one. One check uses it, from one thread at a time.
final class CheckSession: @unchecked Sendable {
    let child: PipedChild
    let wire: Wire
    let reader: LineReader
    let deadline: ContinuousClock.Instant
    let limit: Double
    /// Set in the child's environment, and so in every process it starts: found and stopped at the
    /// end, even in a session of its own.
    let marker: String
    /// The functions whose calls, within the learner's step, the checker answers.
    let substitute: [Function]
    var errors = BoundedBytes()
    var lastID = 0
    /// Why the child stopped answering, once it has.
    var stopped: Stop?
    /// The learner's calls, counted, for each answer.
    var calls: [[Function: Int]] = []
    /// The calls of the substituted functions the checker answered, in order.
    var asked: [Call] = []
    var progress = CaseProgress()

    enum Stop: Equatable {
        /// The child's end of the channel closed: it exited or crashed.
        case ended
        /// It ran past the limit; `waitingFor` names the processes it had started and was
        /// waiting for, if any.
        case timedOut(Double, waitingFor: [String])
        case tooLong
        /// A line on the channel that is not the child's, or not in order.
        case garbled
        /// The learner's code asked the checker for its answer, outside a substitution.
        case askedFor(Function)
    }

    /// Thrown by a call once the child has stopped answering; the check ends there.
    struct Stopped: Error {}

    init(helper: URL, limit: Double, substitute: [Function]) throws {
        let nonce = Wire.freshNonce()
        marker = "BACKPROP_CHECK=" + nonce
        var environment = Checker.childEnvironment
        environment["BACKPROP_CHECK"] = nonce
        child = try PipedChild(helper.path, [], environment: environment)
        wire = Wire(nonce: nonce)
        reader = LineReader(fd: child.output)
        deadline = .now + .seconds(limit)
        self.limit = limit
        self.substitute = substitute
        if !writeAll(Data((nonce + "\n").utf8), to: child.input) { stopped = .ended }
    }

    /// The learner's answer to `call`.
    func answer(_ call: Call) throws -> Answer {
        guard stopped == nil else { throw Stopped() }
        lastID += 1
        send(.request(Request(id: lastID, call: call, substitute: substitute)))
        while true {
            let line: Data
            do {
                line = try reader.next(
                    before: deadline, alsoDrain: (child.errors, { self.errors.append($0) }))
            } catch {
                switch error {
                case .ended: stopped = .ended
                case .timedOut:
                    stopped = .timedOut(limit, waitingFor: descendantNames(of: child.pid))
                case .tooLong: stopped = .tooLong
                }
                throw Stopped()
            }
            switch wire.message(FromChild.self, in: line) {
            case .answer(let id, let answer, let counted)? where id == lastID:
                calls.append(counted)
                return answer
            case .ask(let asked)?:
                guard substitute.contains(asked.function) else {
                    stopped = .askedFor(asked.function)
                    throw Stopped()
                }
                self.asked.append(asked)
                send(.told(asked.reference))
            case nil where !substitute.isEmpty && line.starts(with: Data(wire.nonce.utf8)):
                // A substituted call whose arguments do not fit together (a matrix the learner's
                // code left half filled): the learner's step gets an error, as it would from code
                // that could not use them.
                send(.told(.threw("the arguments did not fit together")))
            default:
                stopped = .garbled
                throw Stopped()
            }
        }
    }

    /// The learner's answer to `call`, as numbers.
    @Sendable func numbers(_ call: Call) throws -> [Double] {
        switch try answer(call) {
        case .numbers(let numbers): return numbers
        case .notYet: throw NotYetMarker()
        case .threw(let error): throw Said(sentence: "it threw an error: \(error)")
        default: throw Stopped()
        }
    }

    func send(_ message: ToChild) {
        guard let line = try? wire.line(message), writeAll(line, to: child.input) else {
            stopped = stopped ?? .ended
            return
        }
    }

    /// Ends the child and everything it started, and says how it ended.
    func finish() -> PipedChild.Ending? {
        if let finished { return finished }
        let ending = end()
        finished = .some(ending)
        return ending
    }

    /// How the child ended, once `finish` has ended it.
    private var finished: PipedChild.Ending??

    private func end() -> PipedChild.Ending? {
        child.closeInput()
        // A child that answered everything leaves when its input ends.
        var ending = stopped == nil ? child.ended(within: 2) : nil
        if ending == nil {
            if stopped != .ended { child.stop() }
            ending = child.ended(within: 5)
        }
        drainErrors()
        child.stop()
        stopProcesses(marked: marker)
        child.close()
        return ending
    }

    /// What is left on the child's error stream, up to a second's wait.
    func drainErrors() {
        let end = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < end {
            var fds = [pollfd(fd: child.errors, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 1, 100) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = read(child.errors, &buffer, buffer.count)
            if count <= 0 { return }
            errors.append(Data(buffer[0..<count]))
        }
    }
}
