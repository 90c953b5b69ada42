// Times require + activate() of the extension bundle in a fresh Node process with a stand-in
// `vscode` module (every property and call returns another stand-in). Prints JSON on stdout.
// The language client's start is raced against a timeout: with the stand-in it cannot reach a
// real server, so the figure is the extension's own start-up cost, not the server's.
const Module = require('node:module');
const path = process.argv[2];

const cache = new Map();
function standIn(name) {
    if (cache.has(name)) return cache.get(name);
    const target = function () {};
    const assigned = new Map();
    const proxy = new Proxy(target, {
        set(_t, p, value) { assigned.set(p, value); return true; },
        get(_t, p) {
            if (assigned.has(p)) return assigned.get(p);
            if (p === 'then') return undefined; // not a promise
            if (p === Symbol.toPrimitive) return () => (name.endsWith('.version') ? '1.100.0' : name);
            if (p === Symbol.iterator) return function* () {};
            if (p === 'version') return '1.100.0';
            if (p === 'length') return 0;
            return standIn(`${name}.${String(p)}`);
        },
        // esbuild's import interop copies a module's own keys onto an object inheriting from its
        // prototype: answer property look-ups through the prototype too.
        getPrototypeOf: () => new Proxy({}, { get: (_t, p) => (p === 'then' ? undefined : proxy[p]) }),
        apply: () => standIn(`${name}()`),
        construct: () => standIn(`new ${name}`)
    });
    cache.set(name, proxy);
    return proxy;
}
const vscode = standIn('vscode');
const load = Module._load;
Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const context = {
    subscriptions: [], extensionPath: process.cwd(), extensionUri: standIn('extensionUri'),
    asAbsolutePath: p => require('node:path').join(process.cwd(), p),
    globalState: { get: () => undefined, update: async () => undefined, keys: () => [] },
    workspaceState: { get: () => undefined, update: async () => undefined, keys: () => [] },
    environmentVariableCollection: standIn('env'), storageUri: undefined, globalStorageUri: standIn('gs'), logUri: standIn('log'),
    extensionMode: 1, secrets: standIn('secrets'), extension: standIn('extension')
};

(async () => {
    const t0 = performance.now();
    const ext = require(path);
    const t1 = performance.now();
    let error;
    const activation = Promise.resolve().then(() => ext.activate(context)).catch(e => { error = String(e?.message ?? e); });
    const done = await Promise.race([activation.then(() => true), new Promise(r => setTimeout(() => r(false), 3000))]);
    const t2 = performance.now();
    process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, completed: done, error }) + '\n');
    process.exit(0);
})();
