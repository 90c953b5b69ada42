/**
 * Friendly names for the official PI measure ids. Official ids are always accepted (in any case,
 * with a warning when the case differs); these names are what a consultant may write instead.
 * The first name of each entry is the preferred one (used by the formatter, completion and import).
 */
export const FRIENDLY_NAMES: Readonly<Record<string, readonly string[]>> = {
    PI_PPHI_1: ['security-risk-analysis', 'sra'],
    PI_PPHI_2: ['safer-guide', 'safer'],
    PI_INFBLO_1: ['actions-to-limit-interoperability', 'actions-to-limit', 'information-blocking'],
    PI_ONCDIR_1: ['onc-direct-review'],
    PI_ONCACB_1: ['onc-acb-surveillance'],
    PI_EP_1: ['e-prescribing', 'eprescribing'],
    PI_EP_2: ['query-of-pdmp', 'pdmp'],
    PI_HIE_1: ['referral-loops-sending', 'sending-health-information'],
    PI_HIE_4: ['referral-loops-receiving', 'receiving-and-reconciling'],
    PI_HIE_5: ['hie-bi-directional-exchange', 'bi-directional-exchange'],
    PI_HIE_6: ['tefca', 'enabling-exchange-under-tefca'],
    PI_PEA_1: ['patient-electronic-access', 'provide-patient-access'],
    PI_PHCDRR_1: ['immunization-registry', 'immunization'],
    PI_PHCDRR_2: ['syndromic-surveillance'],
    PI_PHCDRR_3: ['electronic-case-reporting', 'ecr'],
    PI_PHCDRR_4: ['public-health-registry'],
    PI_PHCDRR_5: ['clinical-data-registry'],
    PI_PHCDRR_6: ['public-health-tefca'],
    PI_LVPP_1: ['e-prescribing-exclusion'],
    PI_LVOTC_1: ['referral-loops-sending-exclusion'],
    PI_LVITC_2: ['referral-loops-receiving-exclusion']
};

const BY_NAME = new Map<string, string>();
for (const [id, names] of Object.entries(FRIENDLY_NAMES)) for (const n of names) BY_NAME.set(n, id);

/** The official id a friendly name stands for (names are lower case), or undefined. */
export function idForFriendlyName(name: string): string | undefined {
    return BY_NAME.get(name.toLowerCase());
}

/** The preferred friendly name of an official id, if it has one. */
export function preferredName(id: string): string | undefined {
    return FRIENDLY_NAMES[id]?.[0];
}
