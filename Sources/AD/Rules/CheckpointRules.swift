/// Rules of `checkpointed`'s snapshots and shadow moves
/// (`API/Checkpoint.swift`), for nested AD. A snapshot passes the gradient
/// of its copy through; the gradients its copied Dicts, mutable structs and
/// boxes got in their shadows are moved to the originals'. After a
/// recomputed pullback, the slots of the copies'
/// shadows are added to the originals' and cleared: `o[k] += c[k]; c[k] = 0`.
/// One level up, that is reversed by `c[(:d, k)] = o[(:d, k)]` (both
/// summands get the sum's gradient; the cleared slot's is dropped), which
/// is in turn reversed, one more level up, by a move again. Each operation
/// returns what it touched, with its keys one level up, for its reversal.
/// They are mutations: reversed even though no gradient reaches their result.
extension Rules {
    static let checkpointSnapshot = "__ad_ckpt_snapshot"
    static let checkpointUnsnapshot = "__ad_ckpt_unsnapshot!"
    static let checkpointReturn = "__ad_ckpt_return!"
    static let checkpointCopyCells = "__ad_ckpt_copy_cells!"
    static let checkpointMoveCells = "__ad_ckpt_move_cells!"

    static let checkpoint: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        func reversed(by partner: String, arity: Int) -> Rule {
            var r = Rule(reads: [], result: true) { b, _, _, y in
                _ = b.call(partner, [y])
                return Array(repeating: nil, count: arity)
            }
            r.mutates = true
            return r
        }
        var snapshot = Rule(reads: [], result: true) { b, ȳ, _, y in
            _ = b.call(checkpointUnsnapshot, [y])
            return [b.call(Helper.gradientAt, [ȳ, .constant(.int(1))])]
        }
        snapshot.mutates = true
        t[RuleKey(checkpointSnapshot, 1)] = snapshot
        t[RuleKey(checkpointUnsnapshot, 1)] = reversed(by: checkpointCopyCells, arity: 1)
        t[RuleKey(checkpointReturn, 2)] = reversed(by: checkpointCopyCells, arity: 2)
        t[RuleKey(checkpointCopyCells, 1)] = reversed(by: checkpointMoveCells, arity: 1)
        t[RuleKey(checkpointMoveCells, 1)] = reversed(by: checkpointCopyCells, arity: 1)
        return t
    }()
}
