/**
 * Language server costs that robustness fixes keep bounded (issue 8, docs/performance.md):
 *
 * 1. keystroke → diagnostics in a 400-file workspace, without and with 100 files whose `prior-year`
 *    does not resolve (Langium would relink those on every change anywhere; target ratio ≤ 1.2);
 * 2. what an open 10,000-line document with an unresolved `prior-year` adds to a keystroke in
 *    another file (target ≤ 10 ms);
 * 3. how long another document's hover waits while a 10,000-line document is opened;
 * 4. the server's RSS after 40 open/close cycles of untitled 1,000-line documents.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bigGroupSubmission, generateCorpus, typicalSubmission } from '../scripts/gen-corpus.mjs';
import { median, percentile } from './measure.mjs';
import { positionAt, startServer } from './lsp-client.mjs';
import { cpuTimeMs } from './lsp-latency.mjs';

const round = x => Math.round(x * 100) / 100;
const rssMb = pid => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
const named = (text, name) => text.replace(/submission \S+ \{/, `submission ${name} {`);
const withPrior = (text, prior) => text.replace(/(submission \S+ \{\n)/, `$1    prior-year ${prior}\n`);

/**
 * Types `edits` one-digit keystrokes into an open document; returns keystroke → diagnostics times
 * (ms) and the server's CPU time per keystroke (ms; barely depends on the machine's load, unlike wall time).
 */
let version = 1000;
async function keystrokes(server, uri, text, edits) {
    const digit = text.indexOf(' / ', text.indexOf('measure e-prescribing')) - 1;
    const at = positionAt(text, digit);
    let current = text;
    const times = [], cpu = [];
    for (let i = 0; i < edits; i++) {
        const next = String((Number(current[digit]) + 1) % 10 || 1);
        current = current.slice(0, digit) + next + current.slice(digit + 1);
        const wait = server.nextDiagnostics(uri, 120_000);
        const cpuBefore = cpuTimeMs(server.child.pid);
        const t = performance.now();
        await server.conn.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: ++version },
            contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: next }]
        });
        await wait;
        times.push(performance.now() - t);
        const cpuAfter = cpuTimeMs(server.child.pid);
        if (cpuBefore !== undefined && cpuAfter !== undefined) cpu.push(cpuAfter - cpuBefore);
    }
    return { times, cpu };
}

const stats = ({ times, cpu }) => ({
    n: times.length, medianMs: round(median(times)), p95Ms: round(percentile(times, 95)),
    ...(cpu.length ? { cpuMedianMs: round(median(cpu)), cpuP95Ms: round(percentile(cpu, 95)) } : {})
});

async function open(server, uri, text) {
    const wait = server.nextDiagnostics(uri, 300_000);
    await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pisub', version: 1, text } });
    return wait;
}

/** A 400-file workspace (100 of them with an unresolved prior-year when `unresolved`), its server, and one open file to type in. */
async function openWorkspace(serverPath, { unresolved, seed }) {
    const dir = mkdtempSync(join(tmpdir(), 'pisub-bench-ws-'));
    const files = generateCorpus({ count: 400, seed });
    files.forEach((f, i) => {
        const path = join(dir, f.path);
        mkdirSync(dirname(path), { recursive: true });
        // Replace 100 files by files whose prior-year names no file; keep 400 files either way.
        writeFileSync(path, unresolved && i % 4 === 0 ? withPrior(f.text.replace(/^\s*prior-year .*\n/m, ''), `no-such-submission-${i}`) : f.text);
    });
    const server = await startServer(serverPath, { workspaceFolder: dir });
    // Validate the whole workspace once (also waits for the scan), as "PI: Check workspace" does.
    await server.conn.sendRequest('pisub/checkWorkspace', {});
    const uri = pathToFileURL(join(dir, 'typing-here.pisub')).href;
    const text = named(typicalSubmission(), 'typing-here');
    await open(server, uri, text);
    await keystrokes(server, uri, text, 30); // warm-up (JIT)
    return {
        server, uri, text,
        async close() { await server.stop(); rmSync(dir, { recursive: true, force: true }); }
    };
}

/**
 * Both workspaces' servers run side by side and take turns (5 keystrokes each), so a busy machine
 * slows both alike and the ratio stays meaningful.
 */
export async function workspaceKeystrokes(serverPath, { edits, seed }) {
    const a = await openWorkspace(serverPath, { unresolved: false, seed });
    try {
        const b = await openWorkspace(serverPath, { unresolved: true, seed });
        try {
            const ra = { times: [], cpu: [] }, rb = { times: [], cpu: [] };
            for (let i = 0; i < edits; i += 5) {
                for (const [w, r] of [[a, ra], [b, rb]]) {
                    const k = await keystrokes(w.server, w.uri, w.text, 5);
                    r.times.push(...k.times);
                    r.cpu.push(...k.cpu);
                }
            }
            return {
                without: { ...stats(ra), rssMb: round(rssMb(a.server.child.pid)) },
                withUnresolved: { ...stats(rb), rssMb: round(rssMb(b.server.child.pid)) }
            };
        } finally {
            await b.close();
        }
    } finally {
        await a.close();
    }
}

export async function lspRobustness({ serverPath, quick = false, seed = 42 }) {
    const edits = quick ? 20 : 60;
    const out = {};

    // 1. 400-file workspace, without and with 100 unresolved prior-year files.
    const { without, withUnresolved } = await workspaceKeystrokes(serverPath, { edits, seed });
    out.workspace400 = {
        without, withUnresolved, ratio: round(withUnresolved.medianMs / without.medianMs),
        cpuRatio: without.cpuMedianMs ? round(withUnresolved.cpuMedianMs / without.cpuMedianMs) : undefined
    };

    const server = await startServer(serverPath);
    try {
        const typical = named(typicalSubmission(), 'typing-2024');
        const typingUri = 'file:///bench/typing.pisub';
        await open(server, typingUri, typical);
        await keystrokes(server, typingUri, typical, 30); // warm-up (JIT)

        // 2. A keystroke elsewhere, before and after a 10,000-line document with an unresolved reference is open.
        const before = await keystrokes(server, typingUri, typical, edits);
        const big = withPrior(bigGroupSubmission({ lines: 10_000 }), 'no-such-prior-year');
        const bigUri = 'file:///bench/big-unresolved.pisub';

        // 3. While that document is opened (parsed, linked, checked), a hover on the other file waits for…
        const line = typical.split('\n').findIndex(l => l.includes('measure e-prescribing'));
        const t = performance.now();
        const bigDone = open(server, bigUri, big).then(() => performance.now() - t);
        const hoverMs = await server.conn.sendRequest('textDocument/hover', { textDocument: { uri: typingUri }, position: { line, character: 14 } }).then(() => performance.now() - t);
        const openBigMs = await bigDone;

        const after = await keystrokes(server, typingUri, typical, edits);
        out.bigUnresolved = {
            keystrokeBefore: stats(before), keystrokeAfter: stats(after),
            addedMedianMs: round(median(after.times) - median(before.times)),
            ...(before.cpu.length ? { addedCpuMedianMs: round(median(after.cpu) - median(before.cpu)) } : {}),
            openBigToDiagnosticsMs: round(openBigMs), hoverDuringOpenMs: round(hoverMs)
        };
        await server.conn.sendNotification('textDocument/didClose', { textDocument: { uri: bigUri } });
    } finally {
        await server.stop();
    }

    // 4. RSS after 40 open/close cycles of untitled 1,000-line documents.
    const mem = await startServer(serverPath);
    try {
        const text = bigGroupSubmission({ lines: 1000, seed: 3 });
        const rss = [rssMb(mem.child.pid)];
        for (let cycle = 0; cycle < 40; cycle++) {
            const uri = `untitled:Untitled-${cycle + 1}`;
            await open(mem, uri, named(text, `cycle-${cycle}`));
            const cleared = mem.nextDiagnostics(uri, 120_000);
            await mem.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
            await cleared;
            rss.push(rssMb(mem.child.pid));
        }
        out.openCloseCycles = { cycles: 40, rssStartMb: round(rss[0]), rssAfter10Mb: round(rss[10]), rssAfter40Mb: round(rss[40]), perCycleAfter10Mb: round((rss[40] - rss[10]) / 30) };
    } finally {
        await mem.stop();
    }
    return out;
}
