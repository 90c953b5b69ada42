/**
 * The outline: the submission, its other statements as written (year, practice, entity, reporting,
 * period, CEHRT, special status, prior year, notes), its measures grouped by objective, and the clinicians with
 * their own measures.
 */
import type { LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { catalogueFor } from '../data/measures.js';
import type { Submission } from '../generated/ast.js';
import type { MeasureEntry, Span } from '../model/submission.js';
import type { PisubServices } from '../pisub-module.js';
import { measureIdOf } from './at-offset.js';
import { BROKEN_FILE_CODES, countMissingEvidence, evidenceStatus } from '../rules/checks/evidence.js';

const OBJECTIVES: Record<string, string> = {
    protectPatientHealthInformation: 'Attestations',
    electronicPrescribing: 'e-Prescribing',
    healthInformationExchange: 'Health information exchange',
    providerToPatientExchange: 'Provider to patient exchange',
    publicHealthAndClinicalDataExchange: 'Public health and clinical data exchange'
};
const HEADER_KINDS: Record<string, SymbolKind> = {
    YearStatement: SymbolKind.Number, PracticeStatement: SymbolKind.String, EntityStatement: SymbolKind.Object,
    ReportingStatement: SymbolKind.Enum, PeriodStatement: SymbolKind.Event, CehrtStatement: SymbolKind.Key,
    StatusStatement: SymbolKind.Enum, PriorYearStatement: SymbolKind.Namespace, NoteStatement: SymbolKind.String
};
const ATTESTATIONS = new Set(['PI_PPHI_1', 'PI_PPHI_2', 'PI_INFBLO_1', 'PI_ONCDIR_1', 'PI_ONCACB_1']);

export class PisubDocumentSymbolProvider implements DocumentSymbolProvider {
    constructor(private readonly services: PisubServices) {}

    getSymbols(document: LangiumDocument): DocumentSymbol[] {
        const analysis = this.services.analysis.Cache.get(document);
        const m = analysis.model;
        const root = document.parseResult.value;
        if (!root?.$cstNode || !m.name) return [];
        const text = document.textDocument;
        const range = (span: Span) => ({ start: text.positionAt(span.offset), end: text.positionAt(span.end) });
        const symbol = (name: string, kind: SymbolKind, span: Span, selection: Span = span, detail?: string, children?: DocumentSymbol[]): DocumentSymbol =>
            ({ name: name || '?', kind, range: range(span), selectionRange: range(selection), detail, children });
        const catalogue = analysis.year !== undefined ? catalogueFor(analysis.year) : undefined;

        const entrySymbol = (e: MeasureEntry) => {
            const id = measureIdOf(e.ref.value);
            const title = id ? catalogue?.measures.get(id)?.title : undefined;
            return symbol(text.getText(range(e.span)).replace(/\s+/g, ' '), SymbolKind.Field, e.span, e.ref.span, title);
        };
        const groupOf = (e: MeasureEntry) => {
            const id = measureIdOf(e.ref.value);
            if (id && ATTESTATIONS.has(id)) return 'Attestations';
            const objective = id ? catalogue?.measures.get(id)?.objective : undefined;
            return (objective && OBJECTIVES[objective]) ?? 'Other measures';
        };

        const children: DocumentSymbol[] = [];
        // Header statements as written (the whole statement is the symbol's range).
        for (const st of (root as Submission).statements ?? []) {
            const kind = HEADER_KINDS[st.$type];
            const cst = st.$cstNode;
            if (kind === undefined || !cst) continue;
            const written = cst.text.replace(/\s+/g, ' ');
            children.push(symbol(written.length > 60 ? written.slice(0, 57) + '…' : written, kind, { offset: cst.offset, end: cst.end }));
        }

        const groups = new Map<string, MeasureEntry[]>();
        for (const e of m.entries) {
            const g = groupOf(e);
            groups.set(g, [...(groups.get(g) ?? []), e]);
        }
        for (const [name, entries] of groups) {
            const span = { offset: Math.min(...entries.map(e => e.span.offset)), end: Math.max(...entries.map(e => e.span.end)) };
            children.push(symbol(name, SymbolKind.Module, span, entries[0].ref.span, `${entries.length} measure${entries.length === 1 ? '' : 's'}`, entries.map(entrySymbol)));
        }
        for (const c of m.clinicians) {
            children.push(symbol(`clinician ${c.npi.value}${c.name ? ` (${c.name.value})` : ''}`, SymbolKind.Class, c.span, c.npi.span, undefined, c.entries.map(entrySymbol)));
        }
        const evidence = m.evidence ?? [];
        if (evidence.length > 0) {
            // Evidence: one group, its detail the audit status ("complete" / "3 missing").
            const broken = new Set(analysis.findings.filter(f => BROKEN_FILE_CODES.has(f.code)).map(f => f.span.offset));
            const isBroken = (e: typeof evidence[number]) => broken.has(e.path.span.offset);
            const missing = countMissingEvidence(evidenceStatus(m, analysis.year), isBroken);
            const span = { offset: Math.min(...evidence.map(e => e.span.offset)), end: Math.max(...evidence.map(e => e.span.end)) };
            children.push(symbol('Evidence', SymbolKind.Module, span, evidence[0].span, missing === 0 ? 'complete' : `${missing} missing`,
                evidence.map(e => symbol(`${e.target?.value ?? 'submission'}: ${e.path.value}`, SymbolKind.File, e.span, e.path.span,
                    isBroken(e) ? 'file missing' : undefined))));
        }
        children.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        const whole = { offset: root.$cstNode.offset, end: root.$cstNode.end };
        return [symbol(`submission ${m.name.value}`, SymbolKind.Namespace, whole, m.name.span, analysis.year !== undefined ? `PI ${analysis.year}` : undefined, children)];
    }
}
