/** The language server over IPC or stdio (bundled to out/language/main.cjs). */
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createPisubServices } from './pisub-module.js';
import { installedDocsBase } from './installed-docs.js';
import { registerScoreRequest } from './lsp/score-request.js';
import { registerWorkspaceRequests } from './lsp/workspace-requests.js';
import { registerPortfolioRequest } from './lsp/portfolio-request.js';

const connection = createConnection(ProposedFeatures.all);
const { shared } = createPisubServices({ connection, ...NodeFileSystem }, { docsBase: installedDocsBase() });
registerScoreRequest(connection, shared);
registerWorkspaceRequests(connection, shared);
registerPortfolioRequest(connection, shared);
startLanguageServer(shared);
