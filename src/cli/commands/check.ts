import { PisubWorkspace } from '../../language/headless.js';
import { cliEvidenceFiles } from '../../language/evidence-files.js';
import { checkInBatches } from '../../language/batches.js';
import { ExitCode, oneOf, parseOptions, UsageError, type Command } from '../command.js';
import { checkJson, checkSarif, checkText, summarise } from '../format-output.js';
import { collectInputs } from '../inputs.js';
import { progressFor, tracked } from '../progress.js';
import { VERSION } from '../version.js';
import { safe } from '../terminal.js';

export const checkCommand: Command = {
    name: 'check',
    summary: 'check .pisub (and QPP JSON) submissions',
    usage: `pisub check <files or folders...> [--format text|json|sarif] [--strict]

Checks every submission against the PI rules of its performance year. Folders are searched
recursively for *.pisub (and *.qpp.json) files. All files are checked together, so prior-year
references between them resolve.

  --format text|json|sarif   output format (default: text, "path:line:col: severity message [code]")
  --strict                   warnings also make the exit code 1

Exit codes: 0 no errors; 1 errors found (or warnings with --strict); 2 usage error or unreadable input.`,
    async run(argv, io) {
        const { values, positionals } = parseOptions(argv, {
            format: { type: 'string' },
            strict: { type: 'boolean' }
        });
        const format = oneOf(values.format, ['text', 'json', 'sarif'] as const, 'text', 'format');
        if (positionals.length === 0) throw new UsageError('pisub check needs at least one file or folder');
        const { files, problems } = collectInputs(positionals);
        for (const p of problems) io.err(`pisub: ${safe(p.path)}: ${safe(p.message)}\n`);
        if (files.length === 0 && problems.length === 0) {
            io.err(`pisub: no .pisub files found in ${positionals.map(safe).join(', ')}\n`);
            return ExitCode.Usage;
        }
        // In batches of linked files, so 10,000 files check in flat memory (docs/performance.md).
        const workspace = new PisubWorkspace({ evidenceFiles: cliEvidenceFiles() });
        // "checked 120/1000 files" on a terminal only (progress.ts says when).
        const progress = progressFor(files.length, 'checked', { stdoutIsTTY: io.isTTY, humanFormat: format === 'text', toFile: false }, io.err);
        const checked = await tracked(workspace, progress, () => checkInBatches(workspace, files));
        io.out(format === 'json' ? checkJson(checked, problems) : format === 'sarif' ? checkSarif(checked, problems, VERSION) : checkText(checked, problems));
        if (problems.length > 0) return ExitCode.Usage;
        const s = summarise(checked);
        return s.errors > 0 || (values.strict && s.warnings > 0) ? ExitCode.Errors : ExitCode.Ok;
    }
};
