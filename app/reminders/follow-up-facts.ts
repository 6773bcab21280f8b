// The follow-ups the reminder planner reads: computed by the follow-up schedule
// (domain/follow-up-schedule.ts) from the municipality's granted cases and the follow-ups filed,
// so a reminder names exactly what the follow-up dialog asks for.
import { followUpsDue } from '../../domain/follow-up-schedule';
import type { Municipality, ReminderFactWindow, Repositories } from '../../domain/ports';
import type { FollowUpDueFact, ReminderFacts } from '../../domain/reminders';
import { grantsAndFiled } from '../follow-up/grants';

export async function followUpFacts(repos: Repositories, m: Municipality, today: string, principalId?: string): Promise<FollowUpDueFact[]> {
  const cases = await repos.cases.listGranted(m.id, principalId ? { principalId } : {});
  if (cases.length === 0) return [];
  const { grants, filed } = await grantsAndFiled(repos, cases);
  // Coming ones too: the planner reminds days before the due date.
  return followUpsDue({ grants, filed, today, profile: m.profile, includeUpcoming: true, ...(principalId ? { principalId } : {}) }).map((f) => ({
    caseId: f.caseId,
    principalId: f.principalId,
    term: f.term,
    dueDate: f.dueDate,
    filed: false,
  }));
}

// The planner's facts in batches, with the follow-ups due joining the first batch (which also
// carries the pauses and snoozes they are planned against). One place for the plan and for
// `påminnelser`.
export async function* reminderFacts(repos: Repositories, m: Municipality, window: ReminderFactWindow, today: string, batchSize?: number): AsyncIterable<ReminderFacts> {
  let followUps: FollowUpDueFact[] | null = await followUpFacts(repos, m, today, window.principalId);
  for await (const batch of repos.reminders.factBatches(m.id, window, batchSize)) {
    yield followUps ? { ...batch, followUps: [...batch.followUps, ...followUps] } : batch;
    followUps = null;
  }
}
