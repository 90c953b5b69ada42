/**
 * Custom request `pisub/auditBinder` {uris, output, force?} → one audit binder per .pisub document
 * (src/audit/write-binder.ts, the same as `pisub audit`), for "PI: Build audit binder". The files
 * are checked first as `pisub/checkWorkspace` does, so the binder agrees with the Problems panel.
 */
import { URI, type LangiumSharedCoreServices } from 'langium';
import { CancellationToken, RequestType, type Connection } from 'vscode-languageserver';
import { writeBinder } from '../../audit/write-binder.js';
import type { CheckedFile, PisubDiagnostic } from '../headless.js';
import type { PisubServices } from '../pisub-module.js';
import type { Severity } from '../rules/catalogue.js';
import { checkWorkspace } from './workspace-requests.js';

export interface AuditBinderParams {
    /** The .pisub files to build binders for (file: URIs). */
    readonly uris: readonly string[];
    /** The folder the binders go in (a file system path). */
    readonly output: string;
    readonly force?: boolean;
}

export interface AuditBinderResult {
    readonly binders: readonly {
        readonly uri: string;
        /** The binder folder, when built. */
        readonly dir?: string;
        /** Evidence missing (0 = complete). */
        readonly missing?: number;
        readonly problem?: string;
        /** The binder exists and `force` was not given. */
        readonly exists?: boolean;
    }[];
}

export const AuditBinderRequest = new RequestType<AuditBinderParams, AuditBinderResult, void>('pisub/auditBinder');

const SEVERITY: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

export async function auditBinders(shared: LangiumSharedCoreServices, params: AuditBinderParams, token = CancellationToken.None): Promise<AuditBinderResult> {
    const uris = (Array.isArray(params?.uris) ? params.uris : []).filter((u): u is string => typeof u === 'string');
    if (typeof params?.output !== 'string' || params.output.trim() === '') {
        return { binders: uris.map(uri => ({ uri, problem: 'no output folder given' })) };
    }
    await checkWorkspace(shared, { uris }, token);
    const generated = new Date().toISOString().slice(0, 10);
    const binders: AuditBinderResult['binders'][number][] = [];
    for (const text of uris) {
        let uri: URI;
        try { uri = URI.parse(text); } catch { binders.push({ uri: text, problem: 'not a URI' }); continue; }
        const doc = shared.workspace.LangiumDocuments.getDocument(uri);
        if (!doc || uri.scheme !== 'file' || !shared.ServiceRegistry.hasServices(uri)) {
            binders.push({ uri: text, problem: 'not a .pisub file on disk' });
            continue;
        }
        const services = shared.ServiceRegistry.getServices(uri) as PisubServices;
        const diagnostics: PisubDiagnostic[] = (doc.diagnostics ?? []).map(d => ({
            code: String(d.code ?? 'submission/syntax'), severity: SEVERITY[d.severity ?? 1],
            message: typeof d.message === 'string' ? d.message : String(d.message),
            line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
            offset: doc.textDocument.offsetAt(d.range.start), end: doc.textDocument.offsetAt(d.range.end)
        }));
        if (diagnostics.some(d => d.code === 'submission/syntax')) {
            binders.push({ uri: text, problem: 'the file has syntax errors' });
            continue;
        }
        const checked: CheckedFile = {
            path: uri.fsPath, text: doc.textDocument.getText(), format: 'pisub', diagnostics, analysis: services.analysis.Cache.get(doc)
        };
        const outcome = writeBinder(checked, params.output, { force: params.force === true, generated });
        binders.push(outcome.ok ? { uri: text, dir: outcome.dir, missing: outcome.binder.missingCount } : { uri: text, problem: outcome.problem, exists: outcome.exists });
    }
    return { binders };
}

export function registerAuditRequest(connection: Connection, shared: LangiumSharedCoreServices): void {
    connection.onRequest(AuditBinderRequest, (params, token) => auditBinders(shared, params, token));
}
