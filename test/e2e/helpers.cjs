// Helpers of the e2e suite: polling (diagnostics and the score arrive asynchronously) and fixtures.
'use strict';
const vscode = require('vscode');

/** Polls `fn` until it returns a truthy value (awaited), or fails after `timeoutMs` (a hang guard for busy machines, not a speed limit). */
async function waitFor(fn, what, timeoutMs = 180000) {
    const t0 = Date.now();
    let last;
    for (;;) {
        try {
            last = await fn();
            if (last) return last;
        } catch (e) {
            last = e;
        }
        if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
        await new Promise(r => setTimeout(r, 150));
    }
}

async function fixture(name) {
    const [uri] = await vscode.workspace.findFiles(`**/${name}`);
    if (!uri) throw new Error(`fixture ${name} not found in the test workspace`);
    return uri;
}

async function open(name) {
    const doc = await vscode.workspace.openTextDocument(await fixture(name));
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
}

const codeOf = d => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code));
const codes = uri => vscode.languages.getDiagnostics(uri).map(codeOf).sort();
const statusText = () => vscode.commands.executeCommand('pisub.internal.statusText');

/** Plain text of hover contents (MarkdownString or MarkedString). */
const hoverText = hovers => hovers.flatMap(h => h.contents).map(c => (typeof c === 'string' ? c : c.value)).join('\n');

/** The position of the first occurrence of `needle` in the document (+ `delta` characters). */
function positionOf(doc, needle, delta = 0) {
    const offset = doc.getText().indexOf(needle);
    if (offset < 0) throw new Error(`"${needle}" not in ${doc.uri.path}`);
    return doc.positionAt(offset + delta);
}

module.exports = { waitFor, fixture, open, codeOf, codes, statusText, hoverText, positionOf };
