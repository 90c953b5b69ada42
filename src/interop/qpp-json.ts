/**
 * QPP Submissions API JSON as an input format: text → SubmissionModel, with every span pointing into
 * the JSON text (string spans exclude the quotes, so a fix that rewrites a value keeps the JSON valid).
 *
 * Shape problems (a missing `measurementSets`, no `pi` set, a value of the wrong JSON type) are
 * reported as errors with positions; the rules then run on whatever could be read. Field names:
 * shared/reference/pi-rules-notes.md §6 and qpp-submissions/submission-example-pi.json.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { catalogueFor } from '../language/data/measures.js';
import type {
    EntityKind, EntityModel, EntryValue, Located, MeasureEntry, PeriodModel, ReportingModel, ReportingOption, Span, SubmissionModel
} from '../language/model/submission.js';
import { MVP_ID } from '../language/vocabulary.js';

export interface QppJsonError {
    readonly message: string;
    readonly offset: number;
    readonly end: number;
}

export interface QppJsonParse {
    readonly model?: SubmissionModel;
    readonly errors: readonly QppJsonError[];
    /** `submissionMethod` of the pi measurement set, when given (not part of the model). */
    readonly submissionMethod?: string;
    /** The JSON tree (for JSON pointers in import messages), when the text parsed. */
    readonly root?: Node;
    /** The submission object (the root, or `data.submission` of an API response). */
    readonly submission?: Node;
    /** The pi measurement set that was read. */
    readonly piSet?: Node;
    /** `programName` values that are valid but have no `.pisub` reporting option (`ssp`). */
    readonly programWithoutOption?: string;
}

/**
 * The deepest nesting of arrays and objects in a JSON text, counted without recursion (strings
 * skipped). jsonc-parser builds its tree recursively, so a hostile file of thousands of nested `[`
 * would overflow the stack: such a file is refused before it is parsed.
 */
export const MAX_JSON_DEPTH = 64;
export function jsonDepth(text: string): { depth: number; offset: number } {
    let depth = 0, max = 0, at = 0, inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
            if (c === 0x5c) i++; // backslash: skip the escaped character
            else if (c === 0x22) inString = false;
        } else if (c === 0x22) inString = true;
        else if (c === 0x5b || c === 0x7b) { depth++; if (depth > max) { max = depth; at = i; } }
        else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
    }
    return { depth: max, offset: at };
}

/** QPP `entityType` ↔ pisub entity kind. */
export const ENTITY_TYPE_TO_KIND: Readonly<Record<string, EntityKind>> = {
    individual: 'individual', group: 'group', virtualGroup: 'virtual-group', subgroup: 'subgroup', apm: 'apm-entity'
};
export const KIND_TO_ENTITY_TYPE: Readonly<Record<EntityKind, string>> = {
    individual: 'individual', group: 'group', 'virtual-group': 'virtualGroup', subgroup: 'subgroup', 'apm-entity': 'apm'
};

/** QPP `programName` ↔ pisub reporting option (MVPs use their MVP id as the program name). */
export const PROGRAM_TO_OPTION: Readonly<Record<string, ReportingOption>> = { mips: 'traditional', app1: 'app', appPlus: 'app-plus', ssp: 'ssp' };
export const OPTION_TO_PROGRAM: Readonly<Record<Exclude<ReportingOption, 'mvp'>, string>> = { traditional: 'mips', app: 'app1', 'app-plus': 'appPlus', ssp: 'ssp' };
export { MVP_ID };

/** A table lookup that never finds Object.prototype's members (`"valueOf"`, `"constructor"`, ...). */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
    return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * The `programName` values valid for PI in a year: `mips` and `app1` always, then what CMS's measure
 * data lists in `allowedPrograms` for the year (`appPlus` from 2025, the year's MVP ids, `ssp` from
 * 2026). Without a known year: the values of every year.
 */
export function validPrograms(year: number | undefined): string[] {
    const out = new Set(['mips', 'app1']);
    const years = year !== undefined && catalogueFor(year) ? [year] : [2022, 2023, 2024, 2025, 2026, 2027];
    for (const y of years) for (const p of catalogueFor(y)?.programs ?? []) out.add(p);
    const order = (p: string) => (MVP_ID.test(p) ? 1 : 0);
    return [...out].sort((a, b) => order(a) - order(b) || (order(a) ? a.localeCompare(b) : 0));
}

/** Programs that exist but through which PI is not submitted as a MIPS measurement set. */
const NOT_PI_PROGRAMS: Readonly<Record<string, string>> = {
    pcf: 'Primary Care First (PCF)', cpcplus: 'Comprehensive Primary Care Plus (CPC+)', 'cpc+': 'Comprehensive Primary Care Plus (CPC+)'
};

/** Why a programName is not accepted for PI (the valid values listed), or undefined when it is. */
export function programProblem(name: string, year: number | undefined): string | undefined {
    const valid = validPrograms(year);
    if (valid.includes(name)) return undefined;
    const list = valid.map(v => `"${v}"`).join(', ');
    const other = own(NOT_PI_PROGRAMS, name.toLowerCase().replace(/[^a-z+]/g, ''));
    if (other) return `"${name}" is ${other}: PI is not submitted through that program (its data goes to the model's own reporting, not a MIPS PI measurement set). For MIPS PI use one of ${list}.`;
    const yearText = year !== undefined ? ` for ${year}` : '';
    if (MVP_ID.test(name.toUpperCase()) && valid.includes(name.toUpperCase())) return `MVP ids are upper case: write "${name.toUpperCase()}".`;
    if (MVP_ID.test(name.toUpperCase())) return `"${name}" is not an MVP offered for PI${yearText} in CMS's measure data. Valid programName values${yearText}: ${list}.`;
    if (name === 'appPlus') return `APP Plus ("appPlus") is offered from the 2025 performance year. Valid programName values${yearText}: ${list}.`;
    if (name === 'ssp') return `"ssp" (Shared Savings Program) is accepted for PI from the 2026 performance year. Valid programName values${yearText}: ${list}.`;
    return `Unknown "programName" "${name}" for PI. Valid values${yearText}: ${list}.`;
}

const SYNTAX_MESSAGES: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'a property name in double quotes is expected here',
    ValueExpected: 'a value is expected here',
    ColonExpected: 'a colon (:) is expected before this',
    CommaExpected: 'a comma is expected before this',
    CloseBraceExpected: 'a closing brace } (or a comma) is expected before this',
    CloseBracketExpected: 'a closing bracket ] (or a comma) is expected before this',
    EndOfFileExpected: 'unexpected text after the end of the JSON value',
    InvalidCommentToken: 'comments are not allowed in QPP JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in a string'
};

function syntaxError(e: ParseError, textLength: number): QppJsonError {
    const what = SYNTAX_MESSAGES[printParseErrorCode(e.error)] ?? 'invalid JSON';
    const offset = Math.min(e.offset, textLength);
    return { message: `JSON syntax error: ${what}. A QPP submission must be valid JSON.`, offset, end: Math.min(offset + Math.max(e.length, 1), Math.max(textLength, offset)) };
}

function nodeSpan(n: Node): Span {
    return { offset: n.offset, end: n.offset + n.length };
}

/** A string node's span without its quotes (a number's or other node's span as is). */
function innerSpan(n: Node): Span {
    return n.type === 'string' && n.length >= 2 ? { offset: n.offset + 1, end: n.offset + n.length - 1 } : nodeSpan(n);
}

const JSON_TYPE_NAMES: Record<string, string> = {
    object: 'an object', array: 'an array', string: 'a string', number: 'a number', boolean: 'true/false', null: 'null', property: 'a property'
};

function describe(n: Node): string {
    return JSON_TYPE_NAMES[n.type] ?? n.type;
}

/** All properties of an object node with this key (a key given twice is kept twice). */
function props(obj: Node, key: string): { key: Node; value: Node }[] {
    const out: { key: Node; value: Node }[] = [];
    for (const p of obj.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v && k.value === key) out.push({ key: k, value: v });
    }
    return out;
}

const SUBMISSION_FIELDS = ['entityType', 'entityId', 'taxpayerIdentificationNumber', 'nationalProviderIdentifier', 'performanceYear', 'measurementSets'];
const SET_FIELDS = ['category', 'submissionMethod', 'programName', 'cehrtId', 'performanceStart', 'performanceEnd', 'measurements'];
const MEASUREMENT_FIELDS = ['measureId', 'value'];

/** Field names are case-sensitive: `"performanceyear"` is not read, so say so (other unknown fields are left alone). */
function checkFieldCase(r: Reader, obj: Node, known: readonly string[]): void {
    for (const p of obj.children ?? []) {
        const key = p.children?.[0];
        if (!key || typeof key.value !== 'string' || known.includes(key.value)) continue;
        const meant = known.find(k => k.toLowerCase() === String(key.value).toLowerCase());
        if (meant) r.error(innerSpan(key), `"${key.value}" is not read: QPP field names are case-sensitive. Write "${meant}".`);
    }
}

class Reader {
    readonly errors: QppJsonError[] = [];
    constructor(readonly text: string) {}

    error(span: Span, message: string): void {
        this.errors.push({ message, offset: span.offset, end: span.end });
    }

    /** String values of a key (numbers accepted with an error, as some exporters write TINs as numbers). */
    strings(obj: Node, key: string, what: string): Located<string>[] {
        const out: Located<string>[] = [];
        for (const { value } of props(obj, key)) {
            if (value.type === 'string') out.push({ value: String(value.value), span: innerSpan(value) });
            else if (value.type === 'number') {
                const raw = this.raw(value);
                this.error(nodeSpan(value), `"${key}" (${what}) must be a string in quotes, not a number: write "${raw}". Numbers lose leading zeros.`);
                out.push({ value: raw, span: nodeSpan(value) });
            } else if (value.type !== 'null') {
                // null is "not given" (the API's own responses write "nationalProviderIdentifier": null for a group).
                this.error(nodeSpan(value), `"${key}" (${what}) must be a string, not ${describe(value)}.`);
            }
        }
        return out;
    }

    raw(n: Node): string {
        return this.text.slice(n.offset, n.offset + n.length);
    }
}

/** Parses a QPP Submissions API submission. Never throws. */
export function parseQppJson(text: string): QppJsonParse {
    const r = new Reader(text);
    const deep = jsonDepth(text);
    if (deep.depth > MAX_JSON_DEPTH) {
        r.error({ offset: deep.offset, end: deep.offset + 1 },
            `The JSON is nested ${deep.depth} levels deep; a QPP submission needs fewer than 10 and pisub reads at most ${MAX_JSON_DEPTH}. The file was not read.`);
        return { errors: r.errors };
    }
    const parseErrors: ParseError[] = [];
    const tree = parseTree(text, parseErrors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
    for (const e of parseErrors) r.errors.push(syntaxError(e, text.length));
    if (parseErrors.length > 0 || !tree) {
        if (!tree && parseErrors.length === 0) r.error({ offset: 0, end: 0 }, 'The file is empty: a QPP submission is a JSON object.');
        return { errors: r.errors };
    }
    if (tree.type !== 'object') {
        r.error(nodeSpan(tree), `A QPP submission is a JSON object ({ "entityType": ..., "measurementSets": [...] }), not ${describe(tree)}.`);
        return { errors: r.errors };
    }
    // The API's responses wrap the submission: { "data": { "submission": { ... } } }.
    const wrapped = props(tree, 'measurementSets').length === 0 ? props(tree, 'data')[0]?.value : undefined;
    const inner = wrapped?.type === 'object' ? props(wrapped, 'submission')[0]?.value : undefined;
    const root = inner?.type === 'object' ? inner : tree;
    const firstKey = root.children?.[0]?.children?.[0];
    const topSpan: Span = firstKey ? nodeSpan(firstKey) : { offset: root.offset, end: root.offset + 1 };

    // The pi measurement set.
    const setsProps = props(root, 'measurementSets');
    if (setsProps.length === 0) {
        r.error(topSpan, 'No "measurementSets": a QPP submission lists its measurement sets, one of them with "category": "pi".');
        return { errors: r.errors };
    }
    const sets = setsProps[0].value;
    if (sets.type !== 'array') {
        r.error(nodeSpan(sets), `"measurementSets" must be an array of measurement sets, not ${describe(sets)}.`);
        return { errors: r.errors };
    }
    const piSets = (sets.children ?? []).filter(s => s.type === 'object' && props(s, 'category').some(c => c.value.value === 'pi'));
    for (const s of sets.children ?? []) {
        if (s.type !== 'object') r.error(nodeSpan(s), `A measurement set is an object, not ${describe(s)}.`);
    }
    const aciSets = (sets.children ?? []).filter(s => s.type === 'object' && props(s, 'category').some(c => c.value.value === 'aci'));
    if (piSets.length === 0 && aciSets.length > 0) {
        r.error(nodeSpan(props(aciSets[0], 'category')[0].value),
            'This measurement set has "category": "aci", Advancing Care Information: the name of the category in the 2017 and 2018 performance years (its measures are ACI_*). It became Promoting Interoperability ("pi", PI_* measures) in 2019; pisub checks PI from 2022 and does not read ACI data.');
        return { errors: r.errors, root: tree, submission: root };
    }
    if (piSets.length === 0) {
        r.error(nodeSpan(setsProps[0].key), 'No measurement set with "category": "pi": there is no Promoting Interoperability data in this submission.');
        return { errors: r.errors };
    }
    for (const extra of piSets.slice(1)) {
        r.error(nodeSpan(extra), 'A second "pi" measurement set: a submission has one Promoting Interoperability set. Merge them; only the first is checked.');
    }
    const pi = piSets[0];
    checkFieldCase(r, root, SUBMISSION_FIELDS);
    checkFieldCase(r, pi, SET_FIELDS);
    const measurementsProp = props(pi, 'measurements')[0];
    const headerSpan = measurementsProp ? nodeSpan(measurementsProp.key) : nodeSpan(props(pi, 'category')[0].key);

    // Performance year: a number.
    const years: Located<string>[] = [];
    for (const { value } of props(root, 'performanceYear')) {
        if (value.type === 'number') years.push({ value: r.raw(value), span: nodeSpan(value) });
        else if (value.type === 'string') {
            const s = String(value.value);
            if (/^\d{4}$/.test(s)) {
                r.error(nodeSpan(value), `"performanceYear" must be a number: write ${s} without quotes.`);
                years.push({ value: s, span: innerSpan(value) });
            } else {
                r.error(nodeSpan(value), `"performanceYear" is "${s}", which is not a year${/[<>]/.test(s) ? ' (a placeholder left in a template)' : ''}: write the performance year as a number, e.g. 2025.`);
            }
        } else r.error(nodeSpan(value), `"performanceYear" must be a number such as 2025, not ${describe(value)}.`);
    }

    // Entity.
    const entities: EntityModel[] = [];
    const entityTypes = props(root, 'entityType');
    for (const { value } of entityTypes) {
        if (value.type !== 'string') { r.error(nodeSpan(value), `"entityType" must be a string, not ${describe(value)}.`); continue; }
        const kind = own(ENTITY_TYPE_TO_KIND, String(value.value));
        if (!kind) {
            r.error(innerSpan(value), `Unknown "entityType" "${value.value}". The QPP API accepts ${Object.keys(ENTITY_TYPE_TO_KIND).map(k => `"${k}"`).join(', ')}.`);
            continue;
        }
        entities.push({
            kind: { value: kind, span: innerSpan(value) },
            tin: entities.length === 0 ? r.strings(root, 'taxpayerIdentificationNumber', 'the TIN') : [],
            npi: entities.length === 0 ? r.strings(root, 'nationalProviderIdentifier', 'the NPI') : [],
            entityId: entities.length === 0 ? r.strings(root, 'entityId', 'the entity id') : [],
            span: nodeSpan(value)
        });
    }

    // Measurement-set fields.
    const reportings: ReportingModel[] = [];
    const yearNumber = years[0] && /^\d{4}$/.test(years[0].value) ? Number(years[0].value) : undefined;
    let programWithoutOption: string | undefined;
    for (const p of r.strings(pi, 'programName', 'the program')) {
        const problem = programProblem(p.value, yearNumber);
        const option = own(PROGRAM_TO_OPTION, p.value);
        // appPlus before 2025 and an MVP the year does not offer are read (the rules report them with their own codes).
        if (option) reportings.push({ option: { value: option, span: p.span }, span: p.span });
        else if (MVP_ID.test(p.value.toUpperCase())) reportings.push({ option: { value: 'mvp', span: p.span }, mvpId: p, span: p.span });
        else if (!problem) programWithoutOption = p.value;
        else r.error(p.span, problem);
    }
    const cehrts = r.strings(pi, 'cehrtId', 'the CEHRT id');
    const periods: PeriodModel[] = [];
    const starts = r.strings(pi, 'performanceStart', 'the first day of the performance period');
    const ends = r.strings(pi, 'performanceEnd', 'the last day of the performance period');
    if (starts[0] && ends[0]) {
        periods.push({ start: starts[0], end: ends[0], span: { offset: Math.min(starts[0].span.offset, ends[0].span.offset), end: Math.max(starts[0].span.end, ends[0].span.end) } });
    } else if (starts[0] || ends[0]) {
        const given = (starts[0] ?? ends[0])!;
        r.error(given.span, `The performance period needs both "performanceStart" and "performanceEnd" (YYYY-MM-DD); "${starts[0] ? 'performanceEnd' : 'performanceStart'}" is missing.`);
    }
    const submissionMethod = r.strings(pi, 'submissionMethod', 'how the data is submitted')[0]?.value;

    // Measurements.
    const entries: MeasureEntry[] = [];
    if (!measurementsProp) {
        r.error(headerSpan, 'The "pi" measurement set has no "measurements" array.');
    } else if (measurementsProp.value.type !== 'array') {
        r.error(nodeSpan(measurementsProp.value), `"measurements" must be an array of { "measureId": ..., "value": ... }, not ${describe(measurementsProp.value)}.`);
    } else {
        for (const m of measurementsProp.value.children ?? []) {
            const entry = readMeasurement(r, m);
            if (entry) entries.push(entry);
        }
    }

    const model: SubmissionModel = {
        origin: 'qpp-json', headerSpan, years, practices: [], entities, reportings, periods, cehrts, entries,
        statuses: [], clinicians: [], notes: []
    };
    return { model, errors: r.errors, submissionMethod, root: tree, submission: root, piSet: pi, programWithoutOption };
}

function readMeasurement(r: Reader, m: Node): MeasureEntry | undefined {
    if (m.type !== 'object') {
        r.error(nodeSpan(m), `A measurement is an object { "measureId": "PI_EP_1", "value": ... }, not ${describe(m)}.`);
        return undefined;
    }
    checkFieldCase(r, m, MEASUREMENT_FIELDS);
    const id = props(m, 'measureId')[0]?.value;
    const valueProp = props(m, 'value')[0];
    if (!id) { r.error(nodeSpan(m), 'This measurement has no "measureId".'); return undefined; }
    if (id.type !== 'string') { r.error(nodeSpan(id), `"measureId" must be a string such as "PI_EP_1", not ${describe(id)}.`); return undefined; }
    const ref: Located<string> = { value: String(id.value), span: innerSpan(id) };
    if (!valueProp) { r.error(innerSpan(id), `${ref.value} has no "value": give true/false or { "numerator": n, "denominator": d }.`); return undefined; }
    const v = valueProp.value;
    let value: EntryValue;
    if (v.type === 'boolean') {
        value = { kind: 'answer', answer: { value: v.value === true, span: nodeSpan(v) }, span: nodeSpan(v) };
    } else if (v.type === 'object') {
        const num = props(v, 'numerator')[0]?.value;
        const den = props(v, 'denominator')[0]?.value;
        if (!num || !den) {
            r.error(nodeSpan(v), `${ref.value}: a proportion value needs both "numerator" and "denominator"${!num && !den ? '' : ` ("${num ? 'denominator' : 'numerator'}" is missing)`}.`);
            return undefined;
        }
        const count = (n: Node, what: string): Located<string> | undefined => {
            if (n.type === 'number') {
                // A JSON number is a number whatever its spelling: 100, 100.0 and 1e2 are the same whole number.
                const v = Number(r.raw(n));
                if (Number.isSafeInteger(v)) return { value: String(v), span: nodeSpan(n) };
                // Anything else is kept as written: the rules report a count that is not a whole number.
                return { value: r.raw(n), span: nodeSpan(n) };
            }
            if (n.type === 'string' && /^\d+$/.test(String(n.value))) {
                r.error(nodeSpan(n), `${ref.value}: the ${what} must be a JSON number: write ${n.value} without quotes.`);
                return { value: String(n.value), span: innerSpan(n) };
            }
            r.error(nodeSpan(n), `${ref.value}: the ${what} must be a whole number, not ${describe(n)}.`);
            return undefined;
        };
        const numerator = count(num, 'numerator');
        const denominator = count(den, 'denominator');
        if (!numerator || !denominator) return undefined;
        value = { kind: 'ratio', numerator, denominator, span: nodeSpan(v) };
    } else {
        const hint = v.type === 'string' && /^(true|false)$/i.test(String(v.value)) ? ` Write ${String(v.value).toLowerCase()} without quotes.` : '';
        r.error(nodeSpan(v), `${ref.value}: "value" must be true, false or { "numerator": n, "denominator": d }, not ${describe(v)}.${hint}`);
        return undefined;
    }
    return { ref, value, span: nodeSpan(m) };
}
