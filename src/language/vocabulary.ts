/**
 * The domain's words, each written once: which measures are attestations and public-health
 * measures (from CMS's measure data), what an MVP id looks like and which a year offers, when a
 * submission is reweighted. The rules, the score, completion, hover, outline, templates and interop
 * import them from here. (The syntax's words are in ./syntax.ts; year facts in ./data/years/.)
 */
import { catalogueFor, SUPPORTED_YEARS, type MeasureInfo, type YearCatalogue } from './data/measures.js';
import type { SubmissionModel } from './model/submission.js';

/** CMS's objectives whose measures are attested yes/no (written with `attest`), in the order they are written. */
const ATTESTATION_OBJECTIVES: readonly string[] = ['protectPatientHealthInformation', 'attestation'];

/** CMS's objective of the public-health and clinical data registries (written with `public-health`). */
export const PUBLIC_HEALTH_OBJECTIVE = 'publicHealthAndClinicalDataExchange';

export function isAttestation(info: Pick<MeasureInfo, 'objective'>): boolean {
    return info.objective !== null && ATTESTATION_OBJECTIVES.includes(info.objective);
}

export function isPublicHealth(info: Pick<MeasureInfo, 'objective'>): boolean {
    return info.objective === PUBLIC_HEALTH_OBJECTIVE;
}

const everyMeasure = SUPPORTED_YEARS.flatMap(y => [...catalogueFor(y)!.measures.values()]);

/** Every attestation id in any supported year (PI_PPHI_1, PI_PPHI_2, PI_INFBLO_1, PI_ONCDIR_1, PI_ONCACB_1). */
export const ATTESTATION_IDS: ReadonlySet<string> = new Set(everyMeasure.filter(isAttestation).map(m => m.measureId));

/** The attestations every year requires (the required ones among ATTESTATION_IDS): by objective, then id. */
export const REQUIRED_ATTESTATION_IDS: readonly string[] = [...new Map(everyMeasure.filter(m => isAttestation(m) && m.isRequired).map(m => [m.measureId, m])).values()]
    .sort((a, b) => ATTESTATION_OBJECTIVES.indexOf(a.objective!) - ATTESTATION_OBJECTIVES.indexOf(b.objective!) || a.measureId.localeCompare(b.measureId))
    .map(m => m.measureId);

/** An MVP id as CMS writes it (G0053, M0001): the `programName` of an MVP submission. */
export const MVP_ID = /^[GM]\d{4}$/;

/** The MVP ids a year's measure data offers for PI, sorted (none before 2023). */
export function mvpIds(cat: YearCatalogue | undefined): string[] {
    return [...(cat?.programs ?? [])].filter(p => MVP_ID.test(p)).sort();
}

/**
 * Whether CMS's measure data of the year offers a reporting option (`reporting <option>`): MVPs when
 * the year lists MVP programs, APP Plus when it lists `appPlus`, the Shared Savings Program when it
 * lists `ssp`; traditional MIPS and the APP every year. The reporting check and completion ask this.
 */
export function reportingOptionInYear(option: string, cat: YearCatalogue): boolean {
    switch (option) {
        case 'mvp': return cat.programs.size > 0 && mvpIds(cat).length > 0;
        case 'app-plus': return cat.programs.has('appPlus');
        case 'ssp': return cat.programs.has('ssp');
        default: return true;
    }
}

/**
 * Reweighted: a special status or an approved hardship exception and no PI data. The category is
 * reweighted to 0%; nothing else is checked or scored (status/reweighted).
 */
export function isReweighted(model: Pick<SubmissionModel, 'statuses' | 'entries'>): boolean {
    return model.statuses.length > 0 && model.entries.length === 0;
}
