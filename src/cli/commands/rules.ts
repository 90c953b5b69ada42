import { SOURCES } from '../../language/data/sources.js';
import { RULES, yearsOf } from '../../language/rules/catalogue.js';
import { renderRuleCatalogue } from '../../language/rules/catalogue-docs.js';
import { changesIn, renderChanges, renderChangesByYear } from '../../language/rules/changes.js';
import { SUPPORTED_YEARS } from '../../language/data/measures.js';
import { describeYears } from '../../language/rules/resolve.js';
import { ExitCode, oneOf, parseOptions, UsageError, type Command } from '../command.js';

export const rulesCommand: Command = {
    name: 'rules',
    summary: 'list every rule: code, severity, years, sources',
    usage: `pisub rules [--format text|json|markdown]
pisub rules --changes YEAR|all [--format text|json|markdown]

Lists the rule catalogue. --format markdown prints docs/rules.md.
--changes YEAR lists what differs from the year before (year facts, CMS's measure data, rules
that start or stop applying), each with its confidence and source; --changes all --format markdown
prints docs/changes-by-year.md.`,
    async run(argv, io) {
        const { values } = parseOptions(argv, { format: { type: 'string' }, changes: { type: 'string' } });
        const format = oneOf(values.format, ['text', 'json', 'markdown'] as const, 'text', 'format');
        if (values.changes !== undefined) {
            const all = values.changes === 'all';
            const year = Number(values.changes);
            if (!all && !(Number.isInteger(year) && SUPPORTED_YEARS.includes(year))) {
                throw new UsageError(`--changes takes a performance year (${SUPPORTED_YEARS[0]}–${SUPPORTED_YEARS.at(-1)}) or "all" (got "${values.changes}")`);
            }
            const years = all ? SUPPORTED_YEARS.slice(1) : [year];
            if (format === 'markdown') io.out(all ? renderChangesByYear() : renderChangesByYear().split(/^## /m).find(p => p.startsWith(`${year}\n`))?.replace(/^/, '## ') ?? `No changes recorded for ${year}.\n`);
            else if (format === 'json') io.out(JSON.stringify(years.flatMap(y => changesIn(y).map(c => ({ ...c, sources: c.sources.map(s => SOURCES[s]) }))), null, 2) + '\n');
            else io.out(years.map(renderChanges).join('\n'));
            return ExitCode.Ok;
        }
        if (format === 'markdown') {
            io.out(renderRuleCatalogue());
        } else if (format === 'json') {
            io.out(JSON.stringify([...RULES.values()].map(r => ({
                code: r.code, severity: r.severity, gate: !!r.gate, title: r.title, rule: r.rule, years: yearsOf(r), confidence: r.confidence,
                sources: r.sources.map(s => SOURCES[s])
            })), null, 2) + '\n');
        } else {
            const w = Math.max(...[...RULES.keys()].map(k => k.length));
            for (const r of RULES.values()) io.out(`${r.code.padEnd(w)}  ${r.severity.padEnd(7)}  ${describeYears(yearsOf(r)).padEnd(9)}  ${r.title}\n`);
        }
        return ExitCode.Ok;
    }
};
