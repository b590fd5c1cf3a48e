import Foundation

/// How often each word, and each pair of words side by side, occurs in a whole
/// document, counted on its raw text before any stage changes it: the
/// document's own evidence for its spelling (a word a book uses again and again
/// is its word; "ofthe" beside a thousand "of the" is damage).
///
/// Words are what `DocumentSurvey.words(in:)` finds: runs of letters with
/// hyphens and apostrophes inside, counted with ASCII capitals folded to small
/// letters, a possessive for its word ("Stalin's" for Stalin). A
/// pair is two words with only spaces or tabs between them, or the last word of
/// a line and the first of the next. A word broken at the end of its line
/// ("opposi-") and the first word of the line after it are not counted: the
/// dehyphenator decides them. An acronym with a bracketed letter ("VKP(b)",
/// `BracketedAcronym`) counts whole, brackets and all, when its brackets pair.
///
/// Bounded: at most `limit` distinct entries, words and pairs together (a
/// 24-byte slot, at most three-quarters of the slots full at the bound, and
/// the bytes past the 8th of a key longer than 16: `WordCountTable`). When the table is full the entries seen
/// least often are dropped (those seen once, then twice, ...), so memory stays
/// flat whatever the input, and a count is a lower bound once `droppedBelow`
/// is above 1. Never changes text; a value type, shared between threads freely
/// once built.
public struct DocumentSurvey: Sendable {
    private var counts: WordCountTable
    /// The most distinct entries kept (raised by `surveyFile` for the sum of
    /// two halves, each counted within half of it).
    public internal(set) var limit: Int {
        didSet { counts.maximumCount = limit }
    }
    /// Entries seen fewer times than this may have been dropped to keep the bound (1: none dropped).
    public private(set) var droppedBelow: Int32 = 1
    /// Words counted, with their repeats.
    public private(set) var wordsCounted = 0
    /// True once the whole document has been counted (`finish()`), before any stage decides.
    public private(set) var isComplete = false
    /// What the document's page edges repeat (running heads, folios), pages
    /// marked by form feeds or separator lines.
    package private(set) var pages = PageSurvey()
    /// The same, taking a run of two or more blank lines for a page's end:
    /// for documents whose pages are not marked.
    package private(set) var blankRunPages = PageSurvey(pagesEndAtBlankRuns: true)

    /// The default bound: 1 << 19 entries (524,288), about 20 MB at most (16.8
    /// of slots, the rest the longer keys' bytes); a book of a million words
    /// has some 400,000 distinct words and pairs.
    public static let defaultLimit = 1 << 19

    /// The parts counted: without `.words` every word, pair and mark-spacing
    /// count is 0; without `.pairs` every pair, mark-spacing, year and
    /// i-word count is; without `.pages`, `pages` and `blankRunPages` are empty.
    public let parts: SurveyParts

    public init(limit: Int = DocumentSurvey.defaultLimit, parts: SurveyParts = .all) {
        self.parts = parts
        self.limit = Self.bound(limit)
        counts = WordCountTable(capacity: min(self.limit, 1 << 10), maximumCount: self.limit)
    }

    /// The bound a survey asked for `limit` keeps: at least 16, at most what
    /// one table holds (`WordCountTable.largestCount`).
    static func bound(_ limit: Int) -> Int { min(max(16, limit), WordCountTable.largestCount) }

    /// Distinct words and pairs held.
    public var entryCount: Int { counts.count }
    /// The counting table's slots (for tests of the bound).
    package var slotCount: Int { counts.slotCount }

    // MARK: Counting

    /// The line in progress across `add(block:)` calls, and the word before it.
    private var carry: [UInt8] = []
    /// The last word of the line before (lower case; at most 64 bytes, so
    /// held in place, not on the heap) and its length (0: none).
    private var previousWord = SIMD64<UInt8>()
    private var previousWordLength = 0
    private var previousEndedBroken = false

    /// Counts a block of a UTF-8 stream; lines may run across blocks.
    /// A line longer than `maximumLineBytes` is counted in pieces.
    /// Lines found by memchr; a line whole in the block is counted where it
    /// lies, one begun in an earlier block through `carry`.
    public mutating func add(block: UnsafeRawBufferPointer, maximumLineBytes: Int = 1 << 20) {
        guard let base = block.baseAddress?.assumingMemoryBound(to: UInt8.self), !block.isEmpty else { return }
        var start = 0
        while start < block.count, let found = memchr(base + start, 0x0A, block.count - start) {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let line = UnsafeBufferPointer(start: base + start, count: index - start)
            if carry.isEmpty {
                add(line: line)
            } else {
                carry.append(contentsOf: line)
                add(line: carry)
                carry.removeAll(keepingCapacity: true)
            }
            start = index + 1
        }
        carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: block.count - start))
        if carry.count > maximumLineBytes {
            add(line: carry)
            carry.removeAll(keepingCapacity: true)
        }
    }

    /// Counts what is left of the last line, and marks the survey complete.
    public mutating func finish() {
        if !carry.isEmpty { add(line: carry) }
        carry = []
        pages.finish()
        blankRunPages.finish()
        isComplete = true
    }

    /// Counts the words and pairs of one line (without its line break).
    public mutating func add(line: [UInt8]) {
        line.withUnsafeBufferPointer { add(line: $0) }
    }

    public mutating func add(line: UnsafeBufferPointer<UInt8>) {
        var line = line
        if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        if parts.contains(.pages) {
            let (blank, formFeed) = PageSurvey.blankAndFormFeed(line)
            pages.add(line: line, blank: blank, formFeed: formFeed)
            blankRunPages.add(line: line, blank: blank, formFeed: formFeed)
        }
        guard parts.contains(.words) else { return }
        let countsPairs = parts.contains(.pairs)
        countBracketedAcronyms(line)
        countWords(line, countsPairs: countsPairs)
    }

    /// Counts the words of a line, and with `countsPairs` the pairs, the
    /// spacing before marks and the years, in two loops. The first
    /// (`SurveyWordScanner`, one pass over the line) writes each word counted,
    /// small letters, right after the word counted before it and a space, and
    /// lists the keys to count in order, each word then the pair it ends, as
    /// spans of those bytes; each mark and digit it meets is handed to
    /// `countMarkOrYear`. The second (`countKeys`) only looks the keys up in
    /// the table. A line whose keys outgrow the buffers is counted in pieces,
    /// in the same order.
    @inline(never)  // one compact loop, its state in registers, not spread through the caller's
    private mutating func countWords(_ line: UnsafeBufferPointer<UInt8>, countsPairs: Bool) {
        var wordCount = 0, lastWordBroken = false, onlySpacesAfter = true
        let limit = limit
        // Both buffers on the stack (1 KB each), reused for the line's pieces.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.lineKeyBytes) { keyBuffer in
            withUnsafeTemporaryAllocation(of: WordCountTable.KeySpan.self, capacity: Self.lineKeySpans) { spanBuffer in
                let keys = keyBuffer.baseAddress!, spans = spanBuffer.baseAddress!
                // Zeroed as far as the line can reach (the word before, 65
                // bytes, then at most the line's bytes, 72 written past a
                // word's start and 16 read), so no key is read from bytes never written.
                keys.initialize(repeating: 0, count: min(Self.lineKeyBytes, line.count &+ 160))
                var spanCount = 0
                // The last word counted, the first of the next pair (0 long: none).
                var previousStart = 0, previousLength = previousWordLength
                withUnsafeBytes(of: previousWord) { keys.update(from: $0.bindMemory(to: UInt8.self).baseAddress!, count: 64) }
                // Where the next word is written: right after the word before and a space.
                var target = previousLength > 0 ? previousLength &+ 1 : 0
                onlySpacesAfter = SurveyWordScanner.forEachWord(in: line, writingTo: keys + target,
                                                                visiting: countsPairs ? Self.marksAndDigits : .empty, { position in
                    countMarkOrYear(line, at: position)
                }) { word in
                    let isFirst = wordCount == 0
                    wordCount &+= 1
                    let start = word.range.lowerBound
                    var length = word.range.count
                    if countsPairs, length <= 4, line[start] | 0x20 == UInt8(ascii: "i") { countIWord(line, at: start) }
                    lastWordBroken = word.brokenAtEnd  // only a line's last word can be broken at its end
                    let adjacent = isFirst ? previousLength > 0 : word.onlySpacesBefore
                    if (isFirst && previousEndedBroken) || word.brokenAtEnd || length > 64 {
                        previousLength = 0
                        return keys + target  // not counted: the next word is written over it
                    }
                    // A possessive counts for its word ("Stalin's" for Stalin).
                    if length > 2 && keys[target &+ length &- 2] == UInt8(ascii: "'") && keys[target &+ length &- 1] == UInt8(ascii: "s") {
                        length &-= 2
                    }
                    spans[spanCount] = WordCountTable.KeySpan(start: target, length: length)
                    spanCount &+= 1
                    if countsPairs && adjacent && previousLength > 0 {
                        keys[target &- 1] = 0x20
                        spans[spanCount] = WordCountTable.KeySpan(start: previousStart, length: target &+ length &- previousStart)
                        spanCount &+= 1
                    }
                    wordsCounted &+= 1
                    previousStart = target
                    previousLength = length
                    target &+= length &+ 1
                    if target > Self.lineKeyBytes &- SurveyWordScanner.targetCapacity || spanCount > Self.lineKeySpans &- 2 {
                        // Full: the keys so far are counted, and the last word moves to the start.
                        Self.countKeys(UnsafeBufferPointer(start: spans, count: spanCount), in: keys, table: &counts, limit: limit,
                                       droppedBelow: &droppedBelow)
                        spanCount = 0
                        UnsafeMutableRawPointer(keys).copyMemory(from: keys + previousStart, byteCount: previousLength)
                        previousStart = 0
                        target = previousLength &+ 1
                    }
                    return keys + target
                }
                Self.countKeys(UnsafeBufferPointer(start: spans, count: spanCount), in: keys, table: &counts, limit: limit,
                               droppedBelow: &droppedBelow)
                withUnsafeMutableBytes(of: &previousWord) {
                    $0.bindMemory(to: UInt8.self).baseAddress!.update(from: keys + previousStart, count: 64)
                }
                previousWordLength = previousLength
            }
        }
        if wordCount == 0 {
            // A blank line ends a paragraph: no pair across it.
            if onlySpacesAfter { previousWordLength = 0 }
            return
        }
        previousEndedBroken = lastWordBroken
        // Punctuation after the line's last word parts it from the next line's first.
        if !onlySpacesAfter { previousWordLength = 0 }
    }

    /// The bytes of the buffer a line's words are written to, and the keys
    /// listed in them, before they are counted (`countWords`).
    private static let lineKeyBytes = 1024
    private static let lineKeySpans = 128

    /// Counts each key of `keys` (spans of `bytes`, which can be read 16
    /// bytes from any key's start and 8 past its end) once in `table` (the
    /// survey's), in order; whenever the table holds `limit` entries, first
    /// drops the rarest (`prune`), as `increment` does. The table is used in
    /// place, not taken as a `Counter`: `addOnceEach` checks its slots
    /// unshared once for all the keys, and a line costs no taking and putting back.
    @inline(__always)
    private static func countKeys(_ keys: UnsafeBufferPointer<WordCountTable.KeySpan>, in bytes: UnsafeMutablePointer<UInt8>,
                                  table: inout WordCountTable, limit: Int, droppedBelow: inout Int32) {
        var counted = 0
        while true {
            counted &+= table.addOnceEach(UnsafeBufferPointer(rebasing: keys[counted...]), in: bytes, until: limit)
            if counted == keys.count { return }
            prune(&table, limit: limit, droppedBelow: &droppedBelow)
        }
    }

    /// `prune` on the table in place (taken for the pruning alone).
    @inline(never)  // rare: kept out of the word loop that inlines `countKeys`
    private static func prune(_ table: inout WordCountTable, limit: Int, droppedBelow: inout Int32) {
        var counter = WordCountTable.Counter(taking: &table)
        prune(&counter, limit: limit, droppedBelow: &droppedBelow)
        counter.putBack(into: &table)
    }

    /// Counts `key` once in `counter` (the survey's table, taken), whose
    /// buffer can be read 16 bytes from its start and 8 past its end; when the
    /// table holds `limit` entries, first drops the rarest (`prune`).
    @inline(__always)
    private static func increment(padded key: UnsafeRawBufferPointer, in counter: inout WordCountTable.Counter, limit: Int,
                                  droppedBelow: inout Int32) {
        if counter.count >= limit { prune(&counter, limit: limit, droppedBelow: &droppedBelow) }
        counter.add(1, toPadded: key)
    }

    /// Adds the counts of `other`, a survey of the text that follows this one's
    /// from a paragraph break on (so no pair runs across the two).
    public mutating func merge(_ other: DocumentSurvey) {
        var counter = WordCountTable.Counter(taking: &counts)
        let limit = limit
        other.counts.forEach { key, count in
            if counter.count >= limit { Self.prune(&counter, limit: limit, droppedBelow: &droppedBelow) }
            counter.add(count, to: key)
        }
        counter.putBack(into: &counts)
        for index in marksSpaced.indices {
            marksSpaced[index] += other.marksSpaced[index]
            marksClosed[index] += other.marksClosed[index]
        }
        for index in yearsByDecade.indices { yearsByDecade[index] += other.yearsByDecade[index] }
        iWordCases.merge(other.iWordCases, uniquingKeysWith: &+)
        wordsCounted += other.wordsCounted
        pages.merge(other.pages)
        blankRunPages.merge(other.blankRunPages)
        droppedBelow = max(droppedBelow, other.droppedBelow)
        isComplete = isComplete && other.isComplete
    }

    /// Drops the rarest entries of `counter` (the survey's table, taken) until
    /// at most half the limit is left, raising `droppedBelow` past each count dropped.
    @inline(never)  // rare: kept out of the loops that count keys (`countKeys`, `increment`)
    private static func prune(_ counter: inout WordCountTable.Counter, limit: Int, droppedBelow: inout Int32) {
        repeat {
            let threshold = droppedBelow
            counter.retain { $0 > threshold }
            droppedBelow += 1
        } while counter.count > limit / 2
    }

    /// Per mark of `Self.spacedMarks`: how often it follows a word with a space
    /// between ("word ;") and with none ("word;").
    private var marksSpaced = [Int](repeating: 0, count: DocumentSurvey.spacedMarks.count)
    private var marksClosed = [Int](repeating: 0, count: DocumentSurvey.spacedMarks.count)

    /// The marks whose spacing the survey counts.
    public static let spacedMarks = Array(",;:!?).".utf8)

    /// For each byte, its index in `spacedMarks` plus one (0: no such mark).
    private static let markIndex: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for (index, mark) in spacedMarks.enumerated() { table[Int(mark)] = UInt8(index + 1) }
        return table
    }()

    /// The bytes `countMarkOrYear` reads: the marks and the digits.
    private static let marksAndDigits = SurveyWordScanner.ByteMask(spacedMarks + Array("0123456789".utf8))

    /// Counts what the byte at `position` (one of `spacedMarks` or a digit)
    /// starts: a mark's spacing after a word, a year of four digits alone.
    @inline(__always)
    private mutating func countMarkOrYear(_ line: UnsafeBufferPointer<UInt8>, at position: Int) {
        if line[position] >= 0x30 && line[position] <= 0x39 {
            if position == 0 || !Self.isWordByte(line[position - 1]) { countYear(line, at: position) }
        } else if position > 0 {
            countMarkSpacing(line, at: position)
        }
    }

    /// Counts the mark at `position` (not the line's first byte) as spaced
    /// when spaces part it from the word before, closed when it follows the
    /// word's last byte; a mark after no word (a space, a sign, the line's
    /// start) is not counted.
    @inline(never)  // out of the word loop: one mark in some tens of bytes
    private mutating func countMarkSpacing(_ line: UnsafeBufferPointer<UInt8>, at position: Int) {
        let mark = Int(Self.markIndex[Int(line[position])]) - 1
        var before = position - 1
        while before > 0, line[before] == 0x20 { before -= 1 }
        guard DocumentSurvey.isWordByte(line[before]) else { return }
        if before == position - 1 { marksClosed[mark] += 1 } else { marksSpaced[mark] += 1 }
    }

    /// Per decade from 1700 to 2099: how many numbers of four digits alone
    /// (no digit or letter on either side) the document writes in it.
    private var yearsByDecade = [Int](repeating: 0, count: 40)

    /// Counts the digits from `position` on (the first of a run: no word's
    /// byte before it) as a year when they are four, 1700 to 2099, and no
    /// word's byte but an "s" ("1930s") follows.
    @inline(never)  // out of the word loop: digits are rare in prose
    private mutating func countYear(_ line: UnsafeBufferPointer<UInt8>, at position: Int) {
        let count = line.count
        var end = position
        while end < count, line[end] >= 0x30, line[end] <= 0x39 { end += 1 }
        guard end - position == 4, end == count || !Self.isWordByte(line[end]) || line[end] == UInt8(ascii: "s") else { return }
        var year = 0
        for digit in position..<end { year = year * 10 + Int(line[digit] - 0x30) }
        if (1700...2099).contains(year) { yearsByDecade[(year - 1700) / 10] += 1 }
    }

    /// Counts each balanced `BracketedAcronym` ("VKP(b)", "RKP[b]") under its
    /// bytes, capitals folded, beside the words (no word holds a bracket).
    /// Opening brackets are found by `memchr`: most lines have none.
    private mutating func countBracketedAcronyms(_ line: UnsafeBufferPointer<UInt8>) {
        guard let base = line.baseAddress, line.count > 2 else { return }
        for opener in [UInt8(ascii: "("), UInt8(ascii: "[")] {
            var from = 2
            while from < line.count, let found = memchr(base + from, Int32(opener), line.count - from) {
                let open = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                from = open + 1
                guard let form = BracketedAcronym.at(line, open: open), form.isBalanced(in: line), form.end - form.start <= 64 else { continue }
                let length = form.end - form.start
                // At least 16 bytes, zeroed: `increment(padded:)` reads 16 from the key's start, and 8 past its end.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(16, length + 8)) { key in
                    key.initialize(repeating: 0)
                    for index in form.start..<form.end { key[index - form.start] = Self.lowercased(line[index]) }
                    var counter = WordCountTable.Counter(taking: &counts)
                    Self.increment(padded: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(key)[0..<length]), in: &counter,
                                   limit: limit, droppedBelow: &droppedBelow)
                    counter.putBack(into: &counts)
                }
            }
        }
    }

    /// Per word of two to four letters that begins with "i" ("in", "is", "it",
    /// "into"), under its small letters packed in a `UInt32`: how often the
    /// document writes it with a capital "I" and with a small "i" between two
    /// words mid-sentence (after a small letter or a comma, a space before and
    /// after, a small letter or a digit next: "lived In the city", "lived in
    /// the city"). Books set such a word with a capital there in titles and
    /// verse alone; OCR that reads "i" as "I" does it again and again.
    private var iWordCases: [UInt32: SIMD2<Int32>] = [:]

    /// Counts the word at `start` in `iWordCases` when it is one (called for
    /// each word of two to four letters in "i" or "I"; kept out of the word
    /// loop, which it would slow).
    @inline(never)
    private mutating func countIWord(_ line: UnsafeBufferPointer<UInt8>, at start: Int) {
        guard let word = Self.midSentenceIWord(in: line, at: start) else { return }
        iWordCases[word.key, default: .zero] &+= line[start] == UInt8(ascii: "I") ? SIMD2(1, 0) : SIMD2(0, 1)
    }

    /// The word of two to four letters starting at `start` (an "i" or "I"
    /// followed by small letters), its key (`iWordKey`) and end, when it
    /// stands mid-sentence as `iWordCases` counts it; nil otherwise.
    static func midSentenceIWord(in line: UnsafeBufferPointer<UInt8>, at start: Int) -> (key: UInt32, end: Int)? {
        guard start >= 2, line[start - 1] == 0x20 else { return nil }
        let before = line[start - 2]
        guard Self.isSmall(before) || before == UInt8(ascii: ",") else { return nil }
        var end = start + 1
        while end < line.count, Self.isSmall(line[end]) { end += 1 }
        guard end - start >= 2, end - start <= 4, end + 1 < line.count, line[end] == 0x20 else { return nil }
        let next = line[end + 1]
        guard Self.isSmall(next) || (next >= 0x30 && next <= 0x39) else { return nil }
        var key = UInt32(UInt8(ascii: "i"))  // packed as `iWordKey` packs, without an array
        for index in (start + 1)..<end { key |= UInt32(line[index]) << (8 * UInt32(index - start)) }
        return (key, end)
    }

    /// The key `iWordCases` keeps `word` (small letters, "in") under: its
    /// bytes packed in a `UInt32`; nil for a word that is no such word.
    static func iWordKey(_ word: some Collection<UInt8>) -> UInt32? {
        guard word.first == UInt8(ascii: "i"), (2...4).contains(word.count), word.allSatisfy(isSmall) else { return nil }
        var key: UInt32 = 0
        for (index, byte) in word.enumerated() { key |= UInt32(byte) << (8 * UInt32(index)) }
        return key
    }

    @inline(__always)
    static func isSmall(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }

    /// How often the document writes `word` (small letters: "in") with a
    /// capital "I" and with a small "i" mid-sentence (see `iWordCases`).
    public func midSentenceCases(of word: some Collection<UInt8>) -> (capital: Int, small: Int) {
        guard let key = Self.iWordKey(word), let cases = iWordCases[key] else { return (0, 0) }
        return (Int(cases[0]), Int(cases[1]))
    }

    /// How many years of the decade of `year` (1700 to 2099) the document
    /// writes as four digits alone ("1937", "1930s"); 0 outside those years.
    public func yearCount(inDecadeOf year: Int) -> Int {
        (1700...2099).contains(year) ? yearsByDecade[(year - 1700) / 10] : 0
    }

    /// How often `mark` follows a word after a space, and right after it.
    public func spacing(of mark: UInt8) -> (spaced: Int, closed: Int) {
        guard let index = Self.spacedMarks.firstIndex(of: mark) else { return (0, 0) }
        return (marksSpaced[index], marksClosed[index])
    }

    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
    }

    // MARK: Looking up

    /// How often the word occurs (ASCII capitals folded; bytes as in the text).
    public func count(of word: UnsafeRawBufferPointer) -> Int {
        let length = word.count
        guard length <= 64, let start = word.baseAddress else { return length == 0 ? Int(counts.count(of: word)) : 0 }
        // Folded 8 bytes at a time into room on the stack that can be read
        // 16 bytes past the word (zeros), so the table reads its first 16 as two words.
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.lookUpWords) { room in
            let words = room.baseAddress!
            words.initialize(repeating: 0, count: Self.lookUpWords)
            var offset = 0, slot = 0
            while offset &+ 8 <= length {
                words[slot] = ByteSearch.lowercasedASCII(UInt64(littleEndian: start.loadUnaligned(fromByteOffset: offset, as: UInt64.self))).littleEndian
                offset &+= 8
                slot &+= 1
            }
            words[slot] = ByteSearch.lowercasedASCII(ByteSearch.partialWord(start + offset, count: length &- offset)).littleEndian
            let key = UnsafeRawBufferPointer(start: UnsafeRawPointer(words), count: length)
            return Int(counts.count(of: key, readableBytes: 8 &* Self.lookUpWords))
        }
    }

    /// The words of room a look-up folds a word into: 64 bytes, the word
    /// after them (its last bytes, zero-padded) and one more to read past it.
    private static let lookUpWords = 10

    public func count(of word: ArraySlice<UInt8>) -> Int { word.withUnsafeBytes { count(of: $0) } }

    /// Calls `body` with each word and pair counted (lower case; a pair's words
    /// parted by a space) and its count, in no particular order.
    package func forEachCount(_ body: (UnsafeRawBufferPointer, Int) -> Void) {
        counts.forEach { key, count in body(key, Int(count)) }
    }

    public func count(of word: String) -> Int { count(of: ArraySlice(word.utf8)) }

    /// How often `first` and `second` stand side by side.
    public func pairCount(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> Int {
        let length = first.count + 1 + second.count
        guard first.count <= 64, second.count <= 64 else { return 0 }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { key in
            for index in 0..<first.count { key[index] = Self.lowercased(first[index]) }
            key[first.count] = 0x20
            for index in 0..<second.count { key[first.count + 1 + index] = Self.lowercased(second[index]) }
            return Int(counts.count(of: UnsafeRawBufferPointer(key)))
        }
    }

    public func pairCount(_ first: ArraySlice<UInt8>, _ second: ArraySlice<UInt8>) -> Int {
        first.withUnsafeBytes { a in second.withUnsafeBytes { b in pairCount(a, b) } }
    }

    public func pairCount(_ first: String, _ second: String) -> Int { pairCount(ArraySlice(first.utf8), ArraySlice(second.utf8)) }

    // MARK: The tokenizer

    /// One word of a line: its byte range, whether only spaces or tabs stand
    /// between it and the word before (true for a line's first word), and
    /// whether it is broken at the line's end by a hyphen.
    public struct Word: Equatable, Sendable {
        public var range: Range<Int>
        public var onlySpacesBefore: Bool
        public var brokenAtEnd: Bool
    }

    /// The words of a line: runs of letters (ASCII letters and characters
    /// beyond ASCII other than Latin-1 signs and general punctuation such as
    /// curly quotes and dashes) with a hyphen or apostrophe inside between letters.
    public static func words(in line: UnsafeBufferPointer<UInt8>) -> [Word] {
        var words: [Word] = []
        _ = SurveyWordScanner.forEachWord(in: line, writingTo: nil) { word in
            words.append(word)
            return nil
        }
        return words
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 { DocumentVocabulary.lowercased(byte) }
}

/// The parts of a document survey a stage reads (`SurveyingStage.surveyParts`).
public struct SurveyParts: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Counts of words (`count(of:)`), bracketed acronyms among them.
    public static let words = SurveyParts(rawValue: 1)
    /// What the page edges repeat (`DocumentSurvey.pages`, `blankRunPages`).
    public static let pages = SurveyParts(rawValue: 2)
    /// With `.words`: counts of pairs of words side by side (`pairCount`),
    /// and what is read around words: the spacing before marks, the years
    /// of each decade, how each short i-word is written. Without it, a
    /// stage that reads word counts alone is surveyed at half the table's
    /// entries and cost.
    public static let pairs = SurveyParts(rawValue: 4)
    public static let all: SurveyParts = [.words, .pairs, .pages]
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
