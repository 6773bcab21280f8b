// The follow-ups the reminder planner reads: computed by the follow-up schedule
// (domain/follow-up-schedule.ts) from the municipality's granted cases and the follow-ups filed,
// so a reminder names exactly what the follow-up dialog asks for.
import { followUpsDue } from '../../domain/follow-up-schedule';
import type { Municipality, Repositories } from '../../domain/ports';
import type { FollowUpDueFact } from '../../domain/reminders';
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
