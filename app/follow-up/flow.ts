// The follow-up dialog on the generic draft runner: the follow-up machine with this case's
// environment (its approved measures, the profile, the clock), what each state means (save,
// file, discard, render), and filing itself: the follow-up stored once and for good with its
// audit entry, its files moved to the case, the channel card refreshed, a receipt with the way to
// apply for the next term.
import {
  followUpDiscardCard,
  followUpProblemsCard,
  followUpReceiptCard,
  followUpStepCard,
  messageCard,
  type AdaptiveCard,
  type FollowUpStepViewModel,
} from '../../cards';
import { compareAssessments, ZFollowUpFiled, type TFollowUpDraft } from '../../domain/follow-up';
import { mayPerform } from '../../domain/case-roles';
import type { TAssessment, TMeasure } from '../../domain/schemas';
import { formatHoursPerWeek, formatKronor, formatSwedishDate, termShort, termTitle, MEASURE_TYPE_LABELS, CARRIED_OUT_LABELS, CONTINUED_NEED_LABELS, ATTACHMENT_KIND_LABELS } from '../../domain/wording';
import { levelLabel } from '../../domain/assessment';
import { localDate } from '../../domain/terms';
import { followUpMachine, followUpTurnEnv, type FollowUpMachine, type FollowUpSnapshot, type FollowUpEvent } from '../../machines/follow-up.machine';
import { FOLLOW_UP_STEPS, FOLLOW_UP_STEP_TITLES, type FollowUpStep } from '../../machines/follow-up.steps';
import { caseActor, type Actor } from '../actor';
import type { AppDeps, Reply } from '../deps';
import { runDraft, type DraftFlow, type DraftTurn } from '../draft-runner';
import { refreshChannelCard } from '../case/access';
import { loadCase, type CaseBundle } from '../case/context';
import { grantOf, renewalTerm } from './grants';

export const FOLLOW_UP_MACHINE = 'followUp';

export const STALE_FOLLOW_UP_NOTICE = 'Det kortet var inte längre aktuellt, så det du skrev där sparades inte. Här är steget du är på nu.';

// The measures the decision approved (all of them when the decision lists none, as older ones do).
export function approvedMeasures(bundle: CaseBundle): TMeasure[] {
  const ids = bundle.decision?.approvedMeasureIds ?? [];
  const measures = bundle.application.measures ?? [];
  return ids.length === 0 ? measures : measures.filter((m) => ids.includes(m.id));
}

// What the follow-up is compared with: the latest filed follow-up's rating, else the case's own.
export function previousRatings(bundle: CaseBundle): TAssessment | undefined {
  return bundle.followUps.at(-1)?.ratings ?? bundle.assessment?.ratings ?? bundle.application.assessment;
}

export function mayFileFollowUp(actor: Actor, bundle: CaseBundle): boolean {
  return bundle.kase.municipalityId === actor.municipality.id && mayPerform('case.resubmit', caseActor(actor), bundle.kase).ok;
}

export const followUpLabel = (bundle: CaseBundle, term: string) => `Uppföljning ${bundle.kase.caseNumber}, ${termShort(term)}`;

// The machine for this follow-up's turn, with the clock read once.
export function followUpMachineOf(bundle: CaseBundle, now: Date): Required<Pick<DraftFlow<FollowUpMachine, unknown>, 'machine' | 'run'>> {
  const env = { profile: bundle.municipality.profile, measures: approvedMeasures(bundle), now: () => now };
  return { machine: followUpMachine, run: (work) => followUpTurnEnv.run(env, work) };
}

export function currentFollowUpStep(snapshot: FollowUpSnapshot): FollowUpStep | undefined {
  return FOLLOW_UP_STEPS.find((step) => snapshot.matches({ editing: step }));
}

function figures(bundle: CaseBundle, draft: TFollowUpDraft) {
  const profile = bundle.municipality.profile;
  const complete = Object.fromEntries(
    Object.entries(draft.assessment ?? {}).flatMap(([id, r]) => (r.current !== undefined ? [[id, { current: r.current, desired: r.desired ?? r.current }]] : [])),
  ) as TAssessment;
  const c = compareAssessments(previousRatings(bundle), complete, profile, bundle.application.placement.attendanceHoursPerWeek);
  return {
    comparison: c,
    facts: [
      { title: 'Bedömt stöd förut', value: formatHoursPerWeek(c.hoursBefore) },
      { title: 'Bedömt stöd nu', value: `${formatHoursPerWeek(c.hoursAfter)} (${c.hoursAfter - c.hoursBefore >= 0 ? '+' : '−'}${formatHoursPerWeek(Math.abs(c.hoursAfter - c.hoursBefore))})` },
      { title: 'Belopp förut', value: `${formatKronor(c.amountBefore)} per månad` },
      { title: 'Belopp nu', value: `${formatKronor(c.amountAfter)} per månad` },
    ],
  };
}

const levelText = (level: number | undefined, bundle: CaseBundle) =>
  level === undefined ? 'ej bedömt' : `${level} (${levelLabel(level, bundle.municipality.profile) ?? ''})`.replace(' ()', '');

function summarySections(bundle: CaseBundle, draft: TFollowUpDraft): FollowUpStepViewModel['summarySections'] {
  const measures = approvedMeasures(bundle);
  const changed = figures(bundle, draft);
  const c = draft.continuedNeed ?? {};
  return [
    {
      step: 'measures',
      title: FOLLOW_UP_STEP_TITLES.measures,
      facts: measures.map((m, i) => {
        const a = draft.measures?.[m.id] ?? {};
        const parts = [a.carriedOut ? CARRIED_OUT_LABELS[a.carriedOut] : 'Inte besvarat', a.hoursPerWeek !== undefined ? formatHoursPerWeek(a.hoursPerWeek) : '', a.effect ?? ''];
        return { title: `${i + 1}. ${MEASURE_TYPE_LABELS[m.type]}`, value: parts.filter(Boolean).join(' · ') };
      }),
    },
    {
      step: 'assessment',
      title: FOLLOW_UP_STEP_TITLES.assessment,
      facts: [
        ...changed.facts,
        ...changed.comparison.areas.filter((a) => a.changed).map((a) => ({ title: a.label, value: `${levelText(a.before, bundle)} → ${levelText(a.after, bundle)}` })),
      ],
    },
    {
      step: 'continuedNeed',
      title: FOLLOW_UP_STEP_TITLES.continuedNeed,
      facts: [
        { title: 'Svar', value: c.answer ? CONTINUED_NEED_LABELS[c.answer] : 'Inte besvarat' },
        { title: 'Beskrivning', value: c.description || 'Inte ifyllt' },
      ],
    },
    {
      step: 'attachments',
      title: FOLLOW_UP_STEP_TITLES.attachments,
      facts: (draft.attachments ?? []).length === 0 ? [{ title: 'Filer', value: 'Inga' }] : (draft.attachments ?? []).map((a) => ({ title: a.name, value: a.kind ? ATTACHMENT_KIND_LABELS[a.kind] : 'Typ inte vald' })),
    },
  ];
}

export function renderFollowUp(draftId: string, snapshot: FollowUpSnapshot, bundle: CaseBundle, notice?: string): AdaptiveCard {
  const context = snapshot.context;
  if (snapshot.matches('confirmDiscard')) return followUpDiscardCard({ draftId, label: followUpLabel(bundle, context.term) });
  if (snapshot.matches({ editing: 'problems' })) return followUpProblemsCard({ draftId, problems: context.problems });
  const step = currentFollowUpStep(snapshot) ?? context.step;
  const profile = bundle.municipality.profile;
  const previous = previousRatings(bundle);
  const vm: FollowUpStepViewModel = {
    draftId,
    step,
    caseNumber: bundle.kase.caseNumber,
    termLabel: termTitle(context.term),
    pupilLabel: bundle.kase.pupilRef,
    draft: context.draft,
    errors: context.errors,
    measures: approvedMeasures(bundle).map((m) => ({
      id: m.id,
      title: `${MEASURE_TYPE_LABELS[m.type]}${m.description ? ` – ${m.description}` : ''}`,
      ...(m.hoursPerWeek !== undefined ? { plannedText: `Planerat: ${formatHoursPerWeek(m.hoursPerWeek)}` } : {}),
    })),
    areas: profile.assessment.areas.map((a) => ({
      id: a.id,
      label: a.label,
      ...(a.hint ? { hint: a.hint } : {}),
      previousText: `Förra bedömningen: nuläge ${levelText(previous?.[a.id]?.current, bundle)}, önskat läge ${levelText(previous?.[a.id]?.desired, bundle)}`,
    })),
    levels: profile.assessment.levels.map((l, i) => ({ value: l, label: profile.assessment.levelLabels[i] ?? String(l) })),
    figures: figures(bundle, context.draft).facts,
    ...(step === 'summary' ? { summarySections: summarySections(bundle, context.draft) } : {}),
    ...(notice ? { notice: { text: notice, style: 'warning' as const } } : {}),
  };
  return followUpStepCard(vm);
}

// Filing: one transaction for the follow-up (with its audit entry), the draft marked filed and
// its files moved to the case. A repeat (double click) finds the stored one and shows the receipt.
async function file(deps: AppDeps, actor: Actor, bundle: CaseBundle, turn: DraftTurn<FollowUpMachine>, now: Date): Promise<AdaptiveCard> {
  const { context } = turn.snapshot;
  const filed = ZFollowUpFiled.parse({ attachments: [], ...context.draft });
  const c = compareAssessments(previousRatings(bundle), filed.assessment, bundle.municipality.profile, bundle.application.placement.attendanceHoursPerWeek);
  const measures = approvedMeasures(bundle);
  const results = measures
    .map((m, i) => {
      const a = filed.measures[m.id]!;
      return `${i + 1}. ${MEASURE_TYPE_LABELS[m.type]}: ${CARRIED_OUT_LABELS[a.carriedOut]}${a.hoursPerWeek !== undefined ? `, ${formatHoursPerWeek(a.hoursPerWeek)}` : ''}. ${a.effect}`;
    })
    .join('\n');
  await deps.repos.transaction(async (tx) => {
    await tx.followUps.submit({
      caseId: bundle.kase.id,
      term: context.term,
      results: results || 'Inga enskilda insatser beviljades.',
      continuedNeed: filed.continuedNeed.answer !== 'no',
      comment: filed.continuedNeed.description,
      ratings: filed.assessment,
      details: {
        measures: filed.measures,
        continuedNeed: filed.continuedNeed.answer,
        attachments: filed.attachments,
        hoursBefore: c.hoursBefore,
        hoursAfter: c.hoursAfter,
        amountBefore: c.amountBefore,
        amountAfter: c.amountAfter,
      },
      submittedById: actor.person.id,
      submittedAt: now,
    });
    await tx.attachments.moveToCase(turn.record.id, bundle.kase.id);
    await tx.snapshots.save(turn.record.id, turn.record.version, { snapshot: turn.persisted(), status: 'submitted' });
  });
  await refreshChannelCard(deps, bundle.kase.id);
  return followUpReceipt(deps, actor, bundle.kase.id, context.term);
}

export async function followUpReceipt(deps: AppDeps, actor: Actor, caseId: string, term: string): Promise<AdaptiveCard> {
  const bundle = await loadCase(deps.repos, caseId);
  const stored = await deps.repos.followUps.get(caseId, term);
  if (!bundle || !stored) return messageCard({ title: 'Uppföljningen hittades inte', text: 'Skriv ”uppföljning” för att se vad som ska lämnas.' });
  const details = stored.details as { hoursBefore?: number; hoursAfter?: number; amountAfter?: number };
  const grant = await grantOf(deps.repos, bundle.kase);
  const mayRenew = grant && actor.units.length > 0;
  return followUpReceiptCard({
    caseId,
    caseNumber: bundle.kase.caseNumber,
    termLabel: termTitle(term),
    filedText: formatSwedishDate(localDate(stored.submittedAt, bundle.municipality.profile.timeZone)),
    figures:
      details.hoursAfter !== undefined
        ? [
            { title: 'Bedömt stöd nu', value: formatHoursPerWeek(details.hoursAfter) },
            { title: 'Belopp enligt bedömningen', value: `${formatKronor(details.amountAfter ?? 0)} per månad` },
          ]
        : [],
    ...(mayRenew ? { renewTermLabel: termTitle(renewalTerm(grant, bundle.municipality.profile)).toLowerCase() } : {}),
  });
}

const goneCard = () =>
  messageCard({
    title: 'Uppföljningen finns inte längre',
    text: 'Den kan ha slängts eller lämnats in. Skriv ”uppföljning” för att se vad som ska lämnas.',
    actions: [{ title: 'Uppföljning', verb: 'followup.list', data: {} }],
  });

export function followUpFlow(deps: AppDeps, actor: Actor, bundle: CaseBundle, now: Date, notice?: string): DraftFlow<FollowUpMachine, AdaptiveCard> {
  return {
    name: FOLLOW_UP_MACHINE,
    ...followUpMachineOf(bundle, now),
    missing: goneCard,
    closed: async (record) => {
      const term = (record.snapshot as { context?: { term?: string } } | null)?.context?.term;
      return record.status === 'submitted' && term ? followUpReceipt(deps, actor, bundle.kase.id, term) : goneCard();
    },
    async act(turn) {
      const { record, snapshot, event } = turn;
      if (!event) return renderFollowUp(record.id, snapshot, bundle, notice);
      if (turn.emitted.some((e) => e.type === 'draft.staleCard')) return renderFollowUp(record.id, snapshot, bundle, STALE_FOLLOW_UP_NOTICE);
      // A second click that lost the race retries, finds the draft filed and gets the receipt.
      if (snapshot.matches('submitted')) return file(deps, actor, bundle, turn, now);
      if (snapshot.matches('discarded')) {
        await turn.save({ status: 'discarded' });
        const files = await deps.repos.attachments.listForDraft(record.id);
        await Promise.all(files.map((f) => deps.repos.attachments.removeFromDraft(f.id, record.id)));
        return messageCard({
          title: 'Uppföljningen är slängd',
          text: 'Svaren är borttagna. Du kan börja om när du vill.',
          actions: [{ title: 'Uppföljning', verb: 'followup.list', data: {} }],
        });
      }
      await turn.save({ label: followUpLabel(bundle, snapshot.context.term) });
      return renderFollowUp(record.id, snapshot, bundle, notice);
    },
  };
}

// One event to a follow-up draft of this principal.
export async function runFollowUpTurn(
  deps: AppDeps,
  actor: Actor,
  draftId: string,
  eventFor: (snapshot: FollowUpSnapshot, bundle: CaseBundle) => FollowUpEvent | null,
  notice?: string,
): Promise<Reply> {
  const record = await deps.repos.snapshots.load(draftId);
  if (!record || record.machine !== FOLLOW_UP_MACHINE || record.personId !== actor.person.id || !record.caseId) return goneCard();
  const bundle = await loadCase(deps.repos, record.caseId);
  if (!bundle || !mayFileFollowUp(actor, bundle)) return goneCard();
  return runDraft(deps.repos, followUpFlow(deps, actor, bundle, deps.clock.now(), notice), actor.person.id, draftId, (snapshot) => eventFor(snapshot, bundle));
}
