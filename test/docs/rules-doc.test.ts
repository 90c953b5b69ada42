import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/language/rules/catalogue.js';
import { renderRuleCatalogue } from '../../src/language/rules/catalogue-docs.js';
import { ruleAnchor } from '../../src/language/rules/docs-links.js';
import { SOURCES } from '../../src/language/data/sources.js';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');

describe('docs/rules.md', () => {
    it('is generated from the rule data (run `npm run docs` after changing rules)', () => {
        expect(doc).toBe(renderRuleCatalogue());
    });

    it('lists every code with its anchor and sources', () => {
        for (const rule of RULES.values()) {
            expect(doc).toContain(`<a id="${ruleAnchor(rule.code)}"></a>`);
            const section = doc.slice(doc.indexOf(`<a id="${ruleAnchor(rule.code)}"></a>`)).split('<a id=')[1];
            expect(section).toContain('- Sources: ');
            for (const s of rule.sources) expect(section).toContain(SOURCES[s].label);
        }
    });

    it('every rule cites at least one source that exists', () => {
        for (const rule of RULES.values()) {
            expect(rule.sources.length, rule.code).toBeGreaterThan(0);
            for (const s of rule.sources) expect(SOURCES[s], `${rule.code}: ${s}`).toBeDefined();
        }
    });
});
