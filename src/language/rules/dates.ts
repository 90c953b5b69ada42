/** Calendar dates written YYYY-MM-DD, as UTC day numbers. */
export interface IsoDate {
    readonly year: number;
    readonly month: number;
    readonly day: number;
    /** Days since 1970-01-01. */
    readonly dayNumber: number;
}

export function parseIsoDate(text: string): IsoDate | undefined {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return undefined;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(year, month - 1, day);
    const d = new Date(t);
    if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
    return { year, month, day, dayNumber: Math.round(t / 86_400_000) };
}

/** Inclusive number of days from start to end. */
export function daysInclusive(start: IsoDate, end: IsoDate): number {
    return end.dayNumber - start.dayNumber + 1;
}

export function formatDayNumber(dayNumber: number): string {
    return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}
