/**
 * Import rules (issue 12) and import safety (issue 9, item 4): QRDA III ids and duplicates as the
 * conversion tool reads and rejects them, QPP JSON numbers, wrapper, `aci` sets and programs; what
 * import writes means exactly what the source says (no statement from the input's text), and it
 * checks its own output; hostile nesting is refused per file.
 * Variants are made from CMS's 2025 APP individual sample (test/fixtures/cms/, SOURCES.md).
 */
import '../../src/interop/register.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSubmission, readBack, verifyWritten } from '../../src/interop/import.js';
import { parseQppJson, validPrograms } from '../../src/interop/qpp-json.js';
import { readQrda3 } from '../../src/interop/qrda3.js';
import { checkText } from '../helpers/check.js';
import { pisub, ROOT } from '../helpers/cli.js';
import { officialExample } from './interop-helpers.js';

const BASE = readFileSync(join(ROOT, 'test/fixtures/cms/qrda3/2025-App1-Indv-QRDA-III.xml'), 'utf8');

/** The statement lines of a .pisub text (comments and blank lines dropped, trimmed). */
function statements(text: string): string[] {
    return text.split('\n').map(l => l.trim()).filter(l => l !== '' && !l.startsWith('//'));
}

function replaceOnce(text: string, find: string, by: string): string {
    expect(text).toContain(find);
    return text.replace(find, by);
}

/** The PI section's <component> element, as text. */
function piSection(text: string): { start: number; end: number } {
    const t = text.indexOf('root="2.16.840.1.113883.10.20.27.2.5"');
    const start = text.lastIndexOf('<component>', text.lastIndexOf('<section>', t));
    const end = text.indexOf('</component>', text.indexOf('</section>', t)) + '</component>'.length;
    return { start, end };
}

function imported(text: string, name = 'x.xml') {
    const r = importSubmission(name, text);
    expect(r.problems).toEqual([]);
    return r.written!;
}

describe('QRDA III: duplicates are errors, as the conversion tool rejects them (ProblemCode cited)', () => {
    it('the sample itself imports clean', () => {
        const w = imported(BASE);
        expect(w.errors).toEqual([]);
        expect(statements(w.text)).toContain('measure e-prescribing 750 / 800');
    });

    it('a second PI section: its measures are named, not imported', () => {
        const { start, end } = piSection(BASE);
        const w = imported(BASE.slice(0, end) + BASE.slice(start, end) + BASE.slice(end));
        expect(w.errors).toEqual([expect.stringMatching(/^\/ClinicalDocument\/component\/structuredBody\/component\[\d+\]\/section \(line \d+\): a second Promoting Interoperability section.*\(PI_EP_2, PI_EP_1, PI_PEA_1\) were not imported.*\[CLINICAL_DOCUMENT_CONTAINS_DUPLICATE_PI_SECTIONS \(26\)\]$/)]);
        expect(w.text).toContain(`// Error: ${w.errors[0]}`);
        expect(statements(w.text).filter(l => l.startsWith('measure e-prescribing'))).toHaveLength(1);
    });

    it('two numerators, two ids, two CEHRT ids, two TINs, two period starts', () => {
        const n = BASE.indexOf('code="NUMER"', BASE.indexOf('extension="PI_EP_1"'));
        const numer = BASE.slice(BASE.lastIndexOf('<component>', n), BASE.indexOf('</component>', n) + '</component>'.length);
        let text = BASE.slice(0, BASE.indexOf('</component>', n) + '</component>'.length) + numer.replace('value="750"', 'value="1"') + BASE.slice(BASE.indexOf('</component>', n) + '</component>'.length);
        text = replaceOnce(text, '<id root="2.16.840.1.113883.3.7031" extension="PI_EP_1"/>', '<id root="2.16.840.1.113883.3.7031" extension="PI_EP_1"/><id root="2.16.840.1.113883.3.7031" extension="PI_EP_9"/>');
        text = replaceOnce(text, '<id root="2.16.840.1.113883.3.2074.1" extension="XX15CXXXXXXXXXX" />', '<id root="2.16.840.1.113883.3.2074.1" extension="XX15CXXXXXXXXXX" /><id root="2.16.840.1.113883.3.2074.1" extension="YY15CYYYYYYYYYY"/>');
        text = replaceOnce(text, '<id root="2.16.840.1.113883.4.2" extension="990000099"/>', '<id root="2.16.840.1.113883.4.2" extension="990000099"/><id root="2.16.840.1.113883.4.2" extension="111111111"/>');
        const low = text.lastIndexOf('<low value="20250101"/>');
        text = text.slice(0, low) + '<low value="20250101"/><low value="20250301"/>' + text.slice(low + '<low value="20250101"/>'.length);
        const w = imported(text);
        const errors = w.errors.join('\n');
        expect(errors).toMatch(/PI_EP_1: 2 numerators; only the first was imported\. \[PI_NUMERATOR_DENOMINATOR_VALIDATOR_EXACTLY_ONE_NUMERATOR_OR_DENOMINATOR_CHILD_NODE \(18\)\]/);
        expect(errors).toMatch(/the measure has 2 ids \(PI_EP_1, PI_EP_9\); it was imported as PI_EP_1 only\. \[PI_MEASURE_PERFORMED_RNR_MEASURE_ID_NOT_SINGULAR \(12\)\]/);
        expect(errors).toMatch(/2 different CEHRT ids \(XX15CXXXXXXXXXX, YY15CYYYYYYYYYY\)/);
        expect(errors).toMatch(/2 different TINs \(990000099, 111111111\); an individual report has one/);
        expect(errors).toMatch(/a second performance period start; only the first was imported\. \[REPORTING_PARAMETERS_MUST_CONTAIN_SINGLE_PERFORMANCE_START \(29\)\]/);
        // Each error carries the XML path and line of the offending element.
        for (const e of w.errors) expect(e).toMatch(/^\/ClinicalDocument\/[^ ]+ \(line \d+\): /);
        // What was imported is the first of each.
        expect(statements(w.text)).toEqual(expect.arrayContaining([
            'entity individual tin 990000099 npi 2567891421', 'period 2025-01-01 to 2025-12-31', 'cehrt XX15CXXXXXXXXXX', 'measure e-prescribing 750 / 800'
        ]));
    });

    it('a measure id under another root is read (externalDocument/id/@extension, whatever the root)', () => {
        const text = replaceOnce(BASE, '<id root="2.16.840.1.113883.3.7031" extension="PI_PEA_1"/>', '<id root="1.2.3.4.5" extension="PI_PEA_1"/>');
        expect(statements(imported(text).text)).toContain('measure patient-electronic-access 600 / 800');
    });

    it('a measure twice, a count that is not a whole number, an answer that is not Y/N: named, not imported', () => {
        let text = replaceOnce(BASE, 'extension="PI_PEA_1"', 'extension="PI_EP_1"');
        text = replaceOnce(text, 'code="Y" codeSystem="2.16.840.1.113883.12.136"', 'code="MAYBE" codeSystem="2.16.840.1.113883.12.136"');
        const w = imported(text);
        const errors = w.errors.join('\n');
        expect(errors).toMatch(/PI_EP_1 is reported twice \(first at \/ClinicalDocument\/.*\); this one was not imported/);
        expect(errors).toMatch(/PI_EP_2: the answer code "MAYBE" is not Y or N .*\[PI_MEASURE_PERFORMED_RNR_MEASURE_PERFORMED_EXACT \(11\)\]/);
        const decimal = imported(replaceOnce(BASE, 'value="750"', 'value="750.5"'));
        expect(decimal.errors.join('\n')).toMatch(/PI_EP_1: the numerator "750\.5" is not a whole number; the measure was not imported\. \[AGGREGATE_COUNT_VALUE_NOT_INTEGER \(9\)\]/);
    });

    it('programs: unknown, PCF and CPC+ are errors listing the valid names; MIPS alone is an individual MIPS report', () => {
        for (const [code, pattern] of [
            ['MIPS_FOO', /unknown program name "MIPS_FOO"; read as traditional MIPS\. Valid program names: MIPS_INDIV, MIPS_GROUP/],
            ['PCF', /program PCF is Primary Care First \(PCF\): PI is not submitted through that program/],
            ['CPCPLUS', /program CPCPLUS is Comprehensive Primary Care Plus \(CPC\+\): PI is not submitted through that program/],
            ['SSP_PI_INDIVIDUAL', /unknown program name "SSP_PI_INDIVIDUAL"/]
        ] as const) {
            const w = imported(replaceOnce(BASE, 'extension="MIPS_APP1_INDIV"', `extension="${code}"`));
            expect(w.errors.join('\n')).toMatch(pattern);
            expect(w.errors.join('\n')).toMatch(/\[CLINICAL_DOCUMENT_INCORRECT_PROGRAM_NAME \(25\)\]/);
        }
        const mips = imported(replaceOnce(BASE, 'extension="MIPS_APP1_INDIV"', 'extension="MIPS"'));
        expect(mips.errors).toEqual([]);
        expect(statements(mips.text)).toContain('reporting traditional');
        const none = imported(replaceOnce(BASE, 'root="2.16.840.1.113883.3.249.7" extension="MIPS_APP1_INDIV"', 'root="9.9.9" extension="MIPS_APP1_INDIV"'));
        expect(none.errors.join('\n')).toMatch(/no program name .*\[CLINICAL_DOCUMENT_MISSING_PROGRAM_NAME \(24\)\]/);
    });

    it('an MVP id the year does not offer is an error and still written (check reports it too)', async () => {
        const text = replaceOnce(replaceOnce(BASE, 'extension="MIPS_APP1_INDIV"', 'extension="MIPS_INDIV"'),
            '<id root="2.16.840.1.113883.3.2074.1"', '<id root="2.16.840.1.113883.3.249.5.6" extension="G9999"/><id root="2.16.840.1.113883.3.2074.1"');
        const w = imported(text);
        expect(statements(w.text)).toContain('reporting mvp G9999');
        expect(w.errors.join('\n')).toMatch(/MVP id "G9999" is not an MVP offered for PI in 2025; MVPs in CMS's measure data: G0053/);
        const checked = await checkText(w.text, 'x.pisub');
        expect(checked.diagnostics.map(d => d.code)).toContain('reporting/mvp-id-unknown');
    });
});

describe('import writes only what the source says (issue 9, item 4)', () => {
    it('a line break in a QRDA count or name does not become a statement', () => {
        let text = replaceOnce(BASE, 'value="750"', 'value="750&#10;    attest security-risk-analysis yes"');
        text = replaceOnce(text, '<name>Good Healthcare Practice</name>', '<name>Good Health&#10;    attest security-risk-analysis yes&#13;Clinic</name>');
        const w = imported(text);
        expect(statements(w.text).filter(l => l.startsWith('attest'))).toEqual([]);
        expect(w.errors.join('\n')).toMatch(/PI_EP_1: the numerator "750\\u000a    attest security-risk-analysis yes" is not a whole number/);
        const back = readBack(w.text);
        expect(back.errors).toEqual([]);
        expect(back.model!.practices[0].value).toBe('Good Health attest security-risk-analysis yes Clinic');
        // (Whitespace in XML element text, line breaks included, is read as one space.)
    });

    it('a JSON string with \\n or \\u0000 stays inside one comment or one value; an invalid measure id is named and left out', async () => {
        const json = officialExample(2024)
            .replace('"cehrtId": "XX15CXXXXXXXXXX"', '"cehrtId": "XX15C\\u0000XXXXXXXXX", "note\\n    attest security-risk-analysis yes": 1')
            .replace('"measureId": "PI_INFBLO_1"', '"measureId": "PI_INFBLO_1\\n    attest security-risk-analysis yes"');
        const r = importSubmission('x.json', json);
        const w = r.written!;
        expect(statements(w.text).filter(l => l.startsWith('attest security-risk-analysis'))).toEqual(['attest security-risk-analysis no']);
        expect(w.errors.join('\n')).toMatch(/measure id "PI_INFBLO_1\\n    attest security-risk-analysis yes" is not a valid measure id/);
        expect(w.warnings.join('\n')).toMatch(/the field "note\\u000a    attest security-risk-analysis yes" of the pi measurement set is not part of a PI submission/);
        expect(w.text).not.toContain('\u0000');
        expect(statements(w.text)).toContain('cehrt "XX15C XXXXXXXXX"');
        const checked = await checkText(w.text, 'x.pisub');
        expect(checked.diagnostics.filter(d => d.code === 'submission/syntax')).toEqual([]);
        // The CLI exits 1: the file is written, its errors named on stderr.
        const dir = mkdtempSync(join(tmpdir(), 'pisub-import-rules-'));
        writeFileSync(join(dir, 'x.json'), json);
        const cli = await pisub(['import', join(dir, 'x.json'), '-o', join(dir, 'x.pisub')]);
        expect(cli.code).toBe(1);
        expect(cli.stderr).toMatch(/x\.json: error: \/measurementSets\/0\/measurements\/\d+\/measureId \(line \d+, column \d+\): measure id/);
        expect(cli.stderr).toMatch(/wrote .*x\.pisub \(submission [^)]*\) with 1 error named in its header/);
        for (const line of cli.stderr.split('\n')) expect(line).not.toMatch(/^\s*attest/);
    });

    it('the importer\'s check of its own output finds any statement it did not mean', () => {
        const w = imported(BASE);
        expect(verifyWritten(w)).toBeUndefined();
        const tampered = { ...w, text: w.text.replace('    cehrt XX15CXXXXXXXXXX\n', '    cehrt XX15CXXXXXXXXXX\n    attest security-risk-analysis yes\n') };
        expect(verifyWritten(tampered)).toMatch(/meant .*the text says .*security-risk-analysis yes/);
        const changed = { ...w, text: w.text.replace('750 / 800', '751 / 800') };
        expect(verifyWritten(changed)).toMatch(/e-prescribing 751 \/ 800/);
        const extraEntity = { ...w, text: w.text.replace('    reporting app\n', '    reporting app\n    entity group tin 123456789\n') };
        expect(verifyWritten(extraEntity)).toMatch(/2 `entity` statement\(s\) where 1 was meant/);
        const evidence = { ...w, text: w.text.replace('    reporting app\n', '    reporting app\n    evidence "sra.pdf"\n') };
        expect(verifyWritten(evidence)).toMatch(/1 `evidence` statement\(s\) where 0 was meant/);
        const broken = { ...w, text: w.text.replace('period 2025', 'period "2025') };
        expect(verifyWritten(broken)).toMatch(/it does not parse/);
    });
});

describe('QPP JSON: numbers, the API wrapper, aci, programs', () => {
    const withCounts = (num: string, den: string) => officialExample(2024).replace(/"numerator": 49,\s*"denominator": 115/, `"numerator": ${num}, "denominator": ${den}`);

    it('100, 100.0 and 1e2 are the same whole number; 12.5 stays as written and check reports it', async () => {
        for (const [num, den] of [['49.0', '115.00'], ['4.9e1', '1.15E2'], ['49', '115']]) {
            const parsed = parseQppJson(withCounts(num, den));
            expect(parsed.errors).toEqual([]);
            const ep = parsed.model!.entries.find(e => e.ref.value === 'PI_EP_1')!;
            expect(ep.value).toMatchObject({ numerator: { value: '49' }, denominator: { value: '115' } });
            expect(statements(imported(withCounts(num, den), 'x.json').text)).toContain('measure e-prescribing 49 / 115');
        }
        const half = await checkText(withCounts('12.5', '115'), 'x.json');
        expect(half.diagnostics.filter(d => d.code === 'measure/not-whole-number').map(d => d.message)).toEqual([expect.stringMatching(/12\.5 is not a whole number/)]);
        expect(statements(imported(withCounts('12.5', '115'), 'x.json').text)).toContain('measure e-prescribing 12.5 / 115');
    });

    it('a key given twice and a second pi set are named, not dropped', () => {
        const json = officialExample(2024)
            .replace('"taxpayerIdentificationNumber": "000456789",', '"taxpayerIdentificationNumber": "000456789", "taxpayerIdentificationNumber": "111222333",')
            .replace('"measurementSets": [', '"measurementSets": [{ "category": "pi", "measurements": [{ "measureId": "PI_EP_1", "value": { "numerator": 1, "denominator": 2 }, "value": true }] }, { "category": "ia", "measurements": [] },');
        const w = importSubmission('x.json', json).written!;
        const errors = w.errors.join('\n');
        expect(errors).toMatch(/^\/taxpayerIdentificationNumber \(line \d+, column \d+\): "taxpayerIdentificationNumber" is given twice in this object; the second \("111222333"\) was not imported\.$/m);
        expect(errors).toMatch(/^\/measurementSets\/0\/measurements\/0\/value \(line \d+, column \d+\): "value" is given twice in this object; the second \(true\) was not imported\.$/m);
        expect(errors).toMatch(/^\/measurementSets\/2 \(line \d+, column \d+\): a second "pi" measurement set; its measures \(PI_INFBLO_1, .*PI_PHCDRR_1_PRE\) were not imported/m);
        expect(w.warnings.join('\n')).toMatch(/^\/measurementSets\/1 \(line \d+, column \d+\): the "ia" measurement set was not imported/m);
        expect(statements(w.text)).toContain('measure e-prescribing 1 / 2');
    });

    it('null is "not given", as in the API\'s own responses', async () => {
        const json = officialExample(2024).replace('"entityType": "individual"', '"entityType": "group"').replace('"9876543210"', 'null');
        expect(parseQppJson(json).errors).toEqual([]);
        expect(statements(imported(json, 'x.json').text)).toContain('entity group tin 000456789');
    });

    it('export names the measure statements it leaves out', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-export-left-'));
        const w = imported(BASE);
        writeFileSync(join(dir, 'x.pisub'), w.text.replace('    measure query-of-pdmp yes\n', '    measure query-of-pdmp yes\n    measure PI_FOO_9 yes\n    measure e-prescribing-exclusion 3 / 4\n'));
        const r = await pisub(['export', join(dir, 'x.pisub'), '--allow-errors']);
        expect(r.code).toBe(0);
        expect(r.stderr).toMatch(/warning: left out PI_FOO_9, e-prescribing-exclusion: not a measure of 2025 or not answerable as written/);
        expect(r.stdout).not.toContain('PI_FOO_9');
    });

    it('reads the submission inside the API\'s { "data": { "submission": … } }', async () => {
        const wrapped = `{ "data": { "submission": ${officialExample(2024)} } }`;
        const file = await checkText(wrapped, 'x.json');
        expect(file.diagnostics.filter(d => d.code === 'submission/syntax')).toEqual([]);
        expect(file.analysis!.model.entries.length).toBeGreaterThan(5);
        expect(statements(imported(wrapped, 'x.json').text)).toContain('entity individual tin 000456789 npi 9876543210');
    });

    it('an "aci" set is named for what it is: Advancing Care Information, 2017–2018', () => {
        const aci = officialExample(2018).replace('"category": "pi"', '"category": "aci"');
        const parsed = parseQppJson(aci);
        expect(parsed.errors.map(e => e.message)).toEqual([expect.stringMatching(/"aci", Advancing Care Information: the name of the category in the 2017 and 2018 performance years/)]);
        expect(importSubmission('x.json', aci).problems[0]).toMatch(/^\/measurementSets\/0\/category \(line \d+, column \d+\): .*Advancing Care Information/);
    });

    it('programName: mips, app1, appPlus from 2025, the year\'s MVP ids, ssp from 2026 (reporting ssp); anything else lists the valid values', async () => {
        expect(validPrograms(2022)).toEqual(['mips', 'app1']);
        expect(validPrograms(2025)).toEqual(expect.arrayContaining(['mips', 'app1', 'appPlus', 'G0053', 'M1420']));
        expect(validPrograms(2025)).not.toContain('ssp');
        expect(validPrograms(2026)).toContain('ssp');
        const withProgram = (year: number, program: string) => officialExample(year).replace('"category": "pi",', `"category": "pi", "programName": "${program}",`);
        expect(parseQppJson(withProgram(2025, 'appPlus')).errors).toEqual([]);
        expect(parseQppJson(withProgram(2026, 'ssp')).errors).toEqual([]);
        const ssp = importSubmission('x.json', withProgram(2026, 'ssp')).written!;
        // From 2026 `ssp` is a .pisub reporting option (issue 11): imported as it is, no warning.
        expect(ssp.warnings.join('\n')).not.toMatch(/programName "ssp"/);
        expect(ssp.text).toMatch(/^\s*reporting ssp\s*$/m);
        for (const [year, program, pattern] of [
            [2025, 'MIPS_FOO', /Unknown "programName" "MIPS_FOO" for PI\. Valid values for 2025: "mips", "app1", "appPlus", "G0053", .*"M1425"\.$/],
            [2024, 'CPCPLUS', /Comprehensive Primary Care Plus \(CPC\+\): PI is not submitted through that program/],
            [2024, 'pcf', /Primary Care First \(PCF\): PI is not submitted through that program/]
        ] as const) {
            const errors = parseQppJson(withProgram(year, program)).errors.map(e => e.message);
            expect(errors).toEqual([expect.stringMatching(pattern)]);
            expect(errors[0]).toMatch(/"mips", "app1"/);
        }
        // appPlus before 2025 and an MVP the year does not offer are read, and the rules report them.
        const early = await checkText(withProgram(2024, 'appPlus'), 'x.json');
        expect(early.diagnostics.map(d => d.code)).toContain('reporting/option-not-in-year');
        // So is ssp before 2026 (`reporting ssp` is an option from 2026; the rules say the year).
        expect(parseQppJson(withProgram(2025, 'ssp')).errors).toEqual([]);
        const sspEarly = await checkText(withProgram(2025, 'ssp'), 'x.json');
        expect(sspEarly.diagnostics.filter(d => d.code === 'reporting/option-not-in-year').map(d => d.message)).toEqual([expect.stringMatching(/Shared Savings Program \(`ssp`\) as a PI program from 2026/)]);
    });
});

describe('hostile nesting is refused per file, never a stack overflow', () => {
    it('8,000 nested [ in a .qpp.json', () => {
        const deep = '{"measurementSets":' + '['.repeat(8000) + ']'.repeat(8000) + '}';
        const parsed = parseQppJson(deep);
        expect(parsed.errors.map(e => e.message)).toEqual([expect.stringMatching(/nested 8001 levels deep; .* The file was not read\./)]);
        expect(importSubmission('x.json', deep).problems[0]).toMatch(/nested 8001 levels deep/);
        // Brackets inside strings are not nesting.
        expect(parseQppJson(officialExample(2024).replace('"XX15CXXXXXXXXXX"', `"${'['.repeat(5000)}"`)).errors).toEqual([]);
    });

    it('100,000 nested elements in a QRDA III file', () => {
        const deep = '<ClinicalDocument>' + '<a>'.repeat(100_000) + '</a>'.repeat(100_000) + '</ClinicalDocument>';
        expect(readQrda3(deep, 'x.xml').problems[0]).toMatch(/nests elements more than 200 levels deep/);
    });

    it('check and score on a folder: the deep file is its own error, the other file is still checked; score and check agree on exit codes', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-deep-'));
        writeFileSync(join(dir, 'deep.qpp.json'), '{"measurementSets":' + '['.repeat(8000) + ']'.repeat(8000) + '}');
        writeFileSync(join(dir, 'good.qpp.json'), officialExample(2024));
        const check = await pisub(['check', dir]);
        expect(check.code).toBe(1);
        expect(check.stdout).toMatch(/deep\.qpp\.json:1:\d+: error The JSON is nested 8001 levels deep/);
        expect(check.stdout).toMatch(/good\.qpp\.json:\d+:\d+: /);
        // A readable JSON file that is not a PI submission: exit 1 from both.
        writeFileSync(join(dir, 'aci.json'), officialExample(2018).replace('"category": "pi"', '"category": "aci"'));
        expect((await pisub(['check', join(dir, 'aci.json')])).code).toBe(1);
        const score = await pisub(['score', join(dir, 'aci.json')]);
        expect(score.code).toBe(1);
        expect(score.stderr).toMatch(/Advancing Care Information/);
        expect((await pisub(['score', join(dir, 'deep.qpp.json')])).code).toBe(1);
    });
});
