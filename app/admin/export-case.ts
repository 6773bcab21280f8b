// Registerutdrag (GDPR art. 15) for one case: everything held about the child in a ZIP, as
// JSON (complete, machine-readable) and as a plain Swedish text summary (readable). Attachments
// are listed (name, kind, size, checksum), not copied: they can be handed out from the case.
// Audited as case.access_exported (with the format). The administrator and the head of
// Elevhälsan may take one out. The tab also lays the same summary out as a PDF.
import { strToU8, zipSync } from 'fflate';
import type { AuditEntry } from '../../domain/ports';
import type { TApplication } from '../../domain/schemas';
import { localDate } from '../../domain/terms';
import {
  ATTACHMENT_KIND_LABELS,
  ATTACHMENT_KIND_MISSING,
  auditActionLabel,
  CASE_STATUS_FOR_ELEVHALSA,
  DECISION_OUTCOME_LABELS,
  formatKronor,
  formatSwedishDate,
  SCHOOL_FORM_LABELS,
  termLabel,
} from '../../domain/wording';
import type { Actor } from '../actor';
import { loadCase } from '../case/context';
import type { AppDeps } from '../deps';
import { asOneOf, notFound, ok, type AdminFailure, type AdminResult } from './result';
import { CASE_GONE } from './shared';

export interface CaseExport {
  fileName: string;
  contentType: 'application/zip';
  bytes: Uint8Array;
}

// What the export holds: everything as data, and the readable summary as lines ('== X ==' opens
// a section).
export interface CaseExportContent {
  caseNumber: string;
  municipality: string;
  exportedAt: Date;
  data: Record<string, unknown>;
  summary: string[];
}

export type CaseExportFormat = 'zip' | 'pdf';

export const EXPORT_ROLES = ['admin', 'head'] as const;
export const EXPORT_FORBIDDEN: AdminFailure = { ok: false, status: 'forbidden', message: 'Registerutdrag kan bara en administratör eller chefen för Elevhälsan ta ut.' };

async function fullTrail(deps: AppDeps, municipalityId: string, caseId: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await deps.repos.audit.search({ municipalityId, caseId, limit: 500, before });
    entries.push(...page.entries);
    if (!page.next) return entries.reverse();
    before = page.next;
  }
}

export function collectCaseExport(deps: AppDeps, actor: Actor, caseId: string, format: CaseExportFormat): Promise<AdminResult<CaseExportContent>> {
  return asOneOf(actor, EXPORT_ROLES, EXPORT_FORBIDDEN, async () => {
    const bundle = /^[0-9a-f-]{36}$/i.test(caseId) ? await loadCase(deps.repos, caseId) : null;
    if (!bundle || bundle.kase.municipalityId !== actor.municipality.id) return notFound(CASE_GONE);
    const now = deps.clock.now();
    const tz = actor.municipality.profile.timeZone;
    // The export is itself recorded first, so the trail it contains shows it.
    await deps.repos.audit.append({ municipalityId: actor.municipality.id, actorId: actor.person.id, action: 'case.access_exported', subjectType: 'case', subjectId: caseId, details: { format } });
    const [attachments, followUps, decisions, principal, trail, profileVersion] = await Promise.all([
      deps.repos.attachments.listForCase(caseId),
      deps.repos.followUps.forCase(caseId),
      deps.repos.decisions.forCase(caseId),
      deps.repos.people.get(bundle.kase.principalId),
      fullTrail(deps, actor.municipality.id, caseId),
      deps.repos.profileVersions.forCase(caseId),
    ]);
    const people = new Map<string, string>();
    for (const id of new Set(trail.map((e) => e.actorId).filter((x): x is string => !!x && /^[0-9a-f-]{36}$/i.test(x)))) {
      const p = await deps.repos.people.get(id);
      if (p) people.set(id, p.displayName);
    }
    const data = {
      exportedAt: now.toISOString(),
      municipality: { id: actor.municipality.id, name: actor.municipality.name },
      case: bundle.kase,
      unit: { id: bundle.unit.id, name: bundle.unit.name, kind: bundle.unit.kind, huvudman: bundle.unit.huvudman },
      principal: principal && { id: principal.id, displayName: principal.displayName, email: principal.email },
      handler: bundle.handler && { id: bundle.handler.id, displayName: bundle.handler.displayName },
      profileVersion: profileVersion && { id: profileVersion.id, version: profileVersion.version },
      versions: bundle.versions,
      attachments: attachments.map(({ id, kind, name, contentType, size, sha256, createdAt }) => ({ id, kind, name, contentType, size, sha256, createdAt })),
      assessments: bundle.assessments,
      completionRequests: bundle.completions,
      decisions,
      followUps,
      auditTrail: trail,
    };
    const application = bundle.application as TApplication;
    const pupil = application.pupil;
    const day = (d: Date) => formatSwedishDate(localDate(d, tz));
    const lines = [
      `Registerutdrag för ärende ${bundle.kase.caseNumber}`,
      `${actor.municipality.name}, utdraget ${day(now)}`,
      '',
      'Det här är allt som Tilläggsbot har sparat om barnet i ärendet. Utdraget som ZIP-fil innehåller dessutom samma uppgifter i sin helhet som data (registerutdrag.json).',
      '',
      '== Barnet ==',
      pupil?.protectedIdentity ? 'Skyddade personuppgifter: namn och personnummer är inte sparade.' : `${pupil?.firstName ?? ''} ${pupil?.lastName ?? ''}, ${pupil?.personnummer ?? ''}`.trim(),
      pupil?.schoolForm ? `Skolform: ${SCHOOL_FORM_LABELS[pupil.schoolForm]}` : '',
      `Enhet: ${bundle.unit.name} (${bundle.unit.huvudman})`,
      '',
      '== Ärendet ==',
      `Termin: ${termLabel(bundle.kase.term)}`,
      `Status: ${CASE_STATUS_FOR_ELEVHALSA[bundle.kase.status]}`,
      `Inskickat: ${day(bundle.kase.createdAt)}`,
      principal ? `Rektor: ${principal.displayName}` : '',
      bundle.handler ? `Handläggare: ${bundle.handler.displayName}` : '',
      profileVersion ? `Bedömt enligt kommunens profil version ${profileVersion.version}` : '',
      '',
      `== Versioner av ansökan (${bundle.versions.length}) ==`,
      ...bundle.versions.map((v) => `Version ${v.version}, inskickad ${day(v.submittedAt)}`),
      '',
      `== Bilagor (${attachments.length}) ==`,
      ...attachments.map((a) => `${a.name} – ${a.kind ? ATTACHMENT_KIND_LABELS[a.kind] : ATTACHMENT_KIND_MISSING}, ${Math.ceil(a.size / 1024)} kB`),
      '',
      `== Bedömningar (${bundle.assessments.length}) ==`,
      ...bundle.assessments.map((a) => `${day(a.createdAt)}: ${formatKronor(a.amountPerMonth)} i månaden (${a.hoursCurrent} timmar i veckan)`),
      '',
      `== Beslut (${decisions.length}) ==`,
      ...decisions.map((d) => `${day(d.decidedAt)}: ${DECISION_OUTCOME_LABELS[d.outcome]}${d.amountPerMonth !== null ? `, ${formatKronor(d.amountPerMonth)} i månaden` : ''}${d.from && d.to ? `, ${formatSwedishDate(d.from)}–${formatSwedishDate(d.to)}` : ''}`),
      '',
      `== Uppföljningar (${followUps.length}) ==`,
      ...followUps.map((f) => `${termLabel(f.term)}: lämnad ${day(f.submittedAt)}${f.continuedNeed ? ', fortsatt behov' : ''}`),
      '',
      `== Händelser (${trail.length}) ==`,
      ...trail.map((e) => `${day(e.at)}: ${auditActionLabel(e.action)}${e.actorId && people.has(e.actorId) ? ` (${people.get(e.actorId)})` : ''}`),
      '',
    ].filter((line, i, all) => line !== '' || all[i - 1] !== '');
    return ok({ caseNumber: bundle.kase.caseNumber, municipality: actor.municipality.name, exportedAt: now, data, summary: lines });
  });
}

// The ZIP: the JSON in full and the summary as text.
export async function exportCase(deps: AppDeps, actor: Actor, caseId: string): Promise<AdminResult<CaseExport>> {
  const content = await collectCaseExport(deps, actor, caseId, 'zip');
  if (!content.ok) return content;
  const { caseNumber, data, summary } = content.value;
  const bytes = zipSync({
    'registerutdrag.json': strToU8(JSON.stringify(data, null, 2)),
    'sammanfattning.txt': strToU8(summary.join('\r\n')),
  });
  return ok({ fileName: `registerutdrag-${caseNumber}.zip`, contentType: 'application/zip' as const, bytes });
}
