/**
 * Hover says when the rule behind a statement changed in the file's year (rules/changes.ts), shows
 * a measure's points range where an uncertain rule changes them, and words the 2026 Security Risk
 * Analysis as risk analysis and risk management.
 */
import { describe, expect, it } from 'vitest';
import { statusText } from '../../src/extension/score-format.js';
import type { ScoreResponse } from '../../src/language/lsp/score-request.js';
import { submission } from '../helpers/submissions.js';
import { close, open, pisub } from './lsp-helpers.js';

async function hoverAt(text: string, needle: string): Promise<string> {
    const offset = text.indexOf(needle);
    if (offset < 0) throw new Error(`${needle} not in text`);
    const document = await open(text);
    try {
        const result = await pisub().lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset)
        });
        return (result?.contents as { value: string } | undefined)?.value ?? '';
    } finally {
        close(document);
    }
}

describe('hover: what changed this year', () => {
    it('the period in 2024 (90 → 180 days); not in 2025', async () => {
        expect(await hoverAt(submission({ year: 2024 }), 'period')).toMatch(/\*\*Changed in 2024\*\* \(from 2023\):\n- Minimum continuous days in the performance period: 90 → 180/);
        expect(await hoverAt(submission({ year: 2025 }), 'period')).not.toContain('Changed in');
    });

    it('the SAFER Guide in 2024 ("no" no longer satisfies it) and 2026 (the 2025 edition)', async () => {
        expect(await hoverAt(submission({ year: 2024 }), 'safer-guide')).toContain('SAFER Guide answers that satisfy the measure: yes, no → yes');
        expect(await hoverAt(submission({ year: 2026 }), 'safer-guide')).toContain('SAFER Guide edition required: not stated → 2025');
    });

    it('Query of PDMP in 2023 (bonus → required)', async () => {
        expect(await hoverAt(submission({ year: 2023 }), 'query-of-pdmp')).toContain('PI_EP_2 (Query of the Prescription Drug Monitoring Program (PDMP)): bonus → required');
    });

    it('the Security Risk Analysis from 2026 covers risk analysis and risk management', async () => {
        expect(await hoverAt(submission({ year: 2026 }), 'security-risk-analysis')).toContain('risk analysis and risk management');
        expect(await hoverAt(submission({ year: 2025 }), 'security-risk-analysis')).not.toContain('risk analysis and risk management');
    });

    it('a measure\'s points range where the redistribution is uncertain', async () => {
        const text = submission({ year: 2024 }).replace('measure referral-loops-sending 120 / 180', 'measure PI_LVOTC_1 yes');
        expect(await hoverAt(text, 'referral-loops-receiving')).toMatch(/In this file: 14 of 15 points \(.*; 13–27 depending on .*how CMS redistributes the PI_HIE_1 exclusion/);
    });
});

describe('status bar text with a range', () => {
    it('shows the range next to the score', () => {
        const base = { performanceYear: 2024, score: 86, scoreRange: { min: 83, max: 86 }, rangeReasons: ['how CMS redistributes the PI_HIE_1 exclusion'], zero: false, reweighted: false, zeroReasons: [], zeroTitles: [] };
        expect(statusText(base as unknown as ScoreResponse)).toBe('PI: 86 (83–86)');
        expect(statusText({ ...base, scoreRange: { min: 86, max: 86 } } as unknown as ScoreResponse)).toBe('PI: 86');
    });
});
