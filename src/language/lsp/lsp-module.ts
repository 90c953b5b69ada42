/**
 * Editor-only services (hover, completion, quick fixes, formatter, semantic tokens, inlay hints,
 * symbols). Each lives in its own file in this folder.
 */
import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { PisubAddedServices, PisubServices } from '../pisub-module.js';

export const PisubLspModule: Module<PisubServices, PartialLangiumServices & Partial<PisubAddedServices>> = {
    lsp: {}
};
