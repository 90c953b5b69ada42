import { describe, expect, it } from 'vitest';
import { SUPPORTED_YEARS } from '../../src/language/data/measures.js';
import { checkText } from '../helpers/check.js';
import { submission } from '../helpers/submissions.js';

describe('a clean submission', () => {
    for (const year of SUPPORTED_YEARS) {
        it(`has no errors or warnings in ${year}`, async () => {
            const file = await checkText(submission({ year }));
            const serious = file.diagnostics.filter(d => d.severity !== 'info');
            expect(serious, JSON.stringify(serious, null, 1)).toEqual([]);
            expect(file.analysis?.score.zero).toBe(false);
        });
    }
});
