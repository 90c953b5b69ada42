/**
 * Reads the Promoting Interoperability part of a QRDA Category III document (CMS implementation
 * guide; samples in shared/reference/qrda3/, from CMSgov/qpp-conversion-tool):
 *
 * - QRDA III report: ClinicalDocument/templateId 2.16.840.1.113883.10.20.27.1.1
 * - program and entity: informationRecipient/intendedRecipient/id[@root=2.16.840.1.113883.3.249.7]
 *   (MIPS_INDIV, MIPS_GROUP, MIPS_VIRTUALGROUP, MIPS_APP1_INDIV, ...)
 * - TIN: performer representedOrganization/id[@root=2.16.840.1.113883.4.2]; NPI: performer
 *   assignedEntity/id[@root=2.16.840.1.113883.4.6]; APM entity / virtual group id: representedOrganization
 *   ids under 2.16.840.1.113883.3.249.5 (.4 APM entity, .2 virtual group)
 * - CEHRT id: any id[@root=2.16.840.1.113883.3.2074.1]
 * - PI section: section/templateId 2.16.840.1.113883.10.20.27.2.5; its Reporting Parameters Act
 *   (templateId 2.16.840.1.113883.10.20.17.3.8) gives the performance period (effectiveTime low/high)
 * - each measure: an organizer whose reference/externalDocument/id[@root=2.16.840.1.113883.3.7031] is
 *   the measure id; proportion (templateId …27.3.28): observations with value code NUMER / DENOM and
 *   their aggregate count (value xsi:type INT); boolean (…27.3.29): an observation with value code Y/N
 *   (HL7 table 0136) or a BL value.
 */
import { DOMParser } from '@xmldom/xmldom';
import { catalogueFor, SUPPORTED_YEARS } from '../language/data/measures.js';
import type { EntityKind, ReportingOption } from '../language/model/submission.js';
import type { ImportedMeasurement, ImportedSubmission } from './pisub-writer.js';

const OID = {
    qrda3: '2.16.840.1.113883.10.20.27.1.1',
    piSection: '2.16.840.1.113883.10.20.27.2.5',
    reportingParameters: '2.16.840.1.113883.10.20.17.3.8',
    measureId: '2.16.840.1.113883.3.7031',
    program: '2.16.840.1.113883.3.249.7',
    tin: '2.16.840.1.113883.4.2',
    npi: '2.16.840.1.113883.4.6',
    cehrt: '2.16.840.1.113883.3.2074.1',
    apmEntity: '2.16.840.1.113883.3.249.5.4',
    virtualGroup: '2.16.840.1.113883.3.249.5.2'
};

type El = Element;

function kids(el: El, name: string): El[] {
    const out: El[] = [];
    for (let n = el.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 1 && ((n as El).localName ?? (n as El).nodeName) === name) out.push(n as El);
    }
    return out;
}

function kid(el: El | undefined, name: string): El | undefined {
    return el ? kids(el, name)[0] : undefined;
}

function path(el: El | undefined, ...names: string[]): El | undefined {
    let cur = el;
    for (const n of names) cur = kid(cur, n);
    return cur;
}

function descendants(el: El, name: string): El[] {
    return Array.from(el.getElementsByTagNameNS('*', name) as unknown as ArrayLike<El>);
}

function hasTemplate(el: El, root: string): boolean {
    return kids(el, 'templateId').some(t => t.getAttribute('root') === root);
}

function attr(el: El | undefined, name: string): string | undefined {
    const v = el?.getAttribute(name);
    return v === null || v === undefined || v === '' ? undefined : v;
}

/** HL7 TS (YYYYMMDD…) → YYYY-MM-DD, or the text as is when it is not one. */
function isoDate(ts: string): string {
    const m = /^(\d{4})(\d{2})(\d{2})/.exec(ts);
    return m ? `${m[1]}-${m[2]}-${m[3]}` : ts;
}

/** An xmldom message ("[xmldom warning]\tunclosed xml attribute\n@#[line:2,col:1]") → " at line 2, column 1 (…)". */
function describeXmlError(message: string | undefined): string {
    if (message === undefined) return ': no root element';
    const at = /@#\[line:(\d+),col:(\d+)\]/.exec(message);
    const what = message.replace(/@#\[.*$/s, '').replace(/^\[xmldom [a-z]+\]\s*/i, '').replace(/\s+/g, ' ').trim();
    return `${at ? ` at line ${at[1]}, column ${at[2]}` : ''}${what ? ` (${what})` : ''}`;
}

/** The program/entity code of intendedRecipient → entity kind and reporting option. */
export function programOf(code: string): { kind?: EntityKind; option: ReportingOption } {
    const c = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
    const option: ReportingOption = /APPPLUS|APP2/.test(c) ? 'app-plus' : /APP1|APP/.test(c.replace(/^MIPS/, '')) ? 'app' : 'traditional';
    const kind: EntityKind | undefined = c.includes('VIRTUALGROUP') ? 'virtual-group'
        : c.includes('SUBGROUP') ? 'subgroup'
        : c.includes('APM') ? 'apm-entity'
        : c.includes('GROUP') ? 'group'
        : c.includes('INDIV') ? 'individual'
        : undefined;
    return { kind, option };
}

/** Whether a measure is yes/no (boolean) in the year's data, or the latest year that has it. */
function metricTypeOf(id: string, year: number | undefined): 'boolean' | 'proportion' | undefined {
    const years = year !== undefined && catalogueFor(year) ? [year, ...SUPPORTED_YEARS.slice().reverse()] : SUPPORTED_YEARS.slice().reverse();
    for (const y of years) {
        const info = catalogueFor(y)?.measures.get(id);
        if (info) return info.metricType;
    }
    return undefined;
}

export function readQrda3(text: string, sourceName: string): { submission?: ImportedSubmission; problems: string[] } {
    const problems: string[] = [];
    let doc: Document;
    const xmlErrors: string[] = [];
    const collect = (m: string) => { xmlErrors.push(m); };
    try {
        // xmldom reports a mismatched end tag only as a warning: every message counts as malformed.
        doc = new DOMParser({ locator: {}, errorHandler: { warning: collect, error: collect, fatalError: collect } })
            .parseFromString(text, 'text/xml') as unknown as Document;
    } catch (e) {
        xmlErrors.push(String((e as Error)?.message ?? e));
        doc = undefined as unknown as Document;
    }
    if (xmlErrors.length > 0 || !doc?.documentElement) {
        return { problems: [`not well-formed XML${describeXmlError(xmlErrors[0])}`] };
    }
    const root = doc.documentElement as El;
    if ((root.localName ?? root.nodeName) !== 'ClinicalDocument') {
        return { problems: [`not a QRDA document: the root element is <${root.nodeName}>, not <ClinicalDocument>`] };
    }
    if (!hasTemplate(root, OID.qrda3)) {
        return { problems: [`not a QRDA Category III report (no templateId ${OID.qrda3}); pisub imports QRDA III, not QRDA I patient files`] };
    }
    const sections = descendants(root, 'section').filter(s => hasTemplate(s, OID.piSection));
    if (sections.length === 0) {
        return { problems: [`the QRDA III file has no Promoting Interoperability section (templateId ${OID.piSection}); it reports no PI data`] };
    }
    const comments: string[] = [];
    if (sections.length > 1) comments.push(`The file has ${sections.length} PI sections; only the first was imported.`);
    const section = sections[0];

    // Performance period and year.
    const params = kids(section, 'entry').map(e => kid(e, 'act')).find((a): a is El => !!a && hasTemplate(a, OID.reportingParameters));
    const low = attr(path(params, 'effectiveTime', 'low'), 'value');
    const high = attr(path(params, 'effectiveTime', 'high'), 'value');
    const period = low && high ? { start: isoDate(low), end: isoDate(high) } : undefined;
    if (!period) comments.push('No reporting period in the PI section (Reporting Parameters Act): add `period <start> to <end>`.');
    const year = period && /^\d{4}/.test(period.start) ? period.start.slice(0, 4) : undefined;

    // Program and entity.
    const programCode = descendants(root, 'intendedRecipient').flatMap(r => kids(r, 'id')).find(i => i.getAttribute('root') === OID.program)?.getAttribute('extension') ?? undefined;
    const program = programCode ? programOf(programCode) : undefined;
    if (programCode) comments.push(`Program in the file: ${programCode}.`);
    const performers = descendants(root, 'documentationOf').flatMap(d => descendants(d, 'performer'));
    const orgIds = (p: El) => kids(path(p, 'assignedEntity', 'representedOrganization') ?? p, 'id');
    const tinOf = (p: El) => attr(orgIds(p).find(i => i.getAttribute('root') === OID.tin), 'extension');
    const npiOf = (p: El) => attr(kids(kid(p, 'assignedEntity') ?? p, 'id').find(i => i.getAttribute('root') === OID.npi), 'extension');
    const withTin = performers.filter(p => tinOf(p));
    const main = withTin.find(p => npiOf(p)) ?? withTin[0];
    const tin = main ? tinOf(main) : undefined;
    let kind = program?.kind;
    if (!kind) {
        kind = main && npiOf(main) ? 'individual' : 'group';
        comments.push(`The entity type is not stated in informationRecipient; read as ${kind} from the performers.`);
    }
    const npi = kind === 'individual' && main ? npiOf(main) : undefined;
    const idRoot = kind === 'apm-entity' ? OID.apmEntity : kind === 'virtual-group' ? OID.virtualGroup : undefined;
    const entityId = idRoot ? performers.flatMap(orgIds).map(i => i.getAttribute('root') === idRoot ? attr(i, 'extension') : undefined).find(Boolean) : undefined;
    if (kind !== 'individual') {
        const npis = new Set(performers.map(npiOf).filter(Boolean));
        if (npis.size > 0) comments.push(`${npis.size} clinician NPI(s) listed as performers were not imported (a ${kind} submits under its TIN).`);
    }
    const practice = (main && path(main, 'assignedEntity', 'representedOrganization', 'name')?.textContent?.trim())
        || path(root, 'custodian', 'assignedCustodian', 'representedCustodianOrganization', 'name')?.textContent?.trim()
        || undefined;
    const cehrt = attr(descendants(root, 'id').find(i => i.getAttribute('root') === OID.cehrt), 'extension');

    // Measures.
    const measurements: ImportedMeasurement[] = [];
    const yearNumber = year !== undefined ? Number(year) : undefined;
    for (const entry of kids(section, 'entry')) {
        const organizer = kid(entry, 'organizer');
        if (!organizer) continue;
        const id = attr(descendants(organizer, 'externalDocument').flatMap(d => kids(d, 'id')).find(i => i.getAttribute('root') === OID.measureId), 'extension');
        if (!id) {
            comments.push('A measure entry without a PI measure id (externalDocument id root 2.16.840.1.113883.3.7031) was skipped.');
            continue;
        }
        const observations = kids(organizer, 'component').map(c => kid(c, 'observation')).filter((o): o is El => !!o);
        const countOf = (code: string): string | undefined => {
            const obs = observations.find(o => kid(o, 'value')?.getAttribute('code') === code);
            if (!obs) return undefined;
            const agg = kids(obs, 'entryRelationship').map(r => kid(r, 'observation')).find(o => kid(o!, 'value')?.getAttribute('value') !== null && kid(o!, 'value')?.getAttribute('value') !== '');
            return attr(kid(agg, 'value'), 'value');
        };
        const numerator = countOf('NUMER');
        const denominator = countOf('DENOM');
        const answerObs = observations.map(o => kid(o, 'value')).find(v => v && (/^[YN]$/.test(v.getAttribute('code') ?? '') || /^(true|false)$/.test(v.getAttribute('value') ?? '')));
        if (numerator !== undefined && denominator !== undefined) {
            if (metricTypeOf(id, yearNumber) === 'boolean') {
                const yes = /^\d+$/.test(numerator) && Number(numerator) >= 1;
                measurements.push({
                    measureId: id, value: yes,
                    comment: `The QRDA III file reports ${id} as ${numerator} / ${denominator}, but it is a yes/no measure: imported as ${yes ? 'yes (numerator ≥ 1)' : 'no (numerator 0)'}. Check the EHR's report.`
                });
            } else {
                measurements.push({ measureId: id, value: { numerator, denominator } });
            }
        } else if (answerObs) {
            const code = answerObs.getAttribute('code');
            measurements.push({ measureId: id, value: code ? code === 'Y' : answerObs.getAttribute('value') === 'true' });
        } else {
            comments.push(`${id}: no numerator/denominator or yes/no answer found; not imported.`);
        }
    }
    if (measurements.length === 0) problems.push('the PI section reports no measures');

    return {
        problems,
        submission: {
            sourceKind: 'QRDA III', sourceName, year, practice,
            entity: { kind, tin, npi, entityId },
            reporting: program ? { option: program.option } : undefined,
            period, cehrt, measurements, comments
        }
    };
}
