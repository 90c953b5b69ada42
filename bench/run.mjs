#!/usr/bin/env node
/**
 * `npm run bench`: pisub's performance figures against their targets (docs/performance.md).
 * Prints a table and writes bench/results/latest.json (git-ignored; partial runs: partial.json). Not a test: figures depend on
 * the machine and its load, which are recorded with them.
 *
 *   node bench/run.mjs [--quick] [--seed 42] [--only cli,lsp,robust,ext,size]
 *
 * Needs the bundles (`npm run bundle`); bundles its own parse-only reference to out/bench/.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { bigGroupSubmission, generateCorpus, typicalSubmission } from '../scripts/gen-corpus.mjs';
import { activationTime } from './activation.mjs';
import { lspLatency } from './lsp-latency.mjs';
import { lspRobustness } from './lsp-robustness.mjs';
import { measure, median, memoryMethod } from './measure.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'bin/pisub.cjs');
const SERVER = join(ROOT, 'out/language/main.cjs');
const EXTENSION = join(ROOT, 'out/extension/main.cjs');
const PARSE_ONLY = join(ROOT, 'out/bench/parse-only.cjs');

export const TARGETS = {
    cliColdOneFileMs: { max: 400, label: 'cold `pisub check` of one file' },
    cli10kSeconds: { max: 10, label: '10,000 typical files checked' },
    cli10kPeakMb: { max: 500, label: 'peak memory checking 10,000 files' },
    keystrokeTypicalP95Ms: { max: 50, label: 'keystroke → diagnostics p95, typical file' },
    keystrokeBigP95Ms: { max: 500, label: 'keystroke → diagnostics p95, 10,000 lines' },
    hoverP95Ms: { max: 30, label: 'hover p95 (worst of typical and 10,000 lines)' },
    completionP95Ms: { max: 30, label: 'completion p95 (worst of typical and 10,000 lines, top and last line)' },
    unresolvedWorkspaceRatio: { max: 1.2, label: 'keystroke median, 400-file workspace with 100 unresolved prior-year files ÷ without' },
    bigUnresolvedAddedMs: { max: 10, label: 'keystroke median added by an open 10,000-line file with an unresolved prior-year' }
};

function args() {
    const a = process.argv.slice(2);
    const get = (name, fallback) => { const i = a.indexOf(name); return i >= 0 ? a[i + 1] : fallback; };
    return { quick: a.includes('--quick'), seed: Number(get('--seed', 42)), only: get('--only', 'cli,lsp,robust,ext,size').split(',') };
}

const log = text => process.stdout.write(text + '\n');
const fmt = (x, digits = 0) => (x === undefined || x === null || Number.isNaN(x) ? 'n/a' : x.toFixed(digits));

function requireBundles() {
    const missing = [CLI, SERVER].filter(p => !existsSync(p) || (p === CLI && !existsSync(join(ROOT, 'out/cli/main.cjs'))));
    if (missing.length) {
        process.stderr.write(`bench: the bundles are missing (${missing.join(', ')}); run "npm run bundle" first.\n`);
        process.exit(2);
    }
}

async function bundleParseOnly() {
    await esbuild.build({
        entryPoints: [join(ROOT, 'bench/parse-only.ts')], outfile: PARSE_ONLY, bundle: true, inject: [join(ROOT, 'scripts/node20-polyfills.mjs')], platform: 'node', format: 'cjs',
        target: 'node20', mainFields: ['module', 'main'], logLevel: 'warning'
    });
}

/** Writes corpora of each size under the temp folder (reused across runs with the same seed). */
function corpora(sizes, seed) {
    // Keyed by the generator's own text too, so a changed generator never reuses a stale corpus.
    const generator = createHash('sha256').update(readFileSync(join(ROOT, 'scripts/gen-corpus.mjs'))).digest('hex').slice(0, 8);
    const base = join(tmpdir(), `pisub-bench-${seed}-${generator}`);
    const largest = Math.max(...sizes);
    const files = generateCorpus({ count: largest, seed });
    const dirs = {};
    for (const n of sizes) {
        const dir = join(base, `n${n}`);
        dirs[n] = dir;
        const marker = join(dir, '.complete');
        if (existsSync(marker)) continue;
        rmSync(dir, { recursive: true, force: true });
        for (const f of files.slice(0, n)) {
            const path = join(dir, f.path);
            mkdirSync(dirname(path), { recursive: true });
            writeFileSync(path, f.text);
        }
        writeFileSync(marker, '');
    }
    const invalid = files.filter(f => f.invalid).length;
    return { dirs, base, invalidShare: invalid / files.length, bytes: files.reduce((s, f) => s + f.text.length, 0) };
}

async function runs(times, cmd, argv) {
    const results = [];
    for (let i = 0; i < times; i++) results.push(await measure(cmd, argv, { cwd: ROOT }));
    const bad = results.find(r => r.code !== 0 && r.code !== 1);
    if (bad) throw new Error(`${cmd} ${argv.join(' ')} exited with ${bad.code}: ${bad.stderr.slice(0, 500)}`);
    return {
        runs: times,
        medianMs: median(results.map(r => r.ms)),
        cpuMs: results[0].cpuMs === undefined ? undefined : median(results.map(r => r.cpuMs)),
        peakMb: Math.max(...results.map(r => r.peakMb ?? 0)) || undefined,
        lastLine: results.at(-1).stdout.trim().split('\n').at(-1)
    };
}

async function cliThroughput(quick, seed) {
    const sizes = quick ? [1, 100, 1000] : [1, 100, 1000, 10_000];
    const { dirs, invalidShare, bytes } = corpora(sizes, seed);
    log(`\nCLI throughput (corpus seed ${seed}: ${Math.round(invalidShare * 100)}% of files with mistakes, all years 2022–2027; peak memory by ${memoryMethod})`);
    log('  wall time (CPU time, user+system) and peak memory; medians of several runs');
    log('  files   node -e ""                parse only (no rules)           pisub check                     check files/s');
    const rows = [];
    for (const n of sizes) {
        const times = n <= 1 ? 7 : n <= 100 ? 5 : n <= 1000 ? 3 : 2;
        const bare = await runs(times, process.execPath, ['-e', '']);
        const parse = await runs(times, process.execPath, [PARSE_ONLY, dirs[n]]);
        const check = await runs(times, process.execPath, [CLI, 'check', dirs[n]]);
        const row = {
            files: n,
            bareNode: { medianMs: bare.medianMs, cpuMs: bare.cpuMs, peakMb: bare.peakMb },
            parseOnly: { medianMs: parse.medianMs, cpuMs: parse.cpuMs, peakMb: parse.peakMb, filesPerSecond: n / (parse.medianMs / 1000) },
            check: { medianMs: check.medianMs, cpuMs: check.cpuMs, peakMb: check.peakMb, filesPerSecond: n / (check.medianMs / 1000), summary: check.lastLine },
            runs: times
        };
        rows.push(row);
        const cell = r => `${fmt(r.medianMs).padStart(6)} ms (${fmt(r.cpuMs).padStart(5)}) ${fmt(r.peakMb).padStart(4)} MB`;
        log(`  ${String(n).padStart(6)}  ${cell(bare)}   ${cell(parse)}   ${cell(check)}   ${fmt(row.check.filesPerSecond).padStart(8)}`);
    }
    return { corpusBytes: bytes, rows };
}

async function lsp(quick) {
    if (!existsSync(SERVER)) return { skipped: 'out/language/main.cjs missing' };
    log('\nLanguage server over stdio (after a warm-up file)');
    const r = await lspLatency({
        serverPath: SERVER, typical: typicalSubmission(), big: bigGroupSubmission({ lines: 10_000 }),
        edits: quick ? 20 : 60, bigEdits: quick ? 8 : 20, requests: quick ? 20 : 60
    });
    for (const [name, d] of [['typical', r.typical], ['10,000 lines', r.big]]) {
        const k = d.keystrokeToDiagnostics;
        log(`  ${name} (${d.lines} lines): open → diagnostics ${fmt(d.openToDiagnosticsMs)} ms; keystroke → diagnostics median ${fmt(k.medianMs, 1)} ms, p95 ${fmt(k.p95Ms, 1)} ms (server CPU per keystroke median ${fmt(k.cpuMedianMs, 1)} ms, p95 ${fmt(k.cpuP95Ms, 1)} ms)`);
        log(`      hover p95 ${fmt(d.hover.p95Ms, 1)} ms; completion p95 ${fmt(d.completion.p95Ms, 1)} ms near the top, ${fmt(d.completionAtEnd.p95Ms, 1)} ms on the last line`);
    }
    return r;
}

async function robust(quick, seed) {
    if (!existsSync(SERVER)) return { skipped: 'out/language/main.cjs missing' };
    log('\nLanguage server robustness costs (bench/lsp-robustness.mjs)');
    const r = await lspRobustness({ serverPath: SERVER, quick, seed });
    const w = r.workspace400;
    log(`  400-file workspace, keystroke → diagnostics median: ${fmt(w.without.medianMs, 1)} ms without, ${fmt(w.withUnresolved.medianMs, 1)} ms with 100 unresolved prior-year files (ratio ${fmt(w.ratio, 2)}); p95 ${fmt(w.without.p95Ms, 1)} / ${fmt(w.withUnresolved.p95Ms, 1)} ms`);
    log(`      server CPU per keystroke, median: ${fmt(w.without.cpuMedianMs, 1)} ms without, ${fmt(w.withUnresolved.cpuMedianMs, 1)} ms with (ratio ${fmt(w.cpuRatio, 2)})`);
    const b = r.bigUnresolved;
    log(`  keystroke in a typical file: median ${fmt(b.keystrokeBefore.medianMs, 1)} ms, ${fmt(b.keystrokeAfter.medianMs, 1)} ms with a 10,000-line unresolved file open (adds ${fmt(b.addedMedianMs, 1)} ms; server CPU per keystroke ${fmt(b.keystrokeBefore.cpuMedianMs, 1)} → ${fmt(b.keystrokeAfter.cpuMedianMs, 1)} ms, adds ${fmt(b.addedCpuMedianMs, 1)} ms)`);
    log(`  opening that 10,000-line file: diagnostics after ${fmt(b.openBigToDiagnosticsMs)} ms; a hover on the other file sent at the same time answered after ${fmt(b.hoverDuringOpenMs)} ms`);
    const m = r.openCloseCycles;
    log(`  RSS over 40 open/close cycles of untitled 1,000-line documents: ${fmt(m.rssStartMb)} MB at start, ${fmt(m.rssAfter10Mb)} MB after 10, ${fmt(m.rssAfter40Mb)} MB after 40 (${fmt(m.perCycleAfter10Mb, 2)} MB per cycle after 10)`);
    return r;
}

function sizes() {
    const kb = p => (existsSync(p) ? statSync(p).size / 1024 : undefined);
    const out = {
        cliBundleKb: kb(join(ROOT, 'out/cli/main.cjs')),
        serverBundleKb: kb(SERVER),
        extensionBundleKb: kb(EXTENSION)
    };
    // Packaged fresh from the current bundles into the temp folder (the repository is not touched);
    // if packaging fails, an existing pisub.vsix from `npm run package` is reported instead.
    let vsix, vsixNote;
    if (existsSync(EXTENSION)) {
        const target = join(tmpdir(), `pisub-bench-${process.pid}.vsix`);
        try {
            const log = execFileSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--skip-license', '-o', target],
                { cwd: ROOT, encoding: 'utf8', stdio: 'pipe', timeout: 180_000 });
            vsix = target;
            vsixNote = `packaged now with vsce package --no-dependencies${/\((\d+) files/.exec(log)?.[1] ? `, ${/\((\d+) files/.exec(log)[1]} files` : ''}`;
        } catch (e) {
            vsixNote = `vsce package failed: ${String(e.stderr ?? e.message).trim().split('\n').slice(-2).join(' ')}`;
            if (existsSync(join(ROOT, 'pisub.vsix'))) { vsix = join(ROOT, 'pisub.vsix'); vsixNote += '; showing the existing pisub.vsix'; }
        }
    }
    out.vsixKb = vsix ? kb(vsix) : undefined;
    out.vsixNote = vsixNote;
    if (vsix?.startsWith(tmpdir())) rmSync(vsix, { force: true });
    log(`\nSizes: CLI bundle ${fmt(out.cliBundleKb)} KB, server bundle ${fmt(out.serverBundleKb)} KB, extension bundle ${fmt(out.extensionBundleKb)} KB, VSIX ${fmt(out.vsixKb)} KB (${out.vsixNote ?? 'no extension bundle'})`);
    return out;
}

function verdicts(results) {
    const cli = results.cli?.rows ?? [];
    const one = cli.find(r => r.files === 1), tenK = cli.find(r => r.files === 10_000);
    const lspR = results.lsp?.typical ? results.lsp : undefined;
    const figures = {
        cliColdOneFileMs: one?.check.medianMs,
        cli10kSeconds: tenK ? tenK.check.medianMs / 1000 : undefined,
        cli10kPeakMb: tenK?.check.peakMb,
        keystrokeTypicalP95Ms: lspR?.typical.keystrokeToDiagnostics.p95Ms,
        keystrokeBigP95Ms: lspR?.big.keystrokeToDiagnostics.p95Ms,
        hoverP95Ms: lspR ? Math.max(lspR.typical.hover.p95Ms, lspR.big.hover.p95Ms) : undefined,
        completionP95Ms: lspR ? Math.max(lspR.typical.completion.p95Ms, lspR.big.completion.p95Ms, lspR.typical.completionAtEnd.p95Ms, lspR.big.completionAtEnd.p95Ms) : undefined,
        unresolvedWorkspaceRatio: results.robust?.workspace400?.ratio,
        bigUnresolvedAddedMs: results.robust?.bigUnresolved?.addedMedianMs
    };
    // CPU time barely depends on the load other processes put on the machine; wall time does.
    const cpu = {
        cliColdOneFileMs: one?.check.cpuMs, cli10kSeconds: tenK?.check.cpuMs === undefined ? undefined : tenK.check.cpuMs / 1000,
        keystrokeTypicalP95Ms: lspR?.typical.keystrokeToDiagnostics.cpuP95Ms, keystrokeBigP95Ms: lspR?.big.keystrokeToDiagnostics.cpuP95Ms,
        unresolvedWorkspaceRatio: results.robust?.workspace400?.cpuRatio, bigUnresolvedAddedMs: results.robust?.bigUnresolved?.addedCpuMedianMs
    };
    log('\nTargets');
    const out = {};
    for (const [key, t] of Object.entries(TARGETS)) {
        const v = figures[key];
        const status = v === undefined ? 'not measured' : v < t.max ? 'met' : 'MISSED';
        out[key] = { value: v, target: `< ${t.max}`, status, ...(cpu[key] !== undefined ? { cpu: cpu[key] } : {}) };
        const cpuNote = cpu[key] !== undefined ? ` (CPU time ${fmt(cpu[key], key === 'cli10kSeconds' ? 2 : 0)}${cpu[key] < t.max ? ', within target' : ''})` : '';
        log(`  ${status.padEnd(12)} ${t.label}: ${fmt(v, v !== undefined && v < 20 ? 2 : 0)}${cpuNote} (target < ${t.max})`);
    }
    return out;
}

async function main() {
    const { quick, seed, only } = args();
    requireBundles();
    const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), loadAverageBefore: loadavg() };
    log(`pisub benchmarks — Node ${machine.node}, ${machine.cpus} cores (${machine.cpuModel}), load average ${machine.loadAverageBefore.map(x => x.toFixed(2)).join(' ')}`);
    if (machine.loadAverageBefore[0] > machine.cpus * 0.5) log('  note: the machine is busy; times will be slower than on an idle machine.');
    const results = { date: new Date().toISOString(), seed, quick, machine };
    if (only.includes('cli')) {
        await bundleParseOnly();
        results.cli = await cliThroughput(quick, seed);
    }
    if (only.includes('lsp')) results.lsp = await lsp(quick);
    if (only.includes('robust')) results.robust = await robust(quick, seed);
    if (only.includes('ext')) {
        results.activation = await activationTime(EXTENSION);
        log(`\nExtension activation (${results.activation.method}): ${results.activation.skipped ?? `require ${fmt(results.activation.requireMs, 1)} ms + activate ${fmt(results.activation.activateMs, 1)} ms`}`);
    }
    if (only.includes('size')) results.sizes = sizes();
    results.machine.loadAverageAfter = loadavg();
    results.targets = verdicts(results);
    const outDir = join(ROOT, 'bench/results');
    mkdirSync(outDir, { recursive: true });
    // A partial run (--quick or --only) does not replace the last full results.
    const name = quick || only.length < 5 ? 'partial.json' : 'latest.json';
    writeFileSync(join(outDir, name), JSON.stringify(results, null, 2) + '\n');
    log(`\nWritten to bench/results/${name}`);
}

main().catch(e => {
    process.stderr.write(`bench: ${e?.stack ?? e}\n`);
    process.exit(1);
});
