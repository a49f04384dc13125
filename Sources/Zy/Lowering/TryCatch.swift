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
            let exception = Operand.variable(builder.emit(.currentException, span: catchBody?.span ?? span))
            let locals: [(name: String, value: Operand?)] = catchVariable.map { [($0, exception)] } ?? []
            let handlerBody = catchBody ?? Expr(.block([]), span)
            enterScope(hard: false, body: [handlerBody], newLocals: locals)
            let caught = lower(handlerBody, used: used)
            exitScope()
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
            let exception = Operand.variable(builder.emit(.currentException, span: finallyBody.span))
            _ = lower(finallyBody, used: false)
            _ = call("Core.rethrow", [exception], finallyBody.span)
            builder.unreachable(span: finallyBody.span)
        }
        enter(join)
        return result.map(readTemporary) ?? Self.nothingValue
    }
}
