/**
 * Lets the event loop turn (timers, I/O). Long in-process loops (many completions on a 10,000-line
 * document, many fuzz inputs) call it between steps: `await` on work that finishes synchronously never
 * reaches the event loop, and a vitest worker that does not answer its RPC for a minute (easily reached
 * on a busy machine) fails the run with `Timeout calling "onTaskUpdate"`.
 */
export function yieldToEventLoop(): Promise<void> {
    return new Promise(resolve => setImmediate(resolve));
}
