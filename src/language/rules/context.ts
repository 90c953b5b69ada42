/**
 * What a check sees and how it reports. A check reads the model, its year, the year's facts and
 * measure catalogue, the resolution of its entries (computed once by the engine before any check
 * runs) and, for what needs other files, the workspace port; it reports with
 * `report(code, span, message)`. Severity comes from the rule catalogue, lowered when the fact
 * behind the finding is uncertain; a finding of a rule outside the years the catalogue gives it
 * (`appliesTo`) is not reported but kept in `outsideYears` (a test asserts it stays empty).
 */
import type { Confidence, YearFacts } from '../data/years.js';
import type { YearCatalogue } from '../data/measures.js';
import type { Span, SubmissionModel } from '../model/submission.js';
import { ruleFor, severityFor, type Severity } from './catalogue.js';
import type { SubmissionResolution } from './resolve.js';

/** A text edit suggested by a finding (offsets into the source text). */
export interface TextEditSuggestion {
    readonly span: Span;
    readonly text: string;
}

/** A ready-made fix: the editor shows it as a quick fix, tests apply it. */
export interface FixSuggestion {
    readonly title: string;
    readonly edits: readonly TextEditSuggestion[];
    /** The one obvious fix for its finding. */
    readonly preferred?: boolean;
}

export interface Finding {
    readonly code: string;
    readonly severity: Severity;
    readonly message: string;
    readonly span: Span;
    readonly fixes?: readonly FixSuggestion[];
}

export interface ReportOptions {
    /** Confidence of the year fact the finding rests on ('L' turns an error into a warning). */
    readonly confidence?: Confidence;
    readonly fixes?: readonly FixSuggestion[];
}

/**
 * The one way a check learns about other files checked together (the editor's workspace, or the
 * files of one CLI run). Absent when a submission is checked on its own.
 */
export interface WorkspacePort {
    /** The other files (names for messages) that declare a submission named `name`. */
    otherFilesDeclaring(name: string): readonly string[];
    /** This file's name (e.g. `oakwood.pisub`), for the rename quick fix of submission/duplicate-name. */
    readonly fileName?: string;
    /** Every submission name the files checked together declare (this one's included). */
    declaredNames?(): ReadonlySet<string>;
    /**
     * The other submissions checked together whose `submissionKey` is `key` (the same entity, year and
     * reporting option), for submission/conflicting-data. Optional: a port without it finds none.
     */
    otherSubmissionsFor?(key: string): readonly { readonly file: string; readonly model: SubmissionModel }[];
}

/** What a reader found at an evidence path. */
export type EvidenceLookup =
    | { readonly status: 'ok'; readonly bytes: number; readonly sha256: string; readonly modified?: string }
    | { readonly status: 'missing' }
    | { readonly status: 'unreadable'; readonly reason: string };

/**
 * The port through which evidence files are read (relative to the submission's folder). The
 * language server and the CLI give one; without one, evidence is checked as text only.
 */
export interface EvidenceReader {
    lookup(path: string): EvidenceLookup;
    /** The entries of a folder (relative to the submission), for completion; optional. */
    list?(folder: string): readonly { readonly name: string; readonly folder: boolean }[];
}

export class RuleContext {
    readonly findings: Finding[] = [];
    /** Findings a check reported for a year its rule does not apply to (dropped; should stay empty). */
    readonly outsideYears: Finding[] = [];

    constructor(
        readonly model: SubmissionModel,
        readonly year: number | undefined,
        readonly facts: YearFacts | undefined,
        readonly catalogue: YearCatalogue | undefined,
        /** The submission's entries resolved into measurements (undefined without a supported year or PI data). */
        readonly resolution: SubmissionResolution | undefined = undefined,
        readonly workspace: WorkspacePort | undefined = undefined,
        /** Reads the evidence files the submission names (checks/evidence.ts). */
        readonly evidence: EvidenceReader | undefined = undefined
    ) {}

    /**
     * Advice in the input's own terms: `.pisub` syntax for .pisub files, the QPP API's fields and
     * measurements for QPP JSON input.
     */
    write(pisub: string, json: string): string {
        return this.model.origin === 'pisub' ? pisub : json;
    }

    /** Fixes are edits of .pisub text: offered only for .pisub sources. */
    get canFix(): boolean {
        return this.model.origin === 'pisub';
    }

    report(code: string, span: Span, message: string, options: ReportOptions = {}): void {
        const rule = ruleFor(code);
        const severity = severityFor(rule, options.confidence);
        const uncertain = severity !== rule.severity
            ? ' (This rests on a fact the reference material does not confirm for this year, so it is a warning, not an error.)'
            : '';
        const finding: Finding = {
            code, severity, message: message + uncertain, span,
            fixes: this.canFix && options.fixes?.length ? options.fixes : undefined
        };
        if (this.year !== undefined && rule.appliesTo && !rule.appliesTo(this.year)) this.outsideYears.push(finding);
        else this.findings.push(finding);
    }
}
