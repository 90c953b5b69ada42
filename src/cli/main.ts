/**
 * The `pisub` command line. Each command lives in ./commands/; this file dispatches, prints help and
 * turns every failure into a clear message and an exit code (never a stack trace).
 */
import '../polyfills.js';
import { ExitCode, UsageError, type Command, type Io } from './command.js';
import { checkCommand } from './commands/check.js';
import { scoreCommand } from './commands/score.js';
import { rulesCommand } from './commands/rules.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { reportCommand } from './commands/report.js';
import { formatCommand } from './commands/format.js';
import { lspCommand } from './commands/lsp.js';
import { auditCommand } from './commands/audit.js';
import '../interop/register.js';
import { VERSION } from './version.js';
import { safe } from './terminal.js';

export const COMMANDS: Command[] = [checkCommand, scoreCommand, rulesCommand, exportCommand, importCommand, reportCommand, formatCommand, auditCommand, lspCommand];

export function helpText(): string {
    const w = Math.max(...COMMANDS.map(c => c.name.length));
    return `pisub ${VERSION} — check MIPS Promoting Interoperability submissions (.pisub) per performance year

Usage: pisub <command> [options]

Commands:
${COMMANDS.map(c => `  ${c.name.padEnd(w)}  ${c.summary}`).join('\n')}

Run "pisub <command> --help" for a command's options.
  --help       show this help
  --version    print the version
`;
}

export async function runCli(argv: string[], io: Io): Promise<ExitCode> {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
        io.out(helpText());
        return name === undefined ? ExitCode.Usage : ExitCode.Ok;
    }
    if (name === '--version' || name === '-v') {
        io.out(VERSION + '\n');
        return ExitCode.Ok;
    }
    const command = COMMANDS.find(c => c.name === name);
    if (!command) {
        io.err(`pisub: unknown command "${safe(name)}"\n\n${helpText()}`);
        return ExitCode.Usage;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
        io.out(command.usage + '\n');
        return ExitCode.Ok;
    }
    try {
        return await command.run(rest, io);
    } catch (e) {
        if (e instanceof UsageError) {
            io.err(`pisub ${command.name}: ${safe(e.message)}\n\nUsage: ${command.usage.split('\n')[0]}\nRun "pisub ${command.name} --help" for details.\n`);
            return ExitCode.Usage;
        }
        io.err(`pisub ${command.name}: internal error: ${safe((e as Error)?.message ?? String(e))}\nPlease report this with the file that caused it.\n`);
        if (process.env.PISUB_DEBUG) io.err(String((e as Error)?.stack) + '\n');
        return ExitCode.Usage;
    }
}

/** Writes to a stream and resolves when flushed (large JSON output must not be cut at exit). */
function writer(stream: NodeJS.WriteStream): (text: string) => void {
    return text => { stream.write(text); };
}

export async function main(): Promise<void> {
    const io: Io = { out: writer(process.stdout), err: writer(process.stderr), isTTY: !!process.stdout.isTTY };
    process.stdout.on('error', err => { if ((err as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0); });
    const code = await runCli(process.argv.slice(2), io);
    process.exitCode = code;
}

void main();
