/// A value of a stage option, as written in a rule file.
public enum OptionValue: Sendable, Equatable, CustomStringConvertible {
    case bool(Bool)
    case integer(Int)
    case string(String)

    public var description: String {
        switch self {
        case .bool(let value): return String(value)
        case .integer(let value): return String(value)
        case .string(let value): return value
        }
    }
}

/// The type an option accepts.
public enum OptionKind: Sendable, Equatable, CustomStringConvertible {
    case bool
    case integer(ClosedRange<Int>)
    case choice([String])
    case string

    public var description: String {
        switch self {
        case .bool: return "true or false"
        case .integer(let range): return "an integer from \(range.lowerBound) to \(range.upperBound)"
        case .choice(let values): return "one of " + values.map { "'\($0)'" }.joined(separator: ", ")
        case .string: return "a string"
        }
    }
}

/// One option a stage accepts: its name in rule files, type, default and meaning.
public struct OptionSpec: Sendable, Equatable {
    public let name: String
    public let kind: OptionKind
    public let defaultValue: OptionValue
    public let summary: String

    public init(_ name: String, _ kind: OptionKind, default defaultValue: OptionValue, _ summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// Checks `value` against the option's type, returning what is wrong with it.
    public func problem(with value: OptionValue) -> String? {
        switch (kind, value) {
        case (.bool, .bool), (.string, .string): return nil
        case (.integer(let range), .integer(let number)):
            return range.contains(number) ? nil : "\(number) is out of range; expected \(kind)"
        case (.choice(let values), .string(let text)):
            return values.contains(text) ? nil : "'\(text)' is not a valid value; expected \(kind)"
        default:
            return "expected \(kind), found '\(value)'"
        }
    }
}

/// The options given to one stage, checked against its specs; absent options
/// read as their defaults.
public struct StageOptions: Sendable, Equatable {
    public let specs: [OptionSpec]
    public private(set) var values: [String: OptionValue]

    public init(specs: [OptionSpec], values: [String: OptionValue] = [:]) {
        self.specs = specs
        self.values = values
    }

    public func value(_ name: String) -> OptionValue {
        if let value = values[name] { return value }
        guard let spec = specs.first(where: { $0.name == name }) else {
            preconditionFailure("stage reads undeclared option '\(name)'")
        }
        return spec.defaultValue
    }

    public func bool(_ name: String) -> Bool {
        if case .bool(let value) = value(name) { return value }
        preconditionFailure("option '\(name)' is not a bool")
    }

    public func integer(_ name: String) -> Int {
        if case .integer(let value) = value(name) { return value }
        preconditionFailure("option '\(name)' is not an integer")
    }

    public func string(_ name: String) -> String {
        if case .string(let value) = value(name) { return value }
        preconditionFailure("option '\(name)' is not a string")
    }

    /// A string option that names a file or directory: nil when left empty.
    public func path(_ name: String) -> String? {
        let value = string(name)
        return value.isEmpty ? nil : value
    }
}

/// What the registry knows of a stage: its name, summary, options, and how to
/// build it from checked options.
public struct StageDescriptor: Sendable {
    public let name: String
    public let summary: String
    public let options: [OptionSpec]
    private let factory: @Sendable (StageOptions) throws -> any TextStage

    public init(name: String, summary: String, options: [OptionSpec],
                make factory: @escaping @Sendable (StageOptions) throws -> any TextStage) {
        self.name = name
        self.summary = summary
        self.options = options
        self.factory = factory
    }

    /// Builds the stage with every option at its default.
    public func makeStage() throws -> any TextStage {
        try factory(StageOptions(specs: options))
    }

    public func makeStage(options values: StageOptions) throws -> any TextStage {
        try factory(values)
    }
}

/// A stage that can be named in rule files: it describes itself and builds
/// from options.
public protocol RegisteredStage: TextStage {
    static var descriptor: StageDescriptor { get }
}

/// The explicit table of stages known by name. A new stage is one new type
/// plus one line here.
public enum StageRegistry {
    public static let all: [StageDescriptor] = [
        UnicodeNormalizer.descriptor,
        PageStructure.descriptor,
        Dehyphenator.descriptor,
        GarbleRepair.descriptor,
        WhitespaceNormalizer.descriptor,
        Transliterator.descriptor,
    ]

    public static var names: [String] { all.map(\.name) }

    public static func descriptor(named name: String) -> StageDescriptor? {
        all.first { $0.name == name }
    }

    /// The descriptor of a stage named by its type-checked name.
    public static func descriptor(for name: StageName) -> StageDescriptor {
        guard let descriptor = descriptor(named: name.rawValue) else {
            preconditionFailure("StageName.\(name) has no stage in StageRegistry.all")
        }
        return descriptor
    }
}

/// The name of a registered stage, checked by the compiler. The raw value is
/// the name pipeline files and `--stages` use; `StageRegistry.all` has one
/// stage for each case (a test holds the two together).
public enum StageName: String, CaseIterable, Sendable, Hashable {
    case normalize
    case pageStructure = "page-structure"
    case dehyphenate
    case garbles
    case whitespace
    case transliterate
}
