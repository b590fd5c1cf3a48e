import ArgumentParser
import Emend

#if canImport(Glibc)
import Glibc
#endif

/// The exit codes emend uses, from sysexits.h.
enum ExitStatus {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74
    static let configError: Int32 = 78
}

/// Writes a message to standard error, unbuffered.
func printError(_ message: String) {
    var text = message
    if !text.hasSuffix("\n") { text += "\n" }
    var sink = FileDescriptorSink(descriptor: 2)
    try? Array(text.utf8).withUnsafeBytes { try sink.write($0) }
}

/// Reports an error the way emend's users see it (`emend: error: …`) and
/// returns the exit code it maps to. A closed output pipe is no error: the
/// reader had what it wanted (`emend big.txt | head`), so it exits 0, silently.
func reportFailure(_ error: Error) -> ExitCode {
    switch error {
    case let error as RuleFileError:
        // Compiler style, so editors and terminals can jump to file:line:column.
        printError(error.description)
        return ExitCode(ExitStatus.configError)
    case let error as RefusedFile:
        printError("emend: error: \(error)")
        return ExitCode(error.exitStatus)
    case let error as InputFileError:
        printError("emend: error: \(error)")
        return ExitCode(error.exitStatus)
    case IOError.closedPipe:
        return .success
    case let error as IOError:
        printError("emend: error: \(error)")
        if case .read = error { return ExitCode(ExitStatus.noInput) }
        return ExitCode(ExitStatus.ioError)
    case StageError.ruleTooSlow:
        printError("\(error)")
        return ExitCode(ExitStatus.configError)
    case let error as StageError:
        printError("emend: error: \(error)")
        return ExitCode(ExitStatus.dataError)
    case let error as ExitCode:
        return error
    case let error as ValidationError:
        printError("emend: error: \(error.message)")
        return ExitCode(ExitStatus.usage)
    case let error as Transliterator.ConfigurationError:
        printError("emend: error: \(error)")
        return ExitCode(ExitStatus.usage)
    case let error as ICU.Failure:
        printError("emend: error: \(error)")
        return ExitCode(ExitStatus.dataError)
    default:
        printError("emend: error: \(error)")
        return .failure
    }
}

/// An input or output file that cannot be opened.
struct InputFileError: Error, CustomStringConvertible {
    var path: String
    var code: Int32
    var isOutput = false

    var exitStatus: Int32 { isOutput ? ExitStatus.cannotCreate : ExitStatus.noInput }
    var description: String {
        "cannot \(isOutput ? "create" : "open") '\(path)': \(String(cString: strerror(code)))"
    }
}

/// A file emend will not touch, and why: rewriting it would lose something.
struct RefusedFile: Error, CustomStringConvertible {
    var description: String
    var exitStatus: Int32
}
