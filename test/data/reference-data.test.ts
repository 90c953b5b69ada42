/**
 * The shipped measure data is CMS's, verbatim, and the year facts agree with it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueFor, measureKind, SUPPORTED_YEARS } from '../../src/language/data/measures.js';
import { FRIENDLY_NAMES } from '../../src/language/data/names.js';
import { factsFor, latestStart } from '../../src/language/data/years.js';

const shipped = join(__dirname, '..', '..', 'src', 'language', 'data', 'qpp-measures');
const reference = join(__dirname, '..', '..', '..', 'shared', 'reference', 'qpp-measures-data');

describe('reference data', () => {
    it.skipIf(!existsSync(reference))('the shipped copies equal shared/reference/qpp-measures-data (scripts/sync-reference-data.mjs)', () => {
        for (const year of SUPPORTED_YEARS) {
            expect(readFileSync(join(shipped, `${year}-pi.json`), 'utf8'), String(year)).toBe(readFileSync(join(reference, `${year}-pi.json`), 'utf8'));
        }
    });

    it('has data for 2022–2027', () => {
        expect(SUPPORTED_YEARS).toEqual([2022, 2023, 2024, 2025, 2026, 2027]);
    });

    it('year facts name only measures that exist that year', () => {
        for (const year of SUPPORTED_YEARS) {
            const cat = catalogueFor(year)!;
            const facts = factsFor(year)!;
            const exists = (id: string) => expect(cat.measures.has(id), `${year}: ${id}`).toBe(true);
            facts.hieOptions.value.flat().forEach(exists);
            Object.keys(facts.points).forEach(exists);
            facts.publicHealthObjective.measures.forEach(exists);
            facts.publicHealthBonus.measures.forEach(id => { exists(id); expect(cat.measures.get(id)!.isBonus, `${year} ${id} bonus`).toBe(true); });
            facts.suppressedMeasures.value.forEach(exists);
            for (const r of facts.redistribution) { exists(r.excluded); }
        }
    });

    it('matches the measure data on the year-specific facts it duplicates', () => {
        // HIE_6 (TEFCA) is an HIE option exactly from 2023; PDMP is required exactly from 2023.
        for (const year of SUPPORTED_YEARS) {
            const cat = catalogueFor(year)!;
            expect(factsFor(year)!.hieOptions.value.flat().includes('PI_HIE_6')).toBe(cat.measures.has('PI_HIE_6'));
            expect(!!factsFor(year)!.points.PI_EP_2.bonus).toBe(!cat.measures.get('PI_EP_2')!.isRequired);
            expect(factsFor(year)!.engagementLevelRequired.value).toBe(cat.levelOf.size > 0);
        }
    });

    it('knows the points add up to 100 for a full submission each year', () => {
        for (const year of SUPPORTED_YEARS) {
            const f = factsFor(year)!;
            const base = ['PI_EP_1', 'PI_HIE_1', 'PI_HIE_4', 'PI_PEA_1'].reduce((s, id) => s + f.points[id].max, 0);
            const pdmp = f.points.PI_EP_2.bonus ? 0 : f.points.PI_EP_2.max;
            expect(base + pdmp + f.publicHealthObjective.points, String(year)).toBe(100);
            expect(f.points.PI_HIE_1.max + f.points.PI_HIE_4.max).toBe(f.points.PI_HIE_5.max);
        }
    });

    it('computes the latest start of a minimum period as in the guides', () => {
        expect(latestStart(2023, 90)).toBe('2023-10-03');   // 2023 Quick Start Guide
        expect(latestStart(2024, 180)).toBe('2024-07-05');  // 2024 Quick Start Guide
    });

    it('every friendly name stands for a measure that exists in some year, as a measure or exclusion', () => {
        for (const id of Object.keys(FRIENDLY_NAMES)) {
            const years = SUPPORTED_YEARS.filter(y => catalogueFor(y)!.measures.has(id));
            expect(years.length, id).toBeGreaterThan(0);
            expect(['measure', 'exclusion']).toContain(measureKind(catalogueFor(years[0])!, id));
        }
    });
});
