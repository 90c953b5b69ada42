/**
 * A clean submission per year, written as a consultant would, and small edits of it. Rule tests
 * start from a clean file (which must have no errors or warnings) and change one thing.
 */
export interface SubmissionOptions {
    year: number;
    entity?: string;
    period?: string;
    cehrt?: string;
    /** Replaces the measure section. */
    measures?: string;
    /** Appended inside the submission. */
    extra?: string;
}

export const CEHRT_FOR_YEAR: Record<number, string> = {
    2022: '0015C8AB2CD3EF4', 2023: '0015C8AB2CD3EF4', 2024: '0015C8AB2CD3EF4',
    2025: '0015C8AB2CD3EF4', 2026: '2026C8AB2CD3EF4', 2027: '2027C8AB2CD3EF4'
};

export function attestations(year: number): string {
    return [
        `attest security-risk-analysis yes completed ${year}-03-14`,
        `attest safer-guide yes completed ${year}-02-02${year >= 2026 ? ' version 2025' : ''}`,
        'attest actions-to-limit-interoperability yes',
        'attest onc-direct-review yes'
    ].join('\n    ');
}

export function measures(year: number): string {
    const level = year >= 2023 ? ' engagement production' : '';
    return [
        'measure e-prescribing 412 / 530',
        year >= 2023 ? 'measure query-of-pdmp yes' : '',
        'measure referral-loops-sending 120 / 180',
        'measure referral-loops-receiving 90 / 100',
        'measure patient-electronic-access 640 / 700',
        `public-health immunization-registry yes${level}`,
        `public-health electronic-case-reporting yes${level}`
    ].filter(Boolean).join('\n    ');
}

export function submission(o: SubmissionOptions): string {
    return `submission test-${o.year} {
    year ${o.year}
    practice "Test Practice"
    ${o.entity ?? 'entity group tin 123456789'}
    ${o.period ?? `period ${o.year}-01-01 to ${o.year}-12-31`}
    ${o.cehrt ?? `cehrt ${CEHRT_FOR_YEAR[o.year] ?? '0015C8AB2CD3EF4'}`}
    ${attestations(o.year)}
    ${o.measures ?? measures(o.year)}
    ${o.extra ?? ''}
}
`;
}
