import Emend
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes the audit trail of `emend run --explain FILE`: one JSON object a line
/// (JSON Lines), buffered, to a file it creates.
final class ExplainWriter: @unchecked Sendable {
    private let lock = NSLock()
    private var sink: FileDescriptorSink
    private var buffer: [UInt8] = []
    private let path: String
    /// Where each stage of the pipeline is declared (`rules/pipelines/default.yaml:16`),
    /// named in records of built-in rules.
    private let stageSources: [String: String]

    init(path: String, stageSources: [String: String]) throws {
        self.sink = path == "-" ? FileDescriptorSink(descriptor: 2) : try createOutputFile(path)
        self.path = path
        self.stageSources = stageSources
    }

    func write(_ record: AuditRecord, file: String) throws {
        lock.lock(); defer { lock.unlock() }
        let source = record.rule.contains(".yaml:") ? nil : stageSources[record.stage]
        buffer += record.jsonLine(file: file, source: source).utf8
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { try flushBuffer() }
    }

    func flush() throws {
        lock.lock(); defer { lock.unlock() }
        try flushBuffer()
    }

    private func flushBuffer() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try sink.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit {
        try? flushBuffer()
        if sink.descriptor > 2 { close(sink.descriptor) }
    }
}
