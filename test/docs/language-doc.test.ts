import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRIENDLY_NAMES } from '../../src/language/data/names.js';
import { checkText } from '../helpers/check.js';

const root = join(__dirname, '..', '..');
const doc = readFileSync(join(root, 'docs', 'language.md'), 'utf8');
const grammar = readFileSync(join(root, 'src', 'language', 'pisub.langium'), 'utf8');

describe('docs/language.md', () => {
    it('mentions every keyword of the grammar', () => {
        const keywords = new Set([...grammar.matchAll(/'([a-z][a-z-]*)'/g)].map(m => m[1]));
        expect(keywords.size).toBeGreaterThan(20);
        for (const k of keywords) expect(doc, k).toContain(k);
    });

    it('lists every friendly name', () => {
        for (const [id, names] of Object.entries(FRIENDLY_NAMES)) {
            expect(doc).toContain(id);
            for (const n of names) expect(doc, n).toContain(`\`${n}\``);
        }
    });

    it('its opening example is a clean 2024 submission', async () => {
        const example = /```pisub\n([\s\S]*?)```/.exec(doc)![1];
        const file = await checkText(example);
        expect(file.diagnostics).toEqual([]);
    });
});
