/**
 * The language server entry and composition root (bundled to out/language/main.cjs; IPC for VS Code,
 * --stdio for other editors): wires the language (src/language/) and the portfolio report
 * (src/report/) and the audit binder (src/audit/) to the custom requests of src/protocol.ts, and
 * gives the language the evidence files it reads (language/evidence-files.ts, watched for changes).
 */
import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures, type CancellationToken } from 'vscode-languageserver/node';
import { createPisubServices } from '../language/pisub-module.js';
import { installedDocsBase } from '../language/installed-docs.js';
import { scoreOf } from '../language/lsp/score-request.js';
import { checkWorkspace, newSubmissionTemplate, templateOptions } from '../language/lsp/workspace-requests.js';
import { NodeEvidenceFiles } from '../language/evidence-files.js';
import { watchEvidenceFiles } from '../language/lsp/evidence-watch.js';
import { PisubNodeFileSystem } from '../language/workspace-guards.js';
import { portfolioReport } from '../report/portfolio-request.js';
import { auditBinders } from '../audit/audit-request.js';
import {
    AuditBinderRequest, CheckWorkspaceRequest, PortfolioReportRequest, ScoreRequest, SubmissionTemplateRequest, TemplateOptionsRequest, type Request
} from '../protocol.js';

const connection = createConnection(ProposedFeatures.all);

// An exception nobody caught (a bug, a document we did not foresee) is logged and survived: the
// server keeps serving the other documents rather than exiting and losing every diagnostic.
const survive = (kind: string) => (error: unknown) => {
    const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    try {
        connection.console.error(`pisub: internal error (${kind}), the server keeps running: ${text}`);
    } catch {
        process.stderr.write(`pisub: internal error (${kind}): ${text}\n`);
    }
};
process.on('uncaughtException', survive('uncaught exception'));
process.on('unhandledRejection', survive('unhandled promise rejection'));
const evidenceFiles = new NodeEvidenceFiles();
const { shared } = createPisubServices({ connection, ...PisubNodeFileSystem }, { docsBase: installedDocsBase(), evidenceFiles });
watchEvidenceFiles(shared, evidenceFiles);

/** Registers a handler for a request of the protocol (params may be missing: a client can send anything). */
function handle<P, R>(request: Request<P, R>, handler: (params: P | undefined, token: CancellationToken) => R | Promise<R>): void {
    connection.onRequest(request.method, async (params: P | undefined, token: CancellationToken) => await handler(params, token) as unknown);
}

handle(ScoreRequest, (params, token) => scoreOf(shared, params?.uri ?? '', token));
handle(CheckWorkspaceRequest, (params, token) => checkWorkspace(shared, params ?? {}, token));
handle(TemplateOptionsRequest, () => templateOptions());
handle(SubmissionTemplateRequest, params => newSubmissionTemplate(params ?? { year: Number.NaN, entityKind: '' }));
handle(PortfolioReportRequest, (params, token) => portfolioReport(shared, params ?? {}, token));
handle(AuditBinderRequest, (params, token) => auditBinders(shared, params ?? { uris: [], output: '' }, token));
startLanguageServer(shared);
