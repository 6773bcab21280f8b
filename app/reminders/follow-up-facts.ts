// The planner's facts, batch by batch, with the follow-ups due of each batch's granted cases:
// computed by the follow-up schedule (domain/follow-up-schedule.ts) from the grants and the
// follow-ups filed that the same batch query read, so a reminder names exactly what the
// follow-up dialog asks for, and no more than one batch of cases is ever in memory. One place
// for the plan and for `påminnelser`.
import { followUpsDue } from '../../domain/follow-up-schedule';
import type { Municipality, ReminderFactBatch, ReminderFactWindow, Repositories } from '../../domain/ports';
import type { FollowUpDueFact, ReminderFacts } from '../../domain/reminders';

function followUpFacts(batch: ReminderFactBatch, m: Municipality, today: string, principalId?: string): FollowUpDueFact[] {
  if (batch.grants.length === 0) return [];
  // Coming ones too: the planner reminds days before the due date.
  return followUpsDue({ grants: batch.grants, filed: batch.filed, today, profile: m.profile, includeUpcoming: true, ...(principalId ? { principalId } : {}) }).map((f) => ({
    caseId: f.caseId,
    principalId: f.principalId,
    term: f.term,
    dueDate: f.dueDate,
    filed: false,
  }));
}

export async function* reminderFacts(repos: Repositories, m: Municipality, window: ReminderFactWindow, today: string, batchSize?: number): AsyncIterable<ReminderFacts> {
  for await (const batch of repos.reminders.factBatches(m.id, window, batchSize)) {
    const { grants: _grants, filed: _filed, ...facts } = batch;
    yield { ...facts, followUps: [...facts.followUps, ...followUpFacts(batch, m, today, window.principalId)] };
  }
}
