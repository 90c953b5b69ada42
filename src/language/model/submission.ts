/**
 * The neutral model of one PI submission that the rules and the score run on. It is built from a
 * `.pisub` file (from-ast.ts) or from a QPP Submissions API JSON file (interop), so every rule works
 * the same on both. Positions are character offsets into the source text, so diagnostics can point
 * into whichever text the submission came from.
 *
 * Single-valued statements (year, entity, period, ...) are kept as arrays so that a statement given
 * twice is visible to the rules (and reported) instead of silently overwritten.
 */

/** A half-open range [offset, end) of character offsets into the source text. */
export interface Span {
    readonly offset: number;
    readonly end: number;
}

export interface Located<T> {
    readonly value: T;
    readonly span: Span;
}

export const ENTITY_KINDS = ['individual', 'group', 'virtual-group', 'subgroup', 'apm-entity'] as const;
export type EntityKind = typeof ENTITY_KINDS[number];

/**
 * The identifiers each entity kind submits with (QPP submission API: TIN for individuals, groups and
 * subgroups; NPI for individuals only; an entity id for virtual groups, subgroups and APM entities).
 * The entity check (rules/checks/submission.ts) and completion read this one table.
 */
export const ENTITY_IDENTIFIERS: Readonly<Record<EntityKind, readonly { readonly keyword: 'tin' | 'npi' | 'id'; readonly description: string }[]>> = {
    'individual': [{ keyword: 'tin', description: 'The practice\'s TIN, 9 digits' }, { keyword: 'npi', description: 'The clinician\'s NPI, 10 digits' }],
    'group': [{ keyword: 'tin', description: 'The practice\'s TIN, 9 digits' }],
    'virtual-group': [{ keyword: 'id', description: 'The virtual group id QPP issued' }],
    'subgroup': [{ keyword: 'tin', description: 'The practice\'s TIN, 9 digits' }, { keyword: 'id', description: 'The subgroup id QPP issued' }],
    'apm-entity': [{ keyword: 'id', description: 'The APM entity id' }]
};

/** Whether a kind of entity submits with the identifier `tin`, `npi` or `id`. */
export function entityTakes(kind: EntityKind, identifier: 'tin' | 'npi' | 'id'): boolean {
    return ENTITY_IDENTIFIERS[kind]?.some(i => i.keyword === identifier) ?? false;
}

export const REPORTING_OPTIONS = ['traditional', 'mvp', 'app', 'app-plus', 'ssp'] as const;
export type ReportingOption = typeof REPORTING_OPTIONS[number];

export const SPECIAL_STATUSES = ['small-practice', 'hospital-based', 'asc-based', 'non-patient-facing', 'hardship-exception'] as const;
export type SpecialStatus = typeof SPECIAL_STATUSES[number];

export const ENGAGEMENT_LEVELS = ['pre-production', 'production'] as const;
export type EngagementLevel = typeof ENGAGEMENT_LEVELS[number];

/** An entity identifier's value, and (for .pisub text) its whole clause (`npi 1234567893`) with the blanks before it, for fixes that remove it. */
export interface IdentifierModel extends Located<string> {
    readonly clause?: Span;
}

export interface EntityModel {
    readonly kind: Located<EntityKind>;
    readonly tin: readonly IdentifierModel[];
    readonly npi: readonly IdentifierModel[];
    readonly entityId: readonly IdentifierModel[];
    readonly span: Span;
}

export interface ReportingModel {
    readonly option: Located<ReportingOption>;
    /** MVP id (e.g. G0053) for `mvp`; as the QPP API calls it, the `programName`. */
    readonly mvpId?: Located<string>;
    readonly span: Span;
}

export interface PeriodModel {
    /** ISO dates as written (YYYY-MM-DD); validity is a rule. */
    readonly start: Located<string>;
    readonly end: Located<string>;
    readonly span: Span;
}

export type EntryValue =
    /** Numbers kept as written, so that decimals, signs and huge values can be reported. */
    | { readonly kind: 'ratio'; readonly numerator: Located<string>; readonly denominator: Located<string>; readonly span: Span }
    | { readonly kind: 'answer'; readonly answer: Located<boolean>; readonly span: Span }
    | { readonly kind: 'excluded'; readonly exclusion?: Located<string>; readonly span: Span };

/** One reported measure, attestation, exclusion or engagement level, as written. */
export interface MeasureEntry {
    /** The measure as written: an official id (any case) or a friendly name. */
    readonly ref: Located<string>;
    readonly value: EntryValue;
    /** `completed <date>` (SRA, SAFER). */
    readonly completed?: Located<string>;
    /** `version <guide edition>` (SAFER). */
    readonly version?: Located<string>;
    /** `engagement pre-production|production` (public health, 2023+). */
    readonly engagement?: Located<EngagementLevel>;
    /** The whole statement. */
    readonly span: Span;
}

export interface ClinicianModel {
    readonly npi: Located<string>;
    readonly name?: Located<string>;
    /** Listed without CEHRT data (no numbers to add to the group's). */
    readonly noCehrtData: boolean;
    readonly entries: readonly MeasureEntry[];
    readonly span: Span;
}

export interface PriorYearModel {
    /** The name of the prior year's submission as written. */
    readonly ref: Located<string>;
    /** The resolved submission, when the reference resolves. */
    readonly target?: SubmissionModel;
    /** Where the target lives (URI or path), for messages. */
    readonly targetLocation?: string;
}

/**
 * `evidence [target] "path" [dated D] [sha256 "hex"] [covers D to D] ["description"]`: a file that
 * documents an attestation or measure (target = the measure as written, or `cehrt`), or the
 * submission as a whole (no target). The path is relative to the submission's file.
 */
export interface EvidenceModel {
    readonly target?: Located<string>;
    readonly path: Located<string>;
    readonly dated?: Located<string>;
    readonly sha256?: Located<string>;
    /** The period the document (an EHR report) says it covers. */
    readonly covers?: { readonly start: Located<string>; readonly end: Located<string>; readonly span: Span };
    readonly description?: Located<string>;
    readonly span: Span;
}

export interface SubmissionModel {
    readonly origin: 'pisub' | 'qpp-json';
    /** The submission's name (`submission riverside-2024 { ... }`). */
    readonly name?: Located<string>;
    /** Where diagnostics about the submission as a whole go (its name or header). */
    readonly headerSpan: Span;
    /** Year statements as written (text, validity is a rule). */
    readonly years: readonly Located<string>[];
    readonly practices: readonly Located<string>[];
    readonly entities: readonly EntityModel[];
    readonly reportings: readonly ReportingModel[];
    readonly periods: readonly PeriodModel[];
    readonly cehrts: readonly Located<string>[];
    readonly entries: readonly MeasureEntry[];
    readonly statuses: readonly Located<SpecialStatus>[];
    readonly clinicians: readonly ClinicianModel[];
    readonly priorYear?: PriorYearModel;
    readonly notes: readonly Located<string>[];
    /** `evidence` statements (absent for inputs that cannot carry evidence, e.g. QPP JSON). */
    readonly evidence?: readonly EvidenceModel[];
    /** `weight 30%` statements: the percent as written (validity is a rule), spanning the whole statement. */
    readonly weights?: readonly Located<string>[];
    /** Where a new statement can be inserted (before the closing brace), for quick fixes. */
    readonly insertAt?: number;
}

/**
 * Who submits PI for which year and reporting option: two files with the same key are one
 * submission to CMS (the same TIN + NPI for an individual, TIN for a group, entity id otherwise).
 * Undefined when the file does not say enough. Traditional MIPS and an MVP are separate submissions
 * (2024 Quick Start Guide), so the option is part of the key.
 */
export function submissionKey(model: SubmissionModel): string | undefined {
    const e = model.entities[0];
    const year = model.years[0]?.value;
    if (!e || !year) return undefined;
    const tin = e.tin[0]?.value, npi = e.npi[0]?.value, id = e.entityId[0]?.value;
    const who = e.kind.value === 'individual' ? (tin && npi ? `tin ${tin} npi ${npi}` : undefined)
        : e.kind.value === 'group' ? (tin ? `tin ${tin}` : undefined)
        : (id ? `id ${id}` : undefined);
    if (!who) return undefined;
    const r = model.reportings[0];
    const program = !r ? 'traditional' : r.option.value === 'mvp' ? `mvp ${r.mvpId?.value.toUpperCase() ?? ''}` : r.option.value;
    return `${e.kind.value} ${who}, ${year}, ${program}`;
}

/** The performance year as a number, if exactly parseable from the first year statement. */
export function yearOf(model: SubmissionModel): number | undefined {
    const text = model.years[0]?.value;
    if (text === undefined || !/^\d{4}$/.test(text)) return undefined;
    return Number(text);
}

/** A submission with nothing in it: the model of a text whose header did not parse. */
export function emptyModel(origin: SubmissionModel['origin']): SubmissionModel {
    return {
        origin, headerSpan: { offset: 0, end: 0 }, years: [], practices: [], entities: [], reportings: [], periods: [],
        cehrts: [], entries: [], statuses: [], clinicians: [], notes: []
    };
}
