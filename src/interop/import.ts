/**
 * `pisub import`: a QPP JSON submission or a QRDA Category III file → a formatted `.pisub` text.
 * Returns results (text, errors, warnings, or the problems that stopped it); never prints, never throws.
 *
 * Nothing is lost silently: every PI element of the source is imported or named in a note (an error
 * or a warning with its XML path or JSON pointer), written in the file's header and returned for
 * stderr. After writing, the importer parses its own text and checks that it says exactly what it
 * meant (year, practice, entity, program, period, CEHRT id, every measure statement and nothing
 * else); a difference stops the import.
 */
import { basename } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { findNodeAtOffset, getNodePath, type Node as JsonNode } from 'jsonc-parser';
import type { Submission } from '../language/generated/ast.js';
import { SUPPORTED_YEARS } from '../language/data/measures.js';
import { LineIndex } from '../language/headless.js';
import { modelFromAst } from '../language/model/from-ast.js';
import type { MeasureEntry, SubmissionModel } from '../language/model/submission.js';
import { createPisubServices } from '../language/pisub-module.js';
import type { ImportedMeasurement, ImportedSubmission, ImportNote, WrittenIntent, WrittenPisub } from './pisub-writer.js';
import { oneLine, writePisub } from './pisub-writer.js';
import { parseQppJson, programProblem } from './qpp-json.js';
import { readQrda3 } from './qrda3.js';

export interface ImportOptions {
    /** Overrides the performance year read from the file. */
    readonly year?: string;
}

export interface ImportResult {
    /** The .pisub text, with its errors and warnings (each also in the text's header). */
    readonly written?: WrittenPisub;
    /** Why nothing could be imported (each a consultant-readable sentence, with line:column where known). */
    readonly problems: readonly string[];
}

export function importSubmission(path: string, text: string, options: ImportOptions = {}): ImportResult {
    const lower = path.toLowerCase();
    let read: { submission?: ImportedSubmission; problems: string[] };
    if (lower.endsWith('.json')) read = fromQppJson(text, basename(path));
    else if (lower.endsWith('.xml')) read = readQrda3(text, basename(path));
    else return { problems: ['not a QPP JSON (.json) or QRDA III (.xml) file'] };
    if (!read.submission) return { problems: read.problems.map(oneLine) };
    let submission = read.submission;
    const notes: ImportNote[] = [...(submission.notes ?? [])];
    if (options.year !== undefined && options.year !== submission.year) {
        submission = {
            ...submission, year: options.year,
            comments: [...submission.comments, `Performance year set to ${options.year} by --year (the file says ${submission.year ?? 'nothing'}).`]
        };
    }
    const year = Number(submission.year);
    if (submission.year !== undefined && !SUPPORTED_YEARS.includes(year)) {
        notes.push({
            severity: 'warning',
            message: `the file is for performance year ${submission.year}, which pisub has no rules for (it knows ${SUPPORTED_YEARS[0]}–${SUPPORTED_YEARS.at(-1)}); `
                + 'check will report year/unsupported plus what holds in every year it knows. To check it against one of those years\' rules, import it again with --year YYYY.'
        });
    }
    const written = writePisub({ ...submission, notes });
    const mismatch = verifyWritten(written);
    if (mismatch) {
        return { problems: [oneLine(`pisub's own output would not say what the file says (${mismatch}); nothing was written. Please report this with the input file.`)] };
    }
    return { written, problems: read.problems.map(oneLine) };
}

let parser: ReturnType<typeof createPisubServices>['Pisub']['parser']['LangiumParser'] | undefined;

/** The writer's text, parsed back: its meaning in the writer's terms, or the syntax errors. */
export function readBack(text: string): { intent?: WrittenIntent; model?: SubmissionModel; errors: string[] } {
    parser ??= createPisubServices(EmptyFileSystem).Pisub.parser.LangiumParser;
    const parsed = parser.parse<Submission>(text);
    const errors = [...parsed.lexerErrors.map(e => e.message), ...parsed.parserErrors.map(e => e.message)];
    if (errors.length > 0) return { errors };
    const m = modelFromAst(parsed.value);
    const e = m.entities[0];
    const r = m.reportings[0];
    const p = m.periods[0];
    const intent: WrittenIntent = {
        year: m.years[0]?.value, practice: m.practices[0]?.value,
        entity: e && { kind: e.kind.value, tin: e.tin[0]?.value, npi: e.npi[0]?.value, entityId: e.entityId[0]?.value },
        reporting: r && { option: r.option.value, mvpId: r.mvpId?.value },
        period: p && { start: p.start.value, end: p.end.value },
        cehrt: m.cehrts[0]?.value,
        entries: m.entries.map(describeEntry)
    };
    return { intent, model: m, errors };
}

/** A measure statement as the writer writes it, without its keyword: `e-prescribing 45 / 60`. */
function describeEntry(e: MeasureEntry): string {
    const v = e.value;
    const value = v.kind === 'ratio' ? `${v.numerator.value} / ${v.denominator.value}`
        : v.kind === 'answer' ? (v.answer.value ? 'yes' : 'no')
        : `excluded${v.exclusion ? ` ${v.exclusion.value}` : ''}`;
    return [e.ref.value, value, e.engagement && `engagement ${e.engagement.value}`].filter(Boolean).join(' ');
}

/** The difference between what the writer meant and what its text says, or undefined when there is none. */
export function verifyWritten(w: WrittenPisub): string | undefined {
    const back = readBack(w.text);
    if (!back.intent || !back.model) return `it does not parse: ${back.errors[0]}`;
    const m = back.model;
    const counts: [string, number][] = [
        ['year', m.years.length], ['practice', m.practices.length], ['entity', m.entities.length], ['reporting', m.reportings.length],
        ['period', m.periods.length], ['cehrt', m.cehrts.length], ['special-status', m.statuses.length], ['clinician', m.clinicians.length],
        ['note', m.notes.length], ['prior-year', m.priorYear ? 1 : 0], ['evidence', m.evidence?.length ?? 0]
    ];
    for (const [what, n] of counts) {
        const meant = what in w.intent && (w.intent as unknown as Record<string, unknown>)[what] !== undefined ? 1 : 0;
        if (n !== meant) return `${n} \`${what}\` statement(s) where ${meant} was meant`;
    }
    const canon = (i: WrittenIntent) => JSON.stringify({
        year: i.year, practice: i.practice,
        entity: i.entity && [i.entity.kind, i.entity.tin, i.entity.npi, i.entity.entityId],
        reporting: i.reporting && [i.reporting.option, i.reporting.mvpId],
        period: i.period && [i.period.start, i.period.end], cehrt: i.cehrt, entries: i.entries
    });
    const meant = canon(w.intent), said = canon(back.intent);
    if (meant === said) return undefined;
    return `meant ${meant}, the text says ${said}`;
}

/** A JSON pointer (RFC 6901) with line and column for an offset in the QPP JSON text. */
function pointerAt(root: JsonNode | undefined, index: LineIndex, offset: number): string {
    const pos = index.position(offset);
    const node = root ? findNodeAtOffset(root, offset, true) : undefined;
    const pointer = node ? '/' + getNodePath(node).map(p => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/') : '';
    const at = `line ${pos.line}, column ${pos.column}`;
    return pointer === '' || pointer === '/' ? at : `${pointer} (${at})`;
}

const KNOWN_SUBMISSION = new Set(['entityType', 'entityId', 'taxpayerIdentificationNumber', 'nationalProviderIdentifier', 'performanceYear', 'measurementSets']);
const KNOWN_SET = new Set(['category', 'submissionMethod', 'programName', 'cehrtId', 'performanceStart', 'performanceEnd', 'measurements']);

/** QPP JSON → the imported submission. JSON syntax errors stop the import; every other problem is a note. */
export function fromQppJson(text: string, sourceName: string): { submission?: ImportedSubmission; problems: string[] } {
    const parsed = parseQppJson(text);
    const index = new LineIndex(text);
    const where = (offset: number) => pointerAt(parsed.root, index, offset);
    const m = parsed.model;
    if (!m) return { problems: parsed.errors.map(e => `${where(e.offset)}: ${e.message}`) };
    const notes: ImportNote[] = parsed.errors.map(e => ({ severity: 'error' as const, where: where(e.offset), message: e.message }));
    const entity = m.entities[0];
    const reporting = m.reportings[0];
    const measurements: ImportedMeasurement[] = m.entries.map(e => ({
        measureId: e.ref.value, where: where(e.ref.span.offset),
        value: e.value.kind === 'ratio' ? { numerator: e.value.numerator.value, denominator: e.value.denominator.value }
            : e.value.kind === 'answer' ? e.value.answer.value : true
    }));
    const year = m.years[0]?.value;
    const comments: string[] = [];
    if (parsed.submissionMethod) comments.push(`Submission method in the file: ${parsed.submissionMethod}.`);

    // Fields pisub does not read, and other measurement sets: named, not dropped silently.
    const sub = parsed.submission;
    for (const p of sub?.children ?? []) {
        const key = p.children?.[0];
        if (key && typeof key.value === 'string' && ![...KNOWN_SUBMISSION].some(k => k.toLowerCase() === String(key.value).toLowerCase())) {
            const v = p.children?.[1];
            if (v?.type !== 'null') notes.push({ severity: 'warning', where: where(key.offset), message: `the field "${key.value}" is not part of a PI submission and was not imported.` });
        }
    }
    for (const set of (sub?.children ?? []).find(p => p.children?.[0]?.value === 'measurementSets')?.children?.[1]?.children ?? []) {
        if (set === parsed.piSet || set.type !== 'object') continue;
        const category = set.children?.find(p => p.children?.[0]?.value === 'category')?.children?.[1]?.value;
        const why = category === 'aci' ? ' ("aci" is Advancing Care Information, the category\'s name in 2017 and 2018)' : '';
        if (category !== 'pi') notes.push({ severity: 'warning', where: where(set.offset), message: `the "${String(category)}" measurement set was not imported${why}: pisub reads Promoting Interoperability ("pi") only.` });
    }
    for (const p of parsed.piSet?.children ?? []) {
        const key = p.children?.[0];
        // (A known field in the wrong case is already an error of the parse.)
        if (key && typeof key.value === 'string' && ![...KNOWN_SET].some(k => k.toLowerCase() === String(key.value).toLowerCase())) {
            notes.push({ severity: 'warning', where: where(key.offset), message: `the field "${key.value}" of the pi measurement set is not part of a PI submission and was not imported.` });
        }
    }
    // A key given twice in one object: JSON keeps both, the import only the first.
    const objects: JsonNode[] = [sub, parsed.piSet].filter((n): n is JsonNode => n?.type === 'object');
    const measurementsNode = parsed.piSet?.children?.find(p => p.children?.[0]?.value === 'measurements')?.children?.[1];
    for (const mNode of measurementsNode?.children ?? []) if (mNode.type === 'object') objects.push(mNode);
    for (const obj of objects) {
        const seen = new Set<string>();
        for (const p of obj.children ?? []) {
            const key = p.children?.[0];
            if (!key || typeof key.value !== 'string') continue;
            if (seen.has(key.value)) {
                const raw = p.children?.[1] ? text.slice(p.children[1].offset, p.children[1].offset + Math.min(p.children[1].length, 60)) : '';
                notes.push({ severity: 'error', where: where(key.offset), message: `"${key.value}" is given twice in this object; the second (${raw}) was not imported.` });
            }
            seen.add(key.value);
        }
    }
    // A second pi set: its measures are named.
    const setsNode = sub?.children?.find(p => p.children?.[0]?.value === 'measurementSets')?.children?.[1];
    for (const set of setsNode?.children ?? []) {
        if (set === parsed.piSet || set.type !== 'object') continue;
        const category = set.children?.find(p => p.children?.[0]?.value === 'category')?.children?.[1]?.value;
        if (category !== 'pi') continue;
        const ids = (set.children?.find(p => p.children?.[0]?.value === 'measurements')?.children?.[1]?.children ?? [])
            .map(mm => mm.children?.find(p => p.children?.[0]?.value === 'measureId')?.children?.[1]?.value).filter(v => typeof v === 'string');
        notes.push({ severity: 'error', where: where(set.offset), message: `a second "pi" measurement set; its measures (${ids.join(', ') || 'none'}) were not imported. Merge the sets.` });
    }
    if (parsed.programWithoutOption) {
        notes.push({
            severity: 'warning', where: where(parsed.piSet?.offset ?? 0),
            message: `programName "${parsed.programWithoutOption}" is valid for ${year ?? 'this year'} but a .pisub file has no reporting option for it; written as traditional MIPS, so export writes "mips". ${programProblem(parsed.programWithoutOption, undefined) ?? ''}`.trim()
        });
    }
    return {
        problems: [],
        submission: {
            sourceKind: 'QPP JSON', sourceName, year,
            entity: entity ? { kind: entity.kind.value, tin: entity.tin[0]?.value, npi: entity.npi[0]?.value, entityId: entity.entityId[0]?.value } : undefined,
            reporting: reporting ? { option: reporting.option.value, mvpId: reporting.mvpId?.value } : undefined,
            period: m.periods[0] ? { start: m.periods[0].start.value, end: m.periods[0].end.value } : undefined,
            cehrt: m.cehrts[0]?.value,
            measurements, comments, notes
        }
    };
}
