/**
 * An imported submission (from QPP JSON or QRDA III) → a formatted `.pisub` text in the canonical
 * layout: 4-space indentation, header statements first, then the measures grouped by objective under
 * a comment, friendly names (data/names.ts), an exclusion as `measure <name> excluded <EXCLUSION_ID>`
 * and an active-engagement level as `engagement pre-production|production` on its measure.
 *
 * The writer is faithful: what the source says is written, even when the rules will reject it
 * (`pisub check` then reports it with the usual diagnostics). What cannot be written in the language
 * at all becomes a comment and a warning.
 */
import { catalogueFor, officialMeasureId, SUPPORTED_YEARS, type YearCatalogue } from '../language/data/measures.js';
import { FRIENDLY_NAMES, preferredName } from '../language/data/names.js';
import type { EntityKind, ReportingOption } from '../language/model/submission.js';

export type ImportedValue = boolean | { readonly numerator: string; readonly denominator: string };

export interface ImportedMeasurement {
    readonly measureId: string;
    readonly value: ImportedValue;
    /** A remark written above the measure's line (e.g. how a QRDA value was read). */
    readonly comment?: string;
}

export interface ImportedSubmission {
    /** `QPP JSON` or `QRDA III`. */
    readonly sourceKind: string;
    /** The file imported (its name, for the header comment). */
    readonly sourceName: string;
    readonly year?: string;
    readonly practice?: string;
    readonly entity?: { readonly kind: EntityKind; readonly tin?: string; readonly npi?: string; readonly entityId?: string };
    readonly reporting?: { readonly option: ReportingOption; readonly mvpId?: string };
    readonly period?: { readonly start: string; readonly end: string };
    readonly cehrt?: string;
    readonly measurements: readonly ImportedMeasurement[];
    /** Extra lines for the header comment (what was read, what was left out). */
    readonly comments: readonly string[];
}

export interface WrittenPisub {
    readonly text: string;
    readonly name: string;
    /** Things the user should know (also written as comments in the file). */
    readonly warnings: readonly string[];
}

const KEYWORDS = new Set([
    'submission', 'year', 'practice', 'entity', 'individual', 'group', 'virtual-group', 'subgroup', 'apm-entity', 'tin', 'npi', 'id',
    'reporting', 'traditional', 'mvp', 'app', 'app-plus', 'period', 'to', 'cehrt', 'measure', 'attest', 'public-health', 'yes', 'no',
    'excluded', 'completed', 'version', 'engagement', 'pre-production', 'production', 'special-status', 'small-practice',
    'hospital-based', 'asc-based', 'non-patient-facing', 'hardship-exception', 'clinician', 'no-cehrt-data', 'prior-year', 'note',
    'evidence', 'dated', 'sha256', 'covers'
]);
const ID = /^[_a-zA-Z][\w-]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNT = /^-?\d+(\.\d+)?$/;

/** A value as a grammar `Token`: bare when it lexes as one ID/NUMBER/ALNUM, quoted otherwise. */
export function token(value: string): string {
    const bare = (/^\d+(\.\d+)?$/.test(value) && !DATE.test(value)) || /^\d+[A-Za-z][0-9A-Za-z]*$/.test(value) || (ID.test(value) && !KEYWORDS.has(value));
    return bare ? value : quote(value);
}

export function quote(value: string): string {
    return '"' + value.replace(/[\r\n]+/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** A valid submission name (grammar ID) from the practice, TIN or NPI and the year. */
export function submissionName(s: ImportedSubmission): string {
    const slug = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    const year = s.year && /^\d{4}$/.test(s.year) ? s.year : undefined;
    const base = (s.practice && slug(s.practice))
        || (s.entity?.tin && `tin-${slug(s.entity.tin)}`)
        || (s.entity?.entityId && `entity-${slug(s.entity.entityId)}`)
        || (s.entity?.npi && `npi-${slug(s.entity.npi)}`)
        || 'imported';
    const name = [base, year].filter(Boolean).join('-');
    return /^[a-z_]/.test(name) ? name : `s-${name}`;
}

interface Section { readonly title: string; readonly test: RegExp; readonly keyword: 'attest' | 'measure' | 'public-health' }
const SECTIONS: readonly Section[] = [
    { title: 'Attestations', test: /^PI_(PPHI|INFBLO|ONCDIR|ONCACB)_/, keyword: 'attest' },
    { title: 'e-Prescribing', test: /^PI_(EP|LVPP)_/, keyword: 'measure' },
    { title: 'Health information exchange', test: /^PI_(HIE|LVOTC|LVITC)_/, keyword: 'measure' },
    { title: 'Provider to patient exchange', test: /^PI_PEA_/, keyword: 'measure' },
    { title: 'Public health and clinical data exchange', test: /^PI_PHCDRR_/, keyword: 'public-health' },
    { title: 'Other', test: /./, keyword: 'measure' }
];
const NAME_ORDER = Object.keys(FRIENDLY_NAMES);

/** The catalogue that knows an id: the submission's year, else the latest supported year that has it. */
function catalogueKnowing(id: string, year: number | undefined): YearCatalogue | undefined {
    const own = year !== undefined ? catalogueFor(year) : undefined;
    if (own?.measures.has(id)) return own;
    for (const y of [...SUPPORTED_YEARS].reverse()) {
        const cat = catalogueFor(y)!;
        if (cat.measures.has(id)) return cat;
    }
    return own;
}

interface Line {
    /** The measure the line belongs to (an exclusion's or level's measure), official spelling. */
    readonly baseId: string;
    /** The line is an exclusion or level written apart from its measure (sorted after the measure). */
    readonly apart?: boolean;
    readonly order: number;
    readonly comments: string[];
    text: string;
    /** A yes-answered public-health measure that can still take an engagement level. */
    engagementOpen: boolean;
    /** `measure <name> excluded <id>` (always written with the `measure` keyword). */
    readonly exclusion?: boolean;
}

export function writePisub(s: ImportedSubmission): WrittenPisub {
    const warnings: string[] = [];
    const header: string[] = [];
    const name = submissionName(s);
    const year = s.year && /^\d{4}$/.test(s.year) ? Number(s.year) : undefined;

    if (s.year !== undefined && /^\d+$/.test(s.year)) {
        header.push(`year ${s.year}`);
    } else {
        const why = s.year === undefined ? `the ${s.sourceKind} file gives no performance year` : `the ${s.sourceKind} file's performance year "${s.year}" is not a year`;
        warnings.push(`No \`year\` written: ${why}. Add \`year <performance year>\`.`);
    }
    if (s.practice) header.push(`practice ${quote(s.practice)}`);
    if (s.entity) {
        const ids = [s.entity.tin && `tin ${token(s.entity.tin)}`, s.entity.npi && `npi ${token(s.entity.npi)}`, s.entity.entityId && `id ${token(s.entity.entityId)}`];
        header.push(['entity', s.entity.kind, ...ids.filter(Boolean)].join(' '));
    }
    if (s.reporting) header.push(['reporting', s.reporting.option, s.reporting.mvpId && token(s.reporting.mvpId)].filter(Boolean).join(' '));
    if (s.period) {
        if (DATE.test(s.period.start) && DATE.test(s.period.end)) header.push(`period ${s.period.start} to ${s.period.end}`);
        else {
            warnings.push(`The performance period "${s.period.start}" to "${s.period.end}" is not written as YYYY-MM-DD dates; add \`period <start> to <end>\`.`);
            header.push(`// period ${s.period.start} to ${s.period.end}  (not YYYY-MM-DD dates: correct and uncomment)`);
        }
    }
    if (s.cehrt !== undefined) header.push(`cehrt ${token(s.cehrt)}`);

    // Measures: exclusions and engagement levels join their measure's line where they can.
    const present = new Set(s.measurements.map(m => m.measureId));
    const lines: Line[] = [];
    const byBase = new Map<string, Line>();
    const excludedBases = new Set<string>();
    const pendingLevels: { m: ImportedMeasurement; base: string; index: number }[] = [];

    s.measurements.forEach((m, index) => {
        if (!ID.test(m.measureId)) {
            warnings.push(`Measure id "${m.measureId}" cannot be written in a .pisub file; it was left out.`);
            lines.push({ baseId: '~', order: index, comments: [`// Left out: measure id ${quote(m.measureId)} is not a valid id.`], text: '', engagementOpen: false });
            return;
        }
        const cat = catalogueKnowing(m.measureId, year);
        const exclusionOf = cat?.exclusionOf.get(m.measureId);
        const levelOf = cat?.levelOf.get(m.measureId);
        const comments = m.comment ? [`// ${m.comment}`] : [];
        if (exclusionOf && m.value === true && !present.has(exclusionOf) && !excludedBases.has(exclusionOf) && ID.test(exclusionOf)) {
            excludedBases.add(exclusionOf);
            lines.push({ baseId: exclusionOf, order: index, comments, text: `measure ${preferredName(exclusionOf) ?? exclusionOf} excluded ${m.measureId}`, engagementOpen: false, exclusion: true });
            return;
        }
        if (levelOf && m.value === true) {
            pendingLevels.push({ m, base: levelOf, index });
            return;
        }
        const line: Line = { baseId: exclusionOf ?? levelOf ?? officialMeasureId(m.measureId) ?? m.measureId, apart: !!(exclusionOf ?? levelOf), order: index, comments, text: measureLine(m, warnings), engagementOpen: false };
        if (line.text === '') line.comments.push(`// Left out: ${m.measureId} has numbers that are not counts (${describeValue(m.value)}).`);
        const isPublicHealthMeasure = cat?.measures.get(m.measureId)?.objective === 'publicHealthAndClinicalDataExchange' && !exclusionOf && !levelOf;
        line.engagementOpen = isPublicHealthMeasure && m.value === true;
        if (!byBase.has(m.measureId)) byBase.set(m.measureId, line);
        lines.push(line);
    });
    for (const { m, base, index } of pendingLevels) {
        const target = byBase.get(base);
        const level = m.measureId.endsWith('_PROD') ? 'production' : m.measureId.endsWith('_PRE') ? 'pre-production' : undefined;
        if (target && target.engagementOpen && level) {
            target.text += ` engagement ${level}`;
            target.engagementOpen = false;
            if (m.comment) target.comments.push(`// ${m.comment}`);
        } else {
            lines.push({ baseId: base, apart: true, order: index, comments: m.comment ? [`// ${m.comment}`] : [], text: measureLine(m, warnings), engagementOpen: false });
        }
    }

    const body: string[] = [];
    for (const section of SECTIONS) {
        const own = lines.filter(l => sectionOf(l.baseId) === section).sort((a, b) => rank(a.baseId) - rank(b.baseId) || Number(!!a.apart) - Number(!!b.apart) || a.order - b.order);
        if (own.length === 0) continue;
        body.push('', `// ${section.title}`);
        for (const l of own) {
            body.push(...l.comments);
            if (l.text) body.push(l.exclusion ? l.text : l.text.replace(/^measure /, `${section.keyword} `));
        }
    }

    const comments = [
        `// Imported by \`pisub import\` from the ${s.sourceKind} file ${s.sourceName}.`,
        ...s.comments.map(c => `// ${c}`),
        ...warnings.map(w => `// Warning: ${w}`),
        '// Review it and run `pisub check` before submitting.'
    ];
    const text = [...comments, `submission ${name} {`, ...[...header, ...body].map(l => (l ? `    ${l}` : '')), '}', ''].join('\n');
    return { text, name, warnings };
}

function sectionOf(id: string): Section {
    return SECTIONS.find(s => s.test.test(id))!;
}

function rank(id: string): number {
    const i = NAME_ORDER.indexOf(id);
    return i < 0 ? NAME_ORDER.length : i;
}

function describeValue(v: ImportedValue): string {
    return typeof v === 'boolean' ? String(v) : `${v.numerator} / ${v.denominator}`;
}

/** `measure <name> <value>`, or '' when the value cannot be written. */
function measureLine(m: ImportedMeasurement, warnings: string[]): string {
    const name = preferredName(m.measureId) ?? m.measureId;
    if (typeof m.value === 'boolean') return `measure ${name} ${m.value ? 'yes' : 'no'}`;
    if (!COUNT.test(m.value.numerator) || !COUNT.test(m.value.denominator)) {
        warnings.push(`${m.measureId}: ${describeValue(m.value)} are not counts; the measure was left out.`);
        return '';
    }
    return `measure ${name} ${m.value.numerator} / ${m.value.denominator}`;
}
