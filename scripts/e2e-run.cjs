#!/usr/bin/env node
// End-to-end tests in real VS Code, offline: code-server 4.100.3 (VS Code 1.100.3 server, Node extension
// host, web workbench) driven by Debian's chromium through playwright-core. Adapted from
// /work/shared/vscode-e2e/run-e2e.js. Run through `npm run test:e2e` (scripts/e2e-run.sh installs
// code-server first). Steps, each counted in the final "e2e: N passed, N failed" line:
//   1. package the extension (`npm run package` → pisub.vsix) and check the VSIX's file list;
//   2. install the VSIX with code-server (--install-extension) and check the installed files;
//   3. run the mocha suite test/e2e/index.cjs inside VS Code's extension host (extension loaded in
//      development mode from this folder), one result per test;
//   4. open a fixture with the INSTALLED extension only and wait for its problems in the Problems
//      panel; with --screenshot PATH, save a screenshot there (`npm run screenshot` refreshes
//      docs/images/vscode-problems.png this way; a plain run writes no tracked file).
// Options: --skip-package (reuse pisub.vsix and out/), --verbose (browser console), --timeout SECONDS (hang
// guard per VS Code session, default 900), --screenshot PATH.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const util = require('util');

const ROOT = path.resolve(__dirname, '..');
const E2E_DIR = path.join(ROOT, '.vscode-e2e'); // git-ignored: code-server, logs
const CODE_SERVER = path.join(E2E_DIR, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const VSIX = path.join(ROOT, 'pisub.vsix');
const FIXTURES = path.join(ROOT, 'test', 'e2e', 'workspace');
const screenshotIndex = process.argv.indexOf('--screenshot');
const SCREENSHOT = screenshotIndex >= 0 ? path.resolve(process.argv[screenshotIndex + 1]) : undefined;
const FAILURE_SCREENSHOT = path.join(E2E_DIR, 'problems-failure.png'); // git-ignored, next to the logs
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const VERBOSE = process.argv.includes('--verbose');
const timeoutIndex = process.argv.indexOf('--timeout');
const RUN_TIMEOUT_MS = Number(timeoutIndex >= 0 ? process.argv[timeoutIndex + 1] : 900) * 1000; // a hang guard, not a speed limit (busy machines)

/** Files the VSIX must contain (extension/<path>), and paths it must not. */
const VSIX_REQUIRED = [
    'package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', 'images/icon.png', 'language-configuration.json',
    'syntaxes/pisub.tmLanguage.json', 'out/extension/main.cjs', 'out/language/main.cjs', 'docs/rules.md'
];
const VSIX_FORBIDDEN = /(^|\/)(src|test|node_modules|\.vscode-e2e|examples)\/|\.map$|\.ts$/;

/** Workbench log lines that say nothing about the tests (shown with --verbose). */
const WORKBENCH_NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|Updating additional builtin|\[Service Worker\]|ChatSessionStore|CodeExpectedError)/;

const t0 = Date.now();
const log = (...a) => console.log(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const results = []; // { name, ok, detail }
function record(name, ok, detail = '') {
    results.push({ name, ok, detail });
    console.log(`${ok ? '  ✓' : '  ✗'} ${name}${detail ? ` — ${detail}` : ''}`);
}

/** File names in a zip archive, from its central directory (no unzip binary needed). */
function zipEntries(file) {
    const buf = fs.readFileSync(file);
    let eocd = -1;
    for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
        if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
    }
    if (eocd < 0) throw new Error(`${file} is not a zip archive`);
    const count = buf.readUInt16LE(eocd + 10);
    let p = buf.readUInt32LE(eocd + 16);
    const names = [];
    for (let n = 0; n < count; n++) {
        if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry`);
        const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
        names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
        p += 46 + nameLen + extraLen + commentLen;
    }
    return names;
}

function run(cmd, args, opts = {}) {
    const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', ...opts });
    return { ok: r.status === 0, out: (r.stdout || '') + (r.stderr || '') };
}

function freePort() {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
        s.on('error', reject);
    });
}

async function waitHttp(url, ms) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
        try { const r = await fetch(url); if (r.ok) return; } catch { /* not up yet */ }
        await new Promise(r => setTimeout(r, 200));
    }
    throw new Error('code-server did not come up at ' + url);
}

/**
 * One VS Code session: code-server on 127.0.0.1 in its own process group + headless chromium.
 * With `tests`, runs that extension-host suite and returns VS Code's exit code and mocha's stats;
 * with `openFile` + `expect`, waits for `expect` in the Problems panel (and takes `screenshot`).
 */
async function vscodeSession({ label, ext, tests, workspace, openFile, expect, screenshot, extensionsDir, untrusted = false, env = {} }) {
    const { chromium } = require('playwright-core');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pisub-e2e-'));
    let server, browser, stats, exitCode = 1;
    const cleanup = async () => {
        try { if (browser) await browser.close(); } catch { /* already gone */ }
        if (server) {
            try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ } // our own process group
            await new Promise(r => setTimeout(r, 1000));
            try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
        }
        try { fs.rmSync(tmp, { recursive: true, force: true }); } catch { /* best effort */ }
    };
    let timer;
    const timedOut = new Promise(resolve => { timer = setTimeout(() => { log(`${label}: TIMEOUT after ${RUN_TIMEOUT_MS / 1000}s`); resolve(124); }, RUN_TIMEOUT_MS); });
    const session = (async () => {
        const port = await freePort();
        const authority = `127.0.0.1:${port}`;
        const userData = path.join(tmp, 'user-data');
        fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
        fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
            'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false,
            'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true, 'update.mode': 'none',
            'workbench.enableExperiments': false, 'workbench.tips.enabled': false,
            // untrusted: workspace trust on and never granted, so the folder opens in Restricted Mode
            'security.workspace.trust.enabled': untrusted, 'security.workspace.trust.startupPrompt': 'never',
            'security.workspace.trust.banner': 'never', 'security.workspace.trust.untrustedFiles': 'open'
        }, null, 2));
        const csArgs = [CODE_SERVER, '--auth', 'none', '--bind-addr', authority, '--user-data-dir', userData,
            '--extensions-dir', extensionsDir || path.join(tmp, 'extensions'), '--disable-telemetry', '--disable-update-check',
            ...(untrusted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', '--ignore-last-opened', '--disable-file-downloads'];
        log(`${label}: starting code-server`);
        server = spawn(process.execPath, csArgs, {
            env: {
                ...process.env, ...env, XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_DATA_HOME: path.join(tmp, 'data'),
                XDG_CACHE_HOME: path.join(tmp, 'cache'), EXTENSIONS_GALLERY: '{}' /* no marketplace: nothing goes out */
            },
            stdio: ['ignore', 'pipe', 'pipe'], detached: true
        });
        const serverLog = fs.createWriteStream(path.join(E2E_DIR, `code-server-${label}.log`));
        server.stdout.pipe(serverLog); server.stderr.pipe(serverLog);
        await waitHttp(`http://${authority}/healthz`, 60000);

        browser = await chromium.launch({
            executablePath: CHROMIUM, headless: true,
            env: { ...process.env, HOME: path.join(tmp, 'chrome-home'), XDG_CONFIG_HOME: path.join(tmp, 'chrome-config'), XDG_CACHE_HOME: path.join(tmp, 'chrome-cache') },
            args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
                '--disable-background-networking', '--disable-component-update', '--disable-sync']
        });
        const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
        if (VERBOSE) page.on('console', m => console.log('  [browser]', m.type(), m.text()));
        page.on('pageerror', e => { if (VERBOSE) console.log('  [pageerror]', e.message); });
        let resolveExit;
        const exited = new Promise(r => (resolveExit = r));
        await page.exposeFunction('codeAutomationLog', (type, args) => {
            const line = util.format(...(args || []));
            const m = /E2E_RESULT (\{.*\})/.exec(line);
            if (m) { try { stats = JSON.parse(m[1]); } catch { /* not JSON */ } }
            if (VERBOSE || !WORKBENCH_NOISE.test(line)) console.log('  ' + line);
        });
        await page.exposeFunction('codeAutomationExit', code => resolveExit(code));

        const remote = p => `vscode-remote://${authority}${p}`;
        const payload = [['skipWelcome', 'true']];
        if (ext) payload.push(['extensionDevelopmentPath', remote(ext)]);
        if (tests) payload.push(['extensionTestsPath', remote(tests)]);
        if (openFile) payload.push(['openFile', remote(path.join(workspace, openFile))]);
        await page.goto(`http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
        await page.waitForSelector('.monaco-workbench', { timeout: 300000 });
        log(`${label}: workbench rendered`);
        if (tests) return await exited;
        // UI mode: the file is open; show the Problems panel and wait for the expected text.
        await page.waitForSelector('.monaco-editor .view-lines', { timeout: 300000 });
        await page.locator('.markers-panel').first().waitFor({ timeout: 2000 }).catch(() => page.locator('[id="status.problems"]').click());
        try {
            await page.locator(`.markers-panel :text("${expect}")`).first().waitFor({ timeout: 300000 });
        } catch (e) {
            await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => {});
            throw new Error(`"${expect}" did not appear in the Problems panel`);
        }
        await page.waitForTimeout(1500); // let the status bar and decorations settle
        if (screenshot) {
            fs.mkdirSync(path.dirname(screenshot), { recursive: true });
            await page.screenshot({ path: screenshot });
            log(`${label}: screenshot saved to ${path.relative(ROOT, screenshot)}`);
        }
        const problems = await page.locator('.markers-panel .monaco-list-rows').innerText();
        const restricted = await page.locator(':text("Restricted Mode")').count() > 0;
        const status = await page.locator('[id="pisub.pisub.pisub.score"], [id="pisub.score"]').first().innerText({ timeout: 60000 }).catch(() => '');
        return { problems, status, restricted };
    })();
    try {
        const outcome = await Promise.race([session, timedOut]);
        if (typeof outcome === 'number') exitCode = outcome;
        else if (outcome) { exitCode = 0; return { exitCode, stats, ui: outcome }; }
    } catch (e) {
        log(`${label}: ERROR`, e && e.message ? e.message : e);
        exitCode = 1;
    } finally {
        clearTimeout(timer);
        await cleanup();
    }
    return { exitCode, stats };
}

function copyFixtures() {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pisub-e2e-ws-')), 'submissions');
    fs.cpSync(FIXTURES, dir, { recursive: true });
    return dir;
}

(async () => {
    fs.mkdirSync(E2E_DIR, { recursive: true });
    if (!fs.existsSync(CODE_SERVER)) {
        console.error(`code-server is not installed at ${path.relative(ROOT, CODE_SERVER)}: run scripts/e2e-setup-code-server.sh .vscode-e2e/cs (npm run test:e2e does).`);
        process.exit(2);
    }
    const temps = [];
    try {
        // 1. Package and check the VSIX.
        if (!process.argv.includes('--skip-package')) {
            log('packaging (npm run package)');
            fs.rmSync(VSIX, { force: true }); // never test a stale package
            const pkg = run('npm', ['run', 'package']);
            if (!pkg.ok) console.log(pkg.out);
            record('npm run package produces pisub.vsix', pkg.ok && fs.existsSync(VSIX));
        }
        let extensionsDir, installed;
        if (fs.existsSync(VSIX)) {
            const files = zipEntries(VSIX).filter(f => f.startsWith('extension/')).map(f => f.slice('extension/'.length));
            const missing = VSIX_REQUIRED.filter(f => !files.includes(f));
            const extra = files.filter(f => VSIX_FORBIDDEN.test(f));
            record('the VSIX holds exactly the allowlisted files', missing.length === 0 && extra.length === 0,
                missing.length || extra.length ? `missing: ${missing.join(', ') || '-'}; unexpected: ${extra.join(', ') || '-'}` : `${files.length} files`);

            // 2. Install it the way users do.
            extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pisub-e2e-ext-'));
            temps.push(extensionsDir);
            const install = run(process.execPath, [CODE_SERVER, '--install-extension', VSIX, '--extensions-dir', extensionsDir],
                { env: { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(extensionsDir, '.config'), XDG_DATA_HOME: path.join(extensionsDir, '.data') } });
            installed = fs.readdirSync(extensionsDir).find(d => d.startsWith('pisub.pisub-'));
            const serverInstalled = installed && fs.existsSync(path.join(extensionsDir, installed, 'out', 'language', 'main.cjs'));
            record('code-server installs the VSIX', install.ok && Boolean(serverInstalled), installed ? installed : install.out.trim().split('\n').pop());
        } else {
            record('pisub.vsix exists', false, 'packaging failed (or --skip-package without a VSIX)');
        }

        // 3. The extension-host suite (development mode, this folder).
        const workspace = copyFixtures();
        temps.push(workspace);
        log('running the extension-host suite');
        const suite = await vscodeSession({ label: 'suite', ext: ROOT, tests: path.join(ROOT, 'test', 'e2e', 'index.cjs'), workspace });
        if (suite.stats) {
            for (let i = 0; i < suite.stats.passes; i++) results.push({ name: 'suite test', ok: true });
            for (let i = 0; i < suite.stats.failures; i++) results.push({ name: 'suite test', ok: false });
            log(`suite: ${suite.stats.passes} passed, ${suite.stats.failures} failed (VS Code exit code ${suite.exitCode})`);
            if (suite.exitCode !== 0 && suite.stats.failures === 0) record('the suite ended cleanly', false, `exit code ${suite.exitCode}`);
        } else {
            record('the extension-host suite ran', false, `no results; VS Code exit code ${suite.exitCode}`);
        }

        // 4. The installed VSIX alone shows the problems of a fixture; screenshot for the README.
        if (installed) {
            const uiWorkspace = copyFixtures();
            temps.push(uiWorkspace);
            log('opening a fixture with the installed VSIX');
            const ui = await vscodeSession({
                label: 'installed', workspace: uiWorkspace, openFile: 'safer-no-2024.pisub', extensionsDir, untrusted: true,
                expect: 'SAFER Guide must be YES from 2024', screenshot: SCREENSHOT
            });
            record('the installed VSIX shows the diagnostics in the Problems panel of an untrusted workspace', ui.exitCode === 0 && Boolean(ui.ui && ui.ui.restricted),
                ui.ui ? `Restricted Mode: ${ui.ui.restricted}` : '');
            if (ui.ui) record('the installed VSIX shows the gated score in the status bar', /^PI: 0 — /.test(ui.ui.status.trim()), JSON.stringify(ui.ui.status));
        }
    } catch (e) {
        record('e2e run', false, e && e.stack ? e.stack : String(e));
    } finally {
        for (const dir of temps) fs.rmSync(path.basename(dir) === 'submissions' ? path.dirname(dir) : dir, { recursive: true, force: true });
    }
    const passed = results.filter(r => r.ok).length;
    const failed = results.length - passed;
    log('done');
    console.log(`e2e: ${passed} passed, ${failed} failed`);
    process.exit(failed === 0 && passed > 0 ? 0 : 1);
})();
