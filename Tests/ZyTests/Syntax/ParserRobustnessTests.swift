import Testing
import SourceMap
@testable import Zy

/// The parser never traps or hangs: random bytes, truncations and
/// mutations of valid programs all come back with a result.
@Suite struct ParserRobustnessTests {
    /// A small deterministic generator (SplitMix64) so failures reproduce.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    }

    /// Parses and checks the invariants every result must satisfy.
    func checkParses(_ text: String) {
        let file = SourceFile(name: "fuzz.zy", text: text)
        let parsed = Parser.parse(file)
        for d in parsed.diagnostics {
            #expect(d.span.start >= 0 && d.span.end <= file.bytes.count, "diagnostic span out of bounds in \(text.debugDescription)")
        }
        for stmt in parsed.statements {
            for node in allNodes(stmt) {
                #expect(node.span.start >= 0 && node.span.end <= file.bytes.count && node.span.start <= node.span.end,
                        "node span out of bounds in \(text.debugDescription)")
            }
        }
    }

    static let alphabet: [String] = [
        "(", ")", "[", "]", "{", "}", ",", ";", "\n", " ", "x", "f", "1", "2.5", "\"", "'", ":", "=", "+",
        "-", "*", "^", ".", "...", "->", "=>", "::", "?", "@show", "$", "#", "#=", "=#", "end", "function",
        "if", "else", "for", "in", "while", "do", "begin", "let", "try", "catch", "struct", "where", "σ",
        "x̄", "∘", "≤", "'a'", "\\", "\"\"\"", "return", "&&", "||", "<:", "0x", "1e", "!", "|>", "√",
    ]

    @Test func randomTokenSoup() {
        var rng = Random(state: 42)
        for _ in 0..<300 {
            let n = rng.below(40)
            let text = (0..<n).map { _ in Self.alphabet[rng.below(Self.alphabet.count)] }.joined()
            checkParses(text)
        }
    }

    @Test func randomBytes() {
        var rng = Random(state: 7)
        for _ in 0..<200 {
            let bytes = (0..<rng.below(60)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            checkParses(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func truncationsOfSeedPrograms() {
        for program in SeedPrograms.all {
            let scalars = Array(program.unicodeScalars)
            for cut in stride(from: 0, to: scalars.count, by: 7) {
                var s = String.UnicodeScalarView()
                s.append(contentsOf: scalars[0..<cut])
                checkParses(String(s))
            }
        }
    }

    @Test func mutationsOfSeedPrograms() {
        var rng = Random(state: 2024)
        for _ in 0..<300 {
            var scalars = Array(SeedPrograms.all[rng.below(SeedPrograms.all.count)].unicodeScalars)
            for _ in 0..<(1 + rng.below(4)) where !scalars.isEmpty {
                let i = rng.below(scalars.count)
                switch rng.below(3) {
                case 0: scalars.remove(at: i)
                case 1: scalars.insert(contentsOf: Self.alphabet[rng.below(Self.alphabet.count)].unicodeScalars, at: i)
                default: scalars.swapAt(i, rng.below(scalars.count))
                }
            }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars)
            checkParses(String(s))
        }
    }

    @Test func pathologicalInputs() {
        let inputs = [
            String(repeating: "\"$(", count: 200),
            String(repeating: "[", count: 3000),
            String(repeating: "function ", count: 3000),
            String(repeating: "if a\n", count: 3000),
            String(repeating: "a ? ", count: 2000),
            String(repeating: "::", count: 3000),
            String(repeating: "x -> ", count: 3000),
            String(repeating: "@m ", count: 3000),
            String(repeating: "a.", count: 3000),
            String(repeating: "2^", count: 3000) + "2",
            String(repeating: "a = ", count: 3000),
            String(repeating: "#=", count: 1000),
            String(repeating: "elseif ", count: 1000),
            String(repeating: "end ", count: 1000),
            String(repeating: ")", count: 1000),
            "for a, b", "for a, b\nend", "[x for a, b]", "for , end", "let , end", "f(x) do , end",
            "@m , ,", "a, , b", "using , ,", "struct S x, y end", "[1, , 2]", "(1, , 2)", "f(,)",
            "x[, ]", "a ? , : b", "function f(, ) end", "try catch , end", "g(x for x in , y)",
        ]
        for text in inputs { checkParses(text) }
    }

    @Test func largeProgramParsesQuickly() {
        let big = Array(repeating: SeedPrograms.all.joined(separator: "\n"), count: 20).joined(separator: "\n")
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = Parser.parse(SourceFile(name: "big.zy", text: big)) }
        // Generous: the machine is shared; a quadratic parser would take minutes.
        #expect(elapsed < .seconds(20), "parsing \(big.utf8.count) bytes took \(elapsed)")
    }
}
