/**
 * Where each rule and fact comes from. Paths are under `shared/reference/` (the official material the
 * project was built from); the official pages and CFR sections are named as well so that a reader
 * without the reference folder can look them up.
 */
export interface Source {
    /** A short label for messages and the rule catalogue. */
    readonly label: string;
    /** The file under shared/reference/ or the official document. */
    readonly where: string;
}

export const SOURCES = {
    measuresData: {
        label: 'CMS qpp-measures-data (PI measures per year)',
        where: 'shared/reference/qpp-measures-data/<year>-pi.json (CMSgov/qpp-measures-data measures/<year>/measures-data.json, commit 100b25f); copied to src/language/data/qpp-measures/'
    },
    guide2023: {
        label: 'CMS 2023 MIPS PI Quick Start Guide',
        where: 'shared/reference/cms/2023-pi-quick-start-guide.txt'
    },
    guide2024: {
        label: 'CMS 2024 MIPS PI Quick Start Guide',
        where: 'shared/reference/cms/2024-pi-quick-start-guide.txt'
    },
    safer2023: {
        label: 'CMS 2023 SAFER Guide measure fact sheet',
        where: 'shared/reference/cms/2023-safer-guide-measure-fact-sheet.txt'
    },
    safer2024: {
        label: 'CMS 2024 SAFER Guide measure specification (PI_PPHI_2)',
        where: 'shared/reference/cms/2024-safer-guide-measure-specification.txt'
    },
    cfr: {
        label: '42 CFR § 414.1375',
        where: 'shared/reference/cms/42-cfr-414.1375-pi-category.txt (42 CFR 414.1375, ecfr.gov)'
    },
    submissionsApi: {
        label: 'QPP Submissions API (measurement sets)',
        where: 'shared/reference/qpp-submissions/submission-example-pi.json; pi-rules-notes.md §6 (CMSgov/qpp-submissions-docs)'
    },
    scoringExample: {
        label: 'QPP scoring example (PI)',
        where: 'shared/reference/qpp-submissions/scoring-example-output-pi.json'
    },
    notesGates: {
        label: 'PI rules notes §2 (gates)',
        where: 'shared/reference/pi-rules-notes.md §2'
    },
    notesPoints: {
        label: 'PI rules notes §3 (points)',
        where: 'shared/reference/pi-rules-notes.md §3'
    },
    notesIdentifiers: {
        label: 'PI rules notes §4 (identifiers)',
        where: 'shared/reference/pi-rules-notes.md §4'
    },
    notesReporting: {
        label: 'PI rules notes §5 (reporting rules)',
        where: 'shared/reference/pi-rules-notes.md §5'
    },
    notesCatalogue: {
        label: 'PI rules notes §1 (measure catalogue)',
        where: 'shared/reference/pi-rules-notes.md §1'
    },
    notesCorrections: {
        label: 'PI rules notes §7 (corrections of December 2026)',
        where: 'shared/reference/pi-rules-notes.md §7 (holds over §1–§6); research-2026-12.md has the quotes'
    },
    notesWeight: {
        label: 'PI rules notes §7.4 (category weight)',
        where: 'shared/reference/pi-rules-notes.md §7.4; research-2026-12.md W1 (CMS public data: PI weights 0.25 / 0 / 0.30 / 0.85)'
    },
    research: {
        label: 'Research of December 2026',
        where: 'shared/reference/research-2026-12.md (quotes from CMS repositories, CHPL and ONC)'
    },
    chplIdGenerator: {
        label: 'CHPL certification id generator (ONC)',
        where: 'chpladmin/chpl-api CertificationIdDAO.java ("we do not allow strings of more than 3 sequential alpha characters"); research-2026-12.md I7'
    },
    oncCehrtId: {
        label: 'ONC: CMS EHR Certification ID quick reference (January 2026)',
        where: 'healthit.gov/?p=212039 ("A new CMS EHR Certification ID is required each year"); research-2026-12.md I5'
    },
    npiStandard: {
        label: 'CMS NPI check digit (Luhn over 80840 + NPI)',
        where: 'shared/reference/pi-rules-notes.md §4 (CMS "Requirements for NPI check digit")'
    },
    language: {
        label: 'the .pisub language',
        where: 'docs/language.md'
    },
    dataValidation: {
        label: 'CMS MIPS Data Validation Criteria (named by the PI Quick Start Guide; the document itself was not found — see data/evidence.ts)',
        where: 'shared/reference/cms/2024-pi-quick-start-guide.txt ("keep documentation for 6 years after submission ... 2024 MIPS Data Validation Criteria"); the per-year Data Validation Criteria documents are published in the QPP Resource Library (qpp.cms.gov) and were not available to the project'
    },
    auditPractice: {
        label: 'PI audit documentation practice (secondary sources)',
        where: 'mcdermottplus.com/payment-innovation/cms-posts-2018-mips-data-validation-criteria/ ; mdinteractive.com/MIPS-Data-Validation-and-Auditing ; dhhs.nh.gov/ombp/ehr/stage1-meaningful-use-docs.htm ; healthit.gov/test-method/automated-measure-calculation (§170.315(g)(2))'
    }
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;
