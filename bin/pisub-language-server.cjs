#!/usr/bin/env node
// The pisub language server (bundled by esbuild from src/server/main.ts). Without a transport
// option it talks LSP over stdio, which is what most editors expect.
const transports = ['--stdio', '--node-ipc'];
if (!process.argv.slice(2).some(a => transports.includes(a) || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
    process.argv.push('--stdio');
}
require('../out/language/main.cjs');
