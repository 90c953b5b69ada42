import { expectFormatting } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPisubText } from '../../src/language/lsp/format-text.js';
import { submission } from '../helpers/submissions.js';
import { open, pisub } from './lsp-helpers.js';

const format = (text: string) => {
    const result = formatPisubText(pisub(), text);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.text;
};

const MESSY = `// Header comment
# second header line
submission   messy-2024{ year 2024
  practice "Messy Practice"
\tentity group   tin 123456789


   period 2024-01-01    to 2024-12-31   cehrt 0015C8AB2CD3EF4
  attest security-risk-analysis yes completed 2024-03-14 // done in March
  /* block
     comment */
  measure e-prescribing 412/530 measure query-of-pdmp yes

  clinician 1234567893 "Dr A" { measure e-prescribing 200/300
  }
}`;

const CANONICAL = `// Header comment
# second header line
submission messy-2024 {
    year 2024
    practice "Messy Practice"
    entity group tin 123456789

    period 2024-01-01 to 2024-12-31
    cehrt 0015C8AB2CD3EF4
    attest security-risk-analysis yes completed 2024-03-14 // done in March
    /* block
     comment */
    measure e-prescribing 412 / 530
    measure query-of-pdmp yes

    clinician 1234567893 "Dr A" {
        measure e-prescribing 200 / 300
    }
}
`;

describe('the formatter', () => {
    it('lays a file out canonically through the editor\'s formatting request', async () => {
        await expectFormatting(pisub())({ before: MESSY, after: CANONICAL });
    });

    it('is idempotent', () => {
        expect(format(CANONICAL)).toBe(CANONICAL);
        expect(format(format(MESSY))).toBe(format(MESSY));
    });

    it('drops blank lines after `{` and before `}`, keeps one between groups, ends with one newline', () => {
        expect(format('submission a {\n\n\n    year 2024\n\n\n\n    note "x"\n\n}\n\n\n')).toBe('submission a {\n    year 2024\n\n    note "x"\n}\n');
    });

    it('keeps signs on counts and comments after braces', () => {
        expect(format('submission a { // the submission\n measure e-prescribing - 5 / 10\n} // end')).toBe(
            'submission a { // the submission\n    measure e-prescribing -5 / 10\n} // end\n');
    });

    it('keeps the spaces before a trailing comment, so aligned comments stay aligned', () => {
        expect(format('submission a {\n  year 2024     // the year\n  note "x"      // a note\n  note  "y"\t// tab: one space\n}')).toBe(
            'submission a {\n    year 2024     // the year\n    note "x"      // a note\n    note "y" // tab: one space\n}\n');
    });

    it('keeps CRLF line endings', () => {
        expect(format('submission a {\r\n  year 2024\r\n}\r\n')).toBe('submission a {\r\n    year 2024\r\n}\r\n');
    });

    it('changes only the layout of every example and test submission, idempotently', () => {
        for (const year of [2022, 2024, 2026]) {
            const text = submission({ year, extra: 'note "x"' });
            expect(format(format(text))).toBe(format(text));
        }
        for (const dir of ['examples/clean', 'examples/problems']) {
            for (const name of readdirSync(dir).filter(n => n.endsWith('.pisub'))) {
                const text = readFileSync(join(dir, name), 'utf8');
                const once = format(text);
                expect(format(once), name).toBe(once);
                // Formatting changes layout only: the same tokens, in the same order.
                expect(once.replace(/\s+/g, ''), name).toBe(text.replace(/\s+/g, ''));
            }
        }
    });

    it('refuses a file with syntax errors: no edits, the errors with line and column', async () => {
        const broken = 'submission a {\n    year\n    period 2024-01-01 2024-12-31\n}\n';
        const result = formatPisubText(pisub(), broken);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors[0]).toEqual({ line: 3, column: 5, message: 'Expected a number (the performance year, e.g. 2024) but found `period`.' });
        const document = await open(broken);
        expect(await pisub().lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } })).toEqual([]);
    });
});

describe('the formatter on random layouts (property)', () => {
    it('gives the same canonical text for any whitespace between the same tokens, idempotently', async () => {
        const fc = await import('fast-check');
        const base = `// header
submission prop-2024 {
    year 2024
    practice "Prop"
    entity group tin 123456789
    period 2024-01-01 to 2024-12-31 // whole year
    attest security-risk-analysis yes completed 2024-03-14
    measure e-prescribing 412 / 530
    clinician 1234567893 "Dr" {
        measure e-prescribing 200 / 300
    }
}
`;
        const canonical = format(base);
        expect(canonical).toBe(base);
        // Split into tokens and the whitespace between them; comments keep their line ends.
        const parts = base.split(/(\/\/[^\n]*|[ \t\n]+)/).filter(p => p !== '');
        const gap = fc.constantFrom(' ', '  ', '\t', ' \t ');
        await fc.assert(fc.property(fc.array(gap, { minLength: parts.length, maxLength: parts.length }), fc.oneof(fc.constant(parts.map(() => false)), fc.array(fc.boolean(), { minLength: parts.length, maxLength: parts.length })), (gaps, newline) => {
            const text = parts.map((p, i) => {
                if (!/^[ \t\n]+$/.test(p)) return p;
                // The spaces before a trailing comment are the author's alignment: kept as they are.
                if (parts[i + 1]?.startsWith('//') && !p.includes('\n')) return newline[i] ? '\n' + gaps[i] : p;
                // A line break stays a line break (a `//` comment ends at it); others may become one.
                return p.includes('\n') ? gaps[i] + '\n' + (newline[i] ? '\n' : '') + gaps[i] : newline[i] ? '\n' + gaps[i] : gaps[i];
            }).join('');
            const once = format(text);
            expect(format(once)).toBe(once);
            // Without an added blank line or a comment moved to its own line, the result is the canonical text.
            const sameLines = parts.every((p, i) => !/^[ \t\n]+$/.test(p) || !newline[i] || (!p.includes('\n') && !parts[i + 1]?.startsWith('//')));
            if (sameLines) expect(once).toBe(canonical);
            expect(once.replace(/\s+/g, '')).toBe(base.replace(/\s+/g, ''));
        }), { numRuns: 200 });
    });
});
