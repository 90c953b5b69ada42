// Node 20 lacks Object.groupBy / Map.groupBy (ES2024), which chevrotain 13 (Langium 4.4's parser)
// calls. Every entry point (CLI, language server, tests) imports this module first.
type KeyOf<T, K> = (item: T, index: number) => K;

if (typeof (Object as { groupBy?: unknown }).groupBy !== 'function') {
    Object.defineProperty(Object, 'groupBy', {
        configurable: true, writable: true,
        value<T>(items: Iterable<T>, keyOf: KeyOf<T, PropertyKey>) {
            const out: Record<PropertyKey, T[]> = Object.create(null);
            let i = 0;
            for (const item of items) {
                const k = keyOf(item, i++);
                (out[k] ??= []).push(item);
            }
            return out;
        }
    });
}
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
    Object.defineProperty(Map, 'groupBy', {
        configurable: true, writable: true,
        value<T, K>(items: Iterable<T>, keyOf: KeyOf<T, K>) {
            const out = new Map<K, T[]>();
            let i = 0;
            for (const item of items) {
                const k = keyOf(item, i++);
                const list = out.get(k);
                if (list) list.push(item); else out.set(k, [item]);
            }
            return out;
        }
    });
}
export {};
