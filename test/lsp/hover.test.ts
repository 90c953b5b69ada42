import { expectHover } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { catalogueFor, SUPPORTED_YEARS } from '../../src/language/data/measures.js';
import { submission } from '../helpers/submissions.js';
import { close, open, pisub } from './lsp-helpers.js';

const hover = () => expectHover(pisub());

/** A clean submission of `year` with `<|>` put before the first occurrence of `needle`. */
function at(year: number, needle: string, text = submission({ year })): string {
    const i = text.indexOf(needle);
    if (i < 0) throw new Error(`${needle} not in text`);
    return text.slice(0, i) + '<|>' + text.slice(i);
}

/** The hover's Markdown at the `<|>` marker (for several assertions on one hover). */
async function hoverText(marked: string): Promise<string> {
    const offset = marked.indexOf('<|>');
    const document = await open(marked.replace('<|>', ''));
    try {
        const result = await pisub().lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset)
        });
        return (result?.contents as { value: string } | undefined)?.value ?? '';
    } finally {
        close(document); // the next file of the same entity and year would be conflicting data
    }
}

describe('hover', () => {
    it('explains a confidence below H behind the points shown', async () => {
        const text = await hoverText(at(2024, 'immunization-registry'));
        expect(text).toMatch(/In this file: [\d.]+ of [\d.]+ points \(.*\)\. Confidence M: not seen in an official text; consistent third-party reproductions/);
        expect(await hoverText(at(2024, 'e-prescribing'))).not.toContain('Confidence');
    });

    it('on a file that scores 0: what the measure would earn, and why the category scores 0, in words', async () => {
        const zeroed = submission({ year: 2024 }).replace('attest safer-guide yes', 'attest safer-guide no');
        const text = await hoverText(at(2024, 'e-prescribing', zeroed));
        expect(text).toMatch(/In this file: would earn 8 of 10 points — the category scores 0 \(SAFER Guide not "yes"\)/);
        const count = await hoverText(at(2024, '412', zeroed));
        expect(count).toContain('would earn 8 of 10 points — the category scores 0');
    });

    it('on a measure: official title, description, requirement, points, exclusions and its points in this file', async () => {
        const text = await hoverText(at(2024, 'e-prescribing'));
        expect(text).toContain('**e-Prescribing** — `PI_EP_1` (`e-prescribing`), 2024');
        expect(text).toContain('transmitted electronically using CEHRT');
        expect(text).toContain('Required.');
        expect(text).toContain('Up to 10 points.');
        expect(text).toContain('`PI_LVPP_1`: Any MIPS eligible clinician who writes fewer than 100 permissible prescriptions');
        expect(text).toMatch(/In this file: 8 of 10 points \(\(412\/530\) × 10 = 7\.77?\d* → 8\)/);
    });

    it('follows the file\'s year: HIE sending is worth 20 points in 2022 and 15 from 2023; PDMP a bonus in 2022', async () => {
        await hover()({ text: at(2022, 'referral-loops-sending'), index: 0, hover: /Up to 20 points/ });
        await hover()({ text: at(2024, 'referral-loops-sending'), index: 0, hover: /Up to 15 points/ });
        const pdmp2022 = submission({ year: 2022 }).replace('measure e-prescribing 412 / 530', 'measure e-prescribing 412 / 530\n    measure query-of-pdmp yes');
        await hover()({ text: at(2022, 'query-of-pdmp', pdmp2022), index: 0, hover: /Optional \(bonus\)\.[\s\S]*Bonus: up to 10 points/ });
        await hover()({ text: at(2024, 'query-of-pdmp'), index: 0, hover: /Required\.[\s\S]*Up to 10 points\.[\s\S]*`PI_EP_2_EX_1`/ });
    });

    it('on an attestation: the attestation for that year', async () => {
        await hover()({ text: at(2024, 'safer-guide'), index: 0, hover: /^\*\*SAFER Guides High Priority Practices Guide\*\* — `PI_PPHI_2` \(`safer-guide`\), 2024[\s\S]*Required\./ });
        await hover()({ text: at(2026, 'safer-guide'), index: 0, hover: /^\*\*High Priority Practices Safety Assurance Factors for EHR Resilience \(SAFER\) Guide\*\* — `PI_PPHI_2` \(`safer-guide`\), 2026/ });
    });

    it('on the SAFER Guide: which answers satisfy it that year', async () => {
        await hover()({ text: at(2023, 'safer-guide'), index: 0, hover: /In 2023, "yes" or "no" satisfies it\./ });
        await hover()({ text: at(2024, 'safer-guide'), index: 0, hover: /In 2024, "yes" satisfies it\. From 2024 only "yes"/ });
        await hover()({ text: at(2026, 'safer-guide'), index: 0, hover: /Edition: From 2026 the self-assessment must use the 2025 High Priority Practices SAFER Guide/ });
    });

    it('on a public-health measure: the objective\'s points shared with the other required measure', async () => {
        await hover()({ text: at(2024, 'immunization-registry'), index: 0, hover: /public health objective is worth 25 points, shared with `PI_PHCDRR_3`/ });
    });

    it('on an exclusion claim: the exclusion that is claimed', async () => {
        const text = submission({ year: 2024 }).replace('measure e-prescribing 412 / 530', 'measure e-prescribing excluded');
        const value = await hoverText(at(2024, 'excluded', text));
        expect(value).toContain('`PI_LVPP_1`');
        expect(value).toContain('Exclusion of `PI_EP_1` (`e-prescribing`).');
        expect(value).toContain('fewer than 100 permissible prescriptions');
    });

    it('on an engagement level: that level of that measure', async () => {
        await hover()({ text: at(2024, 'production'), index: 0, hover: /`PI_PHCDRR_1_PROD`[\s\S]*Active-engagement level of `PI_PHCDRR_1`/ });
    });

    it('on the numbers of a ratio: the rate and the points earned', async () => {
        const value = await hoverText(at(2024, '530'));
        expect(value).toContain('**e-Prescribing**: 412 / 530 = 77.7%');
        expect(value).toMatch(/8 of 10 points: \(412\/530\) × 10/);
    });

    it('on the period: its length and the minimum for the year', async () => {
        await hover()({ text: at(2024, 'period'), index: 0, hover: /366 days[\s\S]*2024 requires at least 180 continuous days/ });
        await hover()({ text: at(2023, '2023-12-31'), index: 0, hover: /365 days[\s\S]*2023 requires at least 90 continuous days/ });
    });

    it('on a measure that does not exist in the file\'s year', async () => {
        const text = submission({ year: 2022 }).replace('measure e-prescribing', 'measure tefca yes\n    measure e-prescribing');
        await hover()({ text: at(2022, 'tefca', text), index: 0, hover: /`PI_HIE_6` \(`tefca`\) does not exist in 2022/ });
    });

    it('nothing on the practice name', async () => {
        await hover()({ text: at(2024, 'Test Practice'), index: 0, hover: undefined });
    });
});

describe('hover on every measure id of every year', () => {
    for (const year of SUPPORTED_YEARS) {
        it(`${year}: each id shows its ${year} title`, async () => {
            const catalogue = catalogueFor(year)!;
            const ids = [...catalogue.measures.keys()];
            const text = `submission all-${year} {\n    year ${year}\n${ids.map(id => `    measure ${id} yes`).join('\n')}\n}\n`;
            const document = await open(text);
            for (const [i, id] of ids.entries()) {
                const result = await pisub().lsp.HoverProvider!.getHoverContent(document, {
                    textDocument: { uri: document.uri.toString() }, position: { line: i + 2, character: 4 + 'measure '.length + 1 }
                });
                const value = (result?.contents as { value: string } | undefined)?.value ?? '';
                expect(value, id).toContain(`**${catalogue.measures.get(id)!.title}** — \`${id}\``);
                expect(value, id).toContain(`, ${year}`);
            }
        });
    }

    it('on a clinician\'s numbers: the rate, and that the group total is what is scored', async () => {
        const text = submission({ year: 2024, extra: 'clinician 1234567893 "Dr A" {\n        measure e-prescribing 200 / 250\n    }' });
        const value = await hoverText(at(2024, '250', text));
        expect(value).toContain('**e-Prescribing**: 200 / 250 = 80.0%');
        expect(value).toContain('the group\'s totals are what is scored');
    });
});

describe('hover on the year, the CEHRT id and the reporting option', () => {
    it('the year: that year\'s main rules', async () => {
        const value = await hoverText(at(2024, '2024\n'));
        expect(value).toContain('**Performance year 2024**');
        expect(value).toContain('at least 180 continuous days');
        expect(value).toContain('SAFER Guide: "yes" satisfies it');
        expect(value).toContain('HIE options: PI_HIE_1 + PI_HIE_4, or PI_HIE_5, or PI_HIE_6');
        expect(await hoverText(at(2027, '2027\n'))).toContain('(provisional');
        const old = submission({ year: 2024 }).replace('year 2024', 'year 2019');
        expect(await hoverText(at(2024, '2019', old))).toMatch(/Performance year 2019\*\* is not supported: pisub has CMS's measure data for 2022.*2027/);
    });

    it('the CEHRT id: the forms accepted that year', async () => {
        expect(await hoverText(at(2024, '0015C8'))).toContain('Accepted forms in 2024: `XX15C…`.');
        expect(await hoverText(at(2025, '0015C8'))).toContain('Accepted forms in 2025: `XX15C…`, `2025C…`.');
    });

    it('the reporting option: MVPs offered that year', async () => {
        const mvp = submission({ year: 2024 }).replace('practice "Test Practice"', 'practice "Test Practice"\n    reporting mvp G0053');
        expect(await hoverText(at(2024, 'reporting mvp', mvp))).toMatch(/MVPs offered for PI in 2024: .*G0053/);
    });
});
