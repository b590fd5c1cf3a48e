@testable import Emend
import Foundation
import Testing
import Yams

/// The rule files are read at start without the regular expressions that
/// wait for their first use: the built-in patterns compile later (each one
/// is checked here), a user's are still checked as the file is read, and
/// YAML composes as Yams' default resolver composes it.
@Suite struct LazyRuleLoadingTests {
    // MARK: Patterns compiled on first use

    @Test func everyBuiltInPhrasePatternPassesTheChecksItSkips() throws {
        let text = try #require(EmbeddedRules.files["garbles/default.yaml"])
        #expect(LazyRegex.isBuiltIn(text, path: "garbles/default.yaml"))
        var lazy = GarbleRules(), eager = GarbleRules()
        try lazy.add(text: text, file: "rules/garbles/default.yaml", patternsKnown: true)
        try eager.add(text: text, file: "rules/garbles/default.yaml")  // checks and compiles each pattern, or throws
        #expect(!lazy.phrases.isEmpty)
        #expect(lazy.phrases.map(\.lazyRegex.pattern) == eager.phrases.map(\.lazyRegex.pattern))
        #expect(lazy.phrases.map(\.lazyRegex.options) == eager.phrases.map(\.lazyRegex.options))
        for phrase in lazy.phrases {
            #expect(phrase.regex.pattern == phrase.lazyRegex.pattern)
            #expect((try? NSRegularExpression(pattern: phrase.lazyRegex.pattern)) != nil)
        }
        #expect(lazy.phrases.map(\.rule) == eager.phrases.map(\.rule))
        #expect(lazy.phrases.map(\.template) == eager.phrases.map(\.template))
    }

    /// Rules with no patterns, to add a text to.
    private func emptyFurniture() throws -> FurnitureRules {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lazy-furniture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("page-structure"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("version: 1\n".utf8).write(to: folder.appendingPathComponent("page-structure/furniture.yaml"))
        return try FurnitureRules(library: RuleLibrary(directory: folder.path))
    }

    /// Every pattern of the rules, kind by kind.
    private func patterns(of rules: FurnitureRules) -> [FurnitureRules.Pattern] {
        Mirror(reflecting: rules).children.flatMap { child -> [FurnitureRules.Pattern] in
            ["continuation", "headings", "runningHeads"].contains(child.label ?? "") ? (child.value as? [FurnitureRules.Pattern] ?? []) : []
        }
    }

    @Test func everyBuiltInFurniturePatternPassesTheChecksItSkips() throws {
        let path = "page-structure/furniture.yaml"
        let text = try #require(EmbeddedRules.files[path])
        #expect(LazyRegex.isBuiltIn(text, path: path))
        var lazy = try emptyFurniture(), eager = try emptyFurniture()
        #expect(patterns(of: eager).isEmpty)
        try eager.add(text: text, file: "rules/" + path)  // checks and compiles each pattern, or throws
        try lazy.add(text: text, file: "rules/" + path, patternsKnown: true)
        let lazyPatterns = patterns(of: lazy), eagerPatterns = patterns(of: eager)
        #expect(!lazyPatterns.isEmpty)
        #expect(lazyPatterns.map(\.lazyRegex.pattern) == eagerPatterns.map(\.lazyRegex.pattern))
        #expect(lazyPatterns.map(\.lazyRegex.options) == eagerPatterns.map(\.lazyRegex.options))
        #expect(lazyPatterns.map(\.rule) == eagerPatterns.map(\.rule))
        for pattern in lazyPatterns { #expect(pattern.regex.pattern == pattern.lazyRegex.pattern) }
    }

    @Test func everyBuiltInRussianLookingPatternPassesTheChecksItSkips() throws {
        let path = "translit/russian-looking.yaml"
        let text = try #require(EmbeddedRules.files[path])
        let root = try #require(try Yams.compose(yaml: text)?.mapping)
        var checked = 0
        for (_, section) in root {
            for (_, list) in section.mapping ?? [:] {
                for item in list.sequence ?? [] {
                    let pattern = try #require(item.string)
                    #expect(RegexSafety.problem(in: pattern) == nil, "\(pattern)")
                    #expect((try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])) != nil, "\(pattern)")
                    checked += 1
                }
            }
        }
        #expect(checked > 20)
        for scheme in ["loc", "popular"] {
            let lazy = try ProseConverter.loadLazyPatterns(library: .builtIn, scheme: scheme)
            let compiled = try ProseConverter.loadPatterns(library: .builtIn, scheme: scheme)
            #expect(lazy.map(\.pattern) == compiled.map(\.pattern))
            #expect(lazy.map(\.options) == compiled.map(\.options))
            #expect(lazy.allSatisfy { $0.options == [.caseInsensitive] })
        }
    }

    @Test func aUserPatternIsStillCheckedAsItsFileIsRead() throws {
        let builtIn = try #require(EmbeddedRules.files["garbles/default.yaml"])
        #expect(!LazyRegex.isBuiltIn(builtIn + "\n", path: "garbles/default.yaml"))
        #expect(!LazyRegex.isBuiltIn(builtIn, path: "no/such.yaml"))
        var rules = GarbleRules()
        #expect(throws: RuleFileError.self) {
            try rules.add(text: "phrases:\n  - {find: \"a(b\", replace: x}\n", file: "bad.yaml")
        }
        do {
            try rules.add(text: "phrases:\n  - {find: \"(a+)+\", replace: x}\n", file: "bad.yaml")
            Issue.record("a refused pattern loaded")
        } catch let error as RuleFileError {
            #expect("\(error)".contains("pattern refused"))
        }
        var furniture = try emptyFurniture()
        #expect(throws: RuleFileError.self) { try furniture.add(text: "headings:\n  - 'a(b'\n", file: "bad.yaml") }
    }

    @Test func aPatternGivenCompiledIsKept() throws {
        let regex = try NSRegularExpression(pattern: "ab+", options: [.caseInsensitive])
        let given = LazyRegex(compiled: regex)
        #expect(given.regex === regex)
        let later = LazyRegex(known: "ab+", options: [.caseInsensitive])
        #expect(later.regex === later.regex)
        #expect(later.regex.pattern == "ab+" && later.regex.options == [.caseInsensitive])
    }

    // MARK: YAML composed without the default resolver

    /// The same tree, marks, styles and tags as stored; keys' tags as read.
    private func same(_ a: Node, _ b: Node) -> Bool {
        guard a.mark?.line == b.mark?.line, a.mark?.column == b.mark?.column else { return false }
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            return x.string == y.string && x.style == y.style && x.tag.description == y.tag.description
        case (.sequence(let x), .sequence(let y)):
            return x.style == y.style && x.tag.description == y.tag.description && x.count == y.count
                && zip(x, y).allSatisfy { same($0, $1) }
        case (.mapping(let x), .mapping(let y)):
            return x.style == y.style && x.tag.description == y.tag.description && x.count == y.count
                && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
                && zip(x, y).allSatisfy { $0.key.tag == $1.key.tag }
        default: return false
        }
    }

    private func expectSameAsYams(_ text: String, fast: Bool? = nil, _ comment: Comment? = nil) {
        let ours = Result { try RuleYAML.composeLikeYams(text) }
        let theirs = Result { try Yams.compose(yaml: text) }
        switch (ours, theirs) {
        case (.success(let x), .success(let y)):
            if let x, let y { #expect(same(x, y), comment) } else { #expect((x == nil) == (y == nil), comment) }
        case (.failure(let x), .failure(let y)): #expect("\(x)" == "\(y)", comment)
        default: Issue.record("one composes, the other does not: \(text)")
        }
        if let fast { #expect((RuleYAML.composedWithoutResolver(text) != nil) == fast, comment) }
    }

    @Test func everyBuiltInRuleFileComposesAsYamsComposesIt() {
        for (path, text) in EmbeddedRules.files.sorted(by: { $0.key < $1.key }) {
            expectSameAsYams(text, "\(path)")
        }
        // Start reads these without the resolver: every key a string to it.
        for path in ["garbles/default.yaml", "page-structure/furniture.yaml", "translit/russian-looking.yaml", "dehyphenate/compounds.yaml"] {
            let text = EmbeddedRules.files[path] ?? ""
            #expect(!text.isEmpty, "\(path)")
            #expect(RuleYAML.composedWithoutResolver(text, hasNoAliases: true) != nil, "\(path)")
        }
    }

    @Test func madeUpFilesComposeAsYamsComposesThem() {
        expectSameAsYams("key: value\nlist:\n  - x\n  - 'y'\n  - yes\n  - 12\n  - null\n", fast: true)
        expectSameAsYams("a: {b: c, 'd': \"e\"}\nf: |\n  text\n", fast: true)
        expectSameAsYams("", fast: true)
        expectSameAsYams("# only a comment\n", fast: true)
        expectSameAsYams("yes: 1\n", fast: false)
        expectSameAsYams("Off: 1\n", fast: false)
        expectSameAsYams("1: a\n", fast: false)
        expectSameAsYams("'1': a\nb: c\n", fast: false)
        expectSameAsYams("-1: a\n", fast: false)
        expectSameAsYams(".5: a\n", fast: false)
        expectSameAsYams("null: a\n", fast: false)
        expectSameAsYams("~: a\n", fast: false)
        expectSameAsYams("<<: {a: b}\n", fast: false)
        expectSameAsYams("=: a\n", fast: false)
        expectSameAsYams(": a\n", fast: false)
        expectSameAsYams("? [a, b]\n: c\n", fast: false)
        expectSameAsYams("a: &x b\nc: *x\n", fast: false)
        expectSameAsYams("&k a: b\nc: *k\n", fast: false)
        expectSameAsYams("yEs: 1\nnO: 2\n", fast: true)
        expectSameAsYams("a: 1\na: 2\n")
        expectSameAsYams("\"yes\": 1\nyes: 2\n")
        expectSameAsYams("'a': 1\na: 2\n")
        expectSameAsYams("!!str a: 1\na: 2\n")
        expectSameAsYams("!!int 1: 1\n'1': 2\n")
        expectSameAsYams("a: !!int 1\nb: !!str yes\nc: ! x\n")
        expectSameAsYams("a: [b\n")
        expectSameAsYams("a: b\n  c: d\n")
        expectSameAsYams("- a\n- b: [1, 2]\n- {c: null}\n", fast: true)
        expectSameAsYams("a: x * y\n", fast: false)
    }

    @Test func aScalarTheResolverReadsIsNeverTakenForAString() {
        for text in ["", "yes", "No", "TRUE", "off", "null", "~", "<<", "=", "0", "12", "-3", "+4", ".5", ".inf", "1_000",
                     "0x1F", "2001-12-14", "a\n", "a\u{2028}"] {
            #expect(!RuleYAML.resolvesAsString(text), "\(text)")
        }
        for text in ["find", "replace", "yEs", "nil", "none", "a1", "x-1", "phrases", "Ñ", "o", "y", "n"] {
            #expect(RuleYAML.resolvesAsString(text), "\(text)")
        }
        // Every text the check passes is a string to the default resolver.
        let samples = ["find", "yEs", "nil", "o", "y", "n", "Yes.", "true1", "null_", "e5", "inf", "nan", "NaN", "x=y", "<", "T"]
        for text in samples where RuleYAML.resolvesAsString(text) {
            let item = (try? Yams.compose(yaml: "k:\n  - \(text)\n"))?.mapping?["k"]?.sequence?.first
            #expect(item?.tag.description == Tag.Name.str.rawValue, "\(text)")
        }
    }
}
