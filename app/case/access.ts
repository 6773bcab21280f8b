// What every turn on a case shares: the case is loaded, it must be in the actor's municipality,
// and domain/case-roles must allow the action; cards with a child's details go to the person's
// own chat, never a channel.
import type { z } from 'zod';
import type { AdaptiveCard } from '../../cards';
import { mayPerform, type CaseAction } from '../../domain/case-roles';
import { caseActor, type Actor } from '../actor';
import type { AppDeps, Reply, Toast, TurnPlace } from '../deps';
import { QUEUES } from '../jobs/queue';
import { loadCase, type CaseBundle } from './context';

export const NOT_FOUND: Toast = { toast: 'Ärendet finns inte längre eller hör till en annan kommun.' };
export const NO_OWN_CHAT = 'Öppna en chatt med Tilläggsbot först (skriv ”hej” till den), och tryck sedan på knappen igen.';

export async function withCase(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  action: CaseAction,
  work: (bundle: CaseBundle) => Promise<Reply>,
): Promise<Reply> {
  const bundle = await loadCase(deps.repos, caseId);
  if (!bundle || bundle.kase.municipalityId !== actor.municipality.id) return NOT_FOUND;
  const permission = mayPerform(action, caseActor(actor), bundle.kase);
  if (!permission.ok) return { toast: permission.message };
  return work(bundle);
}

export async function refreshChannelCard(deps: AppDeps, caseId: string): Promise<void> {
  await deps.jobs?.enqueue(QUEUES.caseCard, { caseId });
}

// Cards with the child's details go to the person's 1:1 chat; in a channel the click only says so.
export async function privately(deps: AppDeps, actor: Actor, place: TurnPlace, card: AdaptiveCard): Promise<Reply> {
  if (place.conversationType === 'personal') return card;
  if (!(await deps.ownChat?.sendCard(actor.person.id, card))) return { toast: NO_OWN_CHAT };
  return { toast: 'Ansökan är öppnad i din chatt med Tilläggsbot.' };
}

// The first message per input id, for the form to show next to its field.
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}
