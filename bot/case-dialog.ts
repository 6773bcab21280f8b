// Elevhälsan's verbs on a case, and the principal's "Komplettera ansökan". Every turn loads the
// case, asks domain/case-roles (through the case machine for changes) whether this person may
// do this now, writes the change with the status it was based on, and queues the channel card's
// refresh and any delivery to the principal. Health details leave the channel: the application
// and the forms open in the person's own 1:1 chat.
import { z } from 'zod';
import {
  assessmentReviewCard,
  caseChannelCard,
  caseDetailCard,
  caseQueueCard,
  completionFormCard,
  decisionFormCard,
  messageCard,
  type AdaptiveCard,
  type DecisionFormValues,
} from '../cards';
import { computeAssessment } from '../domain/assessment';
import { mergeDraft } from '../domain/draft';
import { mayPerform, type CaseAction } from '../domain/case-roles';
import { decisionText, validateDecision } from '../domain/decision-text';
import { CASE_STATUS_FOR_ELEVHALSA, formatHoursPerWeek, formatKronor, formatSwedishDate, MEASURE_TYPE_LABELS, ROLE_LABELS } from '../domain/wording';
import { ConflictError, type CaseStatus } from '../domain/ports';
import { ZDecisionOutcome, type TAssessment, type TMeasure } from '../domain/schemas';
import { localDate, termPeriod, termTitle } from '../domain/terms';
import { applyCaseEvent, type CaseEvent } from '../machines/case.machine';
import { APPLICATION_STEPS, type ApplicationStep } from '../machines/application.steps';
import type { DialogDeps } from './application-turn';
import { parseDraftInputs } from './card-input';
import { caseActor, loadCase, storedCase, type CaseBundle } from './case-context';
import { allowedFor, channelViewModel, detailViewModel } from './case-view';
import { hasRole, type Actor } from './identity';
import { offerAttachment } from './file-transfer';
import { QUEUES } from './jobs';
import { NO_OWN_CHAT, sendToOwnChat } from './own-chat';
import { cardMessage } from './transport-types';

export type Toast = { toast: string };
export type CaseReply = AdaptiveCard | Toast;
export const isToast = (reply: CaseReply): reply is Toast => 'toast' in reply;

export interface CaseTurn {
  conversationType: string;
}

// The first message per input id, for the form to show next to its field.
function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}

const NOT_FOUND: Toast = { toast: 'Ärendet finns inte längre eller hör till en annan kommun.' };
const MAX_MESSAGE = 2000;

async function withCase(
  deps: DialogDeps,
  actor: Actor,
  caseId: string,
  action: CaseAction,
  work: (bundle: CaseBundle) => Promise<CaseReply>,
): Promise<CaseReply> {
  const bundle = await loadCase(deps.repos, caseId);
  if (!bundle || bundle.kase.municipalityId !== actor.municipality.id) return NOT_FOUND;
  const permission = mayPerform(action, caseActor(actor), bundle.kase);
  if (!permission.ok) return { toast: permission.message };
  return work(bundle);
}

async function refreshChannelCard(deps: DialogDeps, caseId: string): Promise<void> {
  await deps.jobs?.enqueue(QUEUES.caseCard, { caseId });
}

// The card as this viewer should see it now (Universal Actions refresh and after an action).
export async function channelCardFor(deps: DialogDeps, actor: Actor | null, caseId: string): Promise<CaseReply> {
  const bundle = await loadCase(deps.repos, caseId);
  if (!bundle || (actor && bundle.kase.municipalityId !== actor.municipality.id)) return NOT_FOUND;
  return caseChannelCard(channelViewModel(bundle, actor ?? null, await refreshUserIds(deps, bundle.kase.municipalityId)));
}

// Teams refreshes the card automatically for these users: Elevhälsa staff the bot has met.
export async function refreshUserIds(deps: DialogDeps, municipalityId: string): Promise<string[]> {
  const people = [...(await deps.repos.people.listByRole(municipalityId, 'handler')), ...(await deps.repos.people.listByRole(municipalityId, 'head'))];
  const refs = await Promise.all([...new Set(people.map((p) => p.id))].map((id) => deps.repos.conversations.getPersonal(id)));
  return refs.flatMap((r) => {
    const userId = (r?.reference as { user?: { id?: string } } | undefined)?.user?.id;
    return userId ? [userId] : [];
  });
}

// Cards with the child's details go to the person's 1:1 chat; in a channel the click only says so.
async function privately(deps: DialogDeps, actor: Actor, turn: CaseTurn, card: AdaptiveCard): Promise<CaseReply> {
  if (turn.conversationType === 'personal') return card;
  if (!(await sendToOwnChat(deps, actor, cardMessage(card)))) return { toast: NO_OWN_CHAT };
  return { toast: 'Ansökan är öppnad i din chatt med Tilläggsbot.' };
}

// Runs the case machine and, when it accepts, writes the new status based on the old one.
async function transition(deps: DialogDeps, actor: Actor, bundle: CaseBundle, event: CaseEvent): Promise<Toast | { status: CaseStatus }> {
  const result = applyCaseEvent(storedCase(bundle), event);
  if (!result.ok) return { toast: result.message };
  if (result.status !== bundle.kase.status) {
    try {
      await deps.repos.cases.setStatus(bundle.kase.id, result.status, {
        by: actor.person.id,
        expected: [bundle.kase.status],
        details: { action: result.auditAction },
      });
    } catch (error) {
      if (error instanceof ConflictError) return { toast: 'Någon annan ändrade ärendet samtidigt. Uppdatera kortet och försök igen.' };
      throw error;
    }
  }
  return { status: result.status };
}

async function assign(deps: DialogDeps, actor: Actor, caseId: string): Promise<CaseReply> {
  return withCase(deps, actor, caseId, 'case.assign', async (bundle) => {
    const moved = await transition(deps, actor, bundle, { type: 'case.assign', by: caseActor(actor) });
    if ('toast' in moved) return moved;
    await deps.repos.cases.assignHandler(caseId, actor.person.id, actor.person.id);
    await refreshChannelCard(deps, caseId);
    return channelCardFor(deps, actor, caseId);
  });
}

function completionForm(bundle: CaseBundle, errors: Record<string, string> = {}, values?: { message?: string; step?: ApplicationStep }) {
  return completionFormCard({
    caseId: bundle.kase.id,
    caseNumber: bundle.kase.caseNumber,
    unitName: bundle.unit.name,
    termLabel: termTitle(bundle.kase.term),
    errors,
    ...(values ? { values } : {}),
  });
}

const ZCompletion = z.object({
  'completion.message': z
    .string({ error: 'Skriv vad rektorn behöver komplettera.' })
    .trim()
    .min(1, 'Skriv vad rektorn behöver komplettera.')
    .max(MAX_MESSAGE, `Skriv högst ${MAX_MESSAGE} tecken.`),
  'completion.step': z.enum(APPLICATION_STEPS, { error: 'Välj den del av ansökan som rektorn ska öppna.' }),
});

async function sendCompletion(deps: DialogDeps, actor: Actor, caseId: string, inputs: Record<string, unknown>): Promise<CaseReply> {
  return withCase(deps, actor, caseId, 'case.completion.request', async (bundle) => {
    const parsed = ZCompletion.safeParse(inputs);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      const message = typeof inputs['completion.message'] === 'string' ? inputs['completion.message'] : undefined;
      const step = APPLICATION_STEPS.find((s) => s === inputs['completion.step']);
      return completionForm(bundle, errors, { ...(message ? { message } : {}), ...(step ? { step } : {}) });
    }
    const message = parsed.data['completion.message'];
    const moved = await transition(deps, actor, bundle, { type: 'case.completion.request', by: caseActor(actor), message });
    if ('toast' in moved) return moved;
    const request = await deps.repos.completions.create({ caseId, message, step: parsed.data['completion.step'], requestedById: actor.person.id });
    await deps.jobs?.enqueue(QUEUES.completion, { completionId: request.id });
    await refreshChannelCard(deps, caseId);
    return messageCard({
      title: 'Kompletteringen är begärd',
      text: `Rektorn får din fråga om ${bundle.kase.caseNumber} i sin chatt och kan komplettera direkt. Du ser ändringarna när ansökan kommer tillbaka.`,
      actions: [{ title: 'Visa kön', verb: 'cases.queue', data: {} }],
    });
  });
}

function assessmentCard(bundle: CaseBundle, ratings: TAssessment, errors: Record<string, string> = {}, notice?: string) {
  const profile = bundle.municipality.profile;
  const result = computeAssessment(ratings, profile, bundle.application.placement.attendanceHoursPerWeek);
  return assessmentReviewCard({
    caseId: bundle.kase.id,
    caseNumber: bundle.kase.caseNumber,
    unitName: bundle.unit.name,
    termLabel: termTitle(bundle.kase.term),
    profile,
    assessment: ratings,
    principalAssessment: bundle.application.assessment,
    summary: {
      hoursCurrent: result.hoursCurrent,
      hoursDesired: result.hoursDesired,
      amountPerMonthText: formatKronor(result.amountPerMonth),
      explanation: result.explanation,
    },
    errors,
    ...(notice ? { notice: { text: notice, style: 'good' as const } } : {}),
  });
}

async function sendAssessment(deps: DialogDeps, actor: Actor, caseId: string, inputs: Record<string, unknown>): Promise<CaseReply> {
  return withCase(deps, actor, caseId, 'case.review', async (bundle) => {
    const profile = bundle.municipality.profile;
    const { values, inputErrors } = parseDraftInputs(inputs, profile);
    // Level by level: a card that sends only the changed levels keeps the others.
    const base = bundle.assessment?.ratings ?? bundle.application.assessment;
    const ratings: TAssessment = mergeDraft({ assessment: base }, { assessment: values.assessment }).assessment ?? base;
    const errors: Record<string, string> = { ...inputErrors };
    for (const area of profile.assessment.areas) {
      for (const part of ['current', 'desired'] as const) {
        if (ratings[area.id]?.[part] === undefined) errors[`assessment.${area.id}.${part}`] ??= 'Välj en nivå.';
      }
    }
    if (Object.keys(errors).length > 0) return assessmentCard(bundle, ratings, errors);
    const moved = await transition(deps, actor, bundle, { type: 'case.review', by: caseActor(actor) });
    if ('toast' in moved) return moved;
    const result = computeAssessment(ratings, profile, bundle.application.placement.attendanceHoursPerWeek);
    await deps.repos.cases.addAssessment(caseId, {
      kind: 'review',
      createdById: actor.person.id,
      applicationVersionId: bundle.latest.id,
      ratings,
      hoursCurrent: result.hoursCurrent,
      hoursDesired: result.hoursDesired,
      amountPerMonth: result.amountPerMonth,
    });
    await deps.repos.audit.append({ municipalityId: bundle.kase.municipalityId, actorId: actor.person.id, action: 'case.reviewed', subjectType: 'case', subjectId: caseId, details: { hoursCurrent: result.hoursCurrent } });
    await refreshChannelCard(deps, caseId);
    return assessmentCard(bundle, ratings, {}, `Bedömningen är sparad: ${formatHoursPerWeek(result.hoursCurrent)}, ${formatKronor(result.amountPerMonth)} per månad.`);
  });
}

function decisionForm(bundle: CaseBundle, errors: Record<string, string> = {}, values?: DecisionFormValues) {
  const period = termPeriod(bundle.kase.term, bundle.municipality.profile);
  return decisionFormCard({
    caseId: bundle.kase.id,
    caseNumber: bundle.kase.caseNumber,
    unitName: bundle.unit.name,
    unitKind: bundle.unit.kind,
    termLabel: termTitle(bundle.kase.term),
    late: bundle.kase.late,
    proposedHoursPerWeek: bundle.assessment?.hoursCurrent ?? 0,
    proposedAmountPerMonth: Math.round(bundle.assessment?.amountPerMonth ?? 0),
    termStart: period.from,
    termEnd: period.to,
    measures: bundle.application.measures,
    errors,
    ...(values ? { values } : {}),
  });
}

const optionalText = z.string().trim().max(4000, 'Skriv högst 4000 tecken.').optional().transform((v) => (v ? v : undefined));
const ZDecisionInputs = z.object({
  'decision.outcome': ZDecisionOutcome.optional(),
  'decision.amountPerMonth': z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      const text = String(v ?? '').replace(/\s/g, '').replace(',', '.');
      if (text === '') return undefined;
      const n = Number(text);
      if (!Number.isFinite(n) || n < 0 || n > 10_000_000) {
        ctx.addIssue({ code: 'custom', message: 'Skriv beloppet per månad i hela kronor, 0 eller mer.' });
        return z.NEVER;
      }
      return Math.round(n);
    }),
  'decision.from': z.string().trim().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Välj ett datum.').optional().transform((v) => (v ? v : undefined)),
  'decision.to': z.string().trim().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Välj ett datum.').optional().transform((v) => (v ? v : undefined)),
  'decision.reason': optionalText,
  'decision.approvedMeasures': z.union([z.string(), z.array(z.string())]).optional().transform((v) =>
    (Array.isArray(v) ? v : (v ?? '').split(',')).map((s) => s.trim()).filter(Boolean),
  ),
  'decision.significantDifficulties': z.union([z.boolean(), z.string()]).optional().transform((v) => v === true || v === 'true'),
});

const measureLabel = (m: TMeasure) => `${MEASURE_TYPE_LABELS[m.type]} (${m.description.trim()})`;

async function sendDecision(deps: DialogDeps, actor: Actor, caseId: string, inputs: Record<string, unknown>): Promise<CaseReply> {
  return withCase(deps, actor, caseId, 'case.decide', async (bundle) => {
    const parsed = ZDecisionInputs.safeParse(inputs);
    if (!parsed.success) return decisionForm(bundle, fieldErrors(parsed.error));
    const d = parsed.data;
    const measures = bundle.application.measures;
    const known = new Set(measures.map((m) => m.id));
    const values: DecisionFormValues = {
      ...(d['decision.outcome'] ? { outcome: d['decision.outcome'] } : {}),
      ...(d['decision.amountPerMonth'] !== undefined ? { amountPerMonth: d['decision.amountPerMonth'] } : {}),
      ...(d['decision.from'] ? { from: d['decision.from'] } : {}),
      ...(d['decision.to'] ? { to: d['decision.to'] } : {}),
      ...(d['decision.reason'] ? { reason: d['decision.reason'] } : {}),
      approvedMeasures: d['decision.approvedMeasures'].filter((id) => known.has(id)),
      significantDifficulties: d['decision.significantDifficulties'],
    };
    if (!values.outcome) return decisionForm(bundle, { 'decision.outcome': 'Välj om ansökan beviljas, beviljas delvis eller avslås.' }, values);
    const outcome = values.outcome;
    const approvedIds = outcome === 'approved' ? measures.map((m) => m.id) : outcome === 'rejected' ? [] : (values.approvedMeasures ?? []);
    const approved = measures.filter((m) => approvedIds.includes(m.id));
    const notApproved = measures.filter((m) => !approvedIds.includes(m.id));
    const granted = outcome !== 'rejected';
    const fields = {
      outcome,
      amountPerMonth: granted ? (values.amountPerMonth ?? null) : null,
      from: granted ? (values.from ?? null) : null,
      to: granted ? (values.to ?? null) : null,
      reason: values.reason ?? null,
      approvedMeasures: approved.map(measureLabel),
      notApprovedMeasures: notApproved.map(measureLabel),
      significantDifficulties: values.significantDifficulties ?? false,
      unitKind: bundle.unit.kind,
    };
    const problems = validateDecision(fields);
    if (problems.length > 0) return decisionForm(bundle, Object.fromEntries(problems.map((p) => [p.field, p.message])), values);

    const moved = applyCaseEvent(storedCase(bundle), { type: 'case.decide', by: caseActor(actor), outcome, unitKind: bundle.unit.kind });
    if (!moved.ok) return { toast: moved.message };
    const now = deps.now();
    const profile = bundle.municipality.profile;
    const { unitKind: _unitKind, ...letterFields } = fields;
    const text = decisionText({
      ...letterFields,
      profile,
      caseNumber: bundle.kase.caseNumber,
      unit: { name: bundle.unit.name, kind: bundle.unit.kind, huvudman: bundle.unit.huvudman },
      term: bundle.kase.term,
      pupilRef: bundle.kase.pupilRef,
      schoolForm: bundle.application.pupil.schoolForm,
      decidedBy: { name: actor.person.displayName, title: ROLE_LABELS.head },
      decisionDate: localDate(now, profile.timeZone),
    });
    let decision;
    try {
      decision = await deps.repos.decisions.record({
        caseId,
        outcome,
        amountPerMonth: fields.amountPerMonth,
        from: fields.from,
        to: fields.to,
        reason: fields.reason,
        approvedMeasureIds: approved.map((m) => m.id),
        significantDifficulties: fields.significantDifficulties,
        text,
        decidedById: actor.person.id,
      });
    } catch (error) {
      if (error instanceof ConflictError) return { toast: 'Ärendet är redan beslutat.' };
      throw error;
    }
    await deps.jobs?.enqueue(QUEUES.decision, { decisionId: decision.id });
    await refreshChannelCard(deps, caseId);
    return messageCard({
      title: 'Beslutet är fattat',
      text: `Beslutet i ${bundle.kase.caseNumber} skickas nu till rektorns chatt. Kortet i Elevhälsans kanal visar när det är levererat.`,
      actions: [{ title: 'Visa kön', verb: 'cases.queue', data: {} }],
    });
  });
}

export async function queueCard(deps: DialogDeps, actor: Actor): Promise<CaseReply> {
  if (!(['handler', 'head', 'admin'] as const).some((r) => hasRole(actor, r))) {
    return { toast: 'Kön visas bara för Elevhälsan. Skriv ”mina ärenden” för att se dina egna ansökningar.' };
  }
  const tz = actor.municipality.profile.timeZone;
  const cases = await deps.repos.cases.listQueue(actor.municipality.id);
  const units = new Map((await deps.repos.units.listForMunicipality(actor.municipality.id)).map((u) => [u.id, u.name]));
  const handlerIds = [...new Set(cases.map((c) => c.assignedHandlerId).filter((id): id is string => !!id))];
  const handlers = new Map((await Promise.all(handlerIds.map((id) => deps.repos.people.get(id)))).flatMap((p) => (p ? [[p.id, p.displayName] as const] : [])));
  const noChannel = !(await deps.repos.conversations.getChannel({ municipalityId: actor.municipality.id }));
  return caseQueueCard({
    noChannel,
    cases: cases.map((c) => ({
      caseId: c.id,
      caseNumber: c.caseNumber,
      unitName: units.get(c.unitId) ?? 'Okänd enhet',
      termLabel: termTitle(c.term),
      statusText: CASE_STATUS_FOR_ELEVHALSA[c.status],
      late: c.late,
      ...(c.assignedHandlerId && handlers.get(c.assignedHandlerId) ? { handlerName: handlers.get(c.assignedHandlerId)! } : {}),
      submittedAt: c.createdAt.toISOString(),
      submittedText: formatSwedishDate(localDate(c.createdAt, tz)),
    })),
  });
}

export const CASE_HANDLERS = {
  'case.refresh': (deps: DialogDeps, actor: Actor, caseId: string) => channelCardFor(deps, actor, caseId),
  'case.assign': (deps: DialogDeps, actor: Actor, caseId: string) => assign(deps, actor, caseId),
  'case.view': (deps: DialogDeps, actor: Actor, caseId: string, turn: CaseTurn) =>
    withCase(deps, actor, caseId, 'case.view', async (bundle) => privately(deps, actor, turn, caseDetailCard(detailViewModel(bundle, actor)))),
  'case.completion.form': (deps: DialogDeps, actor: Actor, caseId: string, turn: CaseTurn) =>
    withCase(deps, actor, caseId, 'case.completion.request', async (bundle) =>
      allowedFor(actor, bundle).requestCompletion ? privately(deps, actor, turn, completionForm(bundle)) : { toast: 'Ärendet väntar redan på komplettering eller är beslutat.' },
    ),
  'case.completion.send': (deps: DialogDeps, actor: Actor, caseId: string, _turn: CaseTurn, inputs: Record<string, unknown>) =>
    sendCompletion(deps, actor, caseId, inputs),
  'case.assessment.form': (deps: DialogDeps, actor: Actor, caseId: string, turn: CaseTurn) =>
    withCase(deps, actor, caseId, 'case.review', async (bundle) =>
      privately(deps, actor, turn, assessmentCard(bundle, bundle.assessment?.ratings ?? bundle.application.assessment)),
    ),
  'case.assessment.send': (deps: DialogDeps, actor: Actor, caseId: string, _turn: CaseTurn, inputs: Record<string, unknown>) =>
    sendAssessment(deps, actor, caseId, inputs),
  'case.decision.form': (deps: DialogDeps, actor: Actor, caseId: string, turn: CaseTurn) =>
    withCase(deps, actor, caseId, 'case.decide', async (bundle) =>
      bundle.kase.status === 'decided' || bundle.kase.status === 'completion_requested'
        ? { toast: bundle.kase.status === 'decided' ? 'Ärendet är redan beslutat.' : 'Ärendet väntar på komplettering från rektorn.' }
        : privately(deps, actor, turn, decisionForm(bundle)),
    ),
  'case.decision.send': (deps: DialogDeps, actor: Actor, caseId: string, _turn: CaseTurn, inputs: Record<string, unknown>) =>
    sendDecision(deps, actor, caseId, inputs),
  'case.attachment.get': (deps: DialogDeps, actor: Actor, caseId: string, _turn: CaseTurn, inputs: Record<string, unknown>) =>
    offerAttachment(deps, actor, caseId, inputs),
  'case.decision.resend': (deps: DialogDeps, actor: Actor, caseId: string) =>
    withCase(deps, actor, caseId, 'case.assign', async (bundle) => {
      if (bundle.decision?.deliveryStatus !== 'failed') return { toast: 'Beslutet är redan levererat eller på väg.' };
      await deps.jobs?.enqueue(QUEUES.decision, { decisionId: bundle.decision.id });
      return { toast: 'Beslutet skickas igen till rektorns chatt. Kortet visar om det lyckas.' };
    }),
} as const;

export type CaseVerb = keyof typeof CASE_HANDLERS;
