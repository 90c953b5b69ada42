/** The progress line: when it is drawn, what it says, and that it is erased. */
import { describe, expect, it } from 'vitest';
import { Progress, shouldShowProgress } from '../../src/cli/progress.js';

describe('shouldShowProgress', () => {
    const tty = { stderrIsTTY: true, stdoutIsTTY: true, humanFormat: true, toFile: false };
    it('shows progress to a person at a terminal', () => {
        expect(shouldShowProgress(tty)).toBe(true);
    });
    it('never when standard error is not a terminal', () => {
        expect(shouldShowProgress({ ...tty, stderrIsTTY: false })).toBe(false);
        expect(shouldShowProgress({ ...tty, stderrIsTTY: false, toFile: true })).toBe(false);
    });
    it('not when the output is piped', () => {
        expect(shouldShowProgress({ ...tty, stdoutIsTTY: false })).toBe(false);
    });
    it('not for json, sarif, csv or html on standard output', () => {
        expect(shouldShowProgress({ ...tty, humanFormat: false })).toBe(false);
    });
    it('when the result goes to a file (-o), whatever its format', () => {
        expect(shouldShowProgress({ ...tty, stdoutIsTTY: false, humanFormat: false, toFile: true })).toBe(true);
    });
});

describe('Progress', () => {
    function clocked(total: number) {
        let t = 0;
        const out: string[] = [];
        const p = new Progress(total, 'checked', { write: s => out.push(s), now: () => t, delayMs: 300, intervalMs: 100 });
        return { p, out, advance: (ms: number) => { t += ms; } };
    }

    it('draws nothing for a run shorter than the delay', () => {
        const { p, out } = clocked(3);
        p.tick(); p.tick(); p.tick();
        p.done();
        expect(out).toEqual([]);
    });

    it('draws "checked n/total files" on one rewritten line, at most every interval, and erases it at the end', () => {
        const { p, out, advance } = clocked(1000);
        advance(400);
        p.tick(120);
        expect(out).toEqual(['\rchecked 120/1000 files\x1b[K']);
        advance(50);
        p.tick(); // too soon
        expect(out.length).toBe(1);
        advance(60);
        p.tick();
        expect(out.at(-1)).toBe('\rchecked 122/1000 files\x1b[K');
        p.tick(878); // the last one is always drawn
        expect(out.at(-1)).toBe('\rchecked 1000/1000 files\x1b[K');
        p.done();
        expect(out.at(-1)).toBe('\r\x1b[K');
        expect(out.every(s => !s.includes('\n'))).toBe(true);
    });

    it('never counts past the total', () => {
        const { p, advance } = clocked(2);
        advance(1000);
        p.tick(5);
        expect(p.text()).toBe('checked 2/2 files');
    });

    it('says "file" for one', () => {
        expect(new Progress(1, 'checked', { write: () => undefined }).text()).toBe('checked 0/1 file');
    });
});
