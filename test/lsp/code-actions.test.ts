import { describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver';
import { submission } from '../helpers/submissions.js';
import { applyEdits, close, open, pisub } from './lsp-helpers.js';

/** Opens `text`, asks for the code actions of the first diagnostic with `code`, applies the chosen one. */
async function quickFix(text: string, code: string, pick?: RegExp) {
    const document = await open(text);
    const diagnostics = document.diagnostics!.filter(d => d.code === code);
    expect(diagnostics.length, `no ${code} in ${JSON.stringify(document.diagnostics!.map(d => d.code))}`).toBeGreaterThan(0);
    const uri = document.uri.toString();
    // Several diagnostics may share a code (each missing attestation): ask for each one's actions.
    const perDiagnostic = await Promise.all(diagnostics.map(async d => await pisub().lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri }, range: d.range, context: { diagnostics: [d] }
    }) as CodeAction[]));
    const actions = perDiagnostic.find(list => !pick || list.some(a => pick.test(a.title))) ?? [];
    const diagnostic = diagnostics[perDiagnostic.indexOf(actions)];
    const action = pick ? actions.find(a => pick.test(a.title)) : actions[0];
    expect(action, `no action${pick ? ' ' + pick : ''} among ${JSON.stringify(actions.map(a => a.title))}`).toBeDefined();
    expect(action!.kind).toBe('quickfix');
    expect(action!.diagnostics).toEqual([diagnostic]);
    const after = applyEdits(document, action!.edit!.changes![uri]);
    // The same submission before and after the fix is not two files of one workspace.
    close(document);
    const fixed = await open(after);
    close(fixed);
    return { action: action!, actions, after, codesAfter: fixed.diagnostics!.map(d => String(d.code)) };
}

describe('quick fixes, end to end (before → after)', () => {
    it('SAFER Guide "no" → "yes" from 2024', async () => {
        const before = submission({ year: 2024 });
        const text = before.replace('attest safer-guide yes', 'attest safer-guide no');
        const { action, after, codesAfter } = await quickFix(text, 'attestation/safer-not-yes');
        expect(action.isPreferred).toBe(true);
        expect(after).toBe(before);
        expect(codesAfter).not.toContain('attestation/safer-not-yes');
    });

    it('adds a missing required attestation, indented like the file', async () => {
        const text = submission({ year: 2024 }).replace('    attest onc-direct-review yes\n', '');
        const { after, codesAfter } = await quickFix(text, 'attestation/missing', /onc-direct-review/);
        expect(after).toMatch(/\n    attest onc-direct-review yes\n\}\n$/);
        expect(codesAfter).not.toContain('attestation/missing');
        expect(codesAfter).not.toContain('score/zero');
    });

    it('follows a file indented with tabs, and a closing brace that is itself indented', async () => {
        const text = 'submission tabs {\n\tyear 2024\n\tattest security-risk-analysis yes completed 2024-01-10\n  }\n';
        const { after } = await quickFix(text, 'attestation/missing', /safer-guide/);
        expect(after).toBe('submission tabs {\n\tyear 2024\n\tattest security-risk-analysis yes completed 2024-01-10\n\tattest safer-guide yes\n  }\n');
    });

    it('puts the statement on its own line when `}` ends the last statement\'s line', async () => {
        const text = 'submission oneline {\n    year 2024\n    note "x" }\n';
        const { after } = await quickFix(text, 'attestation/missing', /safer-guide/);
        expect(after).toBe('submission oneline {\n    year 2024\n    note "x"\n    attest safer-guide yes\n}\n');
    });

    it('adds a missing required measure skeleton', async () => {
        const text = submission({ year: 2024 }).replace('    measure patient-electronic-access 640 / 700\n', '');
        const { after, codesAfter } = await quickFix(text, 'measure/required-missing', /patient-electronic-access/);
        expect(after).toContain('\n    measure patient-electronic-access 0 / 0\n}');
        // The skeleton's numbers are still to be filled in: the zero numerator says so.
        expect(codesAfter).not.toContain('measure/required-missing');
        expect(codesAfter).toContain('measure/numerator-zero');
    });

    it('replaces an exclusion removed that year (PI_EP_2_EX_3 existed in 2023 only)', async () => {
        const text = submission({ year: 2024 }).replace('measure query-of-pdmp yes', 'measure query-of-pdmp excluded PI_EP_2_EX_3');
        const { actions, after, codesAfter } = await quickFix(text, 'measure/not-in-year', /PI_EP_2_EX_1/);
        expect(actions.map(a => a.title)).toEqual(['Claim PI_EP_2_EX_1 instead', 'Claim PI_EP_2_EX_2 instead']);
        expect(after).toContain('measure query-of-pdmp excluded PI_EP_2_EX_1\n');
        expect(codesAfter).not.toContain('measure/not-in-year');
    });

    it('moves the period start to satisfy the minimum (180 days in 2024)', async () => {
        const text = submission({ year: 2024, period: 'period 2024-10-01 to 2024-12-31' });
        const { action, after, codesAfter } = await quickFix(text, 'period/too-short');
        expect(action.isPreferred).toBe(true);
        expect(after).toContain('period 2024-07-05 to 2024-12-31');
        expect(codesAfter).not.toContain('period/too-short');
    });

    it('removes a measure that conflicts with the HIE option, with its line', async () => {
        const text = submission({ year: 2024 }).replace('    measure patient-electronic-access', '    measure tefca yes\n    measure patient-electronic-access');
        const { action, after, codesAfter } = await quickFix(text, 'hie/conflicting-options');
        expect(action.title).toMatch(/Remove PI_HIE_6/);
        expect(after).toBe(submission({ year: 2024 }));
        expect(codesAfter).not.toContain('hie/conflicting-options');
    });

    it('fixes an id\'s case', async () => {
        const text = submission({ year: 2024 }).replace('measure e-prescribing', 'measure pi_ep_1');
        const { action, after, codesAfter } = await quickFix(text, 'measure/id-case');
        expect(action.isPreferred).toBe(true);
        expect(after).toContain('measure PI_EP_1 412 / 530');
        expect(codesAfter).not.toContain('measure/id-case');
    });

    it('falls back to the fixes in the diagnostic\'s data when the finding is not in the current analysis', async () => {
        const document = await open(submission({ year: 2024 }));
        const uri = document.uri.toString();
        const range = { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } };
        const data = { code: 'x/y', fixes: [{ title: 'Replace', preferred: true, edits: [{ span: { offset: 0, end: 10 }, text: 'submission' }] }] };
        const actions = await pisub().lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri }, range, context: { diagnostics: [{ range, message: 'gone', code: 'x/y', data }] }
        }) as CodeAction[];
        expect(actions.map(a => [a.title, a.isPreferred])).toEqual([['Replace', true]]);
        expect(actions[0].edit!.changes![uri]).toEqual([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } }, newText: 'submission' }]);
    });

    it('offers nothing when only refactorings are asked for, or for a diagnostic without fixes', async () => {
        const text = submission({ year: 2024 }).replace('attest safer-guide yes', 'attest safer-guide no');
        const document = await open(text);
        const diagnostic = document.diagnostics!.find(d => d.code === 'attestation/safer-not-yes')!;
        const uri = document.uri.toString();
        const provider = pisub().lsp.CodeActionProvider!;
        expect(await provider.getCodeActions(document, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['refactor'] } })).toEqual([]);
        const noFix = { ...diagnostic, code: 'score/zero', data: undefined };
        expect(await provider.getCodeActions(document, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [noFix] } })).toEqual([]);
    });
});
