/** The language server over IPC or stdio (bundled to out/language/main.cjs). */
import '../polyfills.js';
import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createPisubServices } from './pisub-module.js';
import { installedDocsBase } from './installed-docs.js';
import { registerScoreRequest } from './lsp/score-request.js';
import { registerWorkspaceRequests } from './lsp/workspace-requests.js';
import { registerPortfolioRequest } from './lsp/portfolio-request.js';
import { NodeEvidenceFiles } from './evidence-files.js';
import { watchEvidenceFiles } from './lsp/evidence-watch.js';
import { registerAuditRequest } from './lsp/audit-request.js';
import { PisubNodeFileSystem } from './workspace-guards.js';

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
registerScoreRequest(connection, shared);
registerWorkspaceRequests(connection, shared);
registerPortfolioRequest(connection, shared);
registerAuditRequest(connection, shared);
startLanguageServer(shared);
