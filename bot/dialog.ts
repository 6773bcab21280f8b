// The principal's dialog, free of transport: chat commands and card verbs in, one card out.
// Every verb has one entry in a typed table; its ids were parsed by action-data.ts and its
// input values are parsed here per field, so nothing a card sends is trusted as is.
import type { AdaptiveCard } from '../cards';
import type { ApplicationEvent } from '../machines/application.machine';
import { caseListCard, draftListCard, messageCard, welcomeCard } from '../cards';
import type { CardVerb, VerbData } from '../cards/verbs';
import { CASE_STATUS_FOR_PRINCIPAL, formatSwedishDate } from '../domain/wording';
import type { TMeasure } from '../domain/schemas';
import { followUpDueDate, localDate, termTitle } from '../domain/terms';
import { STEP_TITLES } from '../machines/application.steps';
import type { ParsedAction } from './action-data';
import { parseAttachmentKind, parseDraftInputs, parseNewMeasure } from './card-input';
import type { Actor } from './identity';
import { APPLICATION_MACHINE, isStaleCard, openDraft, runDraftEvent, startDraft, type DialogDeps } from './application-turn';
import { CASE_HANDLERS, queueCard, type CaseTurn, type CaseVerb, type Toast } from './case-dialog';
import { openCompletionDraft } from './completion';

export type { DialogDeps };

export type Reply = AdaptiveCard | Toast;

type Handler<V extends CardVerb> = (
  deps: DialogDeps,
  actor: Actor,
  action: { verb: V; ids: VerbData[V]; inputs: Record<string, unknown> },
  turn: CaseTurn,
) => Promise<Reply>;

export function notPrincipalCard(): AdaptiveCard {
  return welcomeCard({ isPrincipal: false, openDrafts: 0 });
}

export async function welcome(deps: DialogDeps, actor: Actor | null, displayName?: string): Promise<AdaptiveCard> {
  if (!actor || actor.units.length === 0) {
    const name = displayName ?? actor?.person.displayName;
    return welcomeCard({ ...(name ? { displayName: name } : {}), isPrincipal: false, isElevhalsan: !!actor?.person.roles.some((r) => r.role !== 'principal'), openDrafts: 0 });
  }
  const drafts = await deps.repos.snapshots.listOpen(actor.person.id, APPLICATION_MACHINE);
  return welcomeCard({ displayName: displayName ?? actor.person.displayName, isPrincipal: true, openDrafts: drafts.length });
}

async function resume(deps: DialogDeps, actor: Actor): Promise<AdaptiveCard> {
  const drafts = await deps.repos.snapshots.listOpen(actor.person.id, APPLICATION_MACHINE);
  // One draft: straight back to where the principal stopped.
  if (drafts.length === 1) return openDraft(deps, actor, drafts[0]!.id);
  const tz = actor.municipality.profile.timeZone;
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
  });
}

async function myCases(deps: DialogDeps, actor: Actor): Promise<AdaptiveCard> {
  const cases = await deps.repos.cases.listForPrincipal(actor.person.id);
  const units = new Map(actor.units.map((u) => [u.id, u.name]));
  const tz = actor.municipality.profile.timeZone;
  return caseListCard({
    cases: cases.map((c) => ({
      caseNumber: c.caseNumber,
      termLabel: termTitle(c.term),
      unitName: units.get(c.unitId) ?? 'Enhet du inte längre leder',
      statusText: CASE_STATUS_FOR_PRINCIPAL[c.status] + (c.late ? ' (sen ansökan)' : ''),
      submittedText: formatSwedishDate(localDate(c.createdAt, tz)),
      pupilLabel: c.pupilRef,
    })),
  });
}

// `step.recalculate` is a save that answers with the same step, recomputed.
function stepEvent<V extends 'step.next' | 'step.back' | 'draft.save' | 'step.recalculate'>(verb: V): Handler<V> {
  const type = verb === 'step.recalculate' ? 'draft.save' : verb;
  return async (deps, actor, { ids, inputs }) => {
    const { values, inputErrors } = parseDraftInputs(inputs, actor.municipality.profile);
    return runDraftEvent(deps, actor, ids.draftId, () => ({ type, step: ids.step, values, inputErrors }) as ApplicationEvent);
  };
}

// Only principals start applications; everyone else learns who to ask.
const principalOnly =
  <V extends CardVerb>(handler: Handler<V>): Handler<V> =>
  (deps, actor, action, turn) =>
    actor.units.length === 0 ? Promise.resolve(notPrincipalCard()) : handler(deps, actor, action, turn);

const HANDLERS: { [V in CardVerb]: Handler<V> } = {
  'app.new': principalOnly((deps, actor) => startDraft(deps, actor)),
  'app.resume': (deps, actor) => resume(deps, actor),
  'cases.mine': (deps, actor) => myCases(deps, actor),
  help: (deps, actor) => welcome(deps, actor),
  'draft.open': (deps, actor, { ids }) => openDraft(deps, actor, ids.draftId),
  'step.next': stepEvent('step.next'),
  'step.back': stepEvent('step.back'),
  'step.recalculate': stepEvent('step.recalculate'),
  'draft.save': async (deps, actor, { ids, inputs }) => {
    const { values, inputErrors } = parseDraftInputs(inputs, actor.municipality.profile);
    // Only a save that reached the open draft from its current card may say "sparat"; a stale
    // card, a discarded or a submitted draft answer with their own card.
    let saved = false;
    const card = await runDraftEvent(deps, actor, ids.draftId, (context) => {
      const event: ApplicationEvent = { type: 'draft.save', step: ids.step, values, inputErrors };
      saved = !isStaleCard(context, event);
      return event;
    });
    if (!saved) return card;
    return messageCard({
      title: 'Utkastet är sparat',
      text: 'Du kan fortsätta när du vill, även om flera dagar. Skriv ”fortsätt” eller tryck på knappen.',
      actions: [{ title: 'Fortsätt nu', verb: 'draft.open', data: { draftId: ids.draftId } }],
    });
  },
  'step.goto': (deps, actor, { ids }) => runDraftEvent(deps, actor, ids.draftId, () => ({ type: 'step.goto', step: ids.step })),
  'draft.discard': (deps, actor, { ids }) => runDraftEvent(deps, actor, ids.draftId, () => ({ type: 'draft.discard' })),
  'draft.discard.confirm': (deps, actor, { ids }) =>
    runDraftEvent(deps, actor, ids.draftId, () => ({ type: 'draft.discard.confirm' })),
  'draft.discard.cancel': (deps, actor, { ids }) =>
    runDraftEvent(deps, actor, ids.draftId, () => ({ type: 'draft.discard.cancel' })),
  'measure.add': (deps, actor, { ids, inputs }) => {
    const { measure, inputErrors } = parseNewMeasure(inputs);
    const typed: Partial<TMeasure> = measure ?? {};
    const newMeasure = {
      type: typed.type,
      description: typeof inputs['measure.description'] === 'string' ? inputs['measure.description'] : undefined,
      hoursPerWeek: typed.hoursPerWeek,
      cost: typed.cost,
    };
    // A refused measure is never stored; the form comes back with what was typed.
    const placeholder: TMeasure = { id: 'refused', type: 'assistent', description: '' };
    return runDraftEvent(
      deps,
      actor,
      ids.draftId,
      () => (measure ? { type: 'measure.add', measure } : { type: 'measure.add', measure: placeholder, inputErrors }),
      measure ? {} : { newMeasure },
    );
  },
  'measure.remove': (deps, actor, { ids }) =>
    runDraftEvent(deps, actor, ids.draftId, () => ({ type: 'measure.remove', measureId: ids.measureId })),
  'attachment.kind': async (deps, actor, { ids, inputs }) => {
    const { kind, inputErrors } = parseAttachmentKind(inputs);
    if (!kind) return runDraftEvent(deps, actor, ids.draftId, () => null, { errors: inputErrors });
    const meta = await deps.repos.attachments.get(ids.attachmentId);
    if (meta && meta.draftId === ids.draftId) await deps.repos.attachments.setKind(meta.id, kind);
    return runDraftEvent(deps, actor, ids.draftId, () => ({ type: 'attachment.kind', attachmentId: ids.attachmentId, kind }));
  },
  'app.submit': (deps, actor, { ids, inputs }) => {
    const { values, inputErrors } = parseDraftInputs(inputs, actor.municipality.profile);
    return runDraftEvent(deps, actor, ids.draftId, () => ({ type: 'app.submit', values, inputErrors }));
  },
  ...caseVerbs(),
  'case.complete.open': (deps, actor, { ids }) => openCompletionDraft(deps, actor, ids.caseId),
  'cases.queue': (deps, actor) => queueCard(deps, actor),
};

// Elevhälsan's verbs all carry a caseId; case-dialog.ts holds them.
function caseVerbs(): { [V in CaseVerb]: Handler<V> } {
  const entries = Object.entries(CASE_HANDLERS).map(([verb, run]) => [
    verb,
    ((deps, actor, { ids, inputs }, turn) => run(deps, actor, ids.caseId, turn, inputs)) satisfies Handler<CaseVerb>,
  ]);
  return Object.fromEntries(entries) as { [V in CaseVerb]: Handler<V> };
}

export function handleAction(deps: DialogDeps, actor: Actor, action: ParsedAction, turn: CaseTurn): Promise<Reply> {
  return (HANDLERS[action.verb] as Handler<typeof action.verb>)(deps, actor, action as never, turn);
}

export const unknownActionCard = (): AdaptiveCard =>
  messageCard({
    title: 'Den knappen fungerar inte längre',
    text: 'Kortet kan vara gammalt. Skriv ”hjälp” för att se vad du kan göra, eller öppna dina utkast.',
    actions: [
      { title: 'Mina utkast', verb: 'app.resume', data: {} },
      { title: 'Hjälp', verb: 'help', data: {} },
    ],
  });

export const unknownUserCard = (): AdaptiveCard => notPrincipalCard();

// Chat commands (DESIGN.md), case-insensitive, with or without an @mention of the bot.
const COMMANDS: Record<string, CardVerb | 'cancel' | 'followUp' | 'cases'> = {
  'ny ansökan': 'app.new',
  'ny ansokan': 'app.new',
  ny: 'app.new',
  fortsätt: 'app.resume',
  fortsatt: 'app.resume',
  'mina ärenden': 'cases.mine',
  'mina arenden': 'cases.mine',
  ärenden: 'cases',
  arenden: 'cases',
  avbryt: 'cancel',
  uppföljning: 'followUp',
  uppfoljning: 'followUp',
  hjälp: 'help',
  hjalp: 'help',
  help: 'help',
};

export function normalizeCommand(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .toLowerCase()
    .replace(/[.!?"”]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function handleText(deps: DialogDeps, actor: Actor | null, text: string, turn: CaseTurn & { displayName?: string }): Promise<Reply> {
  const displayName = turn.displayName;
  const command = COMMANDS[normalizeCommand(text)];
  if (!actor) return welcome(deps, null, displayName);
  switch (command) {
    case undefined:
      return messageCard({
        title: 'Det förstod jag inte',
        text: 'Jag kan hjälpa dig med ansökningar om tilläggsbelopp. Skriv till exempel ”ny ansökan”, ”fortsätt” eller ”hjälp”.',
        actions: [
          { title: 'Ny ansökan', verb: 'app.new', data: {} },
          { title: 'Hjälp', verb: 'help', data: {} },
        ],
      });
    case 'cancel': {
      const [latest] = await deps.repos.snapshots.listOpen(actor.person.id, APPLICATION_MACHINE);
      if (!latest) return messageCard({ title: 'Inget att avbryta', text: 'Du har inget utkast just nu. Skriv ”ny ansökan” för att börja.' });
      return runDraftEvent(deps, actor, latest.id, () => ({ type: 'draft.discard' }));
    }
    case 'followUp': {
      // Day and month only: the same dates every year.
      const due = (season: 'HT' | 'VT') =>
        formatSwedishDate(followUpDueDate(`${season}2000`, actor.municipality.profile)).replace(/ \d{4}$/, '');
      return messageCard({
        title: 'Uppföljning',
        text:
          'Uppföljningen av beviljat tilläggsbelopp kan inte lämnas här i chatten än. Skicka den till Elevhälsan som tidigare, ' +
          `senast ${due('HT')} för höstterminen och ${due('VT')} för vårterminen.`,
        actions: [{ title: 'Mina ärenden', verb: 'cases.mine', data: {} }],
      });
    }
    // Elevhälsan's queue for Elevhälsa roles, a principal's own cases for a principal.
    case 'cases':
      return actor.person.roles.some((r) => r.role !== 'principal') ? queueCard(deps, actor) : handleAction(deps, actor, { verb: 'cases.mine', ids: {}, inputs: {} }, turn);
    default:
      return handleAction(deps, actor, { verb: command, ids: {}, inputs: {} } as ParsedAction, turn);
  }
}
