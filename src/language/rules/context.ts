/**
 * What a check sees (the model, its year, the year's facts and measure catalogue) and how it
 * reports: `report(code, span, message)`. Severity comes from the rule catalogue, lowered when the
 * fact behind the finding is uncertain.
 */
import type { Confidence, YearFacts } from '../data/years.js';
import type { YearCatalogue } from '../data/measures.js';
import type { Span, SubmissionModel } from '../model/submission.js';
import { ruleFor, severityFor, type Severity } from './catalogue.js';
import type { Resolution } from './resolve.js';

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

export class RuleContext {
    readonly findings: Finding[] = [];

    constructor(
        readonly model: SubmissionModel,
        readonly year: number | undefined,
        readonly facts: YearFacts | undefined,
        readonly catalogue: YearCatalogue | undefined,
        /** Filled in by the measure checks; later checks read it. */
        public resolution: Resolution | undefined = undefined
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
        this.findings.push({
            code, severity, message: message + uncertain, span,
            fixes: this.canFix && options.fixes?.length ? options.fixes : undefined
        });
    }
}
