import { describe, expect, it } from 'vitest';
import { checkText } from '../helpers/check.js';

async function syntaxErrors(text: string): Promise<string[]> {
    const file = await checkText(text);
    return file.diagnostics.filter(d => d.code === 'submission/syntax').map(d => d.message);
}

describe('syntax error messages', () => {
    it('say what was expected, what for, and what was found', async () => {
        expect(await syntaxErrors('submission x {\n    year 2024\n    measure e-prescribing 5 / entity group tin 123456789\n}'))
            .toContain('Expected a number (the denominator) but found `entity`.');
        expect(await syntaxErrors('submission x {\n    year\n}')).toEqual(['Expected a number (the performance year, e.g. 2024) but found `}`.']);
        expect(await syntaxErrors('submission x {\n    period 2024-01-01 to\n}')).toEqual(['Expected a date YYYY-MM-DD (the last day of the period) but found `}`.']);
        expect(await syntaxErrors('submission x {\n    period 2024-01-01 2024-12-31\n}')).toEqual(['Expected `to` but found `2024-12-31`.']);
        expect(await syntaxErrors('submission {\n}')).toEqual(['Expected a name (the submission\'s name, e.g. riverside-2024) but found `{`.']);
    });

    it('turn chevrotain\'s lists of alternatives into one readable line', async () => {
        const [kind] = await syntaxErrors('submission x {\n    entity company tin 123456789\n}');
        expect(kind).toBe('Expected one of `individual`, `group`, `virtual-group`, `subgroup` or `apm-entity` (the entity kind) but found `company`.');
        const [value] = await syntaxErrors('submission x {\n    measure e-prescribing maybe\n}');
        expect(value).toBe('Expected the measure\'s value (numerator / denominator, `yes`, `no` or `excluded`) but found `maybe`.');
        for (const message of [kind, value]) {
            expect(message).not.toContain('\n');
            expect(message).not.toMatch(/Token sequences|token of type|Expecting/);
        }
    });

    it('name the end of the file and text after the submission', async () => {
        expect(await syntaxErrors('submission x {\n    year 2024\n')).toEqual(['Expected `}` but found the end of the file.']);
        expect(await syntaxErrors('submission x {\n}\nsubmission y {\n}')).toEqual(
            ['Expected the end of the file after the submission\'s closing `}` but found `submission`. A file holds one submission.']);
    });
});

describe('unexpected characters', () => {
    it('a whole template placeholder is no syntax error (the rules report it); a half-edited one is named', async () => {
        expect(await syntaxErrors('submission x {\n    entity group tin <TIN, 9 digits>\n}')).toEqual([]);
        const [half] = await syntaxErrors('submission x {\n    entity group tin <TIN, 9 dig\n}');
        expect(half).toBe('Unexpected `<`: a placeholder of the new-submission template is written `<like this>` on one line. Replace the whole placeholder, with its angle brackets, by the value.');
    });

    it('name other characters, and typographic quotes', async () => {
        expect((await syntaxErrors('submission x {\n    year 2024 @\n}'))[0]).toBe('Unexpected character `@`: not part of the .pisub language. Comments start with // or #.');
        expect((await syntaxErrors('submission x {\n    practice “Riverside”\n}'))[0]).toMatch(/^Unexpected character `“`: .*write "straight" quotes/);
    });
});
