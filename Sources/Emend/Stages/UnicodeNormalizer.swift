/// Puts text in a Unicode normalization form through ICU (NFC by default).
///
/// Changes: composed and decomposed spellings of the same letter become one
/// (и + U+0306 → й under NFC). With `form: nfkc` it also folds compatibility
/// characters (ligatures ﬁ → fi, superscripts, full-width forms); that form
/// changes meaning in some texts, so it is never the default.
/// Never touches: ASCII lines (they are normalized in every form), line endings.
/// Holds back nothing. Cost: one scan of the line's bytes; ICU only for lines
/// with non-ASCII bytes that are not already normalized.
public struct UnicodeNormalizer: LineStage, RegisteredStage {
    public struct Configuration: Sendable, Equatable {
        public var form: ICU.NormalizationForm = .nfc
        public init(form: ICU.NormalizationForm = .nfc) { self.form = form }
    }

    public static let descriptor = StageDescriptor(
        name: "normalize",
        summary: "Unicode normalization through ICU (NFC by default); ASCII lines pass untouched",
        options: [
            OptionSpec("form", .choice(["nfc", "nfd", "nfkc", "nfkd"]), default: .string("nfc"),
                       "normalization form; nfkc also folds ligatures and other compatibility characters"),
        ],
        make: { options in
            UnicodeNormalizer(configuration: Configuration(form: ICU.NormalizationForm(rawValue: options.string("form")) ?? .nfc))
        }
    )

    public let configuration: Configuration
    public var name: String { Self.descriptor.name }

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public func transform(_ line: inout Line, changes output: inout StageOutput) {
        guard !UTF8Scan.isASCII(line.bytes) else { return }
        // Input lines are valid UTF-8 (the reader repairs them), so ICU cannot fail
        // on them; if it ever did, the line is left as it was.
        guard let normalized = try? ICU.normalize(line.bytes, form: configuration.form),
              normalized != line.bytes else { return }
        if output.recordsChanges {
            output.changes.append(Change(kind: .edited, stage: name, rule: "normalize:\(configuration.form.rawValue)",
                                         line: line.number, column: 1,
                                         before: line.text, after: String(decoding: normalized, as: UTF8.self)))
        }
        line.bytes = normalized
    }
}
