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
import { KEYWORDS } from '../language/syntax.js';
import { ATTESTATION_IDS, isPublicHealth } from '../language/vocabulary.js';

export type ImportedValue = boolean | { readonly numerator: string; readonly denominator: string };

export interface ImportedMeasurement {
    readonly measureId: string;
    readonly value: ImportedValue;
    /** A remark written above the measure's line (e.g. how a QRDA value was read). */
    readonly comment?: string;
    /** Where in the source (XML path or JSON pointer), for notes. */
    readonly where?: string;
}

/** Something the user must know about the import: an element not imported, changed or suspicious. */
export interface ImportNote {
    readonly severity: 'error' | 'warning';
    /** Where in the source: an XML path (with line) or a JSON pointer (with line and column). */
    readonly where?: string;
    readonly message: string;
    /** The rule the note mirrors (e.g. the conversion tool's ProblemCode). */
    readonly rule?: string;
}

/** A note as one line: `where: message [rule]`. */
export function formatNote(n: ImportNote): string {
    return oneLine(`${n.where ? `${n.where}: ` : ''}${n.message}${n.rule ? ` [${n.rule}]` : ''}`);
}

/**
 * Text from a source file made safe for one comment line or one string: line breaks, other control
 * characters (C0, DEL, C1) and the Unicode line/paragraph separators become visible `\uXXXX`
 * escapes, so nothing the source says can end a comment and become a statement.
 */
export function oneLine(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, c => (c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** Who submits, when and with which CEHRT: as read from the source, and as written. */
export interface SubmissionHeader {
    readonly year?: string;
    readonly practice?: string;
    readonly entity?: { readonly kind: EntityKind; readonly tin?: string; readonly npi?: string; readonly entityId?: string };
    readonly reporting?: { readonly option: ReportingOption; readonly mvpId?: string };
    readonly period?: { readonly start: string; readonly end: string };
    readonly cehrt?: string;
}

export interface ImportedSubmission extends SubmissionHeader {
    /** `QPP JSON` or `QRDA III`. */
    readonly sourceKind: string;
    /** The file imported (its name, for the header comment). */
    readonly sourceName: string;
    readonly measurements: readonly ImportedMeasurement[];
    /** Extra lines for the header comment (what was read). */
    readonly comments: readonly string[];
    /** Errors and warnings: each element not imported or changed, with its location. */
    readonly notes?: readonly ImportNote[];
}

export interface WrittenPisub {
    readonly text: string;
    readonly name: string;
    /** Things the user should know (also written as comments in the file), one line each. */
    readonly warnings: readonly string[];
    /** Errors: source elements that could not be imported as they are (also in the file's header). */
    readonly errors: readonly string[];
    /** What the text is meant to say, for the importer's check of its own output. */
    readonly intent: WrittenIntent;
}

/** The statements the writer wrote, as values (compared with a parse of the text). */
export interface WrittenIntent extends SubmissionHeader {
    /** One per measure statement: `<id as written> <value>` (see describeEntry in import.ts). */
    readonly entries: readonly string[];
}

const ID = /^[_a-zA-Z][\w-]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** What the grammar's Count can say (`'-'? NUMBER`). */
const COUNT = /^-?\d+(\.\d+)?$/;
/** A measure id the grammar reads as a measure name (an ID that is not a keyword). */
const MEASURE_NAME = (id: string) => ID.test(id) && !KEYWORDS.has(id);

/** A value as a grammar `Token`: bare when it lexes as one ID/NUMBER/ALNUM, quoted otherwise. */
export function token(value: string): string {
    const bare = (/^\d+(\.\d+)?$/.test(value) && !DATE.test(value)) || /^\d+[A-Za-z][0-9A-Za-z]*$/.test(value) || (ID.test(value) && !KEYWORDS.has(value));
    return bare ? value : quote(value);
}

/** A string literal; control characters are left out (a .pisub string has no escapes for them). */
export function quote(value: string): string {
    // eslint-disable-next-line no-control-regex
    return '"' + value.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
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

interface Section { readonly title: string; readonly test: { test(id: string): boolean }; readonly keyword: 'attest' | 'measure' | 'public-health' }
const SECTIONS: readonly Section[] = [
    { title: 'Attestations', test: { test: id => ATTESTATION_IDS.has(id) }, keyword: 'attest' },
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

export function writePisub(source: ImportedSubmission): WrittenPisub {
    const notes: ImportNote[] = [...(source.notes ?? [])];
    const warn = (message: string) => notes.push({ severity: 'warning', message });
    // Control characters never reach a statement: a value that had some is written without them, and said so.
    const clean = (value: string | undefined, what: string): string | undefined => {
        if (value === undefined) return undefined;
        // eslint-disable-next-line no-control-regex
        const v = value.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
        if (v !== value.trim()) warn(`${what} ${JSON.stringify(value)} contains control characters or line breaks; written as ${JSON.stringify(v)}.`);
        return v === '' ? undefined : v;
    };
    const s: ImportedSubmission = {
        ...source,
        year: clean(source.year, 'the year'),
        practice: clean(source.practice, 'the practice name'),
        entity: source.entity && {
            kind: source.entity.kind, tin: clean(source.entity.tin, 'the TIN'), npi: clean(source.entity.npi, 'the NPI'),
            entityId: clean(source.entity.entityId, 'the entity id')
        },
        reporting: source.reporting && { option: source.reporting.option, mvpId: clean(source.reporting.mvpId, 'the MVP id') },
        period: source.period && { start: clean(source.period.start, 'the period start') ?? '', end: clean(source.period.end, 'the period end') ?? '' },
        cehrt: clean(source.cehrt, 'the CEHRT id')
    };
    const header: string[] = [];
    const entries: string[] = [];
    const name = submissionName(s);
    const year = s.year && /^\d{4}$/.test(s.year) ? Number(s.year) : undefined;
    const intent: { -readonly [K in keyof WrittenIntent]: WrittenIntent[K] } = { entries };

    if (s.year !== undefined && /^\d+$/.test(s.year)) {
        header.push(`year ${s.year}`);
        intent.year = s.year;
    } else {
        const why = s.year === undefined ? `the ${s.sourceKind} file gives no performance year` : `the ${s.sourceKind} file's performance year "${s.year}" is not a year`;
        warn(`No \`year\` written: ${why}. Add \`year <performance year>\`.`);
    }
    if (s.practice) { header.push(`practice ${quote(s.practice)}`); intent.practice = s.practice; }
    if (s.entity) {
        const ids = [s.entity.tin && `tin ${token(s.entity.tin)}`, s.entity.npi && `npi ${token(s.entity.npi)}`, s.entity.entityId && `id ${token(s.entity.entityId)}`];
        header.push(['entity', s.entity.kind, ...ids.filter(Boolean)].join(' '));
        intent.entity = s.entity;
    }
    if (s.reporting) {
        header.push(['reporting', s.reporting.option, s.reporting.mvpId && token(s.reporting.mvpId)].filter(Boolean).join(' '));
        intent.reporting = s.reporting;
    }
    if (s.period) {
        if (DATE.test(s.period.start) && DATE.test(s.period.end)) {
            header.push(`period ${s.period.start} to ${s.period.end}`);
            intent.period = s.period;
        } else {
            warn(`The performance period ${JSON.stringify(s.period.start)} to ${JSON.stringify(s.period.end)} is not written as YYYY-MM-DD dates; add \`period <start> to <end>\`.`);
        }
    }
    if (s.cehrt !== undefined) { header.push(`cehrt ${token(s.cehrt)}`); intent.cehrt = s.cehrt; }

    // Measures: exclusions and engagement levels join their measure's line where they can.
    const present = new Set(s.measurements.map(m => m.measureId));
    const lines: Line[] = [];
    const byBase = new Map<string, Line>();
    const excludedBases = new Set<string>();
    const pendingLevels: { m: ImportedMeasurement; base: string; index: number }[] = [];

    s.measurements.forEach((m, index) => {
        if (!MEASURE_NAME(m.measureId)) {
            notes.push({ severity: 'error', where: m.where, message: `measure id ${JSON.stringify(m.measureId)} is not a valid measure id (letters, digits, _ and -, not a .pisub keyword); it was left out.` });
            return;
        }
        const cat = catalogueKnowing(m.measureId, year);
        const exclusionOf = cat?.exclusionOf.get(m.measureId);
        const levelOf = cat?.levelOf.get(m.measureId);
        const comments = m.comment ? [`// ${oneLine(m.comment)}`] : [];
        if (exclusionOf && m.value === true && !present.has(exclusionOf) && !excludedBases.has(exclusionOf) && ID.test(exclusionOf)) {
            excludedBases.add(exclusionOf);
            lines.push({ baseId: exclusionOf, order: index, comments, text: `measure ${preferredName(exclusionOf) ?? exclusionOf} excluded ${m.measureId}`, engagementOpen: false, exclusion: true });
            return;
        }
        if (levelOf && m.value === true) {
            pendingLevels.push({ m, base: levelOf, index });
            return;
        }
        const line: Line = { baseId: exclusionOf ?? levelOf ?? officialMeasureId(m.measureId) ?? m.measureId, apart: !!(exclusionOf ?? levelOf), order: index, comments, text: measureLine(m, notes), engagementOpen: false };
        const info = cat?.measures.get(m.measureId);
        const isPublicHealthMeasure = info !== undefined && isPublicHealth(info) && !exclusionOf && !levelOf;
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
            if (m.comment) target.comments.push(`// ${oneLine(m.comment)}`);
        } else {
            lines.push({ baseId: base, apart: true, order: index, comments: m.comment ? [`// ${oneLine(m.comment)}`] : [], text: measureLine(m, notes), engagementOpen: false });
        }
    }

    const body: string[] = [];
    for (const section of SECTIONS) {
        const own = lines.filter(l => sectionOf(l.baseId) === section).sort((a, b) => rank(a.baseId) - rank(b.baseId) || Number(!!a.apart) - Number(!!b.apart) || a.order - b.order);
        if (own.length === 0) continue;
        body.push('', `// ${section.title}`);
        for (const l of own) {
            body.push(...l.comments);
            if (l.text) {
                body.push(l.exclusion ? l.text : l.text.replace(/^measure /, `${section.keyword} `));
                entries.push(l.text.replace(/^measure /, ''));
            }
        }
    }

    const errors = notes.filter(n => n.severity === 'error').map(formatNote);
    const warnings = notes.filter(n => n.severity === 'warning').map(formatNote);
    const comments = [
        `// Imported by \`pisub import\` from the ${oneLine(s.sourceKind)} file ${oneLine(s.sourceName)}.`,
        ...s.comments.map(c => `// ${oneLine(c)}`),
        ...errors.map(e => `// Error: ${e}`),
        ...warnings.map(w => `// Warning: ${w}`),
        '// Review it and run `pisub check` before submitting.'
    ];
    // Control and bidirectional characters from the source (an ESC/BEL title sequence, U+2028, a
    // right-to-left override) never reach the text: comments escape them, values drop them with a
    // warning (above), so the terminal and editors show what the file means.
    const text = [...comments, `submission ${name} {`, ...[...header, ...body].map(l => (l ? `    ${l}` : '')), '}', ''].join('\n');
    return { text, name, warnings, errors, intent };
}

function sectionOf(id: string): Section {
    return SECTIONS.find(s => s.test.test(id))!;
}

function rank(id: string): number {
    const i = NAME_ORDER.indexOf(id);
    return i < 0 ? NAME_ORDER.length : i;
}


/** `measure <name> <value>`, or '' when the value cannot be written. */
function measureLine(m: ImportedMeasurement, notes: ImportNote[]): string {
    const name = preferredName(m.measureId) ?? m.measureId;
    if (typeof m.value === 'boolean') return `measure ${name} ${m.value ? 'yes' : 'no'}`;
    if (!COUNT.test(m.value.numerator) || !COUNT.test(m.value.denominator)) {
        notes.push({ severity: 'error', where: m.where, message: `${m.measureId}: ${JSON.stringify(m.value.numerator)} / ${JSON.stringify(m.value.denominator)} are not counts; the measure was left out.` });
        return '';
    }
    return `measure ${name} ${m.value.numerator} / ${m.value.denominator}`;
}
