/**
 * CMS's own public files (test/fixtures/cms/, see SOURCES.md): every file imports, checks, exports
 * and re-imports, and each PI element of the source — every measure id and every identifier (TIN,
 * NPI, entity id, MVP id, subgroup id, CEHRT id, period, program) — is either kept or named in an
 * error or warning (in the file's header and in the result). The inventory of the source is taken
 * here, independently of the importer: by a plain walk of the XML / JSON.
 */
import '../../src/interop/register.js';
import { DOMParser } from '@xmldom/xmldom';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildQppSubmission, qppJsonText } from '../../src/interop/export.js';
import { importSubmission } from '../../src/interop/import.js';
import { idForFriendlyName, preferredName } from '../../src/language/data/names.js';
import { checkText } from '../helpers/check.js';
import { ROOT } from '../helpers/cli.js';
import { meaning } from './interop-helpers.js';

const CMS = join(ROOT, 'test/fixtures/cms');

interface Element { kind: string; value: string }

/** Every element with an attribute root=<oid> (and its extension), by a plain walk of the DOM. */
function qrdaInventory(text: string): Element[] {
    const doc = new DOMParser().parseFromString(text, 'text/xml');
    const out: Element[] = [];
    const roots: Record<string, string> = {
        '2.16.840.1.113883.4.2': 'TIN', '2.16.840.1.113883.4.6': 'NPI', '2.16.840.1.113883.3.249.5.2': 'virtual group id',
        '2.16.840.1.113883.3.249.5.4': 'APM entity id', '2.16.840.1.113883.3.249.5.5': 'subgroup id', '2.16.840.1.113883.3.249.5.6': 'MVP id',
        '2.16.840.1.113883.3.2074.1': 'CEHRT id', '2.16.840.1.113883.3.249.7': 'program'
    };
    // Where the conversion tool reads each (path-correlation.json): performers' ids, participants' MVP id, the
    // intended recipient's program; a CEHRT id anywhere. (The author's or legal authenticator's NPI is not PI data.)
    const where: Record<string, string> = {
        TIN: 'performer', NPI: 'performer', 'virtual group id': 'performer', 'APM entity id': 'performer', 'subgroup id': 'performer',
        'MVP id': 'participant', program: 'informationRecipient'
    };
    const within = (el: globalThis.Element, name: string) => {
        for (let n: globalThis.Node | null = el.parentNode; n; n = n.parentNode) if (n.nodeName === name) return true;
        return false;
    };
    const ids = Array.from(doc.getElementsByTagName('id') as unknown as ArrayLike<globalThis.Element>);
    for (const id of ids) {
        const kind = roots[id.getAttribute('root') ?? ''];
        const value = id.getAttribute('extension');
        if (kind && value && (!where[kind] || within(id, where[kind]))) out.push({ kind, value });
    }
    // PI sections: their measure ids (any root) and reporting periods.
    for (const section of Array.from(doc.getElementsByTagName('section') as unknown as ArrayLike<globalThis.Element>)) {
        const templates = Array.from(section.childNodes as unknown as ArrayLike<globalThis.Element>).filter(n => n.nodeName === 'templateId');
        if (!templates.some(t => t.getAttribute('root') === '2.16.840.1.113883.10.20.27.2.5')) continue;
        for (const doc of Array.from(section.getElementsByTagName('externalDocument') as unknown as ArrayLike<globalThis.Element>)) {
            for (const id of Array.from(doc.getElementsByTagName('id') as unknown as ArrayLike<globalThis.Element>)) {
                const v = id.getAttribute('extension');
                if (v) out.push({ kind: 'measure', value: v });
            }
        }
        for (const tag of ['low', 'high']) {
            for (const el of Array.from(section.getElementsByTagName(tag) as unknown as ArrayLike<globalThis.Element>)) {
                const v = el.getAttribute('value');
                if (v && el.parentNode?.parentNode?.nodeName === 'act') out.push({ kind: 'period', value: v });
            }
        }
    }
    return out;
}

/** The PI set's fields and measure ids, and the submission's identifiers. */
function jsonInventory(text: string): Element[] {
    let root = JSON.parse(text) as Record<string, unknown>;
    if (root.data && typeof root.data === 'object' && (root.data as Record<string, unknown>).submission) root = (root.data as Record<string, Record<string, unknown>>).submission;
    const out: Element[] = [];
    const add = (kind: string, v: unknown) => { if (typeof v === 'string' || typeof v === 'number') out.push({ kind, value: String(v) }); };
    add('TIN', root.taxpayerIdentificationNumber);
    add('NPI', root.nationalProviderIdentifier);
    add('entity id', root.entityId);
    add('year', root.performanceYear);
    for (const set of (root.measurementSets as Record<string, unknown>[]) ?? []) {
        if (set.category !== 'pi') continue;
        add('program', set.programName);
        add('CEHRT id', set.cehrtId);
        add('period', set.performanceStart);
        add('period', set.performanceEnd);
        for (const m of (set.measurements as Record<string, unknown>[]) ?? []) add('measure', m.measureId);
    }
    return out;
}

function files(): string[] {
    return ['qrda3', 'qpp-json'].flatMap(dir => readdirSync(join(CMS, dir)).filter(f => /\.(xml|json)$/.test(f)).sort().map(f => `${dir}/${f}`));
}

describe('CMS corpus: import → check → export → import', () => {
    it('has the files SOURCES.md lists, and SOURCES.md lists every file; the copies are verbatim (same git blob as upstream)', () => {
        const sources = readFileSync(join(CMS, 'SOURCES.md'), 'utf8');
        for (const f of files()) expect(sources).toContain(`\`${f}\``);
        expect(files().length).toBeGreaterThanOrEqual(20);
        let verbatim = 0;
        for (const row of sources.split('\n').filter(l => l.startsWith('| `'))) {
            const file = /^\| `([^`]+)`/.exec(row)![1];
            const blob = /\| `([0-9a-f]{40})` \|$/.exec(row)?.[1];
            if (!blob) { expect(row).toContain('(derived)'); continue; }
            const bytes = readFileSync(join(CMS, file));
            const sha = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
            expect(sha, file).toBe(blob);
            verbatim++;
        }
        expect(verbatim).toBe(files().length - 2);
    });

    for (const path of files()) {
        it(path, async () => {
            const text = readFileSync(join(CMS, path), 'utf8');
            const r = importSubmission(path, text);
            const inventory = path.endsWith('.xml') ? qrdaInventory(text) : jsonInventory(text);
            if (!r.written) {
                // Only the API response with the 2017 ACI set stops: with a message that says why.
                expect(path).toBe('qpp-json/scoring-example-submission-input.json');
                expect(r.problems.join('\n')).toMatch(/Advancing Care Information.*2017 and 2018/);
                return;
            }
            const w = r.written;
            const notes = [...w.errors, ...w.warnings].join('\n');
            // Every note is in the header, one comment line each.
            for (const n of [...w.errors, ...w.warnings]) expect(w.text).toContain(n);
            const checked = await checkText(w.text, 'imported.pisub');
            expect(checked.diagnostics.filter(d => d.code === 'submission/syntax')).toEqual([]);
            const analysis = checked.analysis!;
            const m = analysis.model;
            const resolved = new Set(analysis.resolution?.measurements.map(x => x.measureId));
            // Ids the statements say, also without the year's resolution: the measure, its exclusion, its engagement level.
            const written = new Set(m.entries.flatMap(e => {
                const id = idForFriendlyName(e.ref.value) ?? e.ref.value;
                const level = e.engagement && `${id}_${e.engagement.value === 'production' ? 'PROD' : 'PRE'}`;
                const exclusion = e.value.kind === 'excluded' ? e.value.exclusion?.value : undefined;
                return [e.ref.value, id, level, exclusion].filter((x): x is string => !!x);
            }));
            const header = [m.entities[0]?.tin[0]?.value, m.entities[0]?.npi[0]?.value, m.entities[0]?.entityId[0]?.value, m.reportings[0]?.mvpId?.value, m.cehrts[0]?.value];
            const iso = (v: string) => v.replace(/^(\d{4})(\d{2})(\d{2}).*$/, '$1-$2-$3');
            for (const el of inventory) {
                const kept = el.kind === 'measure' ? resolved.has(el.value) || written.has(el.value) || written.has(preferredName(el.value) ?? el.value)
                    : el.kind === 'period' ? m.periods.some(p => p.start.value === iso(el.value) || p.end.value === iso(el.value))
                    : el.kind === 'year' ? m.years[0]?.value === el.value
                    : el.kind === 'program' ? w.text.includes(`Program in the file: ${el.value}`) || (m.reportings[0]?.option.value === 'traditional' && el.value === 'mips') || m.reportings[0]?.mvpId?.value === el.value || ['app1', 'appPlus'].includes(el.value)
                    : header.includes(el.value);
                const named = notes.includes(el.value);
                expect(kept || named, `${el.kind} ${el.value} of ${path} is neither imported nor named`).toBe(true);
            }

            // Export (errors allowed: the corpus has CMS's negative files), then import the JSON again.
            const exported = buildQppSubmission(analysis);
            if (exported.problem) {
                expect(analysis.year).toBeUndefined(); // a year pisub has no rules for, or none
                return;
            }
            // Every measure statement is exported or named as left out.
            const sent = new Set(exported.submission!.measurementSets[0].measurements.map(x => x.measureId));
            for (const e of m.entries) {
                const measurement = analysis.resolution!.measurements.find(x => x.entry === e);
                expect(measurement ? sent.has(measurement.measureId) || exported.skipped.includes(measurement.measureId) : exported.leftOut.includes(e.ref.value)).toBe(true);
            }
            const json = qppJsonText(exported.submission!);
            const back = importSubmission('exported.json', json);
            expect(back.problems).toEqual([]);
            const again = await checkText(back.written!.text, 'again.pisub');
            expect(meaning(again.analysis!)).toEqual(meaning(analysis));
        });
    }

    it('CMS\'s complete 2022 APP samples import and check without errors (but PI at the APM entity level, which 2022 did not offer)', async () => {
        for (const name of ['2022-App1-Group-QRDA-III.xml', '2022-App1-ApmEntity-Qrda-III.xml', '2022-App1-Indv-QRDA-III.xml']) {
            const w = importSubmission(name, readFileSync(join(CMS, 'qrda3', name), 'utf8')).written!;
            expect(w.errors).toEqual([]);
            const checked = await checkText(w.text, 'x.pisub');
            // The conversion tool's sample is a file-format sample: APM entities report PI at the entity
            // level only from 2023 (2023 Quick Start Guide, What's New), which the rules say.
            const expected = name.includes('ApmEntity') ? ['entity/apm-entity-level-not-in-year'] : [];
            expect(checked.diagnostics.filter(d => d.severity === 'error').map(d => d.code)).toEqual(expected);
        }
    });

    it('the MVP samples import as MVP submissions of their entity, with the ids the conversion tool reads', async () => {
        const apm = importSubmission('x.xml', readFileSync(join(CMS, 'qrda3/2025-derived-Mvp-APM-PI.xml'), 'utf8')).written!;
        expect(apm.text).toMatch(/\n {4}entity apm-entity id MIPS1001\n {4}reporting mvp G0053\n/);
        expect(apm.errors).toEqual([]);
        const sub = importSubmission('x.xml', readFileSync(join(CMS, 'qrda3/2025-derived-Mvp-Subgroup-PI.xml'), 'utf8')).written!;
        expect(sub.text).toMatch(/\n {4}entity subgroup id SG-00000001\n {4}reporting mvp G0053\n/);
        // CMS's subgroup sample has no TIN: named, and check reports it; nothing else about the entity or program.
        expect(sub.errors).toEqual([expect.stringMatching(/no TIN/)]);
        const checked = await checkText(sub.text, 'sub.pisub');
        const entityOrProgram = checked.diagnostics.filter(d => d.severity === 'error' && /^(entity|reporting)\//.test(d.code)).map(d => d.code);
        expect(entityOrProgram).toEqual(['entity/tin-missing']);
        const apmChecked = await checkText(apm.text, 'apm.pisub');
        expect(apmChecked.diagnostics.filter(d => d.severity === 'error' && /^(entity|reporting)\//.test(d.code))).toEqual([]);
    });
});
