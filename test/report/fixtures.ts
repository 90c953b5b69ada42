/** A small portfolio of submissions, each worst in a different way, checked through the real rules. */
import { buildPortfolio, portfolioRow, type Portfolio } from '../../src/report/portfolio.js';
import { workspace } from '../helpers/check.js';
import { measures, submission } from '../helpers/submissions.js';

export const PORTFOLIO_FILES: Record<string, string> = {
    // A clean group: the best score.
    // Each file has its own submission name and entity: two files for one entity and year that disagree
    // would be submission/conflicting-data.
    'clean/riverside-2024.pisub': submission({ year: 2024 }).replace('submission test-2024', 'submission riverside-2024').replace('"Test Practice"', '"Riverside Family Medicine"'),
    // SAFER "no" in 2024: the category scores 0.
    'zero/oakwood-2024.pisub': submission({ year: 2024 }).replace('submission test-2024', 'submission oakwood-2024').replace('"Test Practice"', '"Oakwood <Clinic> & Sons"')
        .replace('attest safer-guide yes', 'attest safer-guide no').replace('tin 123456789', 'tin 223456789'),
    // Low proportions: a low but non-zero score.
    'low/birch-2023.pisub': submission({
        year: 2023, entity: 'entity individual tin 123456789 npi 1234567893',
        measures: measures(2023).replace('412 / 530', '5 / 530').replace('640 / 700', '7 / 700').replace('120 / 180', '2 / 180')
    }).replace('submission test-2023', 'submission birch-2023').replace('"Test Practice"', '"Birch, \\"Family\\" Care"'),
    // Not a submission at all: a syntax error.
    'broken/typo.pisub': 'submission typo {\n    year 2024\n    practise "Typo Clinic"\n}\n',
    // A year pisub has no rules for.
    'old/cedar-2019.pisub': submission({ year: 2019 }).replace('submission test-2019', 'submission cedar-2019').replace('"Test Practice"', '"Cedar Health"'),
    // A small practice without PI data: reweighted, not at risk.
    'reweighted/elm-2024.pisub': 'submission elm-2024 {\n    year 2024\n    practice "Elm Street Clinic"\n    entity group tin 123456780\n    special-status small-practice\n}\n'
};

export async function portfolio(): Promise<Portfolio> {
    const checked = await workspace().check(Object.entries(PORTFOLIO_FILES).map(([path, text]) => ({ path, text })));
    return buildPortfolio(checked.map(portfolioRow), [{ path: 'unreadable/x.pisub', message: 'not valid UTF-8 text' }]);
}
