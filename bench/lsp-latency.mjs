/**
 * Language server latency over stdio: keystroke (didChange) → publishDiagnostics, hover and
 * completion response times, for a typical file and for a 10,000-line group file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { percentile, median } from './measure.mjs';
import { positionAt, startServer } from './lsp-client.mjs';

/**
 * CPU time (ms) the server's threads have used so far, from /proc/<pid>/task/<tid>/schedstat
 * (nanoseconds; Linux only). Unlike latency, it barely depends on other processes' load.
 */
export function cpuTimeMs(pid) {
    try {
        let ns = 0;
        for (const tid of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
        return ns / 1e6;
    } catch { return undefined; }
}

const stats = xs => ({ n: xs.length, medianMs: round(median(xs)), p95Ms: round(percentile(xs, 95)), maxMs: round(Math.max(...xs)) });
const round = x => Math.round(x * 100) / 100;

/**
 * Opens `text`, then types `edits` keystrokes (each replaces one digit of the line `editLine`
 * points at, alternating so every version differs) and times each until its diagnostics arrive.
 */
async function documentLatency(server, uri, text, { edits, hoverAt, completeAt, requests }) {
    const { conn } = server;
    let version = 1;
    let t = performance.now();
    const first = server.nextDiagnostics(uri, 120_000);
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pisub', version, text } });
    const openDiagnostics = await first;
    const openMs = performance.now() - t;

    // A keystroke: overwrite one digit of a numerator with another digit.
    const digit = text.indexOf(' / ', text.indexOf('measure e-prescribing')) - 1;
    const at = positionAt(text, digit);
    const keystrokes = [], cpu = [];
    let current = text;
    for (let i = 0; i < edits; i++) {
        const next = String((Number(current[digit]) + 1) % 10 || 1);
        current = current.slice(0, digit) + next + current.slice(digit + 1);
        const wait = server.nextDiagnostics(uri);
        const cpuBefore = cpuTimeMs(server.child.pid);
        t = performance.now();
        await conn.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: ++version },
            contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: next }]
        });
        await wait;
        keystrokes.push(performance.now() - t);
        const cpuAfter = cpuTimeMs(server.child.pid);
        if (cpuBefore !== undefined && cpuAfter !== undefined) cpu.push(cpuAfter - cpuBefore);
    }

    const timeRequests = async (method, params) => {
        const times = [];
        let result;
        for (let i = 0; i < requests; i++) {
            t = performance.now();
            result = await conn.sendRequest(method, params);
            times.push(performance.now() - t);
        }
        return { ...stats(times), empty: result === null || (Array.isArray(result?.items ?? result) && (result.items ?? result).length === 0) };
    };
    const hover = await timeRequests('textDocument/hover', { textDocument: { uri }, position: positionAt(current, current.indexOf(hoverAt) + 2) });
    const completion = await timeRequests('textDocument/completion', { textDocument: { uri }, position: positionAt(current, current.indexOf(completeAt)) });
    // Worst case: completion on the last statement line (the completion parser reads the text before the cursor).
    const completionAtEnd = await timeRequests('textDocument/completion', { textDocument: { uri }, position: positionAt(current, current.lastIndexOf('    measure ') + 4) });
    await conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return {
        lines: text.split('\n').length, bytes: Buffer.byteLength(text),
        openToDiagnosticsMs: round(openMs), diagnosticsOnOpen: openDiagnostics.length,
        keystrokeToDiagnostics: { ...stats(keystrokes), ...(cpu.length ? { cpuMedianMs: round(median(cpu)), cpuP95Ms: round(percentile(cpu, 95)) } : {}) },
        hover, completion, completionAtEnd
    };
}

export async function lspLatency({ serverPath, typical, big, edits = 60, bigEdits = 20, requests = 60, execArgv }) {
    const server = await startServer(serverPath, { execArgv });
    try {
        const hoverAt = 'e-prescribing', completeAt = 'measure patient-electronic-access';
        // Warm-up: the first build pays for loading the rule modules and JIT compilation.
        await documentLatency(server, 'file:///bench/warmup.pisub', typical, { edits: 5, hoverAt, completeAt, requests: 5 });
        const typicalResult = await documentLatency(server, 'file:///bench/typical.pisub', typical, { edits, hoverAt, completeAt, requests });
        const bigResult = await documentLatency(server, 'file:///bench/big-group.pisub', big, { edits: bigEdits, hoverAt, completeAt, requests: Math.min(requests, 30) });
        return { typical: typicalResult, big: bigResult, serverStderr: server.stderr().slice(0, 2000) };
    } finally {
        await server.stop();
    }
}
