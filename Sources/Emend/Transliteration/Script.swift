/// Cyrillic, or one of the built-in romanization schemes of Russian: what a
/// ``Transliterator`` reads and writes. The raw value is the name the command
/// line and pipeline files use (`emend schemes` describes each scheme), so a
/// misspelt scheme is a compile error in Swift and a usage error on the
/// command line, never a silent no-op.
public enum Script: String, CaseIterable, Sendable, Hashable {
    case cyrillic
    /// ALA-LC Russian (Library of Congress 2012) with diacritics and tie bars; reversible.
    case alalc
    /// Library of Congress as English-language scholarship prints it, no diacritics (Ezhov, Frinovskii, Bel'skii).
    case loc
    /// The scientific transliteration of linguists (Ežov, Frinovskij, Xruščëv); reversible.
    case scholarly
    /// ISO 9:1995, one Latin letter per Cyrillic letter; reversible.
    case iso9
    /// BGN/PCGN 1947, as ICU's Russian-Latin/BGN (Yezhov, Belʹskiy).
    case bgn
    /// The English press and encyclopedias (Yezhov, Frinovsky, Belsky).
    case popular

    /// The scheme's catalogue entry; nil for Cyrillic.
    public var scheme: TransliterationScheme? { TransliterationSchemes.named(rawValue) }
}
