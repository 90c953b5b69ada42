/**
 * Reads the Promoting Interoperability part of a QRDA Category III document. The facts are those of
 * CMS's conversion tool (CMSgov/qpp-conversion-tool: `converter/src/main/resources/pathing/
 * path-correlation.json`, `decode/ClinicalDocumentDecoder.java`, `model/TemplateId.java`,
 * `model/Constants.java`, the PI validators and `commons/.../ProblemCode.java`); the samples it is
 * tested on are in test/fixtures/cms/ (see its SOURCES.md).
 *
 * - QRDA III report: ClinicalDocument/templateId 2.16.840.1.113883.10.20.27.1.1 (or …27.1.2, CMS's)
 * - program and entity: informationRecipient/intendedRecipient/id[@root=2.16.840.1.113883.3.249.7]/@extension,
 *   one of Constants.java's program names (MIPS_INDIV, MIPS_GROUP, MIPS_VIRTUALGROUP, MIPS_APMENTITY,
 *   MIPS_SUBGROUP, MIPS_APP1_INDIV|GROUP|APMENTITY, APP_PLUS_INDIV|GROUP|APMENTITY)
 * - TIN: performer assignedEntity/representedOrganization/id[@root=2.16.840.1.113883.4.2]; NPI:
 *   performer assignedEntity/id[@root=2.16.840.1.113883.4.6]
 * - virtual group id …3.249.5.2, APM entity id …3.249.5.4, subgroup id …3.249.5.5: performer
 *   representedOrganization/id; MVP id …3.249.5.6: participant/associatedEntity/id (read for MIPS
 *   individual, group, subgroup and APM entity reports, as ClinicalDocumentDecoder does)
 * - CEHRT id: participant/associatedEntity/id[@root=2.16.840.1.113883.3.2074.1] (any id with that root)
 * - PI section: section/templateId 2.16.840.1.113883.10.20.27.2.5; its Reporting Parameters Act
 *   (templateId 2.16.840.1.113883.10.20.17.3.8) gives the performance period (effectiveTime low/high)
 * - each measure: an organizer whose reference/externalDocument/id/@extension is the measure id
 *   (whatever its root, as the conversion tool reads it); proportion (…27.3.28): observations with
 *   value code NUMER / DENOM and their aggregate count (value xsi:type INT); boolean (…27.3.29): an
 *   observation with value code Y/N (HL7 table 0136) or a BL value.
 *
 * Every PI element is imported or named in a note with its XML path and line: nothing is dropped
 * silently. Duplicates the conversion tool rejects are errors, each citing its ProblemCode.
 */
import { DOMParser } from '@xmldom/xmldom';
import { catalogueFor, SUPPORTED_YEARS } from '../language/data/measures.js';
import type { EntityKind, ReportingOption } from '../language/model/submission.js';
import type { ImportedMeasurement, ImportedSubmission, ImportNote } from './pisub-writer.js';
import { MVP_ID, own, validPrograms } from './qpp-json.js';

const OID = {
    qrda3: ['2.16.840.1.113883.10.20.27.1.1', '2.16.840.1.113883.10.20.27.1.2'],
    piSection: '2.16.840.1.113883.10.20.27.2.5',
    reportingParameters: '2.16.840.1.113883.10.20.17.3.8',
    program: '2.16.840.1.113883.3.249.7',
    tin: '2.16.840.1.113883.4.2',
    npi: '2.16.840.1.113883.4.6',
    cehrt: '2.16.840.1.113883.3.2074.1',
    virtualGroup: '2.16.840.1.113883.3.249.5.2',
    apmEntity: '2.16.840.1.113883.3.249.5.4',
    subgroup: '2.16.840.1.113883.3.249.5.5',
    mvp: '2.16.840.1.113883.3.249.5.6'
};

/** The conversion tool's program names (Constants.java, ClinicalDocumentDecoder.getProgramNameEntityPair). */
const PROGRAMS: Readonly<Record<string, { kind: EntityKind; option: ReportingOption; program: string }>> = {
    MIPS_INDIV: { kind: 'individual', option: 'traditional', program: 'mips' },
    MIPS_GROUP: { kind: 'group', option: 'traditional', program: 'mips' },
    MIPS_VIRTUALGROUP: { kind: 'virtual-group', option: 'traditional', program: 'mips' },
    MIPS_APMENTITY: { kind: 'apm-entity', option: 'traditional', program: 'mips' },
    MIPS_SUBGROUP: { kind: 'subgroup', option: 'traditional', program: 'mips' },
    MIPS_APP1_INDIV: { kind: 'individual', option: 'app', program: 'app1' },
    MIPS_APP1_GROUP: { kind: 'group', option: 'app', program: 'app1' },
    MIPS_APP1_APMENTITY: { kind: 'apm-entity', option: 'app', program: 'app1' },
    APP_PLUS_INDIV: { kind: 'individual', option: 'app-plus', program: 'appPlus' },
    APP_PLUS_GROUP: { kind: 'group', option: 'app-plus', program: 'appPlus' },
    APP_PLUS_APMENTITY: { kind: 'apm-entity', option: 'app-plus', program: 'appPlus' }
};
/** Programs through which PI is not submitted as a MIPS measurement set. */
const NOT_PI: Readonly<Record<string, string>> = { PCF: 'Primary Care First (PCF)', CPCPLUS: 'Comprehensive Primary Care Plus (CPC+)' };
/** The deepest element nesting read (QRDA III needs about 15; xmldom's tree walks recurse). */
export const MAX_XML_DEPTH = 200;

type El = Element;

function nameOf(n: Node): string {
    return (n as El).localName ?? n.nodeName;
}

function kids(el: El | undefined, name: string): El[] {
    const out: El[] = [];
    if (!el) return out;
    for (let n = el.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 1 && nameOf(n) === name) out.push(n as El);
    }
    return out;
}

function kid(el: El | undefined, name: string): El | undefined {
    return kids(el, name)[0];
}

/** All elements reached by a path of child names (every branch, not only the first). */
function all(el: El | undefined, ...names: string[]): El[] {
    let cur: El[] = el ? [el] : [];
    for (const n of names) cur = cur.flatMap(e => kids(e, n));
    return cur;
}

/** Descendant elements with this name, in document order, without recursion. */
function descendants(el: El, name: string): El[] {
    const out: El[] = [];
    const stack: Node[] = [];
    for (let n = el.lastChild; n; n = n.previousSibling) stack.push(n);
    while (stack.length > 0) {
        const n = stack.pop()!;
        if (n.nodeType !== 1) continue;
        if (nameOf(n) === name) out.push(n as El);
        for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
    }
    return out;
}

/** The deepest element nesting below el, without recursion. */
function depthOf(el: El): number {
    let max = 0;
    const stack: [Node, number][] = [[el, 1]];
    while (stack.length > 0) {
        const [n, d] = stack.pop()!;
        if (d > max) max = d;
        if (max > MAX_XML_DEPTH) return max;
        for (let c = n.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) stack.push([c, d + 1]);
    }
    return max;
}

/** Text content without recursion (xmldom's textContent recurses). */
function textOf(el: El | undefined): string | undefined {
    if (!el) return undefined;
    let out = '';
    const stack: Node[] = [el];
    while (stack.length > 0) {
        const n = stack.pop()!;
        if (n.nodeType === 3 || n.nodeType === 4) out += n.nodeValue ?? '';
        for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
    }
    const t = out.replace(/\s+/g, ' ').trim();
    return t === '' ? undefined : t;
}

function hasTemplate(el: El, root: string | readonly string[]): boolean {
    const roots = typeof root === 'string' ? [root] : root;
    return kids(el, 'templateId').some(t => roots.includes(t.getAttribute('root') ?? ''));
}

function attr(el: El | undefined, name: string): string | undefined {
    const v = el?.getAttribute(name);
    return v === null || v === undefined || v === '' ? undefined : v;
}

function idsWithRoot(els: El[], root: string): El[] {
    return els.flatMap(e => kids(e, 'id')).filter(i => i.getAttribute('root') === root);
}

/** Where an element is: its XML path (`/ClinicalDocument/component/…/entry[3]/organizer`) and line. */
export function xmlPath(el: El): string {
    const parts: string[] = [];
    for (let n: Node | null = el; n && n.nodeType === 1; n = n.parentNode) {
        const name = nameOf(n);
        const parent: Node | null = n.parentNode;
        let index = 0, count = 0;
        if (parent && parent.nodeType === 1) {
            for (let s: Node | null = parent.firstChild; s; s = s.nextSibling) {
                if (s.nodeType === 1 && nameOf(s) === name) { count++; if (s === n) index = count; }
            }
        }
        parts.unshift(count > 1 ? `${name}[${index}]` : name);
    }
    const line = (el as unknown as { lineNumber?: number }).lineNumber;
    return `/${parts.join('/')}${line ? ` (line ${line})` : ''}`;
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

/**
 * The conversion tool's program code → entity kind, reporting option and QPP programName; undefined
 * when the tool rejects it. As in ClinicalDocumentDecoder, a code outside the table is read as an
 * individual report whose programName is the code in lower case, valid only when that is `mips` or
 * `app1` (ClinicalDocumentValidator: CLINICAL_DOCUMENT_INCORRECT_PROGRAM_NAME).
 */
export function programOf(code: string): { kind: EntityKind; option: ReportingOption; program: string } | undefined {
    const known = own(PROGRAMS, code.toUpperCase());
    if (known) return known;
    const lower = code.toLowerCase();
    return lower === 'mips' ? { kind: 'individual', option: 'traditional', program: 'mips' }
        : lower === 'app1' ? { kind: 'individual', option: 'app', program: 'app1' }
        : undefined;
}

function a(kind: EntityKind): string {
    return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind.replace('-', ' ')}`;
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

/** Distinct values, in order. */
function distinct(values: (string | undefined)[]): string[] {
    return [...new Set(values.filter((v): v is string => v !== undefined))];
}

export function readQrda3(text: string, sourceName: string): { submission?: ImportedSubmission; problems: string[] } {
    let doc: Document | undefined;
    const xmlErrors: string[] = [];
    const collect = (m: string) => { xmlErrors.push(m); };
    try {
        // xmldom reports a mismatched end tag only as a warning: every message counts as malformed.
        doc = new DOMParser({ locator: {}, errorHandler: { warning: collect, error: collect, fatalError: collect } })
            .parseFromString(text, 'text/xml') as unknown as Document;
    } catch (e) {
        xmlErrors.push(e instanceof RangeError ? 'the XML is nested too deeply to read' : String((e as Error)?.message ?? e));
        doc = undefined;
    }
    if (xmlErrors.length > 0 || !doc?.documentElement) {
        return { problems: [`not well-formed XML${describeXmlError(xmlErrors[0])}`] };
    }
    const root = doc.documentElement as El;
    const depth = depthOf(root);
    if (depth > MAX_XML_DEPTH) {
        return { problems: [`the XML nests elements more than ${MAX_XML_DEPTH} levels deep (a QRDA III report needs about 15); it was not read`] };
    }
    if (nameOf(root) !== 'ClinicalDocument') {
        return { problems: [`not a QRDA document: the root element is <${root.nodeName}>, not <ClinicalDocument>`] };
    }
    if (!hasTemplate(root, OID.qrda3)) {
        return { problems: [`not a QRDA Category III report (no templateId ${OID.qrda3[0]}); pisub imports QRDA III, not QRDA I patient files`] };
    }
    const sections = descendants(root, 'section').filter(s => hasTemplate(s, OID.piSection));
    if (sections.length === 0) {
        return { problems: [`the QRDA III file has no Promoting Interoperability section (templateId ${OID.piSection}); it reports no PI data`] };
    }
    const notes: ImportNote[] = [];
    const comments: string[] = [];
    const error = (el: El | undefined, message: string, rule?: string) => notes.push({ severity: 'error', where: el && xmlPath(el), message, rule });
    const warn = (el: El | undefined, message: string, rule?: string) => notes.push({ severity: 'warning', where: el && xmlPath(el), message, rule });
    for (const extra of sections.slice(1)) {
        const ids = distinct(descendants(extra, 'externalDocument').flatMap(d => kids(d, 'id')).map(i => attr(i, 'extension')));
        error(extra, `a second Promoting Interoperability section: a QRDA III file has one. Its measures (${ids.join(', ') || 'none with an id'}) were not imported; merge the sections in the EHR's report.`,
            'CLINICAL_DOCUMENT_CONTAINS_DUPLICATE_PI_SECTIONS (26)');
    }
    const section = sections[0];

    // Performance period and year (ReportingParametersActValidator, PiSectionValidator).
    const paramActs = kids(section, 'entry').flatMap(e => kids(e, 'act')).filter(a => hasTemplate(a, OID.reportingParameters));
    const params = paramActs[0];
    const lows = params ? all(params, 'effectiveTime', 'low') : [];
    const highs = params ? all(params, 'effectiveTime', 'high') : [];
    const low = attr(lows[0], 'value');
    const high = attr(highs[0], 'value');
    const period = low && high ? { start: isoDate(low), end: isoDate(high) } : undefined;
    if (!params) error(section, 'no reporting period: the PI section has no Reporting Parameters Act (templateId 2.16.840.1.113883.10.20.17.3.8). Add `period <start> to <end>`.', 'PI_SECTION_MISSING_REPORTING_PARAMETER_ACT (22)');
    else if (!period) error(params, `the Reporting Parameters Act has no ${low ? 'end (effectiveTime/high)' : 'start (effectiveTime/low)'}. Add \`period <start> to <end>\`.`, low ? 'REPORTING_PARAMETERS_MUST_CONTAIN_SINGLE_PERFORMANCE_END (30)' : 'REPORTING_PARAMETERS_MUST_CONTAIN_SINGLE_PERFORMANCE_START (29)');
    for (const extra of paramActs.slice(1)) error(extra, 'a second Reporting Parameters Act in the PI section; only the first period was imported.', 'REPORTING_PARAMETERS_MUST_CONTAIN_SINGLE_PERFORMANCE_START (29)');
    if (lows.length > 1) error(lows[1], 'a second performance period start; only the first was imported.', 'REPORTING_PARAMETERS_MUST_CONTAIN_SINGLE_PERFORMANCE_START (29)');
    if (highs.length > 1) error(highs[1], 'a second performance period end; only the first was imported.', 'REPORTING_PARAMETERS_MUST_CONTAIN_SINGLE_PERFORMANCE_END (30)');
    const year = period && /^\d{4}/.test(period.start) ? period.start.slice(0, 4) : undefined;
    const yearNumber = year !== undefined ? Number(year) : undefined;

    // Program and entity (ClinicalDocumentDecoder, ClinicalDocumentValidator).
    const programIds = idsWithRoot(all(root, 'informationRecipient', 'intendedRecipient'), OID.program);
    const programCode = attr(programIds[0], 'extension');
    for (const extra of programIds.slice(1)) error(extra, `a second program name (${attr(extra, 'extension') ?? 'empty'}); only the first (${programCode ?? 'empty'}) was read.`, 'CLINICAL_DOCUMENT_MISSING_PROGRAM_NAME (24)');
    const validCodes = Object.keys(PROGRAMS).join(', ');
    let program = programCode ? programOf(programCode) : undefined;
    if (!programCode) {
        error(root, `no program name (informationRecipient/intendedRecipient/id root ${OID.program}); read as traditional MIPS. Valid program names: ${validCodes}.`, 'CLINICAL_DOCUMENT_MISSING_PROGRAM_NAME (24)');
    } else if (!program) {
        const other = own(NOT_PI, programCode.toUpperCase().replace(/[^A-Z]/g, ''));
        error(programIds[0], other
            ? `program ${programCode} is ${other}: PI is not submitted through that program. A MIPS PI report names one of ${validCodes}; read as traditional MIPS.`
            : `unknown program name "${programCode}"; read as traditional MIPS. Valid program names: ${validCodes}.`, 'CLINICAL_DOCUMENT_INCORRECT_PROGRAM_NAME (25)');
    } else {
        comments.push(`Program in the file: ${programCode}${own(PROGRAMS, programCode.toUpperCase()) ? '' : ` (read as an individual ${program.program} report, as the conversion tool does)`}.`);
        const valid = validPrograms(yearNumber);
        if (!valid.includes(program.program) && yearNumber !== undefined) {
            error(programIds[0], `program ${programCode} (${program.program}) is not offered for PI in ${yearNumber}; valid programName values: ${valid.join(', ')}.`, 'CLINICAL_DOCUMENT_INCORRECT_PROGRAM_NAME (25)');
        }
    }
    const performers = all(root, 'documentationOf', 'serviceEvent', 'performer');
    const orgs = all(root, 'documentationOf', 'serviceEvent', 'performer', 'assignedEntity', 'representedOrganization');
    const associated = all(root, 'participant', 'associatedEntity');
    const tinIds = idsWithRoot(orgs, OID.tin);
    const npiIds = idsWithRoot(performers.flatMap(p => kids(p, 'assignedEntity')), OID.npi);
    const tins = distinct(tinIds.map(i => attr(i, 'extension')));
    const npis = distinct(npiIds.map(i => attr(i, 'extension')));
    let kind = program?.kind;
    if (!kind) {
        kind = npis.length > 0 ? 'individual' : 'group';
        warn(programIds[0] ?? root, `the entity type is not stated by a known program name; read as ${kind} from the performers.`);
    }
    const firstWith = (root: string) => { const ids = idsWithRoot(root === OID.mvp ? associated : orgs, root); return { ids, values: distinct(ids.map(i => attr(i, 'extension'))) }; };
    const vg = firstWith(OID.virtualGroup), apm = firstWith(OID.apmEntity), sub = firstWith(OID.subgroup), mvp = firstWith(OID.mvp);

    let tin: string | undefined, npi: string | undefined, entityId: string | undefined;
    if (kind === 'apm-entity') {
        // An APM entity submits under its entity id; its participants' TINs and NPIs are a list the conversion tool passes on.
        entityId = apm.values[0];
        if (!entityId) error(root, `an APM entity report without an APM entity id (representedOrganization/id root ${OID.apmEntity}); add \`id <entity id>\` to the entity.`);
        if (tins.length > 0 || npis.length > 0) {
            warn(tinIds[0] ?? npiIds[0], `${tins.length} participant TIN(s) (${tins.join(', ')}) and ${npis.length} NPI(s) were not imported: an APM entity submits under its entity id, not a TIN or NPI.`);
        }
    } else {
        tin = tins[0];
        if (tins.length > 1) error(tinIds.find(i => attr(i, 'extension') === tins[1]), `${tins.length} different TINs (${tins.join(', ')}); ${a(kind)} report has one. Only ${tin} was imported.`, 'conversion tool: ClinicalDocumentDecoder reads a single TIN for non-APM reports');
        if (!tin && kind !== 'virtual-group') error(root, 'no TIN (performer representedOrganization/id root 2.16.840.1.113883.4.2); add `tin <TIN>` to the entity.');
        if (kind === 'individual') {
            npi = npis[0];
            if (npis.length > 1) error(npiIds.find(i => attr(i, 'extension') === npis[1]), `${npis.length} different NPIs (${npis.join(', ')}); an individual report has one. Only ${npi} was imported.`, 'conversion tool: ClinicalDocumentDecoder reads a single NPI for individual reports');
        } else if (npis.length > 0) {
            warn(npiIds[0], `${npis.length} clinician NPI(s) listed as performers (${npis.join(', ')}) were not imported: ${a(kind)} submits under its ${kind === 'virtual-group' ? 'virtual group id' : kind === 'subgroup' ? 'TIN and subgroup id' : 'TIN'}.`);
        }
        if (kind === 'virtual-group') {
            entityId = vg.values[0];
            if (!entityId) error(root, `a virtual group report without a virtual group id (representedOrganization/id root ${OID.virtualGroup}).`, 'VIRTUAL_GROUP_ID_REQUIRED (78)');
        }
        if (kind === 'subgroup') {
            entityId = sub.values[0];
            if (!entityId) error(root, `a subgroup report without a subgroup id (representedOrganization/id root ${OID.subgroup}); add \`id <subgroup id>\` to the entity.`);
        }
    }
    // Ids of another kind of entity than the one stated, and second ids: named, not imported.
    const used: Record<string, ReturnType<typeof firstWith>> = { 'virtual group id': vg, 'APM entity id': apm, 'subgroup id': sub };
    for (const [what, found] of Object.entries(used)) {
        const isOwn = (what === 'virtual group id' && kind === 'virtual-group') || (what === 'APM entity id' && kind === 'apm-entity') || (what === 'subgroup id' && kind === 'subgroup');
        const extra = isOwn ? found.values.slice(1) : found.values;
        for (const v of extra) {
            const el = found.ids.find(i => attr(i, 'extension') === v);
            if (isOwn) error(el, `a second ${what} (${v}); only ${found.values[0]} was imported.`);
            else warn(el, `${what} ${v} was not imported: this is ${a(kind)} report${programCode ? ` (${programCode})` : ''}.`);
        }
    }

    // Reporting option; an MVP id turns a MIPS report into an MVP report (ClinicalDocumentDecoder: MVP_ENTITIES and Program.isMips).
    let reporting: ImportedSubmission['reporting'] = program ? { option: program.option } : undefined;
    const mvpId = mvp.values[0];
    if (mvpId !== undefined) {
        const mvpEntity = kind === 'individual' || kind === 'group' || kind === 'subgroup' || kind === 'apm-entity';
        if (program && program.program === 'mips' && mvpEntity) {
            reporting = { option: 'mvp', mvpId };
            const valid = validPrograms(yearNumber).filter(p => MVP_ID.test(p));
            if (!MVP_ID.test(mvpId.toUpperCase()) || (yearNumber !== undefined && catalogueFor(yearNumber) && !valid.includes(mvpId.toUpperCase()))) {
                error(mvp.ids[0], `MVP id "${mvpId}" is not an MVP offered for PI${yearNumber !== undefined ? ` in ${yearNumber}` : ''}; MVPs in CMS's measure data: ${valid.join(', ') || 'none'}. Written as read; check reports it.`);
            }
            for (const v of mvp.values.slice(1)) error(mvp.ids.find(i => attr(i, 'extension') === v), `a second MVP id (${v}); only ${mvpId} was imported.`);
        } else {
            warn(mvp.ids[0], `MVP id ${mvpId} was not imported: the conversion tool reads an MVP id only for MIPS individual, group, subgroup and APM entity reports, and this is ${programCode ?? 'a report without a program name'}.`);
        }
    } else if (kind === 'subgroup') {
        warn(root, `a subgroup report without an MVP id (participant/associatedEntity/id root ${OID.mvp}); subgroups report MVPs. Add \`reporting mvp <MVP id>\`.`);
    }

    // The practice: the organization of the performer with a TIN and an NPI, else with a TIN, else the custodian.
    const orgOf = (p: El) => kid(kid(p, 'assignedEntity'), 'representedOrganization');
    const hasTin = (p: El) => idsWithRoot([orgOf(p)].filter((o): o is El => !!o), OID.tin).length > 0;
    const hasNpi = (p: El) => idsWithRoot(kids(p, 'assignedEntity'), OID.npi).length > 0;
    const main = performers.find(p => hasTin(p) && hasNpi(p)) ?? performers.find(hasTin);
    const practice = textOf(kid(main && orgOf(main), 'name'))
        || textOf(kid(kid(kid(kid(root, 'custodian'), 'assignedCustodian'), 'representedCustodianOrganization'), 'name'));
    const cehrtIds = descendants(root, 'id').filter(i => i.getAttribute('root') === OID.cehrt);
    const cehrts = distinct(cehrtIds.map(i => attr(i, 'extension')));
    const cehrt = cehrts[0];
    if (cehrts.length > 1) error(cehrtIds.find(i => attr(i, 'extension') === cehrts[1]), `${cehrts.length} different CEHRT ids (${cehrts.join(', ')}); a submission has one. Only ${cehrt} was imported.`, 'conversion tool: ClinicalDocumentDecoder keeps a single cehrtId');

    // Measures (AciNumeratorDenominatorValidator, AciMeasurePerformedRnRValidator, AggregateCountValidator).
    const measurements: ImportedMeasurement[] = [];
    const seen = new Map<string, El>();
    for (const entry of kids(section, 'entry')) {
        if (kids(entry, 'act').some(a => hasTemplate(a, OID.reportingParameters))) continue;
        const organizer = kid(entry, 'organizer');
        if (!organizer) {
            const first = Array.from({ length: entry.childNodes.length }, (_, i) => entry.childNodes[i]).find(n => n.nodeType === 1);
            warn(entry, `an entry that is not a measure (${first ? `<${nameOf(first)}>` : 'empty'}) was not imported.`);
            continue;
        }
        const idEls = kids(organizer, 'reference').flatMap(r => kids(r, 'externalDocument')).flatMap(d => kids(d, 'id'));
        const ids = distinct(idEls.map(i => attr(i, 'extension')));
        if (ids.length === 0) {
            error(organizer, 'a measure without a measure id (reference/externalDocument/id/@extension); not imported.', 'PI_NUMERATOR_DENOMINATOR_MISSING_MEASURE_ID (16)');
            continue;
        }
        const id = ids[0];
        if (ids.length > 1) {
            error(idEls.find(i => attr(i, 'extension') === ids[1]), `the measure has ${ids.length} ids (${ids.join(', ')}); it was imported as ${id} only.`, 'PI_MEASURE_PERFORMED_RNR_MEASURE_ID_NOT_SINGULAR (12)');
        }
        if (seen.has(id)) {
            error(organizer, `${id} is reported twice (first at ${xmlPath(seen.get(id)!)}); this one was not imported.`, 'conversion tool: duplicate measure ids are rejected by the QPP API');
            continue;
        }
        seen.set(id, organizer);
        const observations = kids(organizer, 'component').flatMap(c => kids(c, 'observation'));
        const countOf = (code: string, what: string): string | undefined | null => {
            const obs = observations.filter(o => kid(o, 'value')?.getAttribute('code') === code);
            if (obs.length === 0) return undefined;
            if (obs.length > 1) error(obs[1], `${id}: ${obs.length} ${what}s; only the first was imported.`, 'PI_NUMERATOR_DENOMINATOR_VALIDATOR_EXACTLY_ONE_NUMERATOR_OR_DENOMINATOR_CHILD_NODE (18)');
            const aggregates = kids(obs[0], 'entryRelationship').flatMap(r => kids(r, 'observation')).map(o => kid(o, 'value')).filter((v): v is El => !!v && attr(v, 'value') !== undefined);
            if (aggregates.length === 0) {
                error(obs[0], `${id}: the ${what} has no aggregate count; the measure was not imported.`, 'AGGREGATE_COUNT_VALUE_NOT_SINGULAR (8)');
                return null;
            }
            if (aggregates.length > 1) error(aggregates[1], `${id}: the ${what} has ${aggregates.length} aggregate counts; only the first was imported.`, 'AGGREGATE_COUNT_VALUE_NOT_SINGULAR (8)');
            const value = attr(aggregates[0], 'value')!;
            if (!/^\d+$/.test(value.trim())) {
                error(aggregates[0], `${id}: the ${what} "${value}" is not a whole number; the measure was not imported.`, 'AGGREGATE_COUNT_VALUE_NOT_INTEGER (9)');
                return null;
            }
            return String(Number(value.trim()));
        };
        const numerator = countOf('NUMER', 'numerator');
        const denominator = countOf('DENOM', 'denominator');
        if (numerator === null || denominator === null) continue;
        const answers = observations.map(o => kid(o, 'value')).filter((v): v is El => !!v && (v.getAttribute('code') !== null && !/^(NUMER|DENOM)$/.test(v.getAttribute('code') ?? '') || v.getAttribute('value') !== null && v.getAttribute('value') !== ''));
        if (numerator !== undefined && denominator !== undefined) {
            if (metricTypeOf(id, yearNumber) === 'boolean') {
                const yes = Number(numerator) >= 1;
                const how = `The QRDA III file reports ${id} as ${numerator} / ${denominator}, but it is a yes/no measure: imported as ${yes ? 'yes (numerator ≥ 1)' : 'no (numerator 0)'}. Check the EHR's report.`;
                measurements.push({ measureId: id, value: yes, comment: how });
                warn(organizer, how);
            } else {
                measurements.push({ measureId: id, value: { numerator, denominator } });
            }
        } else if (numerator !== undefined || denominator !== undefined) {
            error(organizer, `${id}: a ${numerator === undefined ? 'denominator' : 'numerator'} without a ${numerator === undefined ? 'numerator' : 'denominator'}; not imported.`, 'PI_NUMERATOR_DENOMINATOR_VALIDATOR_EXACTLY_ONE_NUMERATOR_OR_DENOMINATOR_CHILD_NODE (18)');
        } else if (answers.length > 0) {
            if (answers.length > 1) error(answers[1], `${id}: ${answers.length} answers; only the first was imported.`, 'PI_MEASURE_PERFORMED_RNR_MEASURE_PERFORMED_EXACT (11)');
            const a = answers[0];
            const code = a.getAttribute('code');
            const value = a.getAttribute('value');
            if (code !== null && code !== '' ) {
                if (code === 'Y' || code === 'N') measurements.push({ measureId: id, value: code === 'Y' });
                else error(a, `${id}: the answer code "${code}" is not Y or N (HL7 table 0136); not imported.`, 'PI_MEASURE_PERFORMED_RNR_MEASURE_PERFORMED_EXACT (11)');
            } else if (value === 'true' || value === 'false') measurements.push({ measureId: id, value: value === 'true' });
            else error(a, `${id}: the answer "${value}" is not true/false; not imported.`, 'PI_MEASURE_PERFORMED_RNR_MEASURE_PERFORMED_EXACT (11)');
        } else {
            error(organizer, `${id}: no numerator/denominator and no yes/no answer; not imported.`, 'PI_NUMERATOR_DENOMINATOR_MISSING_CHILDREN (17)');
        }
    }
    const problems: string[] = [];
    if (measurements.length === 0) notes.push({ severity: 'error', where: xmlPath(section), message: 'the PI section reports no measures that could be imported.' });

    return {
        problems,
        submission: {
            sourceKind: 'QRDA III', sourceName, year, practice,
            entity: { kind, tin, npi, entityId },
            reporting, period, cehrt, measurements, comments, notes
        }
    };
}
