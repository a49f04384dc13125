/// Installs the whole collections library: arrays (with ranges, sorting,
/// reductions, broadcasting), linear algebra, tuples, dicts, iteration,
/// higher-order functions, random numbers, and numbers seen as collections.
public enum CollectionBuiltins {
    public static func install(into globals: Globals) {
        ArrayBuiltins.install(into: globals)
        LinearAlgebraBuiltins.install(into: globals)
        TupleBuiltins.install(into: globals)
        DictBuiltins.install(into: globals)
        IterationBuiltins.install(into: globals)
        HigherOrderBuiltins.install(into: globals)
        RandomBuiltins.install(into: globals)
        NumberCollectionBuiltins.install(into: globals)
    }
}
