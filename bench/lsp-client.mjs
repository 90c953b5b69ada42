/**
 * A minimal LSP client over stdio for the benchmarks and the robustness tests: starts
 * `node out/language/main.cjs --stdio`, answers the server's requests, and waits for
 * publishDiagnostics per document.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

/** Position (0-based line/character) of an offset in a text. */
export function positionAt(text, offset) {
    let line = 0, last = 0;
    for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) { line++; last = i + 1; }
    return { line, character: offset - last };
}

/**
 * Options: `env`, `execArgv`; `workspaceFolder` (a path: the server scans it); `uid`/`gid` (run the
 * server as another user, e.g. 65534 to test unreadable files when the tests run as root).
 */
export async function startServer(serverPath, { env, execArgv = [], workspaceFolder, uid, gid } = {}) {
    const child = spawn(process.execPath, [...execArgv, serverPath, '--stdio'], {
        stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env },
        ...(uid !== undefined ? { uid } : {}), ...(gid !== undefined ? { gid } : {})
    });
    const logs = [];
    let stderr = '';
    child.stderr.on('data', d => { stderr += d; });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const waiters = new Map();
    const latest = new Map();
    const counts = new Map();
    conn.onNotification('textDocument/publishDiagnostics', p => {
        latest.set(p.uri, p.diagnostics);
        counts.set(p.uri, (counts.get(p.uri) ?? 0) + 1);
        const list = waiters.get(p.uri) ?? [];
        waiters.delete(p.uri);
        for (const w of list) w(p.diagnostics);
    });
    // The server may ask for configuration, capability registration and progress tokens.
    conn.onRequest('workspace/configuration', p => p.items.map(() => null));
    conn.onRequest((_method, _params) => null);
    conn.onNotification('window/logMessage', p => { logs.push(p.message); });
    conn.onNotification((_method, _params) => undefined);
    conn.listen();
    const init = await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: workspaceFolder ? pathToFileURL(workspaceFolder).href : null,
        workspaceFolders: workspaceFolder ? [{ uri: pathToFileURL(workspaceFolder).href, name: 'workspace' }] : null,
        capabilities: {
            textDocument: {
                synchronization: { didSave: true },
                publishDiagnostics: { relatedInformation: true },
                hover: { contentFormat: ['markdown', 'plaintext'] },
                completion: { completionItem: { snippetSupport: true } }
            },
            workspace: { configuration: true }
        }
    });
    await conn.sendNotification('initialized', {});
    const exited = new Promise(resolve => child.on('exit', (code, signal) => resolve({ code, signal })));
    return {
        child, conn, capabilities: init.capabilities, exited,
        stderr: () => stderr,
        /** Messages the server logged (window/logMessage: console output and the output channel). */
        logs: () => logs,
        latestDiagnostics: uri => latest.get(uri),
        /** How many times diagnostics were published for a URI. */
        publishCount: uri => counts.get(uri) ?? 0,
        /** Resolves with the next diagnostics published for a URI. */
        nextDiagnostics(uri, timeoutMs = 30_000) {
            return new Promise((resolve, reject) => {
                const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
                const list = waiters.get(uri) ?? [];
                list.push(d => { clearTimeout(timer); resolve(d); });
                waiters.set(uri, list);
            });
        },
        async stop() {
            try {
                await Promise.race([conn.sendRequest('shutdown'), new Promise(r => setTimeout(r, 2000))]);
                await conn.sendNotification('exit');
            } catch { /* already gone */ }
            const done = await Promise.race([exited, new Promise(r => setTimeout(() => r(undefined), 2000))]);
            if (!done) child.kill('SIGKILL');
            conn.dispose();
        }
    };
}
