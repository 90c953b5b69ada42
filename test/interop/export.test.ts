import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildQppSubmission, compareMeasureIds, qppJsonText, type QppSubmission } from '../../src/interop/export.js';
import { checkText } from '../helpers/check.js';
import { pisub, ROOT } from '../helpers/cli.js';
import { submission } from '../helpers/submissions.js';
import './interop-helpers.js';

async function exported(text: string, method?: 'registry' | 'electronicHealthRecord'): Promise<QppSubmission> {
    const file = await checkText(text);
    const r = buildQppSubmission(file.analysis!, method);
    expect(r.problem).toBeUndefined();
    return r.submission!;
}

function ids(s: QppSubmission): string[] {
    return s.measurementSets[0].measurements.map(m => m.measureId);
}

describe('export to QPP Submissions API JSON', () => {
    it('writes the fields of the API, in its order, with official ids and values', async () => {
        const s = await exported(readFileSync(join(ROOT, 'examples/clean/riverside-family-medicine-2024.pisub'), 'utf8'));
        expect(Object.keys(s)).toEqual(['entityType', 'taxpayerIdentificationNumber', 'performanceYear', 'measurementSets']);
        expect(s).toMatchObject({ entityType: 'group', taxpayerIdentificationNumber: '123456789', performanceYear: 2024 });
        const set = s.measurementSets[0];
        expect(Object.keys(set)).toEqual(['category', 'submissionMethod', 'programName', 'cehrtId', 'performanceStart', 'performanceEnd', 'measurements']);
        expect(set).toMatchObject({ category: 'pi', submissionMethod: 'registry', programName: 'mips', cehrtId: '0015C8AB2CD3EF4', performanceStart: '2024-01-01', performanceEnd: '2024-12-31' });
        expect(set.measurements).toContainEqual({ measureId: 'PI_EP_1', value: { numerator: 4120, denominator: 4630 } });
        expect(set.measurements).toContainEqual({ measureId: 'PI_PPHI_1', value: true });
        // Engagement levels are measurements of their own.
        expect(set.measurements).toContainEqual({ measureId: 'PI_PHCDRR_1', value: true });
        expect(set.measurements).toContainEqual({ measureId: 'PI_PHCDRR_1_PROD', value: true });
        expect(set.measurements).toContainEqual({ measureId: 'PI_PHCDRR_2_PRE', value: true });
        expect(ids(s)).toEqual([...ids(s)].sort(compareMeasureIds));
    });

    it('individual: NPI included; group/APM: no NPI; APM and virtual group: entityId', async () => {
        const indiv = await exported(submission({ year: 2025, entity: 'entity individual tin 123456789 npi 1234567893' }));
        expect(indiv).toMatchObject({ entityType: 'individual', taxpayerIdentificationNumber: '123456789', nationalProviderIdentifier: '1234567893' });
        expect(indiv).not.toHaveProperty('entityId');
        const apm = await exported(submission({ year: 2025, entity: 'entity apm-entity id A4417' }).replace('{\n', '{\n    reporting app\n'));
        expect(apm).toMatchObject({ entityType: 'apm', entityId: 'A4417' });
        expect(apm).not.toHaveProperty('nationalProviderIdentifier');
        expect(apm.measurementSets[0].programName).toBe('app1');
        const vg = await exported(submission({ year: 2026, entity: 'entity virtual-group id VG-2026-0412' }));
        expect(vg).toMatchObject({ entityType: 'virtualGroup', entityId: 'VG-2026-0412' });
    });

    it('program names: APP Plus and MVPs; the submission method option', async () => {
        const plus = await exported(submission({ year: 2025, extra: 'reporting app-plus' }), 'electronicHealthRecord');
        expect(plus.measurementSets[0]).toMatchObject({ programName: 'appPlus', submissionMethod: 'electronicHealthRecord' });
        const mvp = await exported(submission({ year: 2025, extra: 'reporting mvp G0053' }));
        expect(mvp.measurementSets[0].programName).toBe('G0053');
    });

    it('an exclusion is its own measurement with value true; PDMP is not added when e-Prescribing is excluded', async () => {
        const text = submission({ year: 2024 }).replace('measure e-prescribing 412 / 530', 'measure e-prescribing excluded').replace('measure query-of-pdmp yes\n', '');
        const s = await exported(text);
        expect(s.measurementSets[0].measurements).toContainEqual({ measureId: 'PI_LVPP_1', value: true });
        expect(ids(s)).not.toContain('PI_EP_1');
        expect(ids(s).filter(id => id.startsWith('PI_EP_2'))).toEqual([]);
    });

    it('engagement levels are not exported for 2022 (they do not exist yet)', async () => {
        const text = submission({ year: 2022 }).replace('public-health immunization-registry yes', 'public-health immunization-registry yes engagement production');
        const s = await exported(text);
        expect(ids(s)).toContain('PI_PHCDRR_1');
        expect(ids(s).some(id => id.endsWith('_PROD'))).toBe(false);
    });

    it('is deterministic: the order measures are written in does not change the output', async () => {
        const text = submission({ year: 2024 });
        const lines = text.split('\n');
        const measureLines = lines.filter(l => /^\s+(measure|attest|public-health) /.test(l));
        const reversed = lines.filter(l => !measureLines.includes(l));
        reversed.splice(reversed.length - 2, 0, ...[...measureLines].reverse());
        const a = qppJsonText(await exported(text));
        const b = qppJsonText(await exported(reversed.join('\n')));
        expect(b).toBe(a);
        expect(a.endsWith('}\n')).toBe(true);
        expect(a).toContain('\n  "measurementSets": [\n    {\n      "category": "pi"');
    });

    it('sorts ids by their numbers', async () => {
        expect(['PI_HIE_10', 'PI_HIE_4', 'PI_EP_2', 'PI_PHCDRR_1_PRE', 'PI_PHCDRR_1'].sort(compareMeasureIds))
            .toEqual(['PI_EP_2', 'PI_HIE_4', 'PI_HIE_10', 'PI_PHCDRR_1', 'PI_PHCDRR_1_PRE']);
    });
});

describe('pisub export (CLI)', () => {
    const clean = 'examples/clean/riverside-family-medicine-2024.pisub';

    it('prints to standard output without -o', async () => {
        const r = await pisub(['export', clean]);
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout).measurementSets[0].category).toBe('pi');
        expect(r.stdout.endsWith('\n')).toBe(true);
    });

    it('writes a file atomically, refuses to overwrite without --force, overwrites with it', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-export-'));
        const out = join(dir, 'out.json');
        let r = await pisub(['export', clean, '-o', out]);
        expect(r.code).toBe(0);
        const first = readFileSync(out, 'utf8');
        expect(first).toBe((await pisub(['export', clean])).stdout);

        writeFileSync(out, 'precious');
        r = await pisub(['export', clean, '-o', out]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/already exists; use --force to overwrite it/);
        expect(readFileSync(out, 'utf8')).toBe('precious');

        r = await pisub(['export', clean, '-o', out, '--force']);
        expect(r.code).toBe(0);
        expect(readFileSync(out, 'utf8')).toBe(first);
        expect(readdirSync(dir)).toEqual(['out.json']); // no temporary file left behind
    });

    it('does not export a file with errors unless --allow-errors, and lists the errors', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-export-'));
        const out = join(dir, 'out.json');
        const bad = 'examples/problems/2024-safer-guide-no.pisub';
        let r = await pisub(['export', bad, '-o', out]);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/has \d+ errors?; nothing was exported/);
        expect(r.stderr).toMatch(/2024-safer-guide-no\.pisub:14:24: .*\[attestation\/safer-not-yes\]|\[attestation\/[a-z-]+\]/);
        expect(existsSync(out)).toBe(false);
        r = await pisub(['export', bad, '-o', out, '--allow-errors']);
        expect(r.code).toBe(0);
        expect(JSON.parse(readFileSync(out, 'utf8')).measurementSets[0].measurements).toContainEqual({ measureId: 'PI_PPHI_2', value: false });
    });

    it('never writes over its own input, even with --force', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-export-'));
        const input = join(dir, 'riverside.pisub');
        const text = readFileSync(join(ROOT, clean), 'utf8');
        writeFileSync(input, text);
        const r = await pisub(['export', input, '-o', input, '--force']);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/is the input file itself/);
        expect(readFileSync(input, 'utf8')).toBe(text);
    });

    it('says what the API has no place for (clinician lists)', async () => {
        const r = await pisub(['export', 'examples/problems/2024-group-total-mismatch.pisub', '--allow-errors']);
        expect(r.code).toBe(0);
        expect(r.stderr).toMatch(/note: the clinician list \(2\) is not part of the QPP measurement set and is not exported/);
    });

    it('usage errors and unreadable input exit 2', async () => {
        expect((await pisub(['export'])).code).toBe(2);
        expect((await pisub(['export', 'no-such-file.pisub'])).code).toBe(2);
        expect((await pisub(['export', clean, '--submission-method', 'fax'])).stderr).toMatch(/--submission-method must be one of registry, electronicHealthRecord/);
        expect((await pisub(['export', 'examples/clean'])).code).toBe(2);
    });
});
