/** The `weight <n>%` statement and `reporting ssp` (issue 11) through the formatter: canonical text, idempotent. */
import { describe, expect, it } from 'vitest';
import { formatPisubText } from '../../src/language/lsp/format-text.js';
import { pisub } from './lsp-helpers.js';

describe('formatter: weight and ssp', () => {
    it('writes `weight 30%` without a space before the sign, and leaves it so', () => {
        const once = formatPisubText(pisub(), 'submission w {\n    year 2026\n  weight   30 %\n    reporting   ssp\n}\n');
        expect(once).toMatchObject({ ok: true, changed: true, text: 'submission w {\n    year 2026\n    weight 30%\n    reporting ssp\n}\n' });
        const text = once.ok ? once.text : '';
        expect(formatPisubText(pisub(), text)).toMatchObject({ ok: true, changed: false, text });
    });
});
