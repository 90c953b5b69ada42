/**
 * Test preload (`node --require`): the first time the CLI renames a temporary file over a target,
 * it prints "PAUSED <temp>" on standard error and waits until the file named by
 * PISUB_TEST_RESUME exists. The test sends a signal (or SIGKILL) during the pause: a deterministic
 * "killed in the middle of a run", without sleeping and hoping.
 */
'use strict';
const fs = require('node:fs');

const resume = process.env.PISUB_TEST_RESUME;
const rename = fs.renameSync;
let paused = false;
fs.renameSync = function (from, to) {
    if (!paused && resume && /\.pisub-[0-9a-f]{16}\.tmp$/.test(String(from))) {
        paused = true;
        fs.writeSync(2, `PAUSED ${from}\n`);
        const cell = new Int32Array(new SharedArrayBuffer(4));
        while (!fs.existsSync(resume)) Atomics.wait(cell, 0, 0, 20); // wait for the test's go-ahead
    }
    return rename.apply(this, arguments);
};
