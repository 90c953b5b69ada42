/**
 * The protocol between the VS Code client and the language server: every custom request, once.
 * The server entry (server/main.ts) registers handlers for these types and the client
 * (extension/client.ts) sends them, so a method name or a parameter shape cannot drift between them.
 * Only type imports and plain objects: the client bundle stays free of Langium and the rules, and
 * client and server need not share a copy of vscode-languageserver-protocol (each has its own).
 */
import type { ScoreParams, ScoreResponse } from './language/lsp/score-request.js';
import type {
    CheckWorkspaceParams, CheckWorkspaceResult, SubmissionTemplateParams, SubmissionTemplateResult, TemplateOptions
} from './language/lsp/workspace-requests.js';
import type { PortfolioParams, PortfolioResult } from './report/portfolio-request.js';
import type { AuditBinderParams, AuditBinderResult } from './audit/audit-request.js';

export type {
    AuditBinderParams, AuditBinderResult, CheckWorkspaceParams, CheckWorkspaceResult, PortfolioParams, PortfolioResult, ScoreParams, ScoreResponse,
    SubmissionTemplateParams, SubmissionTemplateResult, TemplateOptions
};
export type { ScoreMeasureDetail } from './language/lsp/score-request.js';

/** A custom request: its method name, and (as types only) its parameters and result. */
export interface Request<P, R> {
    readonly method: string;
    /** Never set: carries the types. */
    readonly types?: { readonly params: P; readonly result: R };
}

function request<P, R>(method: string): Request<P, R> {
    return { method };
}

export type ParamsOf<T> = T extends Request<infer P, unknown> ? P : never;
export type ResultOf<T> = T extends Request<unknown, infer R> ? R : never;

/** `pisub/score` {uri} → the document's score (null when the server does not know the document). */
export const ScoreRequest = request<ScoreParams, ScoreResponse | null>('pisub/score');

/** `pisub/checkWorkspace` {uris?} → load and validate every .pisub file; a summary. */
export const CheckWorkspaceRequest = request<CheckWorkspaceParams, CheckWorkspaceResult>('pisub/checkWorkspace');

/** `pisub/templateOptions` → the years and entity kinds "PI: New submission…" offers. */
export const TemplateOptionsRequest = request<void, TemplateOptions>('pisub/templateOptions');

/** `pisub/submissionTemplate` {year, entityKind} → the new-submission template, or why there is none. */
export const SubmissionTemplateRequest = request<SubmissionTemplateParams, SubmissionTemplateResult>('pisub/submissionTemplate');

/** `pisub/portfolioReport` {uris?, folders?, generated?} → the portfolio report of the workspace. */
export const PortfolioReportRequest = request<PortfolioParams, PortfolioResult>('pisub/portfolioReport');

/** `pisub/auditBinder` {uris, output, force?} → one audit binder per .pisub file (as `pisub audit`). */
export const AuditBinderRequest = request<AuditBinderParams, AuditBinderResult>('pisub/auditBinder');
