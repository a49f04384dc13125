import SourceMap

/// `try`/`catch`/`finally`. The handler block of an `enterTry` is entered
/// with no arguments, so its SSA predecessor is the block that entered the
/// handler: the protected body starts in a fresh block, and locals the body
/// assigns live in boxes (see `ScopeAnalysis.needsBox`). When control reaches
/// a handler block, the runtime has already popped that handler.
extension FunctionLowerer {
    func lowerTry(_ body: Expr, _ catchVariable: String?, _ catchBody: Expr?, _ finallyBody: Expr?,
                  _ span: Span, used: Bool) -> Operand {
        let result = used ? newTemporary() : nil
        if let result { writeTemporary(result, Self.nothingValue) }
        let join = builder.newBlock()
        let finallyHandler = finallyBody == nil ? nil : builder.newBlock()
        if let finallyHandler {
            builder.emitEffect(.enterTry(catchBlock: finallyHandler), span: span)
            builder.addHandlerEdge(to: finallyHandler)
            handlers.append(HandlerContext(finallyBody: finallyBody))
        }
        let catchHandler = (catchBody == nil && finallyBody != nil) ? nil : builder.newBlock()
        if let catchHandler {
            builder.emitEffect(.enterTry(catchBlock: catchHandler), span: span)
            builder.addHandlerEdge(to: catchHandler)
            handlers.append(HandlerContext(finallyBody: nil))
        }
        let protected = builder.newBlock()
        builder.jump(to: protected, span: span)
        enter(protected)
        enterScope(hard: false, body: [body])
        let value = lower(body, used: used)
        exitScope()
        if let result { writeTemporary(result, value) }
        let afterCatch = finallyHandler == nil ? join : builder.newBlock()
        if let catchHandler {
            builder.emitEffect(.leaveTry, span: span)
            handlers.removeLast()
            builder.jump(to: afterCatch, span: span)
            enter(catchHandler)
            let caught = lowerCatch(catchVariable, catchBody ?? Expr(.block([]), span), used: used)
            if let result { writeTemporary(result, caught) }
        }
        builder.jump(to: afterCatch, span: span)
        if let finallyHandler, let finallyBody {
            enter(afterCatch)
            builder.emitEffect(.leaveTry, span: span)
            handlers.removeLast()
            _ = lower(finallyBody, used: false)
            builder.jump(to: join, span: span)
            enter(finallyHandler)
            lowerFinallyHandler(finallyBody)
        }
        enter(join)
        return result.map(readTemporary) ?? Self.nothingValue
    }

    /// The catch block: binds the exception, runs the handler body.
    private func lowerCatch(_ variable: String?, _ body: Expr, used: Bool) -> Operand {
        let exception = Operand.variable(builder.emit(.currentException, span: body.span))
        let locals: [(name: String, value: Operand?)] = variable.map { [($0, exception)] } ?? []
        enterScope(hard: false, body: [body], newLocals: locals)
        let value = lower(body, used: used)
        exitScope()
        return value
    }

    /// The catch-all path of `finally`: run it, then rethrow.
    private func lowerFinallyHandler(_ body: Expr) {
        let exception = Operand.variable(builder.emit(.currentException, span: body.span))
        _ = lower(body, used: false)
        _ = call("Core.rethrow", [exception], body.span)
        builder.unreachable(span: body.span)
    }
}
