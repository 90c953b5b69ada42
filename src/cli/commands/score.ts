import { PisubWorkspace } from '../../language/headless.js';
import { cliEvidenceFiles } from '../../language/evidence-files.js';
import { ExitCode, oneOf, parseOptions, UsageError, type Command } from '../command.js';
import { scoreJson, scoreText } from '../format-output.js';
import { readOneSubmission } from '../inputs.js';
import { safe } from '../terminal.js';

export const scoreCommand: Command = {
    name: 'score',
    summary: 'show the PI score estimate of one submission',
    usage: `pisub score <file> [--format text|json]

Prints the score breakdown: points per measure, redistribution, bonus, the 100 cap, the reasons the
category would score 0, and the contribution to the MIPS final score.

  --format text|json   output format (default: text). JSON fields: performanceYear, score, zero,
                       zeroReasons [{code, message}], measures [{measureId, points, maxPoints}],
                       bonus, finalScoreContribution.

A file with syntax errors scores 0, with each syntax error as a reason.

Exit codes: 0 scored (even when the score is 0); 2 usage error or unreadable input.`,
    async run(argv, io) {
        const { values, positionals } = parseOptions(argv, { format: { type: 'string' } });
        const format = oneOf(values.format, ['text', 'json'] as const, 'text', 'format');
        if (positionals.length !== 1) throw new UsageError('pisub score takes exactly one file');
        const file = readOneSubmission(positionals[0], 'score', io.err);
        if (file === ExitCode.Usage) return ExitCode.Usage;
        const [checked] = await new PisubWorkspace({ evidenceFiles: cliEvidenceFiles() }).check([file]);
        if (!checked.analysis) {
            io.err(`pisub: ${safe(checked.path)}: could not be read as a submission:\n`);
            for (const d of checked.diagnostics) io.err(`  ${safe(checked.path)}:${d.line}:${d.column}: ${safe(d.message)} [${d.code}]\n`);
            return ExitCode.Usage;
        }
        // A file with syntax errors is not a valid submission: it scores 0, and the errors say why.
        const syntax = checked.diagnostics.filter(d => d.code === 'submission/syntax');
        const score = syntax.length === 0 ? checked.analysis.score : {
            ...checked.analysis.score, score: 0, zero: true, finalScoreContribution: 0,
            zeroReasons: [
                ...syntax.map(d => ({ code: d.code, message: `Line ${d.line}, column ${d.column}: ${d.message}` })),
                ...checked.analysis.score.zeroReasons
            ]
        };
        io.out(format === 'json' ? scoreJson(score) : scoreText(checked.path, score));
        return ExitCode.Ok;
    }
};
