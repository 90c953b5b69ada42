/**
 * submission/conflicting-data (pi-rules-notes §7.7; 2023/2024 Quick Start Guides: "Any conflicting data
 * for a single measure or required attestation submitted through multiple submission types will
 * result in a score of 0"): files checked together for the same entity, year and reporting option.
 */
import { describe, expect, it } from 'vitest';
import { workspace } from '../helpers/check.js';
import { submission } from '../helpers/submissions.js';

const base = submission({ year: 2024 });
const renamed = (text: string, name: string) => text.replace('submission test-2024', `submission ${name}`);

describe('submission/conflicting-data', () => {
    it('is an error on both files, and both score 0', async () => {
        const other = renamed(base, 'attested-2024').replace('measure patient-electronic-access 640 / 700', 'measure patient-electronic-access 600 / 700');
        const [a, b] = await workspace().check([{ path: 'registry.pisub', text: base }, { path: 'attested.pisub', text: other }]);
        for (const [file, theirs] of [[a, 'attested.pisub'], [b, 'registry.pisub']] as const) {
            const hits = file.diagnostics.filter(d => d.code === 'submission/conflicting-data');
            expect(hits.map(h => h.severity)).toEqual(['error']);
            expect(hits[0].message).toContain('PI_PEA_1');
            expect(hits[0].message).toContain(theirs);
            expect(file.analysis!.score.zero).toBe(true);
            expect(file.analysis!.score.zeroReasons.map(r => r.code)).toContain('submission/conflicting-data');
        }
        expect(a.text.slice(a.diagnostics.find(d => d.code === 'submission/conflicting-data')!.offset, a.diagnostics.find(d => d.code === 'submission/conflicting-data')!.end)).toBe('640 / 700');
    });

    it('an exclusion against a reported measure conflicts; an attestation answered differently too', async () => {
        const other = renamed(base, 'other-2024').replace('measure query-of-pdmp yes', 'measure query-of-pdmp excluded PI_EP_2_EX_1').replace('attest onc-direct-review yes', 'attest onc-direct-review no');
        const [a] = await workspace().check([{ path: 'a.pisub', text: base }, { path: 'b.pisub', text: other }]);
        const messages = a.diagnostics.filter(d => d.code === 'submission/conflicting-data').map(d => d.message);
        expect(messages.some(m => m.startsWith('PI_EP_2 is "yes" here but excluded (PI_EP_2_EX_1)'))).toBe(true);
        expect(messages.some(m => m.startsWith('PI_ONCDIR_1 is "yes" here but "no"'))).toBe(true);
    });

    it('does not fire for the same data, another year, another entity or another reporting option', async () => {
        const same = renamed(base, 'same-2024');
        const otherTin = renamed(base, 'tin-2024').replace('tin 123456789', 'tin 987654321').replace('640 / 700', '600 / 700');
        const mvp = renamed(base, 'mvp-2024').replace('entity group tin 123456789', 'entity group tin 123456789\n    reporting mvp G0053').replace('640 / 700', '600 / 700');
        const lastYear = submission({ year: 2023 });
        const files = [base, same, otherTin, mvp, lastYear].map((text, i) => ({ path: `f${i}.pisub`, text }));
        for (const file of await workspace().check(files)) {
            expect(file.diagnostics.filter(d => d.code === 'submission/conflicting-data'), file.path).toEqual([]);
        }
    });
});
