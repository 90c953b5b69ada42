import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQppJson } from '../../src/interop/qpp-json.js';
import { analyse } from '../../src/language/rules/engine.js';
import { codes, covered, withCode } from '../helpers/check.js';
import { pisub } from '../helpers/cli.js';
import { checkJson, fixture, officialExample } from './interop-helpers.js';

/** A small valid-shaped QPP submission; `measurements` is JSON text. */
function qpp(o: { year?: string; entity?: string; set?: string; measurements?: string } = {}): string {
    return `{
  ${o.entity ?? '"entityType": "group",\n  "taxpayerIdentificationNumber": "123456789"'},
  "performanceYear": ${o.year ?? '2024'},
  "measurementSets": [{
    "category": "pi",
    "submissionMethod": "registry",
    ${o.set ?? '"programName": "mips",'}
    "cehrtId": "0015C8AB2CD3EF4",
    "performanceStart": "2024-01-01",
    "performanceEnd": "2024-12-31",
    "measurements": [${o.measurements ?? CLEAN_2024}]
  }]
}
`;
}

const CLEAN_2024 = [
    '{ "measureId": "PI_PPHI_1", "value": true }',
    '{ "measureId": "PI_PPHI_2", "value": true }',
    '{ "measureId": "PI_INFBLO_1", "value": true }',
    '{ "measureId": "PI_ONCDIR_1", "value": true }',
    '{ "measureId": "PI_EP_1", "value": { "numerator": 412, "denominator": 530 } }',
    '{ "measureId": "PI_EP_2", "value": true }',
    '{ "measureId": "PI_HIE_1", "value": { "numerator": 120, "denominator": 180 } }',
    '{ "measureId": "PI_HIE_4", "value": { "numerator": 90, "denominator": 100 } }',
    '{ "measureId": "PI_PEA_1", "value": { "numerator": 640, "denominator": 700 } }',
    '{ "measureId": "PI_PHCDRR_1", "value": true }',
    '{ "measureId": "PI_PHCDRR_1_PROD", "value": true }',
    '{ "measureId": "PI_PHCDRR_3", "value": true }',
    '{ "measureId": "PI_PHCDRR_3_PROD", "value": true }'
].join(',\n      ');

describe('QPP JSON as input', () => {
    it('a clean QPP JSON submission has no errors or warnings and scores', async () => {
        const file = await checkJson(qpp());
        expect(file.format).toBe('qpp-json');
        expect(file.diagnostics.filter(d => d.severity !== 'info')).toEqual([]);
        expect(file.analysis?.score.zero).toBe(false);
        expect(file.analysis?.year).toBe(2024);
    });

    it('the official example: its placeholder year is reported clearly, at the placeholder', async () => {
        const text = fixture('submission-example-pi.json');
        const file = await checkJson(text, 'submission-example-pi.json');
        const syntax = withCode(file, 'submission/syntax');
        expect(syntax).toHaveLength(1);
        expect(syntax[0].message).toMatch(/"performanceYear" is "< performanceYearToBeReported >", which is not a year \(a placeholder left in a template\)/);
        expect(covered(file, syntax[0])).toBe('"< performanceYearToBeReported >"');
        expect(syntax[0].line).toBe(5);
    });

    it('the official example with its year filled in: SRA "no", NPI check digit, missing measures — pointing into the JSON', async () => {
        const text = officialExample(2024);
        const file = await checkJson(text, 'example-2024.json');
        const sra = withCode(file, 'attestation/sra-not-yes');
        expect(sra).toHaveLength(1);
        expect(covered(file, sra[0])).toBe('false');
        expect(text.slice(0, sra[0].offset)).toMatch(/"PI_PPHI_1",\s*"value": $/);
        const npi = withCode(file, 'entity/npi-check-digit');
        expect(npi).toHaveLength(1);
        expect(npi[0].severity).toBe('warning');
        expect(covered(file, npi[0])).toBe('9876543210');
        // SAFER guide, PDMP and eCR are missing; the engagement level is read as a measurement.
        expect(codes(file)).toContain('attestation/missing');
        expect(withCode(file, 'measure/required-missing').map(d => d.message).join('\n')).toMatch(/PI_EP_2[\s\S]*PI_PHCDRR_3/);
        expect(codes(file)).not.toContain('public-health/engagement-missing');
        expect(codes(file)).not.toContain('submission/syntax');
        expect(file.analysis?.score.zero).toBe(true);
    });

    it('JSON syntax errors are reported with positions, never a crash', async () => {
        const missingComma = qpp().replace('"performanceYear": 2024,', '"performanceYear": 2024');
        const file = await checkJson(missingComma);
        expect(codes(file)).toEqual(['submission/syntax']);
        expect(file.diagnostics[0].message).toMatch(/JSON syntax error: a comma is expected before this/);
        expect(file.diagnostics[0].line).toBe(5);
        expect(covered(file, file.diagnostics[0])).toBe('"measurementSets"');
        expect(file.analysis).toBeUndefined();

        const empty = await checkJson('');
        expect(codes(empty)).toEqual(['submission/syntax']);
        const comment = await checkJson('// hello\n' + qpp());
        expect(comment.diagnostics[0].message).toMatch(/comments are not allowed/);
        const trailing = await checkJson(qpp() + '}');
        expect(trailing.diagnostics[0].message).toMatch(/unexpected text after the end/);
    });

    it('wrong shapes get clear diagnostics', async () => {
        const array = await checkJson('[1, 2]');
        expect(array.diagnostics[0].message).toMatch(/a JSON object .* not an array/);

        const noSets = await checkJson('{ "entityType": "group", "performanceYear": 2024 }');
        expect(noSets.diagnostics.map(d => d.message)).toEqual([expect.stringMatching(/No "measurementSets"/)]);
        expect(covered(noSets, noSets.diagnostics[0])).toBe('"entityType"');

        const noPi = await checkJson('{ "entityType": "group", "performanceYear": 2024, "measurementSets": [{ "category": "quality", "measurements": [] }] }');
        expect(noPi.diagnostics.map(d => d.message)).toEqual([expect.stringMatching(/No measurement set with "category": "pi"/)]);

        const setsNotArray = await checkJson('{ "measurementSets": {} }');
        expect(setsNotArray.diagnostics[0].message).toMatch(/"measurementSets" must be an array/);
    });

    it('values of the wrong type are errors on the value; the rest is still checked', async () => {
        const text = qpp({ measurements: CLEAN_2024.replace('{ "measureId": "PI_EP_2", "value": true }', '{ "measureId": "PI_EP_2", "value": "true" }') });
        const file = await checkJson(text);
        const syntax = withCode(file, 'submission/syntax');
        expect(syntax).toHaveLength(1);
        expect(syntax[0].message).toMatch(/PI_EP_2: "value" must be true, false or \{ "numerator": n, "denominator": d \}, not a string\. Write true without quotes\./);
        expect(covered(file, syntax[0])).toBe('"true"');
        // Left out, so PDMP is missing as well.
        expect(withCode(file, 'measure/required-missing')[0].message).toMatch(/PI_EP_2/);
    });

    it('a numerator written as a string is an error but keeps its meaning', async () => {
        const text = qpp({ measurements: CLEAN_2024.replace('"numerator": 412', '"numerator": "412"') });
        const file = await checkJson(text);
        expect(withCode(file, 'submission/syntax').map(d => d.message)).toEqual([expect.stringMatching(/PI_EP_1: the numerator must be a JSON number: write 412 without quotes/)]);
        expect(codes(file)).not.toContain('measure/required-missing');
    });

    it('rules point at the JSON text: a measure id in the wrong case, a negative count, a duplicate year', async () => {
        const text = qpp({ measurements: CLEAN_2024.replace('"PI_PEA_1"', '"pi_pea_1"').replace('"numerator": 90', '"numerator": -3') })
            .replace('"performanceYear": 2024,', '"performanceYear": 2024,\n  "performanceYear": 2024,');
        const file = await checkJson(text);
        const idCase = withCode(file, 'measure/id-case');
        expect(idCase).toHaveLength(1);
        expect(covered(file, idCase[0])).toBe('pi_pea_1');
        // Fixes are .pisub text edits: none are offered on JSON.
        expect(idCase[0].fixes).toBeUndefined();
        const negative = withCode(file, 'measure/not-whole-number');
        expect(covered(file, negative[0])).toBe('-3');
        expect(withCode(file, 'submission/duplicate-statement')).toHaveLength(1);
    });

    it('entity types and program names map to the language\'s', () => {
        const cases: [string, string, string, string | undefined][] = [
            ['"entityType": "individual", "taxpayerIdentificationNumber": "123456789", "nationalProviderIdentifier": "1234567893"', '"programName": "app1",', 'individual', 'app'],
            ['"entityType": "apm", "entityId": "A4417"', '"programName": "appPlus",', 'apm-entity', 'app-plus'],
            ['"entityType": "virtualGroup", "entityId": "VG-1"', '"programName": "G0053",', 'virtual-group', 'mvp'],
            ['"entityType": "subgroup", "taxpayerIdentificationNumber": "123456789", "entityId": "SG-1"', '', 'subgroup', undefined]
        ];
        for (const [entity, set, kind, option] of cases) {
            const { model, errors } = parseQppJson(qpp({ entity, set }));
            expect(errors).toEqual([]);
            expect(model!.entities[0].kind.value).toBe(kind);
            expect(model!.reportings[0]?.option.value).toBe(option);
        }
        const bad = parseQppJson(qpp({ entity: '"entityType": "practice"', set: '"programName": "pcf",' }));
        expect(bad.errors.map(e => e.message)).toEqual([
            expect.stringMatching(/Unknown "entityType" "practice". The QPP API accepts "individual", "group", "virtualGroup", "subgroup", "apm"/),
            expect.stringMatching(/"pcf" is Primary Care First \(PCF\): PI is not submitted through that program.*"mips", "app1"/)
        ]);
    });

    it('a field name in the wrong case is named (it would be silently ignored otherwise)', async () => {
        const file = await checkJson(qpp().replace('"performanceYear"', '"performanceyear"').replace('"cehrtId"', '"CehrtId"'));
        const syntax = withCode(file, 'submission/syntax');
        expect(syntax.map(d => d.message)).toEqual([
            '"performanceyear" is not read: QPP field names are case-sensitive. Write "performanceYear".',
            '"CehrtId" is not read: QPP field names are case-sensitive. Write "cehrtId".'
        ]);
        expect(covered(file, syntax[0])).toBe('performanceyear');
        expect(codes(file)).toContain('year/missing');
    });

    it('a TIN written as a number is an error (leading zeros are lost)', async () => {
        const file = await checkJson(qpp({ entity: '"entityType": "group", "taxpayerIdentificationNumber": 123456789' }));
        expect(withCode(file, 'submission/syntax')[0].message).toMatch(/must be a string in quotes, not a number: write "123456789"/);
    });

    it('never throws on mutated or random input', async () => {
        const base = officialExample(2025);
        fc.assert(fc.property(fc.integer({ min: 0, max: base.length }), fc.integer({ min: 0, max: 20 }), fc.string({ maxLength: 8 }), (at, cut, insert) => {
            const text = base.slice(0, at) + insert + base.slice(Math.min(base.length, at + cut));
            const parsed = parseQppJson(text);
            for (const e of parsed.errors) {
                expect(e.offset).toBeGreaterThanOrEqual(0);
                expect(e.end).toBeLessThanOrEqual(text.length);
                expect(e.end).toBeGreaterThanOrEqual(e.offset);
            }
            if (parsed.model) analyse(parsed.model);
        }), { numRuns: 300, seed: 9 });
        fc.assert(fc.property(fc.json(), text => {
            const parsed = parseQppJson(text);
            if (parsed.model) analyse(parsed.model);
        }), { numRuns: 300, seed: 9 });
    });
});

describe('pisub check / score on QPP JSON (CLI)', () => {
    it('checks an explicit .json file with positions into the JSON; folders pick up *.qpp.json only', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-json-'));
        writeFileSync(join(dir, 'example.qpp.json'), officialExample(2024));
        writeFileSync(join(dir, 'package.json'), '{ "name": "not a submission" }');
        const one = await pisub(['check', join(dir, 'example.qpp.json')]);
        expect(one.code).toBe(1);
        expect(one.stdout).toMatch(/example\.qpp\.json:54:14: error The Security Risk Analysis is answered "no".*\[attestation\/sra-not-yes\]/);
        const folder = await pisub(['check', dir]);
        expect(folder.stdout).toMatch(/^1 file checked/m);
        expect(folder.stdout).not.toContain('package.json');
        const explicit = await pisub(['check', join(dir, 'package.json')]);
        expect(explicit.stdout).toMatch(/package\.json:1:3: error No "measurementSets"/);
    });

    it('scores a QPP JSON file', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-json-'));
        writeFileSync(join(dir, 'clean.json'), qpp());
        const r = await pisub(['score', join(dir, 'clean.json'), '--format', 'json']);
        expect(r.code).toBe(0);
        const score = JSON.parse(r.stdout);
        expect(score.performanceYear).toBe(2024);
        expect(score.zero).toBe(false);
        expect(score.score).toBeGreaterThan(0);
    });
});
