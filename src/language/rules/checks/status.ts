/**
 * Special statuses and hardship exceptions: reweighted to 0% without PI data.
 * Reports: status/reweighted, status/data-cancels-reweighting.
 */
import type { RuleContext } from '../context.js';
import { isReweighted } from '../../vocabulary.js';


export function checkStatus(ctx: RuleContext): void {
    const m = ctx.model;
    const status = m.statuses[0];
    if (!status) return;
    if (isReweighted(m)) {
        // Reweighted and submitting nothing: exactly what such a practice should do.
        ctx.report('status/reweighted', status.span,
            `${status.value === 'hardship-exception' ? 'Approved hardship exception' : `Special status ${status.value}`} and no PI data: the Promoting Interoperability category is reweighted to 0% and its weight goes to the other categories. Nothing to submit for PI; measures, period and CEHRT id are not checked.`);
    } else {
        const what = status.value === 'hardship-exception' ? 'an approved hardship exception' : `special status ${status.value}`;
        ctx.report('status/data-cancels-reweighting', status.span,
            `With ${what} the PI category is reweighted to 0%, but this file submits PI data, which cancels the reweighting and the category is scored. Submit no PI data to keep the reweighting, or remove this line if the practice wants to be scored.`);
    }
}
