#!/usr/bin/env node
// The standard @vscode/test-electron runner, for machines that can download VS Code
// (`npm run test:e2e:electron`). It runs the same suite (test/e2e/index.cjs) as the offline
// code-server runner (scripts/e2e-run.cjs), on a temporary copy of test/e2e/workspace/.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests } = require('@vscode/test-electron');

const ROOT = path.resolve(__dirname, '..', '..');

(async () => {
    const workspace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pisub-e2e-')), 'submissions');
    fs.cpSync(path.join(__dirname, 'workspace'), workspace, { recursive: true });
    try {
        await runTests({
            version: process.env.VSCODE_VERSION || '1.100.3', // engines.vscode is ^1.100.0
            extensionDevelopmentPath: ROOT,
            extensionTestsPath: path.join(__dirname, 'index.cjs'),
            launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes']
        });
        console.log('e2e (electron): passed');
    } catch (e) {
        console.error('e2e (electron): failed —', e && e.message ? e.message : e);
        process.exitCode = 1;
    } finally {
        fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
    }
})();
