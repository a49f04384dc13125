import SourceMap
@testable import Zy

/// Small constructors for hand-built ASTs (spans unknown), so lowering can be
/// tested independently of the parser.
enum A {
    static let s = Span.unknown

    static func id(_ n: String) -> Expr { Expr(.identifier(n), s) }
    static func int(_ i: Int) -> Expr { Expr(.int(i), s) }
    static func float(_ d: Double) -> Expr { Expr(.float(d), s) }
    static func str(_ t: String) -> Expr { Expr(.string(t), s) }
    static func sym(_ t: String) -> Expr { Expr(.symbol(t), s) }
    static func bool(_ b: Bool) -> Expr { Expr(.bool(b), s) }
    static let nothing = id("nothing")

    static func call(_ f: String, _ args: Expr...) -> Expr {
        Expr(.call(id(f), args.map { .positional($0) }), s)
    }
    static func callArgs(_ f: Expr, _ args: [Argument]) -> Expr { Expr(.call(f, args), s) }
    static func op(_ a: Expr, _ o: String, _ b: Expr) -> Expr { call(o, a, b) }
    static func assign(_ l: Expr, _ r: Expr) -> Expr { Expr(.assign(l, r), s) }
    static func assign(_ l: String, _ r: Expr) -> Expr { assign(id(l), r) }
    static func update(_ o: String, _ l: String, _ r: Expr) -> Expr { Expr(.updateAssign(op: o, id(l), r), s) }
    static func block(_ es: Expr...) -> Expr { Expr(.block(es), s) }
    static func tuple(_ es: Expr...) -> Expr { Expr(.tuple(es.map { .positional($0) }), s) }
    static func ret(_ e: Expr? = nil) -> Expr { Expr(.returnStatement(e), s) }
    static func whileLoop(_ c: Expr, _ body: Expr...) -> Expr { Expr(.whileLoop(c, body: Expr(.block(body), s)), s) }
    static func forLoop(_ v: Expr, _ iter: Expr, _ body: Expr...) -> Expr {
        Expr(.forLoop([Iteration(target: v, iterable: iter, span: s)], body: Expr(.block(body), s)), s)
    }
    static func range(_ a: Expr, _ b: Expr) -> Expr { call(":", a, b) }
    static func ifElse(_ c: Expr, _ t: Expr, _ e: Expr? = nil) -> Expr { Expr(.ifElse(c, then: t, else: e), s) }
    static func and(_ a: Expr, _ b: Expr) -> Expr { Expr(.and(a, b), s) }
    static func or(_ a: Expr, _ b: Expr) -> Expr { Expr(.or(a, b), s) }
    static let brk = Expr(.breakStatement, s)
    static let cont = Expr(.continueStatement, s)
    static func index(_ x: Expr, _ i: Expr...) -> Expr { Expr(.index(x, i.map { .positional($0) }), s) }
    static func field(_ x: Expr, _ f: String) -> Expr { Expr(.field(x, f), s) }

    static func param(_ n: String, type: Expr? = nil, default d: Expr? = nil, varargs: Bool = false) -> Parameter {
        Parameter(name: n, type: type, defaultValue: d, isVarargs: varargs, span: s)
    }
    static func sig(_ ps: [Parameter], keywords: [Parameter] = []) -> FunctionSignature {
        FunctionSignature(parameters: ps, keywordParameters: keywords, span: s)
    }
    static func function(_ name: String, _ params: [String], _ body: Expr...) -> Expr {
        Expr(.function(name: name, sig(params.map { param($0) }), body: Expr(.block(body), s)), s)
    }
    static func function(_ name: String, _ signature: FunctionSignature, _ body: Expr...) -> Expr {
        Expr(.function(name: name, signature, body: Expr(.block(body), s)), s)
    }
    static func lambda(_ params: [String], _ body: Expr) -> Expr {
        Expr(.lambda(sig(params.map { param($0) }), body: body), s)
    }
    static func tryCatch(_ body: Expr, _ v: String?, _ c: Expr?, finally f: Expr? = nil) -> Expr {
        Expr(.tryCatch(body: body, catchVariable: v, catchBody: c, finallyBody: f), s)
    }
    static func comprehension(_ body: Expr, _ its: [(Expr, Expr)], filter: Expr? = nil) -> Expr {
        Expr(.comprehension(Comprehension(body: body, iterations: its.map { Iteration(target: $0.0, iterable: $0.1, span: s) },
                                          filter: filter)), s)
    }
}
