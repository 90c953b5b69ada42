/** Submissions of one practice in successive years, for the prior-year tests. */
import { submission } from '../helpers/submissions.js';

/** A clean submission named `test-<year>`, with the immunization level and extra statements given. */
export function yearFile(year: number, o: { immunization?: 'pre-production' | 'production'; prior?: string; entity?: string } = {}): string {
    let text = submission({ year, entity: o.entity, extra: o.prior ? `prior-year ${o.prior}` : '' });
    if (o.immunization && year >= 2023) {
        text = text.replace('immunization-registry yes engagement production', `immunization-registry yes engagement ${o.immunization}`);
    }
    return text;
}
