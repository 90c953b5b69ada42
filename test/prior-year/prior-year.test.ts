/**
 * `prior-year <submission-name>`: a cross-file reference to the practice's previous submission.
 * It resolves across the files checked together (headless workspace and the CLI), and the
 * year-over-year rules run on it: the previous year, the same entity, and (from 2024) at most one
 * performance period at pre-production per public-health measure.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckedFile } from '../../src/language/headless.js';
import { codes, covered, withCode, workspace } from '../helpers/check.js';
import { run as runProcess } from '../helpers/cli.js';
import { yearFile } from './files.js';

async function checkAll(files: Record<string, string>): Promise<Record<string, CheckedFile>> {
    const checked = await workspace().check(Object.entries(files).map(([path, text]) => ({ path, text })));
    return Object.fromEntries(checked.map(f => [f.path, f]));
}

describe('prior-year resolves across the files checked together', () => {
    it('resolves to the other file and raises nothing for a clean progression', async () => {
        const r = await checkAll({
            '2023.pisub': yearFile(2023, { immunization: 'pre-production' }),
            '2024.pisub': yearFile(2024, { immunization: 'production', prior: 'test-2023' })
        });
        expect(r['2024.pisub'].analysis?.model.priorYear?.target?.name?.value).toBe('test-2023');
        const serious = r['2024.pisub'].diagnostics.filter(d => d.severity !== 'info');
        expect(serious, JSON.stringify(serious, null, 1)).toEqual([]);
    });

    it('reports a name that no file declares, on the name, as an error that says what to do', async () => {
        const r = await checkAll({ '2024.pisub': yearFile(2024, { prior: 'test-2032' }) });
        const file = r['2024.pisub'];
        const [d] = withCode(file, 'prior-year/unresolved');
        expect(d.severity).toBe('error');
        expect(covered(file, d)).toBe('test-2032');
        expect(d.message).toContain("No submission named 'test-2032'");
        expect(d.message).not.toMatch(/Could not resolve reference/);
    });

    it('does not resolve to a file of an earlier, separate check', async () => {
        await checkAll({ '2023.pisub': yearFile(2023) });
        const r = await checkAll({ '2024.pisub': yearFile(2024, { prior: 'test-2023' }) });
        expect(codes(r['2024.pisub'])).toContain('prior-year/unresolved');
    });

    it('warns when the prior-year submission is not the previous year', async () => {
        const r = await checkAll({
            '2022.pisub': yearFile(2022),
            '2024.pisub': yearFile(2024, { prior: 'test-2022' })
        });
        const file = r['2024.pisub'];
        const [d] = withCode(file, 'prior-year/not-previous-year');
        expect(d.severity).toBe('warning');
        expect(covered(file, d)).toBe('test-2022');
        expect(d.message).toMatch(/2022 submission, not 2023/);
    });

    it('warns when the prior-year submission belongs to another entity', async () => {
        const r = await checkAll({
            '2023.pisub': yearFile(2023, { entity: 'entity group tin 987654321' }),
            '2024.pisub': yearFile(2024, { prior: 'test-2023' })
        });
        const [d] = withCode(r['2024.pisub'], 'prior-year/different-entity');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain('987654321');
        expect(d.message).toContain('123456789');
    });
});

describe('pre-production at most once per measure (2024+)', () => {
    it('fires for pre-production in 2023 and again in 2024, on the 2024 measure line', async () => {
        const r = await checkAll({
            '2023.pisub': yearFile(2023, { immunization: 'pre-production' }),
            '2024.pisub': yearFile(2024, { immunization: 'pre-production', prior: 'test-2023' })
        });
        const file = r['2024.pisub'];
        const found = withCode(file, 'public-health/pre-production-again');
        expect(found.length).toBe(1);
        expect(found[0].severity).toBe('error'); // 2023 Quick Start Guide: "must progress"
        expect(covered(file, found[0])).toBe('pre-production');
        expect(file.text.slice(file.text.lastIndexOf('\n', found[0].offset) + 1, found[0].end).trim())
            .toBe('public-health immunization-registry yes engagement pre-production');
        expect(found[0].message).toContain('2023');
        expect(found[0].message).toContain('PI_PHCDRR_1');
        // The prior file's own findings stay in the prior file.
        expect(codes(r['2023.pisub'])).not.toContain('public-health/pre-production-again');
    });

    it('does not fire for pre-production then production', async () => {
        const r = await checkAll({
            '2023.pisub': yearFile(2023, { immunization: 'pre-production' }),
            '2024.pisub': yearFile(2024, { immunization: 'production', prior: 'test-2023' })
        });
        expect(codes(r['2024.pisub'])).not.toContain('public-health/pre-production-again');
    });

    it('does not fire for production then pre-production (a different problem, not this rule)', async () => {
        const r = await checkAll({
            '2023.pisub': yearFile(2023, { immunization: 'production' }),
            '2024.pisub': yearFile(2024, { immunization: 'pre-production', prior: 'test-2023' })
        });
        expect(codes(r['2024.pisub'])).not.toContain('public-health/pre-production-again');
    });

    it('does not apply in 2023 (the rule starts with 2024)', async () => {
        // 2022 has no engagement levels; a 2023 pre-production is the first one.
        const r = await checkAll({
            '2022.pisub': yearFile(2022),
            '2023.pisub': yearFile(2023, { immunization: 'pre-production', prior: 'test-2022' })
        });
        expect(codes(r['2023.pisub'])).not.toContain('public-health/pre-production-again');
    });

    it('fires again for 2024 → 2025', async () => {
        const r = await checkAll({
            '2024.pisub': yearFile(2024, { immunization: 'pre-production' }),
            '2025.pisub': yearFile(2025, { immunization: 'pre-production', prior: 'test-2024' })
        });
        expect(withCode(r['2025.pisub'], 'public-health/pre-production-again').length).toBe(1);
    });

    it('follows the chain back over a year that did not report the measure at any level', async () => {
        // "must progress to Validated Data Production in the next performance period for which
        // they report a particular measure": 2024 answered "no", so 2025 is the next one.
        const r = await checkAll({
            '2023.pisub': yearFile(2023, { immunization: 'pre-production' }),
            '2024.pisub': yearFile(2024, { prior: 'test-2023' }).replace('immunization-registry yes engagement production', 'immunization-registry no'),
            '2025.pisub': yearFile(2025, { immunization: 'pre-production', prior: 'test-2024' })
        });
        const [d, ...rest] = withCode(r['2025.pisub'], 'public-health/pre-production-again');
        expect(rest).toEqual([]);
        expect(d.message).toContain('already at pre-production in 2023 (test-2023) and not reported at any level since');
        expect(codes(r['2024.pisub'])).not.toContain('public-health/pre-production-again');
    });

    it('stops at the most recent level: pre-production, production, pre-production is not this rule', async () => {
        const r = await checkAll({
            '2023.pisub': yearFile(2023, { immunization: 'pre-production' }),
            '2024.pisub': yearFile(2024, { immunization: 'production', prior: 'test-2023' }),
            '2025.pisub': yearFile(2025, { immunization: 'pre-production', prior: 'test-2024' })
        });
        expect(codes(r['2025.pisub'])).not.toContain('public-health/pre-production-again');
    });

    it('ends on a cycle of prior-year references', async () => {
        const r = await checkAll({
            'a.pisub': yearFile(2024, { immunization: 'pre-production', prior: 'test-2023' }),
            'b.pisub': yearFile(2023, { immunization: 'pre-production', prior: 'test-2024' })
        });
        expect(withCode(r['a.pisub'], 'public-health/pre-production-again').length).toBe(1);
        expect(codes(r['b.pisub'])).toContain('prior-year/not-previous-year');
    });

    it('compares measure by measure', async () => {
        // Pre-production for immunization in 2023, for case reporting in 2024: each a first time.
        const r = await checkAll({
            '2023.pisub': yearFile(2023, { immunization: 'pre-production' }),
            '2024.pisub': yearFile(2024, { prior: 'test-2023' }).replace('electronic-case-reporting yes engagement production', 'electronic-case-reporting yes engagement pre-production')
        });
        expect(codes(r['2024.pisub'])).not.toContain('public-health/pre-production-again');
    });
});

describe('the CLI resolves prior-year across the files of one run', () => {
    const cli = join(process.cwd(), 'bin/pisub.cjs');
    let dir: string;
    beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'pisub-prior-'));
        writeFileSync(join(dir, 'riverside-2023.pisub'), yearFile(2023, { immunization: 'pre-production' }));
        writeFileSync(join(dir, 'riverside-2024.pisub'), yearFile(2024, { immunization: 'pre-production', prior: 'test-2023' }));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const run = (...args: string[]) => runProcess(process.execPath, [cli, 'check', ...args, '--format', 'json']);
    const byName = (out: string) => Object.fromEntries((JSON.parse(out).files as { path: string; diagnostics: { code: string }[] }[])
        .map(f => [f.path.replace(/^.*[\\/]/, ''), f.diagnostics.map(d => d.code)]));

    it.skipIf(!existsSync(join(process.cwd(), 'out/cli/main.cjs')))('pisub check folder/ resolves the reference and applies the rule', async () => {
        const r = await run(dir);
        expect(r.stderr).toBe('');
        const files = byName(r.stdout);
        expect(files['riverside-2024.pisub']).toContain('public-health/pre-production-again');
        expect(files['riverside-2024.pisub']).not.toContain('prior-year/unresolved');
        expect(r.code).toBe(1); // an error: the 2023 guide says the clinician must progress
    });

    it.skipIf(!existsSync(join(process.cwd(), 'out/cli/main.cjs')))('the 2024 file alone cannot resolve it: an error, exit code 1', async () => {
        const r = await run(join(dir, 'riverside-2024.pisub'));
        expect(byName(r.stdout)['riverside-2024.pisub']).toContain('prior-year/unresolved');
        expect(r.code).toBe(1);
    });
});

describe('a low-volume exclusion after a year with the volume', () => {
    // 2024 claims the e-Prescribing exclusion (fewer than 100 permissible prescriptions); 2023
    // reported e-Prescribing with a denominator of 530.
    const excluded2024 = (denominator2023: number) => ({
        '2023.pisub': yearFile(2023).replace('measure e-prescribing 412 / 530', `measure e-prescribing 40 / ${denominator2023}`),
        '2024.pisub': yearFile(2024, { prior: 'test-2023' }).replace('measure e-prescribing 412 / 530', 'measure e-prescribing excluded').replace('measure query-of-pdmp yes', '')
    });

    it('warns on the exclusion, with the prior year\'s denominator and the threshold', async () => {
        const r = await checkAll(excluded2024(530));
        const file = r['2024.pisub'];
        const [d, ...rest] = withCode(file, 'prior-year/exclusion-despite-volume');
        expect(rest).toEqual([]);
        expect(d.severity).toBe('warning');
        expect(covered(file, d)).toBe('excluded');
        expect(d.message).toBe('PI_LVPP_1 is for fewer than 100 permissible prescriptions during the performance period, but test-2023 (2023) reported PI_EP_1 with a denominator of 530. Check that the exclusion applies this year and keep the EHR report that shows it; otherwise report PI_EP_1.');
    });

    it('is quiet when the prior year was below the threshold too', async () => {
        expect(codes((await checkAll(excluded2024(99)))['2024.pisub'])).not.toContain('prior-year/exclusion-despite-volume');
        expect(codes((await checkAll(excluded2024(100)))['2024.pisub'])).toContain('prior-year/exclusion-despite-volume');
    });

    it('is quiet without a prior year, or when the prior year claimed the exclusion as well', async () => {
        const alone = await checkAll({ '2024.pisub': excluded2024(530)['2024.pisub'].replace('prior-year test-2023', '') });
        expect(codes(alone['2024.pisub'])).not.toContain('prior-year/exclusion-despite-volume');
        const both = await checkAll({
            '2023.pisub': yearFile(2023).replace('measure e-prescribing 412 / 530', 'measure e-prescribing excluded').replace('measure query-of-pdmp yes', ''),
            '2024.pisub': excluded2024(530)['2024.pisub']
        });
        expect(codes(both['2024.pisub'])).not.toContain('prior-year/exclusion-despite-volume');
    });

    it('covers the referral-loop exclusions', async () => {
        const r = await checkAll({
            '2023.pisub': yearFile(2023),
            '2024.pisub': yearFile(2024, { prior: 'test-2023' }).replace('measure referral-loops-sending 120 / 180', 'measure referral-loops-sending excluded')
        });
        const [d] = withCode(r['2024.pisub'], 'prior-year/exclusion-despite-volume');
        expect(d.message).toMatch(/^PI_LVOTC_1 is for fewer than 100 referrals and transitions of care .* PI_HIE_1 with a denominator of 180\./);
    });
});

