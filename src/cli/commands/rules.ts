import { SOURCES } from '../../language/data/sources.js';
import { RULES, yearsOf } from '../../language/rules/catalogue.js';
import { renderRuleCatalogue } from '../../language/rules/catalogue-docs.js';
import { describeYears } from '../../language/rules/resolve.js';
import { ExitCode, oneOf, parseOptions, type Command } from '../command.js';

export const rulesCommand: Command = {
    name: 'rules',
    summary: 'list every rule: code, severity, years, sources',
    usage: `pisub rules [--format text|json|markdown]

Lists the rule catalogue. --format markdown prints docs/rules.md.`,
    async run(argv, io) {
        const { values } = parseOptions(argv, { format: { type: 'string' } });
        const format = oneOf(values.format, ['text', 'json', 'markdown'] as const, 'text', 'format');
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
