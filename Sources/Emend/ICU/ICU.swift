import CICU

/// The one Swift type that calls ICU (the system libicu). Every other file
/// goes through it, so the C boundary, buffer sizing and error mapping live here.
public enum ICU {
    /// ICU's version, e.g. "72.1".
    public static let version: String = {
        var buffer = [CChar](repeating: 0, count: 32)
        emend_icu_version(&buffer)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// An ICU failure: the error code's name and what emend was doing.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let status: Int32
        public let operation: String
        public var errorName: String { String(cString: emend_icu_error_name(status)) }
        public var description: String { "ICU \(operation) failed: \(errorName)" }
    }

    /// Where ICU found an error in transform rules, as a line and column of the rules text.
    public struct RuleSyntaxError: Error, Equatable, CustomStringConvertible {
        public let errorName: String
        /// 1-based line in the rules text.
        public let line: Int
        /// 1-based column in the rules text, counted in Unicode scalars.
        public let column: Int
        /// The rules text just before and after the error, as ICU quotes it.
        public let before: String
        public let after: String
        public var description: String { "\(errorName) at line \(line), column \(column), near '\(before)' ⟨here⟩ '\(after)'" }
    }

    private static let bufferOverflow: Int32 = 15  // U_BUFFER_OVERFLOW_ERROR

    /// Runs a C function that writes UTF-8 into a caller buffer and reports the
    /// length it needs, growing the buffer once if it was too small.
    private static func withGrowingBuffer(estimate: Int, operation: String,
                                          _ body: (UnsafeMutablePointer<CChar>, Int32, inout Int32) -> Int32) throws -> [UInt8] {
        var capacity = max(estimate, 16)
        for _ in 0..<3 {
            var status: Int32 = 0
            var result = [UInt8](repeating: 0, count: capacity)
            let needed = result.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: capacity) {
                    body($0, Int32(capacity), &status)
                }
            }
            if status == bufferOverflow || Int(needed) > capacity {
                capacity = Int(needed) + 1
                continue
            }
            guard status <= 0 else { throw Failure(status: status, operation: operation) }
            result.removeSubrange(Int(needed)...)
            return result
        }
        throw Failure(status: bufferOverflow, operation: operation)
    }

    // MARK: Normalization

    public enum NormalizationForm: String, CaseIterable, Sendable {
        case nfc, nfd, nfkc, nfkd
        /// NFKC with case folding (for comparing words, not for output).
        case nfkcCasefold = "nfkc-casefold"

        fileprivate var cValue: EmendNormalizationForm {
            switch self {
            case .nfc: return EMEND_NFC
            case .nfd: return EMEND_NFD
            case .nfkc: return EMEND_NFKC
            case .nfkd: return EMEND_NFKD
            case .nfkcCasefold: return EMEND_NFKC_CASEFOLD
            }
        }
    }

    private static func normalizer(_ form: NormalizationForm) throws -> OpaquePointer {
        var status: Int32 = 0
        guard let normalizer = emend_normalizer_get(form.cValue, &status), status <= 0 else {
            throw Failure(status: status, operation: "opening the \(form.rawValue) normalizer")
        }
        return normalizer
    }

    /// True when the UTF-8 text is already in `form`.
    public static func isNormalized(_ utf8: [UInt8], form: NormalizationForm) throws -> Bool {
        let normalizer = try normalizer(form)
        var status: Int32 = 0
        let result = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                emend_normalizer_is_normalized(normalizer, $0.baseAddress, Int32($0.count), &status)
            }
        }
        guard status <= 0 else { throw Failure(status: status, operation: "checking \(form.rawValue)") }
        return result != 0
    }

    /// Returns the UTF-8 text in normalization `form`.
    public static func normalize(_ utf8: [UInt8], form: NormalizationForm) throws -> [UInt8] {
        let normalizer = try normalizer(form)
        return try utf8.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { source in
                try withGrowingBuffer(estimate: source.count * 2, operation: "normalizing to \(form.rawValue)") {
                    emend_normalize(normalizer, source.baseAddress, Int32(source.count), $0, $1, &$2)
                }
            }
        }
    }

    // MARK: Confusables

    /// The confusable skeleton of UTF-8 text (Unicode TR 39): look-alike
    /// characters of different scripts map to one form ("о" and "o" both to "o").
    public static func confusableSkeleton(_ utf8: [UInt8]) throws -> [UInt8] {
        try utf8.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { source in
                try withGrowingBuffer(estimate: source.count * 2 + 8, operation: "finding confusables") {
                    emend_confusable_skeleton(source.baseAddress, Int32(source.count), $0, $1, &$2)
                }
            }
        }
    }

    // MARK: Transliteration

    /// A compiled ICU transliterator. It owns its ICU handle and closes it when released.
    public final class Transliterator {
        private let handle: OpaquePointer
        /// The ICU identifier, or the name given to a rule set.
        public let identifier: String

        /// Opens a transliterator ICU has built in, such as "Russian-Latin/BGN" or "Any-NFC".
        public init(identifier: String, reverse: Bool = false) throws {
            var status: Int32 = 0
            var parseError = EmendParseError()
            guard let handle = emend_transliterator_open_id(identifier, reverse ? 1 : 0, &parseError, &status),
                  status <= 0 else {
                throw Failure(status: status, operation: "opening transliterator '\(identifier)'")
            }
            self.handle = handle
            self.identifier = identifier
        }

        /// Compiles transform rules. A syntax error throws `RuleSyntaxError` with
        /// the line and column in `rules`.
        public init(rules: String, identifier: String, reverse: Bool = false) throws {
            var status: Int32 = 0
            var parseError = EmendParseError()
            var utf8 = Array(rules.utf8)
            let opened = utf8.withUnsafeMutableBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    emend_transliterator_open_rules(identifier, $0.baseAddress, Int32($0.count),
                                                    reverse ? 1 : 0, &parseError, &status)
                }
            }
            guard let handle = opened, status <= 0 else {
                throw ICU.syntaxError(in: rules, status: status, parseError: parseError)
            }
            self.handle = handle
            self.identifier = identifier
        }

        deinit { emend_transliterator_close(handle) }

        /// Transliterates UTF-8 text.
        public func transliterate(_ utf8: [UInt8]) throws -> [UInt8] {
            try utf8.withUnsafeBufferPointer { buffer in
                try buffer.withMemoryRebound(to: CChar.self) { source in
                    try withGrowingBuffer(estimate: source.count * 2 + 16, operation: "transliterating with '\(identifier)'") {
                        emend_transliterate(handle, source.baseAddress, Int32(source.count), $0, $1, &$2)
                    }
                }
            }
        }

        public func transliterate(_ text: String) throws -> String {
            String(decoding: try transliterate(Array(text.utf8)), as: UTF8.self)
        }
    }

    /// The transliterator IDs ICU has built in.
    public static func availableTransliterators() throws -> [String] {
        let bytes = try withGrowingBuffer(estimate: 1 << 16, operation: "listing transliterators") {
            emend_transliterator_available_ids($0, $1, &$2)
        }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    // MARK: Character-set conversion

    /// A converter from an encoding ICU knows (windows-1251, KOI8-R, UTF-16LE …)
    /// to UTF-16, streaming: state carries from one call to the next. It stops at
    /// each byte sequence invalid in its encoding rather than guess.
    public final class Converter {
        private let handle: OpaquePointer
        /// ICU's canonical name of the encoding ("ibm-5347_P100-1998" for windows-1251).
        public let canonicalName: String

        /// Opens the converter ICU has for `name`; throws `Failure` when ICU knows no such encoding.
        public init(name: String) throws {
            var status: Int32 = 0
            var canonical = [CChar](repeating: 0, count: 64)
            guard let handle = emend_converter_open(name, &canonical, &status), status <= 0 else {
                throw Failure(status: status, operation: "opening the converter for '\(name)'")
            }
            self.handle = handle
            canonicalName = String(decoding: canonical.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }

        deinit { emend_converter_close(handle) }

        /// What one call converted.
        public struct Step {
            /// Source bytes used, including an invalid sequence when there is one.
            public var consumed: Int
            /// UTF-16 units written.
            public var produced: Int
            /// The length in bytes of the invalid sequence the call stopped after (0: none).
            public var invalidLength: Int
            /// The target was full: call again with the rest of the source.
            public var targetFull: Bool
        }

        /// Converts from the front of `source` into `target`, writing for each unit
        /// the index in `source` of the byte it came from into `offsets` (-1: an
        /// earlier call's bytes). `atEnd` marks the end of input (a truncated
        /// sequence is then invalid).
        public func convert(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableBufferPointer<UInt16>,
                            offsets: UnsafeMutableBufferPointer<Int32>, atEnd: Bool) throws -> Step {
            precondition(offsets.count >= target.count)
            var status: Int32 = 0
            var consumed: Int32 = 0
            var invalid: Int32 = 0
            let produced = emend_converter_to_utf16(
                handle, source.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(source.count),
                target.baseAddress, Int32(target.count), offsets.baseAddress, atEnd ? 1 : 0,
                &consumed, &invalid, &status)
            // U_INVALID_CHAR_FOUND … U_ILLEGAL_CHAR_FOUND, and a bad escape sequence of a
            // stateful encoding (ISO-2022-JP, HZ): U_ILLEGAL_ESCAPE_SEQUENCE, U_UNSUPPORTED_ESCAPE_SEQUENCE.
            let invalidStatus: Set<Int32> = [10, 11, 12, 18, 19]
            guard status <= 0 || status == bufferOverflow || invalidStatus.contains(status) else {
                throw Failure(status: status, operation: "converting from \(canonicalName)")
            }
            return Step(consumed: Int(consumed), produced: Int(produced),
                        invalidLength: invalidStatus.contains(status) ? max(1, Int(invalid)) : 0,
                        targetFull: status == bufferOverflow)
        }

        /// Every encoding name and alias ICU knows.
        public static func availableNames() throws -> [String] {
            let bytes = try withGrowingBuffer(estimate: 1 << 16, operation: "listing converters") {
                emend_converter_names($0, $1, &$2)
            }
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }

    /// Maps ICU's parse error (an offset in UTF-16 units) to a line and column of `rules`.
    private static func syntaxError(in rules: String, status: Int32, parseError: EmendParseError) -> RuleSyntaxError {
        var line = 1
        var column = 1
        var utf16Offset = 0
        let target = Int(max(parseError.offset, 0))
        for scalar in rules.unicodeScalars {
            if utf16Offset >= target { break }
            utf16Offset += scalar.utf16.count
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        func text<T>(_ tuple: T) -> String {
            withUnsafeBytes(of: tuple) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        return RuleSyntaxError(errorName: String(cString: emend_icu_error_name(status)),
                               line: line, column: column,
                               before: text(parseError.preContext), after: text(parseError.postContext))
    }
}
