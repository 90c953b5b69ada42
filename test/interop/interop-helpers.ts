/**
 * Shared helpers of the interop tests. Fixtures in ./fixtures are verbatim copies of
 * shared/reference/qpp-submissions/submission-example-pi.json and shared/reference/qrda3/*.xml
 * (CMSgov/qpp-submissions-docs and CMSgov/qpp-conversion-tool, CC0); odd-measurements.json is
 * written for the tests.
 */
import '../../src/interop/register.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckedFile } from '../../src/language/headless.js';
import type { Analysis } from '../../src/language/rules/engine.js';
import { checkText } from '../helpers/check.js';

export const FIXTURES = join(__dirname, 'fixtures');

export function fixture(name: string): string {
    return readFileSync(join(FIXTURES, name), 'utf8');
}

/** The official example with its year placeholder filled in. */
export function officialExample(year: number): string {
    return fixture('submission-example-pi.json')
        .replace('"< performanceYearToBeReported >"', String(year))
        .replaceAll('< performanceYearToBeReported >', String(year));
}

export async function checkJson(text: string, path = 'test.json'): Promise<CheckedFile> {
    return checkText(text, path);
}

/** What a submission means to CMS: the fields the QPP API carries and the resolved measurement set. */
export function meaning(a: Analysis): unknown {
    const m = a.model;
    const e = m.entities[0];
    const kind = e?.kind.value;
    const reporting = m.reportings[0];
    return {
        year: a.year,
        entity: e && {
            kind, tin: e.tin[0]?.value,
            npi: kind === 'individual' ? e.npi[0]?.value : undefined,
            entityId: kind === 'virtual-group' || kind === 'subgroup' || kind === 'apm-entity' ? e.entityId[0]?.value : undefined
        },
        program: !reporting ? 'traditional' : reporting.option.value === 'mvp' ? `mvp ${reporting.mvpId?.value.toUpperCase()}` : reporting.option.value,
        period: m.periods[0] && [m.periods[0].start.value, m.periods[0].end.value],
        cehrt: m.cehrts[0]?.value,
        measurements: (a.resolution?.measurements ?? [])
            .filter(x => x.value !== undefined)
            .map(x => `${x.measureId}=${JSON.stringify(x.value)}`)
            .sort()
    };
}
