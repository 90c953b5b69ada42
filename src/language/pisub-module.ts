/**
 * Dependency injection for the pisub language: the generated services, the rule validator, the
 * analysis cache and (in lsp/) the editor features.
 */
import { inject, type DeepPartial, type Module } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    NormalizedTextDocuments, type LangiumSharedServices, type PartialLangiumServices
} from 'langium/lsp';
import { PisubGeneratedModule, PisubGeneratedSharedModule } from './generated/module.js';
import { PisubAnalysisCache, type EvidenceFiles } from './analysis.js';
import { PisubLinker } from './pisub-linker.js';
import { PisubDocumentBuilder } from './workspace-builder.js';
import { registerValidationChecks, type PisubDocumentValidator } from './pisub-validator.js';
import { PisubLspModule } from './lsp/lsp-module.js';
import { PisubLexerErrorMessageProvider, PisubParserErrorMessageProvider } from './parser-messages.js';
import {
    PisubDocumentFactory, PisubDocumentUpdateHandler, PisubGuardedValidator, PisubServiceRegistry,
    PisubWorkspaceManager
} from './workspace-guards.js';

export interface PisubAddedServices {
    analysis: {
        Cache: PisubAnalysisCache;
        /** Base URI of docs/rules.md for diagnostics' code links (undefined: the public repository). */
        docsBase: string | undefined;
    };
}

export type PisubServices = LangiumServices & PisubAddedServices;

export interface PisubModuleOptions {
    docsBase?: string;
    /** Reads evidence files (the language server and the CLI pass evidence-files.ts's NodeEvidenceFiles). */
    evidenceFiles?: EvidenceFiles;
}

/** Shared-service overrides that keep the server alive on any URI, file or document (workspace-guards.ts). */
/**
 * Text documents as the client sends them, made safe: a client may send any JSON as a document's
 * `text` or as a change (`null`, a number, an object); such a text is read as empty and such a change
 * is ignored, so no later read of the document fails.
 */
const ClientTextDocument = {
    create: (uri: string, languageId: string, version: number, content: unknown): TextDocument =>
        TextDocument.create(uri, languageId, version, typeof content === 'string' ? content : ''),
    update: (document: TextDocument, changes: unknown, version: number): TextDocument =>
        TextDocument.update(document, (Array.isArray(changes) ? changes : []).filter(c => typeof c?.text === 'string'), version)
};

export const PisubSharedModule: Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>> = {
    ServiceRegistry: services => new PisubServiceRegistry(services),
    workspace: {
        TextDocuments: () => new NormalizedTextDocuments(ClientTextDocument),
        WorkspaceManager: services => new PisubWorkspaceManager(services),
        LangiumDocumentFactory: services => new PisubDocumentFactory(services),
        DocumentBuilder: services => new PisubDocumentBuilder(services)
    },
    lsp: {
        DocumentUpdateHandler: services => new PisubDocumentUpdateHandler(services)
    }
};

export function createPisubModule(options: PisubModuleOptions = {}): Module<PisubServices, PartialLangiumServices & PisubAddedServices> {
    return {
        analysis: {
            Cache: services => new PisubAnalysisCache(() => ({
                syntaxDiagnostics: document => (services.validation.DocumentValidator as PisubDocumentValidator).syntaxDiagnostics(document),
                index: services.shared.workspace.IndexManager,
                documents: services.shared.workspace.LangiumDocuments
            }), options.evidenceFiles),
            docsBase: () => options.docsBase
        },
        validation: {
            DocumentValidator: services => new PisubGuardedValidator(services as PisubServices)
        },
        references: {
            Linker: services => new PisubLinker(services)
        },
        parser: {
            ParserErrorMessageProvider: () => new PisubParserErrorMessageProvider(),
            LexerErrorMessageProvider: () => new PisubLexerErrorMessageProvider()
        }
    };
}

/**
 * Creates the shared services and the pisub services. Without an LSP connection (CLI, tests) the
 * configuration provider is initialised here, or document builds would wait forever.
 */
export function createPisubServices(context: DefaultSharedModuleContext, options: PisubModuleOptions = {}): {
    shared: LangiumSharedServices;
    Pisub: PisubServices;
} {
    const shared = inject(createDefaultSharedModule(context), PisubGeneratedSharedModule, PisubSharedModule);
    const Pisub = inject(
        createDefaultModule({ shared }),
        PisubGeneratedModule,
        createPisubModule(options),
        PisubLspModule
    );
    shared.ServiceRegistry.register(Pisub);
    registerValidationChecks(Pisub);
    if (!context.connection) {
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Pisub };
}

