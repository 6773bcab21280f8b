// "Fortsätt": straight back to the one open draft, or a list when there are several.
import { draftListCard, type AdaptiveCard } from '../../cards';
import { formatSwedishDate } from '../../domain/wording';
import { localDate } from '../../domain/terms';
import { STEP_TITLES } from '../../machines/application.steps';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import type { SnapshotSummary } from '../../domain/ports';
import { APPLICATION_MACHINE, runApplicationEvent } from './turn';

export function openDraft(deps: AppDeps, actor: Actor, draftId: string): Promise<AdaptiveCard> {
  return runApplicationEvent(deps, actor, draftId, () => null);
}

export async function resumeDrafts(deps: AppDeps, actor: Actor): Promise<AdaptiveCard> {
  const drafts = await deps.repos.snapshots.listOpen(actor.person.id, APPLICATION_MACHINE);
  // One draft: straight back to where the principal stopped.
  if (drafts.length === 1) return openDraft(deps, actor, drafts[0]!.id);
  return draftList(deps, actor, drafts);
}

export async function draftList(deps: AppDeps, actor: Actor, drafts: SnapshotSummary[], options: { offerNew?: boolean } = {}): Promise<AdaptiveCard> {
  const tz = actor.municipality.profile.timeZone;
  if (drafts.length === 0) {
    // Submitted drafts are closed, so they are not listed; the latest case says where the last
    // one went (its receipt may never have reached the chat: a crash right after the commit).
    const [latest] = await deps.repos.cases.listForPrincipal(actor.person.id);
    return draftListCard({
      drafts: [],
      ...(latest ? { lastSubmitted: { caseNumber: latest.caseNumber, pupilRef: latest.pupilRef, submittedText: formatSwedishDate(localDate(latest.createdAt, tz)) } } : {}),
    });
  }
  const records = await Promise.all(drafts.map((d) => deps.repos.snapshots.load(d.id)));
  return draftListCard({
    drafts: drafts.map((d, i) => {
      const snapshot = records[i]?.snapshot as { context?: { step?: keyof typeof STEP_TITLES } } | undefined;
      const step = snapshot?.context?.step;
      return {
        draftId: d.id,
        label: d.label ?? 'Utkast',
        stepTitle: step && step in STEP_TITLES ? STEP_TITLES[step] : STEP_TITLES.unitTerm,
        updatedText: formatSwedishDate(localDate(d.updatedAt, tz)),
      };
    }),
    ...(options.offerNew ? { offerNew: true } : {}),
  });
}
