/**
 * Text for a terminal: file names and message text come from the user's files and folders, and a
 * name or message holding ESC, BEL, OSC or CSI sequences could retitle, recolour or rewrite the
 * terminal, and a line break could split one diagnostic over two lines. `safe` shows every control
 * character (C0, DEL, C1, and the Unicode line and paragraph separators) as a visible escape, so
 * one diagnostic is always one line and nothing a file says reaches the terminal as a command.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u001b': '\\e' };

export function safe(text: string | number | undefined): string {
    return String(text ?? '').replace(CONTROL, c => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`.replace(/^\\x(....)$/, '\\u$1'));
}
