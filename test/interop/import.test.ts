import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importSubmission } from '../../src/interop/import.js';
import { writePisub } from '../../src/interop/pisub-writer.js';
import { programOf } from '../../src/interop/qrda3.js';
import { checkText, codes, withCode } from '../helpers/check.js';
import { pisub } from '../helpers/cli.js';
import { fixture, FIXTURES, meaning, officialExample } from './interop-helpers.js';

function imported(name: string, text = fixture(name), year?: string): string {
    const r = importSubmission(name, text, { year });
    expect(r.problems).toEqual([]);
    return r.written!.text;
}

/** The statement lines of a .pisub text (comments and blank lines dropped). */
function statements(text: string): string[] {
    return text.split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('//'));
}

describe('import from QRDA III', () => {
    it('App1 group 2022: entity, program, period, CEHRT and every PI measure; the result is clean', async () => {
        const text = imported('App1-Group-QRDA-III-2022.xml');
        expect(text.split('\n')[0]).toBe('// Imported by `pisub import` from the QRDA III file App1-Group-QRDA-III-2022.xml.');
        expect(statements(text)).toEqual([
            'submission good-health-clinic-2022 {',
            'year 2022',
            'practice "Good Health Clinic"',
            'entity group tin 000777777',
            'reporting app',
            'period 2022-09-27 to 2022-12-25',
            'cehrt XX15EXXXXXXXXXX',
            'attest security-risk-analysis yes',
            'attest safer-guide yes',
            'attest actions-to-limit-interoperability yes',
            'attest onc-direct-review yes',
            'attest onc-acb-surveillance yes',
            'measure e-prescribing 752879 / 762398',
            'measure query-of-pdmp yes',
            'measure hie-bi-directional-exchange yes',
            'measure patient-electronic-access 277373 / 283717',
            'public-health immunization-registry yes',
            'public-health electronic-case-reporting yes',
            'public-health public-health-registry yes',
            'public-health clinical-data-registry no',
            '}'
        ]);
        expect(text).toMatch(/\n    year 2022\n/); // 4-space indentation
        const file = await checkText(text, 'imported.pisub');
        // CMS's sample carries the placeholder id XX15EXXXXXXXXXX: 10 letters in a row, which the CHPL
        // never generates, so it is flagged (a warning); nothing else.
        expect(file.diagnostics.filter(d => d.severity !== 'info').map(d => `${d.severity} ${d.code}`)).toEqual(['warning cehrt/letters-in-a-row']);
    });

    it('App1 individual 2025: TIN and NPI of the performer, yes/no and proportions', async () => {
        const text = imported('App1-Indv-QRDA-III-2025.xml');
        expect(statements(text)).toEqual(expect.arrayContaining([
            'entity individual tin 990000099 npi 2567891421',
            'reporting app',
            'period 2025-01-01 to 2025-12-31',
            'cehrt XX15CXXXXXXXXXX',
            'measure e-prescribing 750 / 800',
            'measure query-of-pdmp yes',
            'measure patient-electronic-access 600 / 800'
        ]));
        const file = await checkText(text, 'imported.pisub');
        expect(codes(file)).not.toContain('submission/syntax');
        expect(file.analysis?.year).toBe(2025);
    });

    it('the negative sample (PI_HIE_5 with PI_HIE_1) imports, and check reports the HIE conflict', async () => {
        const r = importSubmission('negative-mipsInvalidPIMeasureIds.xml', fixture('negative-mipsInvalidPIMeasureIds.xml'), { year: '2024' });
        const text = r.written!.text;
        // PI_HIE_5 is yes/no; the file gives it as a proportion: imported as yes, and said so.
        expect(text).toMatch(/\/\/ The QRDA III file reports PI_HIE_5 as 300 \/ 600, but it is a yes\/no measure: imported as yes \(numerator ≥ 1\)\.[^\n]*\n    measure hie-bi-directional-exchange yes\n/);
        expect(text).toContain('// Performance year set to 2024 by --year (the file says 2020).');
        const file = await checkText(text, 'negative.pisub');
        const conflict = withCode(file, 'hie/conflicting-options');
        expect(conflict).toHaveLength(1);
        expect(conflict[0].message).toMatch(/PI_HIE_5 belongs to HIE option \{PI_HIE_5\}, but option \{PI_HIE_1 \+ PI_HIE_4\} is also reported/);
    });

    it('without --year the negative sample keeps its own year (2020): unsupported, and the HIE conflict as a warning', async () => {
        const r = importSubmission('negative-mipsInvalidPIMeasureIds.xml', fixture('negative-mipsInvalidPIMeasureIds.xml'));
        expect(r.written!.warnings.some(p => p.includes('2020') && p.includes('--year'))).toBe(true);
        const file = await checkText(r.written!.text, 'negative.pisub');
        expect(codes(file)).toContain('year/unsupported');
        // pisub has no 2020 rules, but HIE_5 with HIE_1/HIE_4 conflicts in every year it knows.
        const conflicts = file.diagnostics.filter(d => d.code === 'hie/conflicting-options');
        expect(conflicts.length).toBeGreaterThan(0);
        expect(conflicts.every(d => d.severity === 'warning' && d.message.includes('every year it knows'))).toBe(true);
    });

    it('reads the program and entity from intendedRecipient', () => {
        // The conversion tool's table (Constants.java, ClinicalDocumentDecoder.getProgramNameEntityPair).
        expect(programOf('MIPS_INDIV')).toEqual({ kind: 'individual', option: 'traditional', program: 'mips' });
        expect(programOf('MIPS_GROUP')).toEqual({ kind: 'group', option: 'traditional', program: 'mips' });
        expect(programOf('MIPS_VIRTUALGROUP')).toEqual({ kind: 'virtual-group', option: 'traditional', program: 'mips' });
        expect(programOf('MIPS_SUBGROUP')).toEqual({ kind: 'subgroup', option: 'traditional', program: 'mips' });
        expect(programOf('MIPS_APMENTITY')).toEqual({ kind: 'apm-entity', option: 'traditional', program: 'mips' });
        expect(programOf('MIPS_APP1_INDIV')).toEqual({ kind: 'individual', option: 'app', program: 'app1' });
        expect(programOf('MIPS_APP1_APMENTITY')).toEqual({ kind: 'apm-entity', option: 'app', program: 'app1' });
        expect(programOf('APP_PLUS_GROUP')).toEqual({ kind: 'group', option: 'app-plus', program: 'appPlus' });
        // Outside the table the tool reads an individual report named by the code: valid only for mips/app1.
        expect(programOf('MIPS')).toEqual({ kind: 'individual', option: 'traditional', program: 'mips' });
        for (const bad of ['MIPS_FOO', 'PCF', 'CPCPLUS', 'SSP_PI_INDIVIDUAL', '']) expect(programOf(bad)).toBeUndefined();
    });

    it('refuses what is not a QRDA III PI report, with a reason', async () => {
        expect(importSubmission('a.xml', '<ClinicalDocument><oops></ClinicalDocument>').problems[0]).toMatch(/^not well-formed XML/);
        expect(importSubmission('a.xml', '<html/>').problems[0]).toMatch(/root element is <html>/);
        expect(importSubmission('a.xml', '<ClinicalDocument xmlns="urn:hl7-org:v3"/>').problems[0]).toMatch(/not a QRDA Category III report/);
        const noPi = fixture('App1-Group-QRDA-III-2022.xml').replaceAll('2.16.840.1.113883.10.20.27.2.5', '9.9.9');
        expect(importSubmission('a.xml', noPi).problems[0]).toMatch(/no Promoting Interoperability section/);
        expect(importSubmission('a.xml', '').problems[0]).toMatch(/not well-formed XML/);
    });
});

describe('import never throws', () => {
    it('on mutated QRDA III and QPP JSON files, and what it writes always parses', async () => {
        for (const [name, base] of [['x.xml', fixture('negative-mipsInvalidPIMeasureIds.xml')], ['x.json', officialExample(2024)]]) {
            await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: base.length }), fc.integer({ min: 0, max: 40 }), fc.string({ maxLength: 10 }), async (at, cut, insert) => {
                const r = importSubmission(name, base.slice(0, at) + insert + base.slice(at + cut));
                expect(r.written !== undefined || r.problems.length > 0).toBe(true);
                // The importer's check of its own output never finds a difference.
                expect(r.problems.join('\n')).not.toMatch(/own output/);
                if (!r.written) return;
                const file = await checkText(r.written.text, 'fuzz.pisub');
                expect(file.diagnostics.filter(d => d.code === 'submission/syntax')).toEqual([]);
            }), { numRuns: 120, seed: 12 });
        }
    });
});

describe('import of any text in any field', () => {
    it('writes statements that mean exactly the source (control characters, quotes, line breaks, unicode)', async () => {
        const field = fc.string({ unit: 'binary', maxLength: 12 });
        const keywordOrText = fc.oneof(field, fc.constantFrom('yes', 'no', 'entity', 'to', 'measure', 'excluded', 'engagement', 'PI_EP_1', 'pi_ep_1'));
        const count = fc.oneof(fc.constantFrom('-1', '1.5', '1e400', '0.0', '1E2', '-0', '12345678901234567890', '4.9e1'), fc.integer().map(String));
        await fc.assert(fc.asyncProperty(field, field, keywordOrText, field, count, async (tin, cehrt, id, program, numerator) => {
            const json = officialExample(2024).replace('"numerator": 49', `"numerator": ${numerator}`)
                .replace('"000456789"', JSON.stringify(tin))
                .replace('"XX15CXXXXXXXXXX"', JSON.stringify(cehrt))
                .replace('"PI_ONCDIR_1"', JSON.stringify(id))
                .replace('"category": "pi",', `"category": "pi", "programName": ${JSON.stringify(program)},`);
            const r = importSubmission('x.json', json);
            expect(r.problems).toEqual([]);
            const w = r.written!;
            // Every line is a comment, a blank line, or one statement of the writer's; the self-check passed.
            const file = await checkText(w.text, 'x.pisub');
            expect(file.diagnostics.filter(d => d.code === 'submission/syntax')).toEqual([]);
            expect(file.analysis!.model.entries.length).toBe(statements(w.text).filter(l => /^(measure|attest|public-health) /.test(l)).length);
            expect(file.analysis!.model.notes).toEqual([]);
            expect(file.analysis!.model.statuses).toEqual([]);
            // eslint-disable-next-line no-control-regex
            expect(w.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
        }), { numRuns: 150, seed: 909 });
    });
});

describe('the .pisub writer', () => {
    it('writes any identifier or name so that it parses and reads back unchanged', async () => {
        const value = (min: number, max: number) => fc.string({ minLength: min, maxLength: max });
        await fc.assert(fc.asyncProperty(fc.string({ maxLength: 12 }), value(1, 12), value(1, 16), async (practice, tin, cehrt) => {
            const written = writePisub({
                sourceKind: 'QPP JSON', sourceName: 'x.json', year: '2024', practice: practice.trim() || undefined,
                entity: { kind: 'group', tin }, period: { start: '2024-01-01', end: '2024-12-31' }, cehrt, measurements: [], comments: []
            });
            const file = await checkText(written.text, 'w.pisub');
            expect(file.diagnostics.filter(d => d.code === 'submission/syntax')).toEqual([]);
            const m = file.analysis!.model;
            // Control characters never reach the text: runs of them become one space, and a warning says so.
            // eslint-disable-next-line no-control-regex
            const clean = (v: string) => v.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim() || undefined;
            expect(m.entities[0].tin[0]?.value).toBe(clean(tin));
            expect(m.cehrts[0]?.value).toBe(clean(cehrt));
            expect(m.practices[0]?.value).toBe(clean(practice));
            if ((clean(tin) ?? '') !== tin.trim()) expect(written.warnings.some(w => w.includes('the TIN'))).toBe(true);
            // One statement per line: the text has exactly the statements meant.
            expect(statements(written.text).length).toBe(5 + (clean(practice) ? 1 : 0) - (clean(cehrt) ? 0 : 1) + 1);
        }), { numRuns: 200, seed: 1212 });
    });
});

describe('import from QPP JSON', () => {
    it('the official example: exclusions and levels join their measure, the result means the same as the JSON', async () => {
        const json = officialExample(2024);
        const text = imported('example.json', json);
        expect(statements(text)).toEqual(expect.arrayContaining([
            'entity individual tin 000456789 npi 9876543210',
            'attest security-risk-analysis no',
            'public-health immunization-registry yes engagement pre-production'
        ]));
        expect(text).toContain('// Submission method in the file: electronicHealthRecord.');
        const fromPisub = await checkText(text, 'x.pisub');
        const fromJson = await checkText(json, 'x.json');
        expect(meaning(fromPisub.analysis!)).toEqual(meaning(fromJson.analysis!));
    });

    it('writes exclusions as `measure <name> excluded <ID>`', async () => {
        const json = officialExample(2024).replace('"measureId": "PI_EP_1",\n\t\t\t\t"value": {\n\t\t\t\t\t"numerator": 49,\n\t\t\t\t\t"denominator": 115\n\t\t\t\t}', '"measureId": "PI_LVPP_1", "value": true');
        expect(json).toContain('PI_LVPP_1');
        expect(statements(imported('x.json', json))).toContain('measure e-prescribing excluded PI_LVPP_1');
    });

    it('keeps the placeholder year out and says so; JSON syntax errors stop the import', async () => {
        const r = importSubmission('example.json', fixture('submission-example-pi.json'));
        expect(r.written!.text).not.toMatch(/^\s+year /m);
        expect(r.written!.text).toMatch(/\/\/ Error: \/performanceYear \(line 5, column \d+\): "performanceYear" is "< performanceYearToBeReported >"/);
        const broken = importSubmission('x.json', '{ "entityType": ');
        expect(broken.written).toBeUndefined();
        expect(broken.problems[0]).toMatch(/^line 1, column \d+: JSON syntax error/);
    });
});

describe('import is faithful: what breaks a rule is kept for check to report', () => {
    it('an exclusion next to its measure, both engagement levels, an orphan level, odd ids and numbers', async () => {
        // fixtures/odd-measurements.json: written for this test.
        const r = importSubmission('odd.json', fixture('odd-measurements.json'));
        const text = r.written!.text;
        expect(statements(text)).toEqual([
            'submission entity-a4417-2025 {',
            'year 2025',
            'entity apm-entity id A4417',
            'reporting mvp M0001',
            'period 2025-01-01 to 2025-12-31',
            'cehrt 0015C8AB2CD3EF4',
            'measure e-prescribing 3 / 4',
            'measure e-prescribing-exclusion yes',
            'measure pi_pea_1 1.5 / 4',
            'public-health immunization-registry yes engagement pre-production',
            'public-health PI_PHCDRR_1_PROD yes',
            'public-health PI_PHCDRR_3_PROD yes',
            'measure PI_FOO_9 no',
            '}'
        ]);
        expect(r.problems).toEqual([]);
        expect(r.written!.errors).toEqual([
            expect.stringMatching(/^\/measurementSets\/0\/measurements\/\d+\/value \(line 14, column 46\): PI_PHCDRR_3: "value" must be true, false/),
            expect.stringMatching(/^\/measurementSets\/0\/measurements\/\d+\/measureId \(line \d+, column \d+\): measure id "PI BAD" is not a valid measure id .*it was left out\.$/)
        ]);
        expect(text).toContain('// Error: /measurementSets/0/measurements/');
        const file = await checkText(text, 'odd.pisub');
        expect(codes(file)).toEqual(expect.arrayContaining([
            'exclusion/with-measure', 'public-health/engagement-conflict', 'public-health/engagement-without-yes',
            'measure/id-case', 'measure/not-whole-number', 'measure/unknown'
        ]));
        expect(codes(file)).not.toContain('submission/syntax');
    });
});

describe('pisub import (CLI)', () => {
    it('writes the .pisub file, never overwrites without --force, leaves no temporary file', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-import-'));
        const out = join(dir, 'good.pisub');
        let r = await pisub(['import', join(FIXTURES, 'App1-Indv-QRDA-III-2025.xml'), '-o', out]);
        expect(r.code).toBe(0);
        expect(r.stderr).toMatch(/wrote .*good\.pisub \(submission good-healthcare-practice-2025\)/);
        expect(readFileSync(out, 'utf8')).toBe((await pisub(['import', join(FIXTURES, 'App1-Indv-QRDA-III-2025.xml')])).stdout);
        writeFileSync(out, 'mine');
        r = await pisub(['import', join(FIXTURES, 'App1-Indv-QRDA-III-2025.xml'), '-o', out]);
        expect(r.code).toBe(2);
        expect(readFileSync(out, 'utf8')).toBe('mine');
        expect((await pisub(['import', join(FIXTURES, 'App1-Indv-QRDA-III-2025.xml'), '-o', out, '--force'])).code).toBe(0);
        expect(readFileSync(out, 'utf8')).toMatch(/^\/\/ Imported by `pisub import`/);
        expect(readdirSync(dir)).toEqual(['good.pisub']);
    });

    it('writes the canonical layout: `pisub format --check` finds nothing to change', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-import-'));
        const sources = ['App1-Group-QRDA-III-2022.xml', 'App1-Indv-QRDA-III-2025.xml', 'negative-mipsInvalidPIMeasureIds.xml', 'submission-example-pi.json', 'odd-measurements.json'];
        for (const [i, name] of sources.entries()) {
            // Exit 1 where the source has elements that could not be imported as they are; the file is written anyway.
            expect((await pisub(['import', join(FIXTURES, name), '-o', join(dir, `${i}.pisub`)])).code).toBeLessThanOrEqual(1);
        }
        const r = await pisub(['format', '--check', dir]);
        expect(r.stderr + r.stdout).toMatch(/0 would change, 5 already formatted/);
        expect(r.code).toBe(0);
    });

    it('the negative sample: import with --year, then check reports hie/conflicting-options', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-import-'));
        const out = join(dir, 'negative.pisub');
        expect((await pisub(['import', join(FIXTURES, 'negative-mipsInvalidPIMeasureIds.xml'), '--year', '2025', '-o', out])).code).toBe(0);
        expect(readFileSync(out, 'utf8')).toMatch(/\/\/ Warning: \/ClinicalDocument\/component\/structuredBody\/component\/section\/entry\[2\]\/organizer \(line 238\): The QRDA III file reports PI_HIE_5 as 300 \/ 600/);
        const r = await pisub(['check', out]);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/negative\.pisub:\d+:\d+: error PI_HIE_5 belongs to HIE option \{PI_HIE_5\}.*\[hie\/conflicting-options\]/);
    });

    it('clear errors: unknown extension, missing file, broken JSON, bad --year', async () => {
        expect((await pisub(['import', 'README.md'])).code).toBe(2);
        expect((await pisub(['import', 'missing.json'])).stderr).toMatch(/missing\.json: no such file or folder/);
        const dir = mkdtempSync(join(tmpdir(), 'pisub-import-'));
        writeFileSync(join(dir, 'broken.json'), '{ "entityType": "group",, }');
        const r = await pisub(['import', join(dir, 'broken.json')]);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/cannot import:\n {2}line 1, column \d+: JSON syntax error/);
        expect(r.stderr).not.toMatch(/\bat .*\.cjs:\d+/); // no stack trace
        expect((await pisub(['import', join(FIXTURES, 'App1-Indv-QRDA-III-2025.xml'), '--year', '25'])).code).toBe(2);
    });
});
