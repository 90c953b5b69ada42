/** The language server over IPC or stdio (bundled to out/language/main.cjs). */
import '../polyfills.js';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createPisubServices } from './pisub-module.js';
import { installedDocsBase } from './installed-docs.js';
import { registerScoreRequest } from './lsp/score-request.js';
import { registerWorkspaceRequests } from './lsp/workspace-requests.js';
import { registerPortfolioRequest } from './lsp/portfolio-request.js';
import { NodeEvidenceFiles } from './evidence-files.js';
import { watchEvidenceFiles } from './lsp/evidence-watch.js';
import { registerAuditRequest } from './lsp/audit-request.js';

const connection = createConnection(ProposedFeatures.all);
const evidenceFiles = new NodeEvidenceFiles();
const { shared } = createPisubServices({ connection, ...NodeFileSystem }, { docsBase: installedDocsBase(), evidenceFiles });
watchEvidenceFiles(shared, evidenceFiles);
registerScoreRequest(connection, shared);
registerWorkspaceRequests(connection, shared);
registerPortfolioRequest(connection, shared);
registerAuditRequest(connection, shared);
startLanguageServer(shared);
