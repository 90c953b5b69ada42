/**
 * The outline: the submission, its header statements (year, practice, entity, reporting, period,
 * CEHRT, special status, prior year), its measures grouped by objective, and the clinicians with
 * their own measures.
 */
import type { LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { catalogueFor } from '../data/measures.js';
import type { MeasureEntry, Span } from '../model/submission.js';
import type { PisubServices } from '../pisub-module.js';
import { measureIdOf } from './at-offset.js';

const OBJECTIVES: Record<string, string> = {
    protectPatientHealthInformation: 'Attestations',
    electronicPrescribing: 'e-Prescribing',
    healthInformationExchange: 'Health information exchange',
    providerToPatientExchange: 'Provider to patient exchange',
    publicHealthAndClinicalDataExchange: 'Public health and clinical data exchange'
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
        for (const y of m.years) children.push(symbol(`year ${y.value}`, SymbolKind.Number, y.span));
        for (const p of m.practices) children.push(symbol(`practice ${p.value}`, SymbolKind.String, p.span));
        for (const e of m.entities) children.push(symbol(`entity ${e.kind.value}`, SymbolKind.Object, e.span, e.kind.span));
        for (const r of m.reportings) children.push(symbol(`reporting ${r.option.value}${r.mvpId ? ' ' + r.mvpId.value : ''}`, SymbolKind.Enum, r.span, r.option.span));
        for (const p of m.periods) children.push(symbol(`period ${p.start.value} to ${p.end.value}`, SymbolKind.Event, p.span, p.start.span));
        for (const c of m.cehrts) children.push(symbol(`cehrt ${c.value}`, SymbolKind.Key, c.span));
        for (const s of m.statuses) children.push(symbol(`special-status ${s.value}`, SymbolKind.Enum, s.span));
        if (m.priorYear) children.push(symbol(`prior-year ${m.priorYear.ref.value}`, SymbolKind.Namespace, m.priorYear.ref.span));

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
        children.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        const whole = { offset: root.$cstNode.offset, end: root.$cstNode.end };
        return [symbol(`submission ${m.name.value}`, SymbolKind.Namespace, whole, m.name.span, analysis.year !== undefined ? `PI ${analysis.year}` : undefined, children)];
    }
}
