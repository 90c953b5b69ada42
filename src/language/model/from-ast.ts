/**
 * Builds the neutral SubmissionModel from a parsed `.pisub` AST. Tolerates incomplete ASTs
 * (half-typed files): anything missing is simply absent from the model.
 */
import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import type {
    ClinicianStatement, EntityStatement, EvidenceStatement, MeasureStatement, PeriodStatement, ReportingStatement, Submission
} from '../generated/ast.js';
import type {
    ClinicianModel, EngagementLevel, EntityKind, EntityModel, EvidenceModel, EntryValue, IdentifierModel, Located, MeasureEntry, PeriodModel,
    PriorYearModel, ReportingModel, ReportingOption, Span, SpecialStatus, SubmissionModel
} from './submission.js';

function nodeSpan(node: AstNode | undefined): Span {
    const cst = node?.$cstNode;
    return cst ? { offset: cst.offset, end: cst.end } : { offset: 0, end: 0 };
}

function propSpan(node: AstNode, property: string, index?: number): Span {
    const cst = node.$cstNode ? GrammarUtils.findNodeForProperty(node.$cstNode, property, index) : undefined;
    return cst ? { offset: cst.offset, end: cst.end } : nodeSpan(node);
}

function prop<T>(node: AstNode, property: string, value: T, index?: number): Located<T> {
    return { value, span: propSpan(node, property, index) };
}

// Quoted `Token`s (`cehrt "0015C..."`) arrive unquoted: Langium's value converter handles STRING.

function entryFromAst(st: MeasureStatement): MeasureEntry | undefined {
    if (st.measure === undefined || st.value === undefined) return undefined;
    const v = st.value;
    let value: EntryValue;
    switch (v.$type) {
        case 'RatioValue':
            // An incomplete ratio ("5 /") is a syntax error already; nothing to check yet.
            if (v.numerator === undefined || v.denominator === undefined) return undefined;
            value = {
                kind: 'ratio',
                numerator: prop(v, 'numerator', v.numerator ?? ''),
                denominator: prop(v, 'denominator', v.denominator ?? ''),
                span: nodeSpan(v)
            };
            break;
        case 'AnswerValue':
            value = { kind: 'answer', answer: prop(v, 'answer', v.answer === 'yes'), span: nodeSpan(v) };
            break;
        case 'ExclusionValue':
            value = {
                kind: 'excluded',
                exclusion: v.exclusion !== undefined ? prop(v, 'exclusion', v.exclusion) : undefined,
                span: nodeSpan(v)
            };
            break;
        default:
            return undefined;
    }
    let completed: Located<string> | undefined;
    let version: Located<string> | undefined;
    let engagement: Located<EngagementLevel> | undefined;
    for (const d of st.details) {
        if (d.$type === 'CompletedDetail' && d.date !== undefined) completed ??= prop(d, 'date', d.date);
        else if (d.$type === 'VersionDetail' && d.version !== undefined) version ??= prop(d, 'version', d.version);
        else if (d.$type === 'EngagementDetail' && d.level !== undefined) engagement ??= prop(d, 'level', d.level as EngagementLevel);
    }
    return { ref: prop(st, 'measure', st.measure), value, completed, version, engagement, span: nodeSpan(st) };
}

function entityFromAst(st: EntityStatement): EntityModel | undefined {
    if (!st.kind) return undefined;
    const tin: IdentifierModel[] = [], npi: IdentifierModel[] = [], entityId: IdentifierModel[] = [];
    const text = st.$cstNode?.root.fullText ?? '';
    for (const id of st.identifiers) {
        if (id.value === undefined) continue;
        const clause = nodeSpan(id);
        let start = clause.offset;
        while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
        const loc = { ...prop(id, 'value', id.value), clause: { offset: start, end: clause.end } };
        if (id.type === 'tin') tin.push(loc); else if (id.type === 'npi') npi.push(loc); else entityId.push(loc);
    }
    return { kind: prop(st, 'kind', st.kind as EntityKind), tin, npi, entityId, span: nodeSpan(st) };
}

function reportingFromAst(st: ReportingStatement): ReportingModel | undefined {
    if (!st.option) return undefined;
    return {
        option: prop(st, 'option', st.option as ReportingOption),
        mvpId: st.mvpId !== undefined ? prop(st, 'mvpId', st.mvpId) : undefined,
        span: nodeSpan(st)
    };
}

function periodFromAst(st: PeriodStatement): PeriodModel | undefined {
    if (st.start === undefined || st.end === undefined) return undefined;
    return { start: prop(st, 'start', st.start), end: prop(st, 'end', st.end), span: nodeSpan(st) };
}

function clinicianFromAst(st: ClinicianStatement): ClinicianModel | undefined {
    if (st.npi === undefined) return undefined;
    return {
        npi: prop(st, 'npi', st.npi),
        name: st.name !== undefined ? prop(st, 'name', st.name) : undefined,
        noCehrtData: st.noCehrtData,
        entries: st.measures.map(entryFromAst).filter((e): e is MeasureEntry => e !== undefined),
        span: nodeSpan(st)
    };
}

function evidenceFromAst(st: EvidenceStatement): EvidenceModel | undefined {
    if (st.path === undefined) return undefined;
    let dated: Located<string> | undefined;
    let sha256: Located<string> | undefined;
    let covers: EvidenceModel['covers'];
    let description: Located<string> | undefined;
    for (const d of st.details) {
        if (d.$type === 'DatedDetail' && d.date !== undefined) dated ??= prop(d, 'date', d.date);
        else if (d.$type === 'HashDetail' && d.hash !== undefined) sha256 ??= prop(d, 'hash', d.hash);
        else if (d.$type === 'CoversDetail' && d.start !== undefined && d.end !== undefined) {
            covers ??= { start: prop(d, 'start', d.start), end: prop(d, 'end', d.end), span: nodeSpan(d) };
        } else if (d.$type === 'DescriptionDetail' && d.text !== undefined) description ??= prop(d, 'text', d.text);
    }
    return {
        target: st.target !== undefined ? prop(st, 'target', st.target) : undefined,
        path: prop(st, 'path', st.path), dated, sha256, covers, description, span: nodeSpan(st)
    };
}

function closingBraceOffset(root: Submission): number | undefined {
    const cst = root.$cstNode;
    if (!cst) return undefined;
    const brace = GrammarUtils.findNodesForKeyword(cst, '}').at(-1);
    return brace?.offset;
}

/**
 * @param resolvePrior turns the prior-year reference's target into a model (the caller decides how
 *        far to follow references; from-ast itself never follows them recursively).
 */
export function modelFromAst(root: Submission, resolvePrior?: (target: Submission) => SubmissionModel | undefined): SubmissionModel {
    const years: Located<string>[] = [];
    const practices: Located<string>[] = [];
    const entities: EntityModel[] = [];
    const reportings: ReportingModel[] = [];
    const periods: PeriodModel[] = [];
    const cehrts: Located<string>[] = [];
    const entries: MeasureEntry[] = [];
    const statuses: Located<SpecialStatus>[] = [];
    const clinicians: ClinicianModel[] = [];
    const notes: Located<string>[] = [];
    const evidence: EvidenceModel[] = [];
    const weights: Located<string>[] = [];
    let priorYear: PriorYearModel | undefined;

    for (const st of root.statements ?? []) {
        switch (st.$type) {
            case 'YearStatement': if (st.year !== undefined) years.push(prop(st, 'year', st.year)); break;
            case 'PracticeStatement': if (st.name !== undefined) practices.push(prop(st, 'name', st.name)); break;
            case 'EntityStatement': { const e = entityFromAst(st); if (e) entities.push(e); break; }
            case 'ReportingStatement': { const r = reportingFromAst(st); if (r) reportings.push(r); break; }
            case 'PeriodStatement': { const p = periodFromAst(st); if (p) periods.push(p); break; }
            case 'CehrtStatement': if (st.id !== undefined) cehrts.push(prop(st, 'id', st.id)); break;
            case 'MeasureStatement': { const e = entryFromAst(st); if (e) entries.push(e); break; }
            case 'StatusStatement': if (st.status) statuses.push(prop(st, 'status', st.status as SpecialStatus)); break;
            case 'ClinicianStatement': { const c = clinicianFromAst(st); if (c) clinicians.push(c); break; }
            case 'NoteStatement': if (st.text !== undefined) notes.push(prop(st, 'text', st.text)); break;
            case 'EvidenceStatement': { const e = evidenceFromAst(st); if (e) evidence.push(e); break; }
            case 'WeightStatement': if (st.percent !== undefined) weights.push({ value: st.percent, span: nodeSpan(st) }); break;
            case 'PriorYearStatement': {
                if (priorYear || !st.submission) break;
                const target = st.submission.ref;
                priorYear = {
                    ref: { value: st.submission.$refText, span: propSpan(st, 'submission') },
                    target: target && resolvePrior ? resolvePrior(target) : undefined,
                    targetLocation: target ? AstUtils.getDocument(target).uri.toString() : undefined
                };
                break;
            }
        }
    }
    const name = root.name !== undefined ? prop(root, 'name', root.name) : undefined;
    return {
        origin: 'pisub',
        name,
        headerSpan: name?.span ?? { offset: nodeSpan(root).offset, end: Math.min(nodeSpan(root).end, nodeSpan(root).offset + 10) },
        years, practices, entities, reportings, periods, cehrts, entries, statuses, clinicians, priorYear, notes, evidence, weights,
        insertAt: closingBraceOffset(root)
    };
}
