// The extension in real VS Code: diagnostics (codes, ranges, code links), a quick fix, hover,
// completion, the status bar score and the commands, on the fixtures in test/e2e/workspace/
// (the runners copy that folder, so edits never touch the committed files).
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { waitFor, fixture, open, codeOf, codes, statusText, hoverText, positionOf } = require('./helpers.cjs');

suite('pisub in real VS Code', () => {
    suiteSetup(async () => {
        const ext = vscode.extensions.all.find(e => e.packageJSON && e.packageJSON.name === 'pisub');
        assert.ok(ext, 'the pisub extension is installed');
        console.log(`[pisub-e2e] VS Code ${vscode.version}, extension ${ext.id} from ${ext.extensionPath}`);
    });

    test('a clean 2024 file: language pisub, no errors, status bar "PI: 96"', async () => {
        const doc = await open('clean-2024.pisub');
        assert.strictEqual(doc.languageId, 'pisub');
        await waitFor(async () => (await statusText()) === 'PI: 96', 'status bar "PI: 96"');
        const errors = vscode.languages.getDiagnostics(doc.uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error);
        assert.deepStrictEqual(errors.map(d => d.message), []);
    });

    test('SAFER "no" and a 76-day period in 2024: diagnostics with codes, ranges and rule links', async () => {
        const doc = await open('safer-no-2024.pisub');
        await waitFor(() => codes(doc.uri).includes('attestation/safer-not-yes'), 'the SAFER diagnostic');
        const diags = vscode.languages.getDiagnostics(doc.uri);
        assert.deepStrictEqual(codes(doc.uri), ['attestation/safer-not-yes', 'period/too-short', 'score/zero']);
        const byCode = code => diags.find(d => codeOf(d) === code);

        const safer = byCode('attestation/safer-not-yes');
        assert.strictEqual(safer.severity, vscode.DiagnosticSeverity.Error);
        assert.strictEqual(safer.range.start.line, 10);
        assert.strictEqual(doc.getText(safer.range), 'no');
        assert.match(safer.message, /SAFER Guide must be YES from 2024/);
        assert.match(String(safer.code.target), /rules\.md#/, 'the code links to the rule');

        const period = byCode('period/too-short');
        assert.strictEqual(period.range.start.line, 6);
        assert.match(doc.getText(period.range), /2024-10-01/);
        assert.match(period.message, /76 days; 2024 requires at least 180/);

        assert.strictEqual(byCode('score/zero').severity, vscode.DiagnosticSeverity.Error);
    });

    test('status bar shows "PI: 0 — why" when a gate zeroes the category', async () => {
        await open('safer-no-2024.pisub');
        const text = await waitFor(async () => {
            const t = await statusText();
            return t && t.startsWith('PI: 0 — ') ? t : undefined;
        }, 'a gated status');
        assert.match(text, /^PI: 0 — (Performance period too short|SAFER Guide not "yes") \(\+1\)$/);
    });

    test('pisub.statusBar.enabled: false hides the score, true brings it back', async () => {
        await open('clean-2024.pisub');
        const config = vscode.workspace.getConfiguration('pisub');
        try {
            await config.update('statusBar.enabled', false, vscode.ConfigurationTarget.Workspace);
            await waitFor(async () => (await statusText()) === undefined, 'the status bar item to hide');
        } finally {
            await config.update('statusBar.enabled', undefined, vscode.ConfigurationTarget.Workspace);
        }
        await waitFor(async () => (await statusText()) === 'PI: 96', 'the status bar item to come back');
    });

    test('hover on a measure shows its official title and points for the year', async () => {
        const doc = await open('safer-no-2024.pisub');
        const hovers = await waitFor(async () => {
            const h = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'e-prescribing', 3));
            return h && h.length ? h : undefined;
        }, 'a hover');
        const text = hoverText(hovers);
        assert.match(text, /PI_EP_1/);
        assert.match(text, /e-Prescribing/i);
        assert.match(text, /2024/);
    });

    test('pisub.hover.enabled: false turns hovers off', async () => {
        const doc = await open('clean-2024.pisub');
        const at = positionOf(doc, 'e-prescribing', 3);
        const config = vscode.workspace.getConfiguration('pisub');
        try {
            await config.update('hover.enabled', false, vscode.ConfigurationTarget.Workspace);
            await waitFor(async () => (await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, at)).length === 0, 'no hover');
        } finally {
            await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Workspace);
        }
        await waitFor(async () => (await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, at)).length > 0, 'the hover back');
    });

    test('inlay hints show the points per measure; pisub.inlayHints.enabled: false hides them', async () => {
        const doc = await open('clean-2024.pisub');
        const range = new vscode.Range(0, 0, doc.lineCount, 0);
        const labels = hints => hints.map(h => (typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join('')));
        const hints = await waitFor(async () => {
            const h = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', doc.uri, range);
            return h && h.length ? h : undefined;
        }, 'inlay hints');
        assert.ok(labels(hints).some(l => /9\/10 pts/.test(l)), `hints: ${labels(hints).join(' | ')}`);
        const config = vscode.workspace.getConfiguration('pisub');
        try {
            await config.update('inlayHints.enabled', false, vscode.ConfigurationTarget.Workspace);
            await waitFor(async () => (await vscode.commands.executeCommand('vscode.executeInlayHintProvider', doc.uri, range)).length === 0, 'no inlay hints');
        } finally {
            await config.update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Workspace);
        }
        await waitFor(async () => (await vscode.commands.executeCommand('vscode.executeInlayHintProvider', doc.uri, range)).length > 0, 'the inlay hints back');
    });

    test('a code lens shows the score on the submission; pisub.codeLens.enabled: false hides it', async () => {
        const doc = await open('clean-2024.pisub');
        const titles = async () => ((await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri, 10)) || [])
            .map(l => (l.command ? l.command.title : '')).filter(Boolean);
        const shown = await waitFor(async () => { const t = await titles(); return t.length ? t : undefined; }, 'a code lens');
        assert.ok(shown.some(t => /96/.test(t)), `code lenses: ${shown.join(' | ')}`);
        const config = vscode.workspace.getConfiguration('pisub');
        try {
            await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
            await waitFor(async () => (await titles()).length === 0, 'no code lens');
        } finally {
            await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
        }
        await waitFor(async () => (await titles()).length > 0, 'the code lens back');
    });

    test('semantic tokens come from the server', async () => {
        const doc = await open('clean-2024.pisub');
        const legend = await waitFor(() => vscode.commands.executeCommand('vscode.provideDocumentSemanticTokensLegend', doc.uri), 'a semantic token legend');
        assert.ok(legend.tokenTypes.length > 0, 'token types');
        const tokens = await waitFor(async () => {
            const t = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', doc.uri);
            return t && t.data.length ? t : undefined;
        }, 'semantic tokens');
        assert.strictEqual(tokens.data.length % 5, 0);
        assert.ok(tokens.data.length / 5 >= 20, `${tokens.data.length / 5} tokens`);
    });

    test('completion after `measure` offers the year\'s measures', async () => {
        const doc = await open('clean-2024.pisub');
        const editor = vscode.window.activeTextEditor;
        const end = positionOf(doc, 'note "Audit');
        await editor.edit(b => b.insert(end, 'measure \n    '));
        const at = new vscode.Position(end.line, end.character + 'measure '.length);
        const list = await waitFor(async () => {
            const l = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, at);
            return l && l.items.length ? l : undefined;
        }, 'completion items');
        const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
        // The year's measures not reported yet (e-Prescribing is, on another line: reporting it twice is an error).
        assert.ok(labels.includes('tefca') && labels.includes('PI_HIE_5'), `measures offered: ${labels.slice(0, 30).join(', ')}`);
        assert.ok(!labels.includes('e-prescribing') && !labels.includes('PI_EP_1'), `measures offered: ${labels.slice(0, 30).join(', ')}`);
        await vscode.commands.executeCommand('undo');
    });

    test('quick fix SAFER no → yes, applied through the code action provider', async () => {
        const doc = await open('safer-no-2024.pisub');
        const safer = await waitFor(() => vscode.languages.getDiagnostics(doc.uri).find(d => codeOf(d) === 'attestation/safer-not-yes'), 'the SAFER diagnostic');
        const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, safer.range, vscode.CodeActionKind.QuickFix.value);
        const fix = actions.find(a => a.edit && a.isPreferred);
        assert.ok(fix, `a preferred quick fix with an edit among: ${actions.map(a => `${a.title} (preferred: ${a.isPreferred}, edit: ${Boolean(a.edit)})`).join(' | ')}`);
        assert.match(fix.title, /yes/);
        assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
        assert.match(doc.lineAt(10).text, /attest safer-guide yes/);
        await waitFor(() => !codes(doc.uri).includes('attestation/safer-not-yes'), 'the SAFER diagnostic to go away');
        assert.deepStrictEqual(codes(doc.uri), ['period/too-short', 'score/zero']);
        await waitFor(async () => (await statusText()) === 'PI: 0 — Performance period too short', 'the status after the fix');
    });

    test('"PI: Show score breakdown" renders tables per objective with what missing points take', async () => {
        const doc = await open('clean-2024.pisub');
        const markdown = await vscode.commands.executeCommand('pisub.showScoreBreakdown', doc.uri);
        assert.ok(markdown, 'the command returns the breakdown');
        assert.match(markdown, /Estimated PI category score: 96 \/ 100/);
        assert.match(markdown, /## e-Prescribing — 19 of 20 points/);
        assert.match(markdown, /\+1 point at \d+\/4630/);
        assert.match(markdown, /## Uncertainties/);
        const tabs = () => vscode.window.tabGroups.all.flatMap(g => g.tabs).map(t => t.label);
        await waitFor(() => tabs().some(l => /PI score — clean-2024\.pisub/.test(l)), `the Markdown preview tab (tabs: ${tabs().join(', ')})`);
    });

    test('"PI: Restart language server" restarts it and the score comes back', async () => {
        await open('clean-2024.pisub');
        await vscode.commands.executeCommand('pisub.restartServer');
        await waitFor(async () => (await statusText()) === 'PI: 96', 'status bar "PI: 96" after the restart');
    });

    test('"PI: New submission…": Tab goes through the values in order, each placeholder is one clear error', async () => {
        const doc = await vscode.commands.executeCommand('pisub.newSubmission', 2024, 'group');
        assert.ok(doc, 'a document was opened');
        assert.strictEqual(doc.languageId, 'pisub');
        assert.strictEqual(doc.isUntitled, true);
        const editor = vscode.window.activeTextEditor;
        assert.strictEqual(editor.document, doc);
        assert.match(doc.lineAt(0).text, /^\/\/ Promoting Interoperability, performance year 2024, group submission\. A value in angle brackets is a placeholder/);
        assert.match(doc.getText(), /year 2024/);
        assert.match(doc.getText(), /attest safer-guide yes/);
        // Each placeholder left is one error saying what to write; no syntax errors, no "missing" cascade.
        const placeholders = doc.getText().match(/<[^<>\n]+>/g) || [];
        assert.ok(placeholders.length >= 8, `placeholders: ${placeholders.join(', ')}`);
        await waitFor(() => codes(doc.uri).includes('submission/placeholder'), 'the placeholder errors');
        const errors = () => vscode.languages.getDiagnostics(doc.uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error && codeOf(d) !== 'score/zero');
        assert.deepStrictEqual(errors().map(codeOf), placeholders.map(() => 'submission/placeholder'));
        assert.ok(errors().some(d => /Replace the placeholder <TIN, 9 digits>/.test(d.message)));

        // Tab stops in order, with the suggest widget given every chance to interfere.
        const selected = () => doc.getText(editor.selection);
        const fill = async (expected, text) => {
            await waitFor(() => selected() === expected, `the tab stop "${expected}" (selected: "${selected()}")`, 10000);
            await vscode.commands.executeCommand('type', { text });
            await vscode.commands.executeCommand('editor.action.triggerSuggest');
            await new Promise(r => setTimeout(r, 300)); // let a suggest widget open, if any would
            await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
        };
        await fill('new-group-2024', 'template-flow-2024');
        await fill('<practice name>', 'Riverside Family Medicine');
        await fill('<TIN, 9 digits>', '123456789');
        await waitFor(() => selected() === '2024-01-01', `the period start (selected: "${selected()}")`, 10000);
        assert.match(doc.getText(), /submission template-flow-2024 \{\n/);
        assert.match(doc.getText(), /practice "Riverside Family Medicine"\n/);
        assert.match(doc.getText(), /entity group tin 123456789\n/);
        // One error fewer per filled placeholder, still nothing else.
        await waitFor(() => errors().length === placeholders.length - 2, `${placeholders.length - 2} placeholder errors (now: ${errors().map(d => d.message).join(' | ')})`);
        assert.deepStrictEqual([...new Set(errors().map(codeOf))], ['submission/placeholder']);
        await waitFor(async () => /^PI: 0 — Template placeholder not filled in ×\d+$/.test((await statusText()) || ''), 'the status for the untitled file');
        await vscode.commands.executeCommand('leaveSnippet');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    test('"PI: New submission…" → Save As a workspace file → keep typing: diagnostics and the score still update', async () => {
        // The sequence that used to end the server (issue 8): an untitled pisub document, saved under a
        // new name (its untitled editor closed), then edits in the saved file.
        const crashesBefore = await vscode.commands.executeCommand('pisub.internal.serverCrashes');
        const untitled = await vscode.commands.executeCommand('pisub.newSubmission', 2024, 'group');
        await waitFor(() => codes(untitled.uri).includes('submission/placeholder'), 'diagnostics on the untitled file (its placeholders)');
        // Type a complete submission into it (a clean 2024 file under a new name).
        const clean = (await vscode.workspace.openTextDocument(await fixture('clean-2024.pisub'))).getText().replace('submission riverside-2024', 'submission saved-as-2024');
        const editor = await vscode.window.showTextDocument(untitled, { preview: false });
        await editor.edit(b => b.replace(new vscode.Range(untitled.positionAt(0), untitled.positionAt(untitled.getText().length)), clean));
        await waitFor(() => !vscode.languages.getDiagnostics(untitled.uri).some(d => d.severity === vscode.DiagnosticSeverity.Error), 'no errors in the typed submission');
        await waitFor(async () => (await statusText()) === 'PI: 96', 'status bar "PI: 96" for the untitled file');
        // Save As: the text goes to a file in the workspace, which opens; the untitled editor closes unsaved.
        const target = vscode.Uri.joinPath((await fixture('clean-2024.pisub')), '..', 'saved-as-2024.pisub');
        await vscode.workspace.fs.writeFile(target, Buffer.from(untitled.getText(), 'utf8'));
        const saved = await vscode.workspace.openTextDocument(target);
        await vscode.window.showTextDocument(untitled, { preview: false });
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        const savedEditor = await vscode.window.showTextDocument(saved, { preview: false });
        await waitFor(() => vscode.languages.getDiagnostics(untitled.uri).length === 0, 'the closed untitled file has no problems left');
        // Keep typing in the saved file: SAFER "no" zeroes the score, "yes" brings it back.
        for (const [from, to, expected] of [['attest safer-guide yes', 'attest safer-guide no', /^PI: 0/], ['attest safer-guide no', 'attest safer-guide yes', /^PI: 96$/]]) {
            const at = saved.getText().indexOf(from);
            await savedEditor.edit(b => b.replace(new vscode.Range(saved.positionAt(at), saved.positionAt(at + from.length)), to));
            await waitFor(() => codes(saved.uri).includes('attestation/safer-not-yes') === (to.endsWith('no')), `diagnostics after typing "${to}"`);
            await waitFor(async () => expected.test((await statusText()) || ''), `status bar ${expected} after typing "${to}"`);
        }
        // VS Code restarts a crashed server quietly: the server must not have ended at all.
        assert.strictEqual(await vscode.commands.executeCommand('pisub.internal.serverCrashes'), crashesBefore, 'the language server did not stop');
        await vscode.commands.executeCommand('workbench.action.files.revert');
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    test('completion right after a date, a number or an id inserts nothing', async () => {
        const doc = await open('clean-2024.pisub');
        const editor = vscode.window.activeTextEditor;
        const line = positionOf(doc, 'attest security-risk-analysis yes completed 2024-03-14').line;
        const before = doc.lineAt(line).text;
        const end = new vscode.Position(line, before.length);
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, end);
        const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
        assert.deepStrictEqual(labels, [], `offered after the date: ${labels.join(', ')}`);
        // As a user would: the cursor after the date, suggestions asked for, Enter-equivalent accept.
        editor.selection = new vscode.Selection(end, end);
        await vscode.commands.executeCommand('editor.action.triggerSuggest');
        await new Promise(r => setTimeout(r, 500));
        await vscode.commands.executeCommand('acceptSelectedSuggestion');
        assert.strictEqual(doc.lineAt(line).text, before);
        // After `year ` the supported years, newest first.
        const year = positionOf(doc, '\n    year 2024', '\n    year '.length);
        const years = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, year);
        const sorted = [...years.items].sort((a, b) => (a.sortText || '').localeCompare(b.sortText || '')).map(i => (typeof i.label === 'string' ? i.label : i.label.label));
        assert.strictEqual(sorted[0], '2027');
        assert.ok(sorted.includes('2024'), `years: ${sorted.join(', ')}`);
        assert.ok(!doc.isDirty, 'the file was not changed');
    });

    test('"PI: Check workspace" puts files that were never opened in the Problems panel', async () => {
        // Langium 4.4 validates the workspace's closed files at the first edit, so by now the file may
        // already have diagnostics; the command must (re)validate it and count its errors either way.
        const uri = await fixture('unopened-2025.pisub');
        // A file created on disk after the server started counts too.
        const created = vscode.Uri.joinPath(uri, '..', 'created-later.pisub');
        const text = Buffer.from('submission created-later {\n    year 2024\n}\n', 'utf8');
        await vscode.workspace.fs.writeFile(created, text);
        const result = await vscode.commands.executeCommand('pisub.checkWorkspace');
        assert.ok(result && result.files >= 4, `checked ${result && result.files} files`);
        await waitFor(() => codes(created).includes('entity/missing'), 'diagnostics of the file created on disk');
        assert.ok(result.errors >= 2 + 2 + 2, `errors counted: ${result.errors}`); // unopened-2025 (2), safer-no-2024 (≥ 2), created-later (≥ 2)
        assert.strictEqual(result.interrupted, false);
        await waitFor(() => codes(uri).includes('cehrt/missing'), 'diagnostics of the unopened file');
        assert.ok(codes(uri).includes('score/zero'));
    });

    test('undo brings the SAFER problem back; the Problems panel shows it', async () => {
        const doc = await open('safer-no-2024.pisub');
        await vscode.commands.executeCommand('undo'); // back to SAFER "no": three problems to show
        await waitFor(() => codes(doc.uri).includes('attestation/safer-not-yes'), 'the SAFER diagnostic again');
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        await vscode.window.showTextDocument(doc, { preserveFocus: false });
        const hold = Number(process.env.PISUB_TEST_HOLD_MS || 0);
        if (hold) await new Promise(r => setTimeout(r, hold));
    });

    test('the score breakdown follows its file: the SAFER quick fix updates it at once', async () => {
        const doc = await open('safer-no-2024.pisub');
        const safer = await waitFor(() => vscode.languages.getDiagnostics(doc.uri).find(d => codeOf(d) === 'attestation/safer-not-yes'), 'the SAFER diagnostic');
        const markdown = await vscode.commands.executeCommand('pisub.showScoreBreakdown', doc.uri);
        assert.match(markdown, /\*\*SAFER Guide not "yes"\*\*/);
        assert.match(markdown, /\(\[attestation\/safer-not-yes\]\([^)]*rules\.md#attestation-safer-not-yes\)\)/, 'the code is a link');
        assert.match(markdown, /would earn/);
        const shown = () => vscode.workspace.textDocuments.find(d => d.uri.scheme === 'pisub-breakdown' && d.uri.query === doc.uri.toString());
        await waitFor(() => shown(), 'the breakdown document');
        await vscode.window.showTextDocument(doc, { preview: false });
        const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, safer.range, vscode.CodeActionKind.QuickFix.value);
        const fix = actions.find(a => a.edit && a.isPreferred);
        assert.ok(fix && await vscode.workspace.applyEdit(fix.edit), 'the quick fix applies');
        // Without running the command again: the breakdown VS Code shows is rewritten.
        await waitFor(() => !/SAFER Guide not "yes"/.test(shown().getText()) && /Performance period too short/.test(shown().getText()),
            'the breakdown without the SAFER reason');
        const internal = await vscode.commands.executeCommand('pisub.internal.breakdownText', doc.uri.toString());
        assert.strictEqual(internal, shown().getText());
        await vscode.commands.executeCommand('undo');
        await waitFor(() => /SAFER Guide not "yes"/.test(shown().getText()), 'the breakdown after undo');
    });

    test('"PI: Portfolio report": reasons in words, and a row\'s link opens its file', async () => {
        const result = await vscode.commands.executeCommand('pisub.portfolioReport');
        assert.ok(result && result.rows.length >= 3, `rows: ${result && result.rows.length}`);
        assert.match(result.html, /Performance period too short/);
        const links = [...result.html.matchAll(/href="command:pisub\.internal\.openFile\?([^"]+)"/g)]
            .map(m => JSON.parse(decodeURIComponent(m[1].replace(/&quot;/g, '"')))[0]);
        const target = links.find(l => /unopened-2025\.pisub$/.test(l));
        assert.ok(target, `row links: ${links.join(', ')}`);
        await vscode.commands.executeCommand('pisub.internal.openFile', target);
        await waitFor(() => vscode.window.activeTextEditor && /unopened-2025\.pisub$/.test(vscode.window.activeTextEditor.document.uri.path), 'the row\'s file in an editor');
    });
});
