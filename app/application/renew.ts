// "Ansök för nästa termin": a new application draft for the term after a granted case, prefilled
// from the case's last submitted version. The assessment comes from the latest follow-up's
// re-rating, the signature is cleared, attachments are kept by reference (with their date) until
// replaced, and the unit is kept only if this principal leads it (a child who changed unit is
// applied for by the receiving principal, from their own units). The draft opens at its first
// step, so every step is shown for review before it can be sent.
import type { AdaptiveCard } from '../../cards';
import { draftLabel } from '../../domain/draft';
import type { TApplicationDraft } from '../../domain/schemas';
import { localDate, termTitle } from '../../domain/terms';
import type { Actor } from '../actor';
import type { AppDeps, Reply } from '../deps';
import { startDraft } from '../draft-runner';
import { loadCase } from '../case/context';
import { grantOf, renewalTerm } from '../follow-up/grants';
import { mayFileFollowUp } from '../follow-up/flow';
import { APPLICATION_MACHINE, applicationMachineOf, renderState } from './turn';

export async function renewCase(deps: AppDeps, actor: Actor, caseId: string): Promise<Reply> {
  const bundle = await loadCase(deps.repos, caseId);
  if (!bundle || !mayFileFollowUp(actor, bundle)) return { toast: 'Ärendet finns inte, eller så är du inte rektor för det.' };
  const grant = await grantOf(deps.repos, bundle.kase);
  if (!grant) return { toast: 'Bara ett beviljat ärende kan förnyas. Börja en ny ansökan i stället.' };
  const profile = actor.municipality.profile;
  const now = deps.clock.now();
  const app = bundle.application;
  const term = renewalTerm(grant, profile);
  const files = await deps.repos.attachments.listForCase(caseId);
  const fileDate = new Map(files.map((f) => [f.id, localDate(f.createdAt, profile.timeZone)]));
  const ownUnit = actor.units.some((u) => u.id === app.unit.id);
  const { signature: _signature, ...rest } = app;
  const draft: TApplicationDraft = {
    ...rest,
    term,
    ...(ownUnit ? { unit: app.unit } : { unit: {} }),
    assessment: bundle.followUps.at(-1)?.ratings ?? bundle.assessment?.ratings ?? app.assessment,
    // A file reused from an earlier case stays that case's file; the new case refers to it.
    attachments: app.attachments.map((a) => ({
      ...a,
      reusedFrom: a.reusedFrom ?? caseId,
      ...(a.addedOn || fileDate.has(a.id) ? { addedOn: a.addedOn ?? fileDate.get(a.id)! } : {}),
    })),
    renewalOf: caseId,
  };
  const { id, snapshot } = await startDraft(
    deps.repos,
    { name: APPLICATION_MACHINE, ...applicationMachineOf(actor, now) },
    { personId: actor.person.id, label: (s) => draftLabel(s.context.draft), created: { municipalityId: actor.municipality.id, details: { renewalOf: caseId, term } } },
    { draft },
  );
  const card: AdaptiveCard = renderState(id, snapshot, actor, now, {
    notice:
      `Ansökan för ${termTitle(term).toLowerCase()} är ifylld från ${bundle.kase.caseNumber}` +
      (bundle.followUps.length > 0 ? ', med behovsbedömningen från den senaste uppföljningen' : '') +
      '. Gå igenom varje steg och ändra det som inte stämmer längre. Bilagorna från förra ansökan följer med med sitt datum; skicka en ny fil om någon behöver bytas.' +
      (ownUnit ? '' : ' Välj enhet: du kan bara ansöka för enheter du leder.'),
  });
  return card;
}
