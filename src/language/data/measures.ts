/**
 * CMS's official PI measure catalogue, per performance year (qpp-measures-data, copied verbatim into
 * ./qpp-measures/ and listed by each ./years/<year>.ts). Everything the rules know about which
 * measures exist, which are required, which exclusions and active-engagement levels belong to which
 * measure, comes from here.
 */
import { yearData, SUPPORTED_YEARS } from './years.js';

export { SUPPORTED_YEARS };

/** One PI measure as CMS's measure data describes it for one year (fields we use). */
export interface MeasureInfo {
    readonly measureId: string;
    readonly title: string;
    readonly description: string;
    readonly metricType: 'boolean' | 'proportion';
    readonly objective: string | null;
    readonly reportingCategory: 'required' | 'bonus' | 'exclusion' | null;
    readonly isRequired: boolean;
    readonly isBonus: boolean;
    /** Ids of this measure's exclusions. */
    readonly exclusion: readonly string[];
    /** Ids that may stand instead of this one (never together with it). */
    readonly substitutes: readonly string[];
    /** Active-engagement level ids (…_PRE, …_PROD) of a public-health measure, 2023+. */
    readonly preprod: readonly string[];
    readonly firstPerformanceYear: number;
    readonly lastPerformanceYear: number | null;
    readonly allowedPrograms: readonly string[];
    readonly specificationUrl?: string;
}

interface RawMeasure {
    measureId: string; title: string; description: string; metricType: string; objective: string | null;
    reportingCategory: string | null; isRequired: boolean; isBonus: boolean; exclusion: string[] | null;
    substitutes?: string[] | null; preprod?: string[] | null; firstPerformanceYear: number;
    lastPerformanceYear: number | null; allowedPrograms?: string[]; measureSpecification?: { default?: string };
}

export interface YearCatalogue {
    readonly year: number;
    readonly measures: ReadonlyMap<string, MeasureInfo>;
    /** Exclusion id → the measure it excludes. */
    readonly exclusionOf: ReadonlyMap<string, string>;
    /** Active-engagement level id → its public-health measure. */
    readonly levelOf: ReadonlyMap<string, string>;
    /** MVP ids (and program names) the data allows for PI this year. */
    readonly programs: ReadonlySet<string>;
}

function normalise(raw: RawMeasure): MeasureInfo {
    return {
        measureId: raw.measureId,
        title: raw.title.replace(/\s+/g, ' ').trim(),
        description: raw.description.replace(/\s+/g, ' ').trim(),
        metricType: raw.metricType === 'proportion' ? 'proportion' : 'boolean',
        objective: raw.objective,
        reportingCategory: (raw.reportingCategory as MeasureInfo['reportingCategory']) ?? null,
        isRequired: raw.isRequired,
        isBonus: raw.isBonus,
        exclusion: raw.exclusion ?? [],
        substitutes: raw.substitutes ?? [],
        preprod: raw.preprod ?? [],
        firstPerformanceYear: raw.firstPerformanceYear,
        lastPerformanceYear: raw.lastPerformanceYear,
        allowedPrograms: raw.allowedPrograms ?? [],
        specificationUrl: raw.measureSpecification?.default
    };
}

const CATALOGUES = new Map<number, YearCatalogue>();

/** The catalogue of one performance year, or undefined for a year without data. */
export function catalogueFor(year: number): YearCatalogue | undefined {
    const cached = CATALOGUES.get(year);
    if (cached) return cached;
    const raw = yearData(year)?.measures as readonly RawMeasure[] | undefined;
    if (!raw) return undefined;
    const measures = new Map<string, MeasureInfo>();
    const exclusionOf = new Map<string, string>();
    const levelOf = new Map<string, string>();
    const programs = new Set<string>();
    for (const r of raw) measures.set(r.measureId, normalise(r));
    for (const m of measures.values()) {
        for (const ex of m.exclusion) if (measures.has(ex)) exclusionOf.set(ex, m.measureId);
        for (const level of m.preprod) levelOf.set(level, m.measureId);
        for (const p of m.allowedPrograms) programs.add(p);
    }
    const catalogue: YearCatalogue = { year, measures, exclusionOf, levelOf, programs };
    CATALOGUES.set(year, catalogue);
    return catalogue;
}

/** Every measure id known in any supported year (for "unknown" vs "not in this year"). */
export function yearsOfMeasure(measureId: string): number[] {
    return SUPPORTED_YEARS.filter(y => catalogueFor(y)!.measures.has(measureId));
}

const ALL_IDS = new Map<string, string>(); // upper-case → official
for (const y of SUPPORTED_YEARS) for (const id of catalogueFor(y)!.measures.keys()) ALL_IDS.set(id.toUpperCase(), id);

/** The official spelling of a measure id written in any case, or undefined. */
export function officialMeasureId(text: string): string | undefined {
    return ALL_IDS.get(text.toUpperCase());
}

/** Kind of a measure id within a year's catalogue. */
export function measureKind(cat: YearCatalogue, id: string): 'measure' | 'exclusion' | 'level' | undefined {
    if (!cat.measures.has(id)) return undefined;
    if (cat.exclusionOf.has(id)) return 'exclusion';
    if (cat.levelOf.has(id)) return 'level';
    return 'measure';
}
