/// Puts text in a Unicode normalization form through ICU (NFC by default).
///
/// Changes: composed and decomposed spellings of the same letter become one
/// (и + U+0306 → й under NFC). With `form: nfkc` it also folds compatibility
/// characters (ligatures ﬁ → fi, superscripts, full-width forms); that form
/// changes meaning in some texts, so it is never the default.
/// Never touches: ASCII lines (they are normalized in every form), line endings.
/// Holds back nothing. Cost: one scan of the line's bytes; ICU only for lines
/// whose characters the byte check cannot show to be in NFC already.
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

    /// True when every character is of a range that has nothing to compose or
    /// decompose under NFC, read off the bytes: Latin-1 and Latin Extended, IPA
    /// and modifier letters (U+0080–U+02FF), Cyrillic letters (U+0400–U+052F
    /// but U+0483–U+0489), general punctuation (U+2002–U+203F: quotes, dashes).
    /// Combining marks and everything else go to ICU.
    public static func isNFCByItsBytes(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            guard index + 1 < bytes.count else { return false }
            let next = bytes[index + 1]
            switch byte {
            case 0xC2...0xCB, 0xD0, 0xD1, 0xD3, 0xD4:
                index += 2
            case 0xD2 where !(0x83...0x89).contains(next):
                index += 2
            case 0xE2 where next == 0x80 && index + 2 < bytes.count && bytes[index + 2] >= 0x82 && bytes[index + 2] <= 0xBF:
                index += 3
            default:
                return false
            }
        }
        return true
    }

    public let configuration: Configuration
    public var name: String { Self.descriptor.name }

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public func transform(_ line: inout Line, changes output: inout StageOutput) {
        guard !UTF8Scan.isASCII(line.bytes) else { return }
        if configuration.form == .nfc && Self.isNFCByItsBytes(line.bytes) { return }
        // Input lines are valid UTF-8 (the reader repairs them), so ICU cannot fail
        // on them; if it ever did, the line is left as it was.
        guard let normalized = try? ICU.normalize(line.bytes, form: configuration.form),
              normalized != line.bytes else { return }
        output.recordRewrite(of: line, to: normalized, stage: name, rule: "normalize:\(configuration.form.rawValue)")
        line.bytes = normalized
    }
}
