import { SUPPORTED_YEARS } from '../language/data/measures.js';
/**
 * `pisub import`: a QPP JSON submission or a QRDA Category III file → a formatted `.pisub` text.
 * Returns results (text, warnings, or the problems that stopped it); never prints, never throws.
 */
import { basename } from 'node:path';
import { LineIndex } from '../language/headless.js';
import type { ImportedMeasurement, ImportedSubmission, WrittenPisub } from './pisub-writer.js';
import { writePisub } from './pisub-writer.js';
import { parseQppJson } from './qpp-json.js';
import { readQrda3 } from './qrda3.js';

export interface ImportOptions {
    /** Overrides the performance year read from the file. */
    readonly year?: string;
}

export interface ImportResult {
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
    if (!read.submission) return { problems: read.problems };
    let submission = read.submission;
    if (options.year !== undefined && options.year !== submission.year) {
        submission = {
            ...submission, year: options.year,
            comments: [...submission.comments, `Performance year set to ${options.year} by --year (the file says ${submission.year ?? 'nothing'}).`]
        };
    }
    const problems = [...read.problems];
    const year = Number(submission.year);
    if (submission.year !== undefined && !SUPPORTED_YEARS.includes(year)) {
        problems.push(`the file is for performance year ${submission.year}, which pisub has no rules for (it knows ${SUPPORTED_YEARS[0]}–${SUPPORTED_YEARS.at(-1)}); `
            + 'check will report year/unsupported plus what holds in every year it knows. To check it against one of those years\' rules, import it again with --year YYYY.');
    }
    return { written: writePisub(submission), problems };
}

/** QPP JSON → the imported submission. JSON syntax errors stop the import; other problems are kept as comments. */
export function fromQppJson(text: string, sourceName: string): { submission?: ImportedSubmission; problems: string[] } {
    const parsed = parseQppJson(text);
    const index = new LineIndex(text);
    const at = (offset: number) => { const p = index.position(offset); return `line ${p.line}, column ${p.column}`; };
    const problems = parsed.errors.map(e => `${at(e.offset)}: ${e.message}`);
    const m = parsed.model;
    if (!m) return { problems };
    const entity = m.entities[0];
    const reporting = m.reportings[0];
    const measurements: ImportedMeasurement[] = m.entries.map(e => ({
        measureId: e.ref.value,
        value: e.value.kind === 'ratio' ? { numerator: e.value.numerator.value, denominator: e.value.denominator.value }
            : e.value.kind === 'answer' ? e.value.answer.value : true
    }));
    // The raw year text (a placeholder string is not in the model; say so).
    const year = m.years[0]?.value;
    const comments: string[] = [];
    if (parsed.submissionMethod) comments.push(`Submission method in the file: ${parsed.submissionMethod}.`);
    for (const p of problems) comments.push(`Not imported: ${p}`);
    return {
        problems,
        submission: {
            sourceKind: 'QPP JSON', sourceName, year,
            entity: entity ? { kind: entity.kind.value, tin: entity.tin[0]?.value, npi: entity.npi[0]?.value, entityId: entity.entityId[0]?.value } : undefined,
            reporting: reporting ? { option: reporting.option.value, mvpId: reporting.mvpId?.value } : undefined,
            period: m.periods[0] ? { start: m.periods[0].start.value, end: m.periods[0].end.value } : undefined,
            cehrt: m.cehrts[0]?.value,
            measurements, comments
        }
    };
}
