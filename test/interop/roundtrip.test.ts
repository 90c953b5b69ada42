/**
 * Round trip: import(export(f)) means the same as f — the same entity, program, period, CEHRT id,
 * year and resolved QPP measurement set — for every example and for generated submissions. The
 * exported JSON, checked directly as input, means the same too.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildQppSubmission, qppJsonText } from '../../src/interop/export.js';
import { importSubmission } from '../../src/interop/import.js';
import { catalogueFor, measureKind, SUPPORTED_YEARS } from '../../src/language/data/measures.js';
import { preferredName } from '../../src/language/data/names.js';
import { checkText } from '../helpers/check.js';
import { ROOT } from '../helpers/cli.js';
import { meaning } from './interop-helpers.js';

async function roundTrip(path: string, text: string): Promise<{ original: unknown; viaJson: unknown; reimported: unknown; json: string; pisub: string }> {
    const checked = await checkText(text, path);
    const exported = buildQppSubmission(checked.analysis!);
    expect(exported.problem).toBeUndefined();
    const json = qppJsonText(exported.submission!);
    const asJson = await checkText(json, 'exported.json');
    const back = importSubmission('exported.json', json);
    expect(back.problems).toEqual([]);
    const reimported = await checkText(back.written!.text, 'reimported.pisub');
    expect(reimported.diagnostics.filter(d => d.code === 'submission/syntax')).toEqual([]);
    return { original: meaning(checked.analysis!), viaJson: meaning(asJson.analysis!), reimported: meaning(reimported.analysis!), json, pisub: back.written!.text };
}

function examples(): string[] {
    const out: string[] = [];
    for (const dir of ['examples/clean', 'examples/problems']) {
        for (const name of readdirSync(join(ROOT, dir)).sort()) if (name.endsWith('.pisub')) out.push(join(dir, name));
    }
    return out;
}

describe('round trip through QPP JSON', () => {
    for (const path of examples()) {
        it(path, async () => {
            const r = await roundTrip(path, readFileSync(join(ROOT, path), 'utf8'));
            expect(r.viaJson).toEqual(r.original);
            expect(r.reimported).toEqual(r.original);
            // And the re-imported file exports to the very same JSON.
            const again = await roundTrip('reimported.pisub', r.pisub);
            expect(again.json).toBe(r.json);
        });
    }

    it('generated submissions (all years, entity kinds, programs, values, exclusions, engagement levels)', async () => {
        const years = SUPPORTED_YEARS;
        const arb = fc.record({
            yearIndex: fc.nat({ max: years.length - 1 }),
            entity: fc.constantFrom(
                'entity individual tin 123456789 npi 1234567893', 'entity group tin 000456789', 'entity apm-entity id A4417',
                'entity virtual-group id VG-1', 'entity subgroup tin 123456789 id SG-77'),
            reporting: fc.constantFrom('', 'reporting traditional', 'reporting app', 'reporting app-plus', 'reporting mvp G0053'),
            seed: fc.array(fc.nat({ max: 999 }), { minLength: 60, maxLength: 60 })
        });
        await fc.assert(fc.asyncProperty(arb, async ({ yearIndex, entity, reporting, seed }) => {
            const year = years[yearIndex];
            const cat = catalogueFor(year)!;
            let i = 0;
            const next = () => seed[i++ % seed.length];
            const lines: string[] = [];
            for (const info of cat.measures.values()) {
                if (measureKind(cat, info.measureId) !== 'measure') continue;
                const name = next() % 2 === 0 ? (preferredName(info.measureId) ?? info.measureId) : info.measureId;
                const choice = next() % 5;
                if (choice === 0) continue; // not reported
                const exclusions = info.exclusion.filter(ex => cat.measures.has(ex));
                if (choice === 1 && exclusions.length > 0) {
                    lines.push(`measure ${name} excluded ${exclusions[next() % exclusions.length]}`);
                } else if (info.metricType === 'proportion') {
                    const d = next();
                    lines.push(`measure ${name} ${d === 0 ? 0 : next() % (d + 1)} / ${d}`);
                } else {
                    const yes = next() % 4 !== 0;
                    const level = yes && info.preprod.length > 0 && next() % 3 !== 0 ? (next() % 2 ? ' engagement production' : ' engagement pre-production') : '';
                    lines.push(`measure ${name} ${yes ? 'yes' : 'no'}${level}`);
                }
            }
            const text = `submission generated {\n    year ${year}\n    ${entity}\n    ${reporting}\n    period ${year}-01-01 to ${year}-12-31\n    cehrt 0015C8AB2CD3EF4\n    ${lines.join('\n    ')}\n}\n`;
            const r = await roundTrip('generated.pisub', text);
            expect(r.viaJson).toEqual(r.original);
            expect(r.reimported).toEqual(r.original);
        }), { numRuns: 60, seed: 2026 });
    });
});
