import Foundation

/// Which repairs of a list (`GarbleRepair.lineRepairs`, `roundRepairs`) may
/// change a line, from the line features one scan of its byte pairs found
/// (`GarbleLine.features(by:)`), and the run of those repairs over the line.
/// A repair is left out only where its `neededFeatures` says its trigger is
/// false: most lines hold none of the features, and have only the triggers
/// that read more than the pairs asked. Made for one document's context (a
/// repair's needed features may depend on what the document shows).
/// Never decides a repair: each repair's own trigger does, on the lines let
/// through; never changes the order the repairs run in.
struct LineRepairSieve {
    /// The most repairs a sieve holds.
    static let capacity = 16
    /// The repairs, in the order they run (bit `i` of a set: `repairs[i]`), then
    /// nils. Held inline, as the sets are: a sieve has no storage whose
    /// references are counted, so the line loop takes none for it.
    private let repairs: InlineArray<16, (any GarbleLineRepair.Type)?>
    private let count: Int
    /// The repairs asked of every line.
    private let everyLine: UInt32
    /// For each feature bit, the repairs that need it.
    private let byFeature: InlineArray<16, UInt32>

    /// At most `capacity` repairs.
    init(_ repairs: [any GarbleLineRepair.Type], in context: GarbleRepair.Context) {
        precondition(repairs.count <= Self.capacity, "a sieve holds \(Self.capacity) repairs at most")
        var everyLine: UInt32 = 0
        var byFeature = InlineArray<16, UInt32>(repeating: 0)
        var held = InlineArray<16, (any GarbleLineRepair.Type)?>(repeating: nil)
        for (index, repair) in repairs.enumerated() {
            held[index] = repair
            guard let needed = repair.neededFeatures(in: context) else { everyLine |= 1 << index; continue }
            for bit in 0..<UInt16.bitWidth where needed & (1 << bit) != 0 { byFeature[bit] |= 1 << index }
        }
        self.repairs = held
        self.count = repairs.count
        self.everyLine = everyLine
        self.byFeature = byFeature
    }

    /// The repairs (bit `i`: `repairs[i]`) whose trigger may fire on a line holding `features`.
    @inline(__always)
    func candidates(_ features: UInt16) -> UInt32 {
        var found = everyLine, rest = features
        while rest != 0 {
            found |= byFeature[rest.trailingZeroBitCount]
            rest &= rest - 1
        }
        return found
    }

    /// Runs, in order, each repair whose trigger fires on the line (every
    /// repair when `takesEveryStep`), asking only the triggers the line's
    /// features let through, as the line stands after the repairs before.
    /// Returns the line's text before the first repair that ran; nil when none ran.
    /// Mutating only so that the sieve is read where it stands: called on a
    /// borrowed value, each read of a repair copied the whole list to the stack.
    /// Changes nothing of the sieve.
    mutating func run(on line: inout GarbleLine, in context: GarbleRepair.Context, takesEveryStep: Bool,
             record: GarbleRecorder) throws -> [UInt8]? {
        let all: UInt32 = (1 << count) - 1
        var textBefore: [UInt8]?
        var left = takesEveryStep ? all : candidates(line.features(by: context.rules.lineFeatures))
        while left != 0 {
            let index = left.trailingZeroBitCount
            left &= left - 1
            guard let repair = repairs[index] else { break }
            guard takesEveryStep || repair.mayApply(to: &line, in: context) else { continue }
            if textBefore == nil { textBefore = line.text }
            try repair.repair(&line, in: context, record: record)
            // The repairs after it are sieved by the line as this one left it.
            if !takesEveryStep { left = candidates(line.features(by: context.rules.lineFeatures)) & (~0 << (index + 1)) }
        }
        return textBefore
    }
}
