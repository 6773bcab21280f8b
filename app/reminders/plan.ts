// Plans today's reminders for every municipality and claims each under its natural key before
// queueing its delivery: of two instances planning at once, one claims and queues; a restart
// or a retried plan finds the key taken. Reminders go out on working days within the
// profile's office hours (Europe/Stockholm in Nora), so the plan does nothing outside them.
import { isOfficeTime, localMinutes } from '../../domain/calendar';
import type { Municipality, ReminderFactWindow } from '../../domain/ports';
import { remindersDue, type PlannedReminder } from '../../domain/reminders';
import { localDate, nextTerm, termOf, termPeriod } from '../../domain/terms';
import type { JobDeps } from '../jobs/definition';
import { QUEUES } from '../jobs/queue';
import { reminderFacts } from './follow-up-facts';

export function factWindow(m: Municipality, today: string): ReminderFactWindow {
  const profile = m.profile;
  const currentTerm = termOf(today, profile);
  const span = termPeriod(currentTerm, profile);
  return { timeZone: profile.timeZone, currentTerm, nextTerm: nextTerm(currentTerm), termStart: span.from, termEnd: span.to };
}

export interface PlanResult {
  planned: number;
  claimed: number;
}

// `batchSize`: cases per database round trip; memory stays flat however many cases there are.
export async function planReminders(deps: Pick<JobDeps, 'repos' | 'clock' | 'jobs'>, options: { batchSize?: number; ignoreOfficeHours?: boolean } = {}): Promise<PlanResult> {
  const now = deps.clock.now();
  const result: PlanResult = { planned: 0, claimed: 0 };
  for (const m of await deps.repos.municipalities.list()) {
    const profile = m.profile;
    const today = localDate(now, profile.timeZone);
    if (!options.ignoreOfficeHours && !isOfficeTime(today, localMinutes(now, profile.timeZone), profile.reminders.officeHours)) continue;
    const claim = async (r: PlannedReminder) => {
      result.planned++;
      const id = await deps.repos.reminders.claim(m.id, r);
      if (!id) return;
      result.claimed++;
      await deps.jobs.enqueue(QUEUES.reminderDelivery, { sendId: id });
    };
    // The weekly summary lists follow-ups from every batch: gathered, then claimed once.
    let summary = null as PlannedReminder | null;
    for await (const facts of reminderFacts(deps.repos, m, factWindow(m, today), today, options.batchSize)) {
      const batch: PlannedReminder[] = [];
      for (const r of remindersDue(profile, facts, today)) {
        if (r.kind !== 'follow_up_overdue_summary') batch.push(r);
        else summary = summary ? { ...summary, caseIds: [...new Set([...(summary.caseIds ?? []), ...(r.caseIds ?? [])])].sort() } : r;
      }
      // One statement per batch claims them all; only what this call claimed is queued.
      result.planned += batch.length;
      const ids = await deps.repos.reminders.claimMany(m.id, batch);
      result.claimed += ids.length;
      await deps.jobs.enqueueMany(QUEUES.reminderDelivery, ids.map((sendId) => ({ sendId })));
    }
    if (summary) await claim({ ...summary, subject: m.id, key: `${summary.kind}|${m.id}|${summary.occurrence}` });
  }
  return result;
}
