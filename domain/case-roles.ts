// Who may do what with a case, as one pure rule table. The actor is always built from the
// database (roles looked up for the authenticated Teams user), never from card data, so these
// rules are the only gate between a click in Teams and a change to a case.
import type { Role } from './ports';
import type { TCaseAction } from './vocabulary';

export type CaseAction = TCaseAction;

// Actions that no person performs: they record what the system observed (a message delivered).
// They are kept out of mayPerform's reach on purpose: a person, whatever their roles, gets a
// refusal, and the machine's events for them carry no actor at all, so there is no "system
// role" that could be granted to someone in the database by mistake.
export const SYSTEM_CASE_ACTIONS: ReadonlySet<CaseAction> = new Set<CaseAction>(['case.notified']);

export function isSystemCaseAction(action: CaseAction): boolean {
  return SYSTEM_CASE_ACTIONS.has(action);
}

// A person acting on a case, as the bot builds it from PersonWithRoles.
export interface CaseActor {
  personId: string;
  municipalityId: string;
  roles: Role[];
  // The units this person is principal of.
  ledUnitIds: string[];
  // The units this person drafts applications for (not signs).
  draftUnitIds?: string[];
}

// The parts of a case the rules look at.
export interface CaseParties {
  municipalityId: string;
  // The principal who applied (signed) for the case.
  principalId: string;
  unitId: string;
  // The handler on record; a handler hands over only a case that is theirs or nobody's.
  assignedHandlerId?: string | null;
}

export type Permission = { ok: true } | { ok: false; code: string; message: string };

export const CASE_PERMISSION_CODES = {
  'case.otherMunicipality': 'The case belongs to another municipality than the actor.',
  'case.view.forbidden': 'Neither Elevhälsan, an admin nor the principal of the case or unit.',
  'case.assign.forbidden': 'Only a handler or the head of Elevhälsan may take a case.',
  'case.review.forbidden': 'Only a handler or the head of Elevhälsan may adjust the assessment.',
  'case.completion.request.forbidden': 'Only a handler or the head of Elevhälsan may ask for completion.',
  'case.resubmit.forbidden': 'Only the principal of the case, or a principal of its unit, may send a completion.',
  'case.decide.headOnly': 'Only the head of Elevhälsan decides.',
  'case.decision.resend.forbidden': 'Only a handler or the head of Elevhälsan may send a decision again.',
  'case.notified.systemOnly': 'Set by the delivery of the decision, never by a person.',
  'case.propose.forbidden': 'Only a handler or the head of Elevhälsan writes a proposal for decision.',
  'case.handover.forbidden': 'Only the head, or the handler of the case (or of an unassigned case), hands it to another handler.',
  'case.withdraw.forbidden': 'Only the principal of the case, or a principal of its unit, withdraws the application.',
  'case.decision.end.headOnly': 'Only the head of Elevhälsan ends a decision early (a new decision on the grant).',
} as const;
export type CasePermissionCode = keyof typeof CASE_PERMISSION_CODES;

const ALLOWED: Permission = { ok: true };

function deny(code: CasePermissionCode, message: string): Permission {
  return { ok: false, code, message };
}

const has = (actor: CaseActor, role: Role): boolean => actor.roles.includes(role);
const isElevhalsan = (actor: CaseActor): boolean => has(actor, 'handler') || has(actor, 'head');

// The principal who signed the application, or any principal now leading the unit: when the
// principal changes, the new one takes over the case.
export function isPrincipalOfCase(actor: CaseActor, kase: CaseParties): boolean {
  return actor.personId === kase.principalId || (has(actor, 'principal') && actor.ledUnitIds.includes(kase.unitId));
}

export function mayPerform(action: CaseAction, actor: CaseActor, kase: CaseParties): Permission {
  // Checked first and for every action: a person's roles only ever hold in their own
  // municipality, and the message must not hint at what the case is.
  if (actor.municipalityId !== kase.municipalityId) {
    return deny('case.otherMunicipality', 'Ärendet tillhör en annan kommun. Du kan därför inte öppna eller hantera det.');
  }
  switch (action) {
    case 'case.view':
      // Admins see cases to support users; the principal follows their own case.
      return isElevhalsan(actor) || has(actor, 'admin') || isPrincipalOfCase(actor, kase)
        ? ALLOWED
        : deny(
            'case.view.forbidden',
            'Du har tyvärr inte behörighet att se ärendet. Det kan Elevhälsans handläggare och chef, kommunens administratörer och rektorn för enheten.',
          );
    case 'case.assign':
      return isElevhalsan(actor)
        ? ALLOWED
        : deny('case.assign.forbidden', 'Bara Elevhälsans handläggare och chefen för Elevhälsan kan ta hand om ärenden.');
    case 'case.review':
      return isElevhalsan(actor)
        ? ALLOWED
        : deny('case.review.forbidden', 'Bara Elevhälsans handläggare och chefen för Elevhälsan kan justera bedömningen i ett ärende.');
    case 'case.completion.request':
      return isElevhalsan(actor)
        ? ALLOWED
        : deny('case.completion.request.forbidden', 'Bara Elevhälsans handläggare och chefen för Elevhälsan kan begära komplettering.');
    case 'case.resubmit':
      return isPrincipalOfCase(actor, kase)
        ? ALLOWED
        : deny('case.resubmit.forbidden', 'Bara rektorn för enheten kan skicka in en komplettering till ärendet.');
    case 'case.decide':
      if (has(actor, 'head')) return ALLOWED;
      return deny(
        'case.decide.headOnly',
        has(actor, 'handler')
          ? 'Beslut om tilläggsbelopp fattas av chefen för Elevhälsan. Du kan förbereda beslutet, men chefen behöver fatta det.'
          : 'Beslut om tilläggsbelopp fattas av chefen för Elevhälsan.',
      );
    case 'case.decision.resend':
      // Sending the same letter again changes nothing in the decision: whoever follows the
      // case in Elevhälsan may do it once the principal can be reached again.
      return isElevhalsan(actor)
        ? ALLOWED
        : deny('case.decision.resend.forbidden', 'Bara Elevhälsans handläggare och chefen för Elevhälsan kan skicka beslutet igen.');
    case 'case.propose':
      return isElevhalsan(actor)
        ? ALLOWED
        : deny('case.propose.forbidden', 'Bara Elevhälsans handläggare och chefen för Elevhälsan kan skriva förslag till beslut.');
    case 'case.handover':
      // The head distributes the work; a handler passes on only what is theirs (or nobody's).
      if (has(actor, 'head')) return ALLOWED;
      if (has(actor, 'handler') && (!kase.assignedHandlerId || kase.assignedHandlerId === actor.personId)) return ALLOWED;
      return deny(
        'case.handover.forbidden',
        has(actor, 'handler')
          ? 'Ärendet har en annan handläggare. Be den handläggaren eller chefen för Elevhälsan att lämna över det.'
          : 'Bara chefen för Elevhälsan och ärendets handläggare kan lämna över ärendet till en annan handläggare.',
      );
    case 'case.withdraw':
      return isPrincipalOfCase(actor, kase)
        ? ALLOWED
        : deny('case.withdraw.forbidden', 'Bara rektorn för enheten kan återkalla ansökan.');
    case 'case.decision.end':
      return has(actor, 'head')
        ? ALLOWED
        : deny('case.decision.end.headOnly', 'Bara chefen för Elevhälsan kan avsluta ett beslut i förtid. Kontakta Elevhälsan om barnet har lämnat enheten.');
    case 'case.notified':
      return deny(
        'case.notified.systemOnly',
        'Beslutet markeras som delgivet automatiskt när det har nått rektorn. Det går inte att göra för hand.',
      );
  }
}

// ---- drafts written by staff for the principal to sign ------------------------------------------

// What may be done with a draft somebody else may have written. Editing stays with the draft's
// owner (the draft runner checks that); these are the steps between drafter and principal.
export type DraftAction =
  // Send the finished draft to the unit's principal instead of signing it.
  | 'draft.sendForSignature'
  // See a draft that was sent for signature (its summary on the principal's card).
  | 'draft.view'
  // Sign it, which submits it as a case.
  | 'draft.sign'
  // Send it back to the drafter with a comment.
  | 'draft.return';

// The parts of a draft the rules look at.
export interface DraftParties {
  municipalityId: string;
  ownerId: string;
  // The unit the draft is for (chosen on its first step); undefined before that.
  unitId: string | undefined;
}

export const DRAFT_PERMISSION_CODES = {
  'draft.otherMunicipality': 'The draft belongs to another municipality than the actor.',
  'draft.sendForSignature.forbidden': 'Only the drafter who owns the draft, drafting for its unit, sends it for signature.',
  'draft.view.forbidden': 'Only the owner of the draft or a principal of its unit sees it.',
  'draft.sign.principalOnly': 'Only a principal of the draft\'s unit signs (DOMAIN.md: the principal signs).',
  'draft.return.principalOnly': 'Only a principal of the draft\'s unit sends it back.',
} as const;
export type DraftPermissionCode = keyof typeof DRAFT_PERMISSION_CODES;

function denyDraft(code: DraftPermissionCode, message: string): Permission {
  return { ok: false, code, message };
}

const leadsUnit = (actor: CaseActor, unitId: string | undefined): boolean =>
  !!unitId && has(actor, 'principal') && actor.ledUnitIds.includes(unitId);

export function mayOnDraft(action: DraftAction, actor: CaseActor, draft: DraftParties): Permission {
  if (actor.municipalityId !== draft.municipalityId) {
    return denyDraft('draft.otherMunicipality', 'Ansökan tillhör en annan kommun. Du kan därför inte öppna eller hantera den.');
  }
  switch (action) {
    case 'draft.sendForSignature':
      return actor.personId === draft.ownerId && !!draft.unitId && (actor.draftUnitIds ?? []).includes(draft.unitId)
        ? ALLOWED
        : denyDraft('draft.sendForSignature.forbidden', 'Du kan bara skicka ansökningar som du själv har fyllt i för din enhet till rektor.');
    case 'draft.view':
      return actor.personId === draft.ownerId || leadsUnit(actor, draft.unitId)
        ? ALLOWED
        : denyDraft('draft.view.forbidden', 'Du har inte behörighet att se ansökan. Det kan den som fyller i den och rektorn för enheten.');
    case 'draft.sign':
      return leadsUnit(actor, draft.unitId)
        ? ALLOWED
        : denyDraft('draft.sign.principalOnly', 'Bara ansvarig rektor för enheten kan skriva under och skicka in ansökan.');
    case 'draft.return':
      return leadsUnit(actor, draft.unitId)
        ? ALLOWED
        : denyDraft('draft.return.principalOnly', 'Bara rektorn för enheten kan skicka tillbaka ansökan.');
  }
}
