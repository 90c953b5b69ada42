// Extension-host test entry point (the @vscode/test-electron contract): export run(): Promise<void>.
// Used by both runners: scripts/e2e-run.cjs (code-server + chromium, offline) and run-electron.cjs.
'use strict';
const path = require('path');
const Mocha = require('mocha');

exports.run = function run() {
    const mocha = new Mocha({ ui: 'tdd', timeout: 300000, color: false, reporter: 'spec' });
    mocha.addFile(path.join(__dirname, 'extension.test.cjs'));
    return new Promise((resolve, reject) => {
        const runner = mocha.run(failures => (failures > 0 ? reject(new Error(`${failures} tests failed.`)) : resolve()));
        // One machine-readable summary line; scripts/e2e-run.cjs turns it into "e2e: N passed, N failed".
        runner.on('end', () => console.log('E2E_RESULT ' + JSON.stringify(runner.stats)));
    });
};
