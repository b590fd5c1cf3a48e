import ArgumentParser
import Emend

/// `--from-encoding`: the encoding of the input files, shared by every command that reads text.
struct EncodingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read the input in this encoding (any name ICU knows: windows-1251, KOI8-R, UTF-16LE, ISO-8859-5, CP866 …) instead of UTF-8.", valueName: "name"))
    var fromEncoding: String?

    init() {}

    func validate() throws {
        guard let fromEncoding, (try? ICU.Converter(name: fromEncoding)) == nil else { return }
        let names = (try? ICU.Converter.availableNames()) ?? []
        let lowered = names.map { $0.lowercased() }
        let hint = closestMatch(to: fromEncoding.lowercased(), in: lowered)
            .flatMap { guess in lowered.firstIndex(of: guess).map { " (did you mean '\(names[$0])'?)" } } ?? ""
        throw ValidationError("unknown encoding '\(fromEncoding)'\(hint); use a name ICU knows, such as windows-1251, KOI8-R, UTF-16LE, ISO-8859-5 or CP866")
    }

    /// `source` read as the named encoding (or as UTF-8, refused when it is UTF-16).
    func decoding<Source: ByteSource>(_ source: Source, strict: Bool) throws -> DecodingSource<Source> {
        try DecodingSource(source, encoding: fromEncoding, strict: strict)
    }

    /// An input in another encoding than it should be, reported with the file's
    /// name and turned into exit code 65; any other error is given back as it is.
    static func reported(_ error: Error, in name: String) -> Error {
        switch error {
        case let undeclared as UndeclaredUTF16:
            printError("emend: error: \(name): \(undeclared); name its encoding with --from-encoding \(undeclared.encoding)")
        case let invalid as InvalidEncoding:
            printError("emend: error: \(name):\(invalid.line):\(invalid.column): \(invalid)")
        default:
            return error
        }
        return ExitCode(ExitStatus.dataError)
    }

    /// Warns when sequences invalid in the named encoding were replaced with U+FFFD.
    static func warnAboutReplacements<Source>(in source: DecodingSource<Source>, name: String) {
        guard let invalid = source.invalid else { return }
        let plural = invalid.count == 1 ? "sequence" : "sequences"
        printError("emend: warning: \(name): replaced \(invalid.count) invalid \(invalid.encoding) \(plural) with U+FFFD; first at byte offset \(invalid.offset) (line \(invalid.line), column \(invalid.column))")
    }
}
