// Node 20 lacks Object.groupBy / Map.groupBy (ES2024), which chevrotain 13 (Langium 4.4's parser) calls.
// The only copy: esbuild injects it into the CLI and language-server bundles (esbuild.mjs), the tests
// import it (test/setup.ts), and the Langium CLI loads it with `node --import` (npm run langium:generate).
if (typeof Object.groupBy !== 'function') {
    Object.defineProperty(Object, 'groupBy', {
        configurable: true, writable: true,
        value(items, keyOf) {
            const out = Object.create(null);
            let i = 0;
            for (const item of items) { const k = keyOf(item, i++); (out[k] ??= []).push(item); }
            return out;
        }
    });
}
if (typeof Map.groupBy !== 'function') {
    Object.defineProperty(Map, 'groupBy', {
        configurable: true, writable: true,
        value(items, keyOf) {
            const out = new Map();
            let i = 0;
            for (const item of items) { const k = keyOf(item, i++); const list = out.get(k); if (list) list.push(item); else out.set(k, [item]); }
            return out;
        }
    });
}
