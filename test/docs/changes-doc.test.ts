import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_SENTENCES } from '../../src/language/data/official-sentences.js';
import { SOURCES } from '../../src/language/data/sources.js';
import { RULES } from '../../src/language/rules/catalogue.js';
import { changesFor, changesIn, renderChangesByYear } from '../../src/language/rules/changes.js';

describe('docs/changes-by-year.md', () => {
    it('is generated from the data (run `npm run docs` after changing facts, measure data or rules)', () => {
        const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'changes-by-year.md'), 'utf8');
        expect(doc).toBe(renderChangesByYear());
    });

    it('lists the changes the official texts name, each with its source', () => {
        const has = (year: number, subject: string, text: RegExp) =>
            expect(changesIn(year).some(c => c.subject === subject && text.test(c.text)), `${year} ${subject} ${text}`).toBe(true);
        has(2023, 'PI_EP_2', /bonus → required/);
        has(2023, 'PI_HIE_6', /added/);
        has(2024, 'period', /90 → 180/);
        has(2024, 'PI_PPHI_2', /yes, no → yes/);
        has(2025, 'PI_PHCDRR_3', /suppressed|PI_PHCDRR_3/);
        has(2026, 'PI_PPHI_2', /2025/);
        has(2026, 'reporting', /ssp/);
        for (const year of [2023, 2024, 2025, 2026, 2027]) {
            for (const c of changesIn(year)) for (const s of c.sources) expect(SOURCES[s], `${year}: ${c.text}`).toBeDefined();
        }
        expect(changesIn(2022)).toEqual([]);
        expect(changesFor(2024, 'PI_HIE_1')).toEqual([]);
    });
});

describe('official sentences (docs/rules.md)', () => {
    it('name only codes that exist in the rule catalogue', () => {
        for (const s of OFFICIAL_SENTENCES) {
            for (const [, code] of s.treatment.matchAll(/`([a-z-]+\/[a-z-]+)`/g)) expect(RULES.has(code), `${s.source} ${s.where}: ${code}`).toBe(true);
        }
    });

    it('cover every official text in shared/reference/cms/', () => {
        for (const id of ['cfr', 'guide2023', 'guide2024', 'safer2023', 'safer2024'] as const) {
            expect(OFFICIAL_SENTENCES.filter(s => s.source === id).length, id).toBeGreaterThan(5);
        }
        // Sentences that cannot be checked from a submission say why.
        for (const s of OFFICIAL_SENTENCES.filter(x => /not checkable/.test(x.treatment))) expect(s.treatment, s.where).toMatch(/not checkable[^a-z]*[:(a-z]/);
    });
});
