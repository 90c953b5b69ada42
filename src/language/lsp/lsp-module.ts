/**
 * Editor-only services (hover, completion, quick fixes, formatter, semantic tokens, inlay hints,
 * symbols). Each lives in its own file in this folder.
 */
import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { PisubAddedServices, PisubServices } from '../pisub-module.js';
import { PisubCodeActionProvider } from './code-actions.js';
import { PisubCodeLensProvider } from './code-lens.js';
import { PisubCompletionProvider } from './completion.js';
import { PisubDocumentSymbolProvider } from './document-symbols.js';
import { PisubFoldingRangeProvider } from './folding.js';
import { PisubFormatter } from './formatter.js';
import { PisubHoverProvider } from './hover.js';
import { PisubInlayHintProvider } from './inlay-hints.js';
import { PisubSemanticTokenProvider } from './semantic-tokens.js';
import { PisubEvidenceLinkProvider } from './evidence-links.js';

export const PisubLspModule: Module<PisubServices, PartialLangiumServices & Partial<PisubAddedServices>> = {
    lsp: {
        HoverProvider: services => new PisubHoverProvider(services),
        CompletionProvider: services => new PisubCompletionProvider(services),
        CodeActionProvider: services => new PisubCodeActionProvider(services),
        Formatter: services => new PisubFormatter(services),
        DocumentSymbolProvider: services => new PisubDocumentSymbolProvider(services),
        FoldingRangeProvider: services => new PisubFoldingRangeProvider(services),
        SemanticTokenProvider: services => new PisubSemanticTokenProvider(services),
        InlayHintProvider: services => new PisubInlayHintProvider(services),
        CodeLensProvider: services => new PisubCodeLensProvider(services),
        DocumentLinkProvider: services => new PisubEvidenceLinkProvider(services)
    }
};
