// A drafter's finished draft goes to the unit's principal: each principal of the unit gets the
// check-answers summary in their chat, with "Signera och skicka in" and "Skicka tillbaka med
// kommentar"; the drafter learns where it went. What the principal does is app/application/sign.ts.
import { messageCard, signatureRequestCard, type AdaptiveCard } from '../../cards';
import { draftLabel } from '../../domain/draft';
import type { Unit } from '../../domain/ports';
import type { TApplicationDraft } from '../../domain/schemas';
import { localDate } from '../../domain/terms';
import { formatSwedishDate } from '../../domain/wording';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { summarySections } from '../views/step-view';

export function signatureRequestFor(
  actor: Pick<Actor, 'municipality'>,
  draftId: string,
  draft: TApplicationDraft,
  drafterName: string,
  unit: Unit,
  sentAt: Date,
  now: Date,
  more: { errors?: Record<string, string>; notice?: string } = {},
): AdaptiveCard {
  const profile = actor.municipality.profile;
  return signatureRequestCard({
    draftId,
    label: draftLabel(draft),
    drafterName,
    unitName: unit.name,
    sentText: formatSwedishDate(localDate(sentAt, profile.timeZone)),
    summarySections: summarySections(draft, { profile, units: [unit], now }),
    ...more,
  });
}

export async function sendForSignature(deps: AppDeps, drafter: Actor, draftId: string, draft: TApplicationDraft, now: Date): Promise<AdaptiveCard> {
  const unitId = draft.unit?.id;
  const unit = unitId ? await deps.repos.units.get(unitId) : null;
  if (!unit) throw new Error(`draft ${draftId} was sent for signature without a unit`);
  const principals = await deps.repos.people.principalsOf(unit.id);
  const card = signatureRequestFor(drafter, draftId, draft, drafter.person.displayName, unit, now, now);
  const reached: string[] = [];
  for (const p of principals) {
    if (await deps.ownChat?.sendCard(p.id, card)) reached.push(p.displayName);
  }
  await deps.repos.audit.append({
    municipalityId: drafter.municipality.id,
    actorId: drafter.person.id,
    action: 'draft.sent_for_signature',
    subjectType: 'draft',
    subjectId: draftId,
    details: { unitId: unit.id, principalIds: principals.map((p) => p.id) },
  });
  const who = reached.length > 0 ? reached.join(' och ') : 'Rektorn';
  const text =
    reached.length > 0
      ? `${who} har fått ansökan för ${draftLabel(draft)} att skriva under. Du får ett meddelande här när rektorn har skrivit under eller skickat tillbaka den.`
      : `Ansökan för ${draftLabel(draft)} väntar på rektorns underskrift, men boten kunde inte nå rektorn i Teams. Be rektorn för ${unit.name} att öppna chatten med Tilläggsbot.`;
  return messageCard({ title: 'Ansökan är skickad till rektor', text });
}

// The drafter's own card while the principal has the draft.
export function awaitingSignatureCard(draft: TApplicationDraft): AdaptiveCard {
  return messageCard({
    title: 'Ansökan väntar på rektorns underskrift',
    text: `Ansökan för ${draftLabel(draft)} ligger hos rektor för underskrift. Du får ett meddelande här när rektorn har skrivit under eller skickat tillbaka den.`,
    actions: [{ title: 'Mina utkast', verb: 'app.resume', data: {} }],
  });
}
