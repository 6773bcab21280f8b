// Gallring: the profile's retention periods applied. A case is erased the profile's months
// after the end of its last granted period (never granted: after its last decision), with
// everything hanging off it; the audit log keeps a record without personal data. An open
// draft nobody touched for the profile's months is erased too. A dry run lists what would
// go and erases nothing. Each municipality's admins are told what was (or would be) removed.
import { messageCard } from '../../cards';
import type { Municipality } from '../../domain/ports';
import { addDays, localDate } from '../../domain/terms';
import type { JobDeps } from '../jobs/definition';
import { errorMessage } from '../jobs/definition';

export interface GallringReport {
  municipalityId: string;
  dryRun: boolean;
  cutoff: string;
  cases: string[];
  drafts: number;
}

// The local date `months` calendar months before `today`, clamped to the month's end.
export function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const BATCH = 200;

async function gallraOne(deps: Pick<JobDeps, 'repos' | 'clock' | 'log'>, m: Municipality, dryRun: boolean): Promise<GallringReport> {
  const { repos, clock } = deps;
  const tz = m.profile.timeZone;
  const now = clock.now();
  const today = localDate(now, tz);
  // Due on the day the months have passed: a period that ended on 30 June 2027 goes on 30 June 2030.
  const cutoff = addDays(monthsBefore(today, m.profile.retention.monthsAfterClose), 1);
  const draftBefore = new Date(now.getTime());
  draftBefore.setUTCMonth(draftBefore.getUTCMonth() - m.profile.retention.draftMonthsUnused);
  const report: GallringReport = { municipalityId: m.id, dryRun, cutoff, cases: [], drafts: 0 };
  if (dryRun) {
    // Read-only: one look at the first batches is the answer.
    report.cases = (await repos.retention.casesDue(m.id, cutoff, tz, 1000)).map((c) => c.caseNumber);
    report.drafts = (await repos.retention.draftsDue(m.id, draftBefore, 1000)).length;
    return report;
  }
  for (;;) {
    const due = await repos.retention.casesDue(m.id, cutoff, tz, BATCH);
    for (const c of due) {
      await repos.retention.eraseRemindersForCase(c.id);
      await repos.cases.eraseForRetention(c.id, null);
      report.cases.push(c.caseNumber);
    }
    if (due.length < BATCH) break;
  }
  for (;;) {
    const due = await repos.retention.draftsDue(m.id, draftBefore, BATCH);
    for (const d of due) await repos.retention.eraseDraft(d.id, m.id);
    report.drafts += due.length;
    if (due.length < BATCH) break;
  }
  await repos.audit.append({ municipalityId: m.id, action: 'retention.ran', subjectType: 'municipality', subjectId: m.id, details: { cutoff, cases: report.cases.length, drafts: report.drafts } });
  return report;
}

function reportText(r: GallringReport): string {
  const verb = r.dryRun ? 'skulle gallras' : 'har gallrats';
  const cases = r.cases.length === 0 ? 'Inga ärenden' : `${r.cases.length} ${r.cases.length === 1 ? 'ärende' : 'ärenden'} (${r.cases.slice(0, 50).join(', ')}${r.cases.length > 50 ? ' …' : ''})`;
  const drafts = r.drafts === 0 ? 'inga utkast' : `${r.drafts} ${r.drafts === 1 ? 'utkast' : 'utkast'} som ingen har rört`;
  return `${cases} och ${drafts} ${verb}. Ärenden gallras när beslutsperioden slutade före ${r.cutoff}.`;
}

export async function gallra(deps: Pick<JobDeps, 'repos' | 'clock' | 'log' | 'messenger'>, options: { dryRun?: boolean } = {}): Promise<GallringReport[]> {
  const reports: GallringReport[] = [];
  for (const m of await deps.repos.municipalities.list()) {
    const report = await gallraOne(deps, m, options.dryRun ?? false);
    reports.push(report);
    if (!report.dryRun && report.cases.length === 0 && report.drafts === 0) continue;
    const card = messageCard({ title: report.dryRun ? 'Gallring, provkörning' : 'Gallring', text: reportText(report) });
    for (const admin of await deps.repos.people.listByRole(m.id, 'admin')) {
      const chat = await deps.repos.conversations.getPersonal(admin.id);
      if (!chat) continue;
      try {
        await deps.messenger.send(chat.reference, card, report.dryRun ? 'Gallring, provkörning' : 'Gallring');
      } catch (error) {
        // The erasure stands and is in the audit log; the message is only a courtesy.
        deps.log.warn('could not tell the admin about gallring', { adminId: admin.id, error: errorMessage(error) });
      }
    }
  }
  return reports;
}
