import Foundation
import Testing
@testable import Emend

/// The survey's counting table, held to a dictionary on the words and word
/// pairs of a real document and on generated keys of every length.
@Suite struct WordCountTableTests {
    /// Keys as the survey makes them: lower-cased words and "word word" pairs
    /// of a translated document (pairs run past 16 bytes, the inline part).
    private func keys() throws -> [[UInt8]] {
        let text = try Fixtures.text("Tests/EmendTests/Fixtures/documents/ezhov-dismissal-1939.txt").lowercased()
        let words = text.split { !$0.isLetter }.map { Array($0.utf8) }
        var keys = words
        for index in words.indices.dropLast() { keys.append(words[index] + [0x20] + words[index + 1]) }
        return keys
    }

    private func counted(_ keys: [[UInt8]], maximumCount: Int? = nil) -> (WordCountTable, [[UInt8]: Int32]) {
        var table = WordCountTable(capacity: 16, maximumCount: maximumCount)
        var reference: [[UInt8]: Int32] = [:]
        for key in keys {
            key.withUnsafeBytes { table.add(1, to: $0) }
            reference[key, default: 0] += 1
        }
        return (table, reference)
    }

    private func contents(_ table: WordCountTable) -> [[UInt8]: Int32] {
        var seen: [[UInt8]: Int32] = [:]
        table.forEach { key, count in
            #expect(seen[Array(key)] == nil, "a key listed twice")
            seen[Array(key)] = count
        }
        return seen
    }

    @Test func countsEveryKeyOfADocumentAsADictionaryDoes() throws {
        let keys = try keys()
        #expect(keys.contains { $0.count > 16 } && keys.contains { $0.count == 16 } && keys.contains { $0.count < 8 })
        let (table, reference) = counted(keys)
        #expect(table.count == reference.count)
        for (key, count) in reference { #expect(key.withUnsafeBytes { table.count(of: $0) } == count) }
        #expect(contents(table) == reference)
        #expect(Array("no such words here".utf8).withUnsafeBytes { table.count(of: $0) } == 0)
    }

    /// A table told the most entries it will hold grows last to the size that
    /// holds them three-quarters full (not a power of two), and finds every
    /// key there as a dictionary does, the probes wrapping past its end.
    @Test func aTableAtItsBoundHoldsItsEntriesThreeQuartersFull() throws {
        let keys = try keys()
        let distinct = Set(keys).count
        #expect(distinct > 1000)
        let (table, reference) = counted(keys, maximumCount: distinct)
        #expect(table.count == distinct)
        #expect(table.slotCount == (distinct * 4 + 2) / 3, "the last step grows to the bound's size, not to \(table.slotCount)")
        #expect(table.slotCount & (table.slotCount - 1) != 0)
        #expect(contents(table) == reference)
        for (key, count) in reference { #expect(key.withUnsafeBytes { table.count(of: $0) } == count) }
        // Without a bound the same keys take a power of two, at most half full.
        let (unbounded, _) = counted(keys)
        #expect(unbounded.slotCount >= 2 * distinct && unbounded.slotCount & (unbounded.slotCount - 1) == 0)
    }

    /// Kept at its bound's size, a table keeps every entry findable through
    /// `retain` and taking new keys after it.
    @Test func aTableAtItsBoundRetainsAndTakesNewKeys() throws {
        let keys = try keys()
        var (table, reference) = counted(keys, maximumCount: Set(keys).count)
        table.retain { $0 > 2 }
        let kept = reference.filter { $0.value > 2 }
        #expect(contents(table) == kept)
        for (key, count) in kept { #expect(key.withUnsafeBytes { table.count(of: $0) } == count) }
        for key in reference.keys where reference[key]! <= 2 { key.withUnsafeBytes { table.add(5, to: $0) } }
        #expect(contents(table) == reference.mapValues { $0 > 2 ? $0 : 5 })
    }

    /// A bound changed after entries are held (as a survey's halves are
    /// added under the whole bound), raised from a small one or lowered below
    /// what is held, or none at all, keeps every key findable as a
    /// dictionary does; a raised bound's last size is its own.
    @Test func aTableWhoseBoundChangesKeepsEveryKey() throws {
        let keys = try keys()
        let distinct = Set(keys).count
        for (first, then) in [(16, distinct), (17, distinct), (0, distinct), (distinct, 16), (distinct, 0), (1, nil as Int?)] {
            var table = WordCountTable(capacity: 1024, maximumCount: first)
            var reference: [[UInt8]: Int32] = [:]
            for (index, key) in keys.enumerated() {
                if index == 12 { table.maximumCount = then }
                key.withUnsafeBytes { table.add(1, to: $0) }
                reference[key, default: 0] += 1
            }
            #expect(table.count == distinct)
            #expect(contents(table) == reference, "\(first) then \(String(describing: then))")
            for (key, count) in reference { #expect(key.withUnsafeBytes { table.count(of: $0) } == count) }
            if then == distinct { #expect(table.slotCount == (distinct * 4 + 2) / 3) }
        }
    }

    /// A count that would pass `Int32.max` (a word repeated some two
    /// billion times, or two halves' counts added) stops there: it never
    /// wraps to a negative count, nor to 0, which marks an empty slot.
    @Test func aCountStopsAtTheLargestInsteadOfWrapping() {
        var table = WordCountTable(capacity: 16)
        let short = Array("the".utf8), long = Array("of the central committee".utf8)
        for key in [short, long] {
            key.withUnsafeBytes { table.add(Int32.max - 1, to: $0) }
            key.withUnsafeBytes { table.add(5, to: $0) }
            #expect(key.withUnsafeBytes { table.count(of: $0) } == Int32.max)
            key.withUnsafeBytes { table.add(Int32.max, to: $0) }
            #expect(key.withUnsafeBytes { table.count(of: $0) } == Int32.max)
        }
        #expect(table.count == 2)
        #expect(contents(table) == [short: Int32.max, long: Int32.max])
    }

    /// A held key's count set anew reads back as set, whatever it was, and
    /// no other key's changes; a key not held is not added.
    @Test func aHeldKeysCountIsReplacedAndNoOtherKeyChanges() throws {
        let keys = try keys()
        var (table, reference) = counted(keys)
        for (index, key) in reference.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }).enumerated() where index % 3 == 0 {
            let value = Int32(index + 7)
            #expect(key.withUnsafeBytes { table.replaceCount(of: $0, with: value) })
            reference[key] = value
        }
        #expect(contents(table) == reference)
        let absent = Array("no such key in the document at all".utf8)
        #expect(!absent.withUnsafeBytes { table.replaceCount(of: $0, with: 5) })
        #expect(absent.withUnsafeBytes { table.count(of: $0) } == 0 && table.count == reference.count)
    }

    @Test func keysDifferingOnlyPastTheInlineBytesOrInLengthStayApart() {
        // Every length from 0 to 40, and keys equal in their first 16 bytes.
        var keys: [[UInt8]] = []
        for length in 0...40 { keys.append([UInt8](repeating: 0x61, count: length)) }
        for last in 0x61...0x7A { keys.append(Array("aaaaaaaaaaaaaaaaaaaa".utf8) + [UInt8(last)]) }
        keys.append([0, 0, 0])  // zero bytes are not padding
        let (table, reference) = counted(keys + keys.prefix(10))
        #expect(contents(table) == reference)
        for (key, count) in reference { #expect(key.withUnsafeBytes { table.count(of: $0) } == count) }
    }

    /// A key added from a buffer read 16 bytes past its start (the survey's)
    /// is the key added byte by byte: the bytes after it, whatever they are,
    /// never reach its count, and a look-up of the bare key finds it.
    @Test func aKeyReadWithItsPaddingIsTheSameKey() throws {
        var keys = try keys()
        for length in 0...40 { keys.append([UInt8](repeating: 0x61, count: length)) }
        var padded = WordCountTable(capacity: 16)
        for (index, key) in keys.enumerated() {
            // What follows the key differs from key to key, as in the survey's reused buffer.
            let buffer = key + (0..<16).map { UInt8(truncatingIfNeeded: index &* 31 &+ $0 &* 7) | 0x80 }
            buffer.withUnsafeBytes { padded.add(1, toPadded: UnsafeRawBufferPointer(rebasing: $0[0..<key.count])) }
        }
        let (_, reference) = counted(keys)
        #expect(contents(padded) == reference)
        for (key, count) in reference { #expect(key.withUnsafeBytes { padded.count(of: $0) } == count) }
    }

    @Test func retainKeepsExactlyTheEntriesAskedForAndTheyStayFindable() throws {
        let (full, reference) = counted(try keys())
        var table = full
        #expect(table.count > 1000)
        table.retain { $0 > 1 }
        let kept = reference.filter { $0.value > 1 }
        #expect(!kept.isEmpty && kept.count < reference.count)
        #expect(contents(table) == kept)
        for (key, count) in reference { #expect(key.withUnsafeBytes { table.count(of: $0) } == (count > 1 ? count : 0)) }
        // The copy taken before is untouched, and the table still takes new keys.
        #expect(contents(full) == reference)
        Array("a new key past sixteen bytes".utf8).withUnsafeBytes { table.add(3, to: $0) }
        #expect(Array("a new key past sixteen bytes".utf8).withUnsafeBytes { table.count(of: $0) } == 3)
    }

    /// A key looked up where it stands at the very end of its buffer (no byte
    /// after it to read), inside a longer buffer (16 or more readable), and
    /// added from a padded buffer or byte for byte: the same count each way.
    private func lookUps(_ table: WordCountTable, _ key: [UInt8]) -> [Int32] {
        let exact = UnsafeMutableRawBufferPointer.allocate(byteCount: max(key.count, 1), alignment: 1)
        defer { exact.deallocate() }
        exact.copyBytes(from: key)
        let atEnd = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(exact)[0..<key.count])
        let inLine = key + [UInt8](repeating: 0xD0, count: 24)
        return [table.count(of: atEnd), table.count(of: atEnd, readableBytes: key.count),
                inLine.withUnsafeBytes { table.count(of: UnsafeRawBufferPointer(rebasing: $0[0..<key.count]), readableBytes: $0.count) }]
    }

    /// Keys of every length the table takes, each beside keys that differ from
    /// it only in its last byte, its first, or by one byte more: each counted
    /// apart, found by every look-up, added byte by byte or padded; a key
    /// longer than `maximumKeyLength` is neither counted nor found.
    @Test func keysOfEveryLengthAndThoseDifferingInOneByteStayApart() {
        var generator = SeededGenerator(seed: 1917)
        var keys: [[UInt8]] = []
        for length in 1...WordCountTable.maximumKeyLength {
            let key = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            keys.append(key)
            for change: UInt8 in [1, 0x20, 0x80] {
                var last = key
                last[length - 1] ^= change
                keys.append(last)
            }
            var first = key
            first[0] ^= 1
            keys.append(first)
            if length < WordCountTable.maximumKeyLength { keys.append(key + [0]) }
        }
        var reference: [[UInt8]: Int32] = [:]
        var table = WordCountTable(capacity: 16), padded = WordCountTable(capacity: 16)
        for (index, key) in keys.enumerated() {
            let amount = Int32(index % 7 + 1)
            reference[key, default: 0] += amount
            key.withUnsafeBytes { table.add(amount, to: $0) }
            let buffer = key + [UInt8](repeating: UInt8(truncatingIfNeeded: index) | 0x80, count: 24)
            buffer.withUnsafeBytes { padded.add(amount, toPadded: UnsafeRawBufferPointer(rebasing: $0[0..<key.count])) }
        }
        #expect(table.count == reference.count && padded.count == reference.count)
        #expect(contents(table) == reference && contents(padded) == reference)
        for (key, count) in reference {
            #expect(lookUps(table, key) == [count, count, count], "length \(key.count)")
            #expect(lookUps(padded, key) == [count, count, count], "length \(key.count)")
        }
        let tooLong = [UInt8](repeating: 0x61, count: WordCountTable.maximumKeyLength + 1)
        tooLong.withUnsafeBytes { table.add(1, to: $0) }
        #expect(table.count == reference.count && lookUps(table, tooLong) == [0, 0, 0])
    }

    /// Long keys with the same first 8 bytes, length and hash tag (found
    /// among many) that differ only past the 8th byte, in their first bytes
    /// there or their last 4: each keeps its own count.
    @Test func keysSharingTagAndHeadAreToldApartByTheirTail() {
        var byTag: [UInt64: [[UInt8]]] = [:]
        for length in [17, 24, 25, 40] {
            for place in [8, length - 4] {
                for number in 0..<40_000 {
                    var key = [UInt8](repeating: UInt8(ascii: "z"), count: length)
                    key.replaceSubrange(0..<8, with: "of the c".utf8)
                    for digit in 0..<4 { key[place + digit] = 0x61 + UInt8(number / [1, 26, 676, 17_576][digit] % 26) }
                    let tag = key.withUnsafeBytes { WordCountTable.hash($0, heads: WordCountTable.heads($0)) } & 0xFF_FFFF
                    byTag[tag << 16 | UInt64(length) << 8 | UInt64(place), default: []].append(key)
                }
            }
        }
        let sharing = byTag.values.filter { $0.count > 1 }.flatMap { $0 }
        #expect(sharing.count >= 100, "too few keys share a tag to test their tails")
        let keys = sharing + sharing.prefix(5) + sharing.suffix(3)
        let (table, reference) = counted(keys)
        #expect(contents(table) == reference)
        for (key, count) in reference { #expect(lookUps(table, key) == [count, count, count]) }
    }

    /// Random keys of random bytes and lengths (short and long, with repeats)
    /// counted as a dictionary counts them, through growth and `retain`.
    @Test func randomKeysAreCountedAsADictionaryCountsThem() {
        var generator = SeededGenerator(seed: 1991)
        var pool: [[UInt8]] = []
        for _ in 0..<3000 {
            let length = Int(generator.next() % 3 == 0 ? 17 + generator.next() % 60 : 1 + generator.next() % 16)
            pool.append((0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next() % 5 == 0 ? generator.next() : 0x61 + generator.next() % 4) })
        }
        let keys = (0..<30_000).map { _ in generator.pick(pool) }
        var (table, reference) = counted(keys)
        #expect(contents(table) == reference)
        for (key, count) in reference { #expect(lookUps(table, key) == [count, count, count]) }
        table.retain { $0 > 9 }
        let kept = reference.filter { $0.value > 9 }
        #expect(!kept.isEmpty && kept.count < reference.count)
        #expect(contents(table) == kept)
        for (key, count) in reference { #expect(lookUps(table, key).allSatisfy { $0 == (count > 9 ? count : 0) }) }
    }

    /// The slots read without the table (`WordCountTable.Slots`) find each
    /// key of up to 16 bytes as the table's own look-up does: a document's
    /// words and pairs held, keys differing from them in one byte or one byte
    /// longer (mostly not held), and random short keys, in a table grown from
    /// its smallest size and after `retain` has put its entries back.
    @Test func theSlotsFindEveryShortKeyAsTheTableDoes() throws {
        var generator = SeededGenerator(seed: 1905)
        var keys = try self.keys()
        keys += (0..<5000).map { _ in (0..<Int(1 + generator.next() % 16)).map { _ in UInt8(ascii: "a") + UInt8(generator.next() % 3) } }
        var (table, reference) = counted(keys)
        var asked = reference.keys.filter { $0.count <= 16 }
        #expect(asked.count > 1000)
        asked += asked.flatMap { key in
            var changed = key
            changed[key.count - 1] ^= 1
            return key.count < 16 ? [changed, key + [0x61]] : [changed]
        }
        for pass in 0..<2 {
            let slots = table.slots
            var held = 0
            for key in asked {
                let own = key.withUnsafeBytes { table.count(of: $0) }
                let read = key.withUnsafeBytes { slots.count(ofShortKey: $0.count, heads: WordCountTable.heads($0)) }
                #expect(read == own, "'\(String(decoding: key, as: UTF8.self))', pass \(pass)")
                if own > 0 { held += 1 }
            }
            #expect(held > 100 && held < asked.count)
            table.retain { $0 > 1 }
        }
    }

    private func listed(_ table: WordCountTable) -> [([UInt8], Int32)] {
        var listed: [([UInt8], Int32)] = []
        table.forEach { listed.append((Array($0), $1)) }
        return listed
    }

    /// Counted through a `Counter` taken for runs of keys and put back, with
    /// entries dropped on the way, a table is the one counted key by key: the
    /// same entries in the same slots (`forEach` lists them in slot order); a
    /// copy of it taken before is left as it was.
    @Test func aCounterCountsAsTheTableItTookDoes() throws {
        let keys = try keys()
        var plain = WordCountTable(capacity: 16, maximumCount: 5000), taken = WordCountTable(capacity: 16, maximumCount: 5000)
        var copies: [(WordCountTable, [([UInt8], Int32)])] = []
        var start = 0, run = 1
        while start < keys.count {
            let end = min(keys.count, start + run)
            var counter = WordCountTable.Counter(taking: &taken)
            for key in keys[start..<end] {
                let buffer = key + [UInt8](repeating: 0x7A, count: 24)
                buffer.withUnsafeBytes { plain.add(1, toPadded: UnsafeRawBufferPointer(rebasing: $0[0..<key.count])) }
                buffer.withUnsafeBytes { counter.add(1, toPadded: UnsafeRawBufferPointer(rebasing: $0[0..<key.count])) }
                if plain.count > 3000 {
                    plain.retain { $0 > 1 }
                    counter.retain { $0 > 1 }
                }
            }
            counter.putBack(into: &taken)
            if copies.count < 3 { copies.append((taken, listed(taken))) }
            start = end
            run = run * 3 % 97 + 1
        }
        let expected = listed(plain)
        #expect(expected.count > 1000)
        #expect(listed(taken).map(\.0) == expected.map(\.0) && listed(taken).map(\.1) == expected.map(\.1))
        #expect(taken.slotCount == plain.slotCount)
        for (copy, then) in copies { #expect(listed(copy).map(\.0) == then.map(\.0) && listed(copy).map(\.1) == then.map(\.1)) }
    }

    /// Keys counted in runs through `Counter.addOnceEach`, or through
    /// `addOnceEach` on the table in place (spans of one buffer, read as the
    /// survey's key buffer is), make the table that
    /// counting them one by one with `add(_:to:)` makes: the same entries in
    /// the same slots, with the rarest dropped at the same keys whenever the
    /// table reaches its ceiling. A document's words and pairs, and random
    /// keys of every length from 1 to 40 over a few letters (many sharing
    /// their first 8 or 16 bytes, or differing only in length).
    @Test func keysCountedInRunsMakeTheTableCountedOneByOne() throws {
        var generator = SeededGenerator(seed: 1924)
        var keys = try keys()
        for _ in 0..<20_000 {
            let length = Int(1 + generator.next() % 40)
            keys.append((0..<length).map { _ in generator.next() % 7 == 0 ? 0x20 : 0x61 + UInt8(generator.next() % 3) })
        }
        keys += (1...40).map { [UInt8](repeating: 0x61, count: $0) }
        // Short keys with the same first 8 bytes, length and tag, told apart by their bytes 9 to 16 alone.
        var byTag: [UInt64: [[UInt8]]] = [:]
        for length in [12, 16] {
            for number in 0..<40_000 {
                var key = [UInt8](repeating: UInt8(ascii: "z"), count: length)
                key.replaceSubrange(0..<8, with: "of the c".utf8)
                for digit in 0..<4 { key[8 + digit] = 0x61 + UInt8(number / [1, 26, 676, 17_576][digit] % 26) }
                let tag = key.withUnsafeBytes { WordCountTable.hash($0, heads: WordCountTable.heads($0)) } & 0xFF_FFFF
                byTag[tag << 8 | UInt64(length), default: []].append(key)
            }
        }
        let sharing = byTag.values.filter { $0.count > 1 }.flatMap { $0 }
        #expect(sharing.count >= 50, "too few short keys share a tag")
        keys += sharing + sharing.prefix(7) + sharing + sharing.suffix(5)
        var bytes: [UInt8] = [], spans: [WordCountTable.KeySpan] = []
        for key in keys {
            spans.append(WordCountTable.KeySpan(start: bytes.count, length: key.count))
            bytes += key + [0x7A]
        }
        bytes += [UInt8](repeating: 0x7A, count: 24)
        let ceiling = 4000
        func prune(_ count: () -> Int, _ retain: (Int32) -> Void) {
            var threshold: Int32 = 1
            repeat {
                retain(threshold)
                threshold += 1
            } while count() > ceiling / 2
        }
        var plain = WordCountTable(capacity: 16, maximumCount: ceiling), taken = WordCountTable(capacity: 16, maximumCount: ceiling)
        var plainPrunes = 0, takenPrunes = 0
        for key in keys {
            if plain.count >= ceiling {
                prune({ plain.count }) { threshold in plain.retain { $0 > threshold } }
                plainPrunes += 1
            }
            key.withUnsafeBytes { plain.add(1, to: $0) }
        }
        var counter = WordCountTable.Counter(taking: &taken)
        var start = 0, run = 1
        bytes.withUnsafeBytes { bytes in
            spans.withUnsafeBufferPointer { spans in
                while start < spans.count {
                    let end = min(spans.count, start + run)
                    while start < end {
                        start += counter.addOnceEach(UnsafeBufferPointer(rebasing: spans[start..<end]), in: bytes.baseAddress!, until: ceiling)
                        if start < end {
                            prune({ counter.count }) { threshold in counter.retain { $0 > threshold } }
                            takenPrunes += 1
                        }
                    }
                    run = run * 7 % 301 + 1
                }
            }
        }
        counter.putBack(into: &taken)
        // The same runs through `addOnceEach` on the table in place; copies of it taken on the way are left as they were.
        var inPlace = WordCountTable(capacity: 16, maximumCount: ceiling)
        var copies: [(WordCountTable, [([UInt8], Int32)])] = []
        var inPlacePrunes = 0
        start = 0
        run = 1
        bytes.withUnsafeBytes { bytes in
            spans.withUnsafeBufferPointer { spans in
                while start < spans.count {
                    let end = min(spans.count, start + run)
                    if copies.count < 3 && start > copies.count * spans.count / 4 { copies.append((inPlace, listed(inPlace))) }
                    while start < end {
                        start += inPlace.addOnceEach(UnsafeBufferPointer(rebasing: spans[start..<end]), in: bytes.baseAddress!, until: ceiling)
                        if start < end {
                            prune({ inPlace.count }) { threshold in inPlace.retain { $0 > threshold } }
                            inPlacePrunes += 1
                        }
                    }
                    run = run * 7 % 301 + 1
                }
            }
        }
        #expect(inPlacePrunes == plainPrunes && copies.count == 3)
        #expect(listed(inPlace).map(\.0) == listed(plain).map(\.0) && listed(inPlace).map(\.1) == listed(plain).map(\.1))
        for (copy, then) in copies { #expect(listed(copy).map(\.0) == then.map(\.0) && listed(copy).map(\.1) == then.map(\.1)) }
        #expect(plainPrunes > 2 && takenPrunes == plainPrunes)
        let expected = listed(plain)
        #expect(expected.contains { $0.0.count > 16 } && expected.contains { $0.0.count == 16 } && expected.contains { $0.0.count < 8 })
        #expect(listed(taken).map(\.0) == expected.map(\.0) && listed(taken).map(\.1) == expected.map(\.1))
        #expect(taken.slotCount == plain.slotCount)
        for key in sharing { #expect(key.withUnsafeBytes { taken.count(of: $0) } == key.withUnsafeBytes { plain.count(of: $0) }) }
    }
}
