/**
 * Runs a command and measures its wall time and peak memory (the child's maximum resident set
 * size): with GNU time (`/usr/bin/time -f %M`) where installed, else by sampling /proc/<pid>/status
 * (VmHWM) every 5 ms, else only the time.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
export const memoryMethod = GNU_TIME ? 'GNU time (max RSS)' : existsSync('/proc/self/status') ? '/proc VmHWM sampling' : 'unavailable';

function hwmKb(pid) {
    try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        return m ? Number(m[1]) : undefined;
    } catch { return undefined; }
}

/**
 * `cpuMs` (user + system CPU time, GNU time only) barely depends on the machine's load, unlike `ms`.
 * @returns {Promise<{ ms: number, cpuMs: number | undefined, peakMb: number | undefined, code: number | null, stdout: string, stderr: string }>}
 */
export function measure(cmd, args, options = {}) {
    return new Promise((resolve, reject) => {
        const [file, argv] = GNU_TIME ? [GNU_TIME, ['-f', '\n@@peak %M %U %S', cmd, ...args]] : [cmd, args];
        const start = performance.now();
        const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
        let stdout = '', stderr = '', peak = 0;
        child.stdout.on('data', d => { stdout += d; });
        child.stderr.on('data', d => { stderr += d; });
        const timer = GNU_TIME ? undefined : setInterval(() => { peak = Math.max(peak, hwmKb(child.pid) ?? 0); }, 5);
        child.on('error', reject);
        child.on('close', code => {
            const ms = performance.now() - start;
            clearInterval(timer);
            let peakKb = peak || undefined, cpuMs;
            const m = /\n@@peak (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
            if (m) { peakKb = Number(m[1]); cpuMs = (Number(m[2]) + Number(m[3])) * 1000; stderr = stderr.slice(0, m.index); }
            if (GNU_TIME && code !== 0) code = Number(/Command exited with non-zero status (\d+)/.exec(stderr)?.[1] ?? code);
            stderr = stderr.replace(/Command exited with non-zero status \d+\n?/, '');
            resolve({ ms, cpuMs, peakMb: peakKb === undefined ? undefined : peakKb / 1024, code, stdout, stderr });
        });
    });
}

export const median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
/** Nearest-rank percentile. */
export const percentile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]; };
