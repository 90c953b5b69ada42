/**
 * What a figure's confidence means, in words: imported by hover (language server) and by the score
 * breakdown (VS Code extension, which must not pull in the rule engine). No other imports.
 */
import type { Confidence } from '../data/years.js';

/**
 * What a fact's confidence means (shared/reference/pi-rules-notes.md): shown wherever a figure carries
 * "confidence M" or "L" (hover, the score breakdown's legend).
 */
export const CONFIDENCE_MEANING: Readonly<Record<Confidence, string>> = {
    H: 'seen in an official CMS/ONC text or repository for this year.',
    M: 'not seen in an official text; consistent third-party reproductions of CMS\'s specification sheets. The figure may change.',
    L: 'partly seen or inferred; not confirmed for this year. A rough estimate: it never raises an error.'
};

