/**
 * The language server entry and composition root (bundled to out/language/main.cjs; IPC for VS Code,
 * --stdio for other editors): wires the language (src/language/) and the portfolio report
 * (src/report/) and the audit binder (src/audit/) to the custom requests of src/protocol.ts, and
 * gives the language the evidence files it reads (language/evidence-files.ts, watched for changes).
 */
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures, type CancellationToken } from 'vscode-languageserver/node';
import { createPisubServices } from '../language/pisub-module.js';
import { installedDocsBase } from '../language/installed-docs.js';
import { scoreOf } from '../language/lsp/score-request.js';
import { checkWorkspace, newSubmissionTemplate, templateOptions } from '../language/lsp/workspace-requests.js';
import { NodeEvidenceFiles } from '../language/evidence-files.js';
import { watchEvidenceFiles } from '../language/lsp/evidence-watch.js';
import { portfolioReport } from '../report/portfolio-request.js';
import { auditBinders } from '../audit/audit-request.js';
import {
    AuditBinderRequest, CheckWorkspaceRequest, PortfolioReportRequest, ScoreRequest, SubmissionTemplateRequest, TemplateOptionsRequest, type Request
} from '../protocol.js';

const connection = createConnection(ProposedFeatures.all);
const evidenceFiles = new NodeEvidenceFiles();
const { shared } = createPisubServices({ connection, ...NodeFileSystem }, { docsBase: installedDocsBase(), evidenceFiles });
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
