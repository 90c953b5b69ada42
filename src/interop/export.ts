/**
 * A checked submission → the QPP Submissions API JSON (shared/reference/pi-rules-notes.md §6). The
 * measurements are the rule engine's resolution (rules/resolve.ts): official ids with true/false or
 * { numerator, denominator }; exclusions and active-engagement levels are measurements of their own
 * with value true. Output is deterministic: fixed key order, measurements sorted by id, 2-space JSON,
 * trailing newline.
 */
import type { Analysis } from '../language/rules/engine.js';
import type { MeasurementValue } from '../language/rules/resolve.js';
import { yearOf } from '../language/model/submission.js';
import { KIND_TO_ENTITY_TYPE, OPTION_TO_PROGRAM } from './qpp-json.js';

export const SUBMISSION_METHODS = ['registry', 'electronicHealthRecord'] as const;
export type SubmissionMethod = typeof SUBMISSION_METHODS[number];

export interface QppMeasurement {
    readonly measureId: string;
    readonly value: MeasurementValue;
}

export interface QppMeasurementSet {
    readonly category: 'pi';
    readonly submissionMethod: string;
    readonly programName: string;
    readonly cehrtId?: string;
    readonly performanceStart?: string;
    readonly performanceEnd?: string;
    readonly measurements: readonly QppMeasurement[];
}

export interface QppSubmission {
    readonly entityType?: string;
    readonly entityId?: string;
    readonly taxpayerIdentificationNumber?: string;
    readonly nationalProviderIdentifier?: string;
    readonly performanceYear?: number;
    readonly measurementSets: readonly QppMeasurementSet[];
}

export interface ExportResult {
    readonly submission?: QppSubmission;
    /** Why nothing could be exported (the submission has no resolvable measurement set). */
    readonly problem?: string;
    /** Measurements left out because their value is invalid (only with errors allowed). */
    readonly skipped: readonly string[];
    /** Measure statements that resolve to no QPP measurement (unknown id, wrong value type, ...), as written. */
    readonly leftOut: readonly string[];
}

/** Ids compare by their parts, so PI_HIE_4 sorts before PI_HIE_10 (stable, locale-independent). */
export function compareMeasureIds(a: string, b: string): number {
    const pa = a.split(/(\d+)/), pb = b.split(/(\d+)/);
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
        if (pa[i] === pb[i]) continue;
        const na = /^\d+$/.test(pa[i]) ? Number(pa[i]) : NaN, nb = /^\d+$/.test(pb[i]) ? Number(pb[i]) : NaN;
        if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
        return pa[i] < pb[i] ? -1 : 1;
    }
    return pa.length - pb.length;
}

export function buildQppSubmission(analysis: Analysis, submissionMethod: SubmissionMethod = 'registry'): ExportResult {
    const m = analysis.model;
    const year = yearOf(m);
    if (!analysis.resolution || year === undefined) {
        return { skipped: [], leftOut: m.entries.map(e => e.ref.value), problem: 'the performance year is missing or not supported, so the measures cannot be resolved to official QPP ids' };
    }
    const skipped: string[] = [];
    const measurements: QppMeasurement[] = [];
    for (const x of analysis.resolution.measurements) {
        if (x.value === undefined) skipped.push(x.measureId);
        else measurements.push({ measureId: x.measureId, value: typeof x.value === 'object' ? { numerator: x.value.numerator, denominator: x.value.denominator } : x.value });
    }
    measurements.sort((a, b) => compareMeasureIds(a.measureId, b.measureId));
    const resolved = new Set(analysis.resolution.measurements.map(x => x.entry));
    const leftOut = m.entries.filter(e => !resolved.has(e)).map(e => e.ref.value);

    const entity = m.entities[0];
    const kind = entity?.kind.value;
    const reporting = m.reportings[0];
    const programName = !reporting ? 'mips'
        : reporting.option.value === 'mvp' ? (reporting.mvpId?.value.toUpperCase() ?? 'mips')
        : OPTION_TO_PROGRAM[reporting.option.value];
    const needsEntityId = kind === 'virtual-group' || kind === 'subgroup' || kind === 'apm-entity';

    // Keys in the order of the API documentation; fields the submission does not have are left out.
    const submission: QppSubmission = defined({
        entityType: kind ? KIND_TO_ENTITY_TYPE[kind] : undefined,
        entityId: needsEntityId ? entity?.entityId[0]?.value : undefined,
        taxpayerIdentificationNumber: entity?.tin[0]?.value,
        nationalProviderIdentifier: kind === 'individual' ? entity?.npi[0]?.value : undefined,
        performanceYear: year,
        measurementSets: [defined({
            category: 'pi' as const,
            submissionMethod,
            programName,
            cehrtId: m.cehrts[0]?.value,
            performanceStart: m.periods[0]?.start.value,
            performanceEnd: m.periods[0]?.end.value,
            measurements
        })]
    });
    return { submission, skipped, leftOut };
}

/** The object without its undefined fields (key order kept). */
function defined<T extends object>(o: T): T {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The JSON text written by `pisub export`. */
export function qppJsonText(submission: QppSubmission): string {
    return JSON.stringify(submission, null, 2) + '\n';
}
