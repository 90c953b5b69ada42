import { describe, expect, it } from 'vitest';
import type { InlayHint } from 'vscode-languageserver';
import { submission } from '../helpers/submissions.js';
import { close, open, pisub } from './lsp-helpers.js';

async function hints(text: string): Promise<{ line: string; label: string; tooltip: string }[]> {
    const document = await open(text);
    const list = await pisub().lsp.InlayHintProvider!.getInlayHints(document, {
        textDocument: { uri: document.uri.toString() },
        range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) }
    }) as InlayHint[];
    close(document); // the next test's file (same TIN and year) must not be checked against this one
    const lines = text.split('\n');
    return list.map(h => {
        expect(h.position.character).toBe(lines[h.position.line].trimEnd().length); // at the end of the statement
        return { line: lines[h.position.line].trim(), label: String(h.label), tooltip: String(h.tooltip) };
    });
}

async function lens(text: string) {
    const document = await open(text);
    const list = (await pisub().lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } })) ?? [];
    close(document); // the next test's file (same TIN and year) must not be checked against this one
    return list;
}

describe('points per measure (inlay hints)', () => {
    it('shows each scored measure\'s points with the formula, none on attestations', async () => {
        const list = await hints(submission({ year: 2024 }));
        expect(list).toContainEqual({ line: 'measure e-prescribing 412 / 530', label: '8/10 pts', tooltip: '(412/530) × 10 = 7.77 → 8' });
        expect(list).toContainEqual({ line: 'measure query-of-pdmp yes', label: '10/10 pts', tooltip: 'yes → 10' });
        expect(list.find(h => h.line.startsWith('public-health immunization-registry'))?.label).toBe('12.5/12.5 pts');
        expect(list.some(h => h.line.startsWith('attest'))).toBe(false);
    });

    it('follows the year: HIE sending is out of 20 in 2022', async () => {
        const list = await hints(submission({ year: 2022 }));
        expect(list.find(h => h.line.startsWith('measure referral-loops-sending'))?.label).toBe('13/20 pts');
    });

    it('shows an excluded measure and where its points go', async () => {
        const list = await hints(submission({ year: 2024 }).replace('measure query-of-pdmp yes', 'measure query-of-pdmp excluded PI_EP_2_EX_1'));
        const pdmp = list.find(h => h.line.startsWith('measure query-of-pdmp'));
        expect(pdmp?.label).toBe('excluded: 10 pts → PI_EP_1');
        expect(pdmp?.tooltip).toBe("Query of PDMP excluded: its 10 points go to e-Prescribing (CMS's PY23 known issues; pi-rules-notes §7.2).");
        expect(list.find(h => h.line.startsWith('measure e-prescribing'))?.label).toBe('16/20 pts');
    });
});

describe('the total on the submission line (code lens)', () => {
    it('shows the score and runs the breakdown command for this file', async () => {
        const [l] = await lens(submission({ year: 2024 }));
        expect(l.range.start).toEqual({ line: 0, character: 0 });
        expect(l.command?.title).toMatch(/^PI score: \d+ \/ 100/);
        expect(l.command?.command).toBe('pisub.showScoreBreakdown');
        expect(l.command?.arguments?.[0]).toMatch(/^file:\/\/\/test\/doc-\d+\.pisub$/);
    });

    it('says 0 and why when the category scores 0', async () => {
        const [l] = await lens(submission({ year: 2024 }).replace('attest safer-guide yes', 'attest safer-guide no'));
        expect(l.command?.title).toBe('PI score: 0 / 100 — SAFER Guide not "yes"');
    });

    it('says the reasons in words, each rule once, at most three', async () => {
        const text = submission({ year: 2024 }).replace(/\n\s*period [^\n]*/, '').replace(/\n\s*cehrt [^\n]*/, '').replace(/\n\s*measure e-prescribing [^\n]*/, '')
            .replace('attest safer-guide yes', 'attest safer-guide no').replace(/\n\s*attest security-risk-analysis [^\n]*/, '');
        const [l] = await lens(text);
        expect(l.command?.title).toMatch(/^PI score: 0 \/ 100 — No performance period; No CEHRT id; [^;]+; \+\d+ more$/);
        expect(l.command?.title).not.toMatch(/\w+\/[\w-]+/); // no codes
    });
});

describe('points on a file that scores 0', () => {
    it('read as what the measure would earn, the category scoring 0', async () => {
        const list = await hints(submission({ year: 2024 }).replace('attest safer-guide yes', 'attest safer-guide no'));
        expect(list).toContainEqual({ line: 'measure e-prescribing 412 / 530', label: 'would earn 8/10 pts — category scores 0', tooltip: '(412/530) × 10 = 7.77 → 8' });
    });

    it('asks for a supported year when there is none', async () => {
        const [l] = await lens(submission({ year: 2024 }).replace('year 2024', 'year 2019'));
        expect(l.command?.title).toBe('PI score: needs a supported `year`');
    });
});
