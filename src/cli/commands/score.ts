import { PisubWorkspace } from '../../language/headless.js';
import { cliEvidenceFiles } from '../../language/evidence-files.js';
import { ExitCode, oneOf, parseOptions, UsageError, type Command } from '../command.js';
import { scoreJson, scoreText } from '../format-output.js';
import { readOneSubmission } from '../inputs.js';
import { safe } from '../terminal.js';

export const scoreCommand: Command = {
    name: 'score',
    summary: 'show the PI score estimate of one submission',
    usage: `pisub score <file> [--format text|json] [--weight <percent>]

Prints the score breakdown: points per measure, redistribution, bonus, the 100 cap, the reasons the
category would score 0, and the contribution to the MIPS final score.

  --format text|json   output format (default: text). JSON fields: performanceYear, score, zero,
                       zeroReasons [{code, message}], measures [{measureId, points, maxPoints,
                       pointsRange {min, max}}], bonus, finalScoreContribution, scoreRange {min, max},
                       rangeReasons, categoryWeight, weightReason.
  --weight <percent>   the PI category's weight in the MIPS final score to assume (0–100; beats a
                       \`weight\` statement in the file). Default 25%, or 30% where the file implies
                       that cost is not scored (the APP, APM entity participation).

Where an uncertain rule (confidence L) changes the points, the score comes with a range: "86 / 100
(83–86 depending on how CMS redistributes the PI_HIE_1 exclusion)".

A file with syntax errors scores 0, with each syntax error as a reason.

Exit codes: 0 scored (even when the score is 0); 1 the file is readable but not a submission (its errors
are listed, as pisub check reports them); 2 usage error or unreadable input.`,
    async run(argv, io) {
        const { values, positionals } = parseOptions(argv, { format: { type: 'string' }, weight: { type: 'string' } });
        const format = oneOf(values.format, ['text', 'json'] as const, 'text', 'format');
        const weight = values.weight === undefined ? undefined : Number(values.weight.replace(/%$/, ''));
        if (weight !== undefined && !(values.weight!.trim() !== '' && weight >= 0 && weight <= 100)) {
            throw new UsageError(`--weight takes a percentage from 0 to 100 (got "${values.weight}")`);
        }
        if (positionals.length !== 1) throw new UsageError('pisub score takes exactly one file');
        const file = readOneSubmission(positionals[0], 'score', io.err);
        if (file === ExitCode.Usage) return ExitCode.Usage;
        const [checked] = await new PisubWorkspace({ evidenceFiles: cliEvidenceFiles(), ...(weight === undefined ? {} : { weight: { value: weight / 100, by: `stated with --weight ${weight}` } }) }).check([file]);
        if (!checked.analysis) {
            io.err(`pisub: ${safe(checked.path)}: could not be read as a submission:\n`);
            for (const d of checked.diagnostics) io.err(`  ${safe(checked.path)}:${d.line}:${d.column}: ${safe(d.message)} [${d.code}]\n`);
            // Readable but not a submission: an error of the file, as `pisub check` reports it (exit 1), not a usage error.
            return ExitCode.Errors;
        }
        // The analysis already counts syntax errors as reasons for a 0 (the same score every face shows).
        const score = checked.analysis.score;
        io.out(format === 'json' ? scoreJson(score) : scoreText(checked.path, score));
        return ExitCode.Ok;
    }
};
