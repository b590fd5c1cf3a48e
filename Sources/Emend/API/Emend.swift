/// Emend's version.
public let version = "0.1.0"

/// A transliteration scheme, as named on the command line and in pipeline files.
public struct TransliterationScheme: Sendable, Equatable {
    public let name: String
    public let summary: String
}

/// The transliteration schemes emend knows. Empty until the schemes land.
public enum TransliterationSchemes {
    public static let all: [TransliterationScheme] = []
}
