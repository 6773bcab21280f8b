// View models of Elevhälsan's cards, from a loaded case. The channel card's model is built
// from case-level facts only (no child, no need): the channel is seen by many.
import type {
  CaseActionFlags,
  CaseChannelViewModel,
  CaseDecisionSummary,
  CaseDetailViewModel,
  DecisionViewModel,
} from '../../cards';
import { mayPerform, type CaseAction } from '../../domain/case-roles';
import { computeAssessment } from '../../domain/assessment';
import { CASE_STATUS_FOR_ELEVHALSA, formatKronor, formatSwedishDate, termShort } from '../../domain/wording';
import type { DecisionRecord } from '../../domain/ports';
import type { TApplication } from '../../domain/schemas';
import { localDate, termTitle } from '../../domain/terms';
import { caseActor, type Actor } from '../actor';
import type { CaseBundle } from '../case/context';
import { versionChanges } from './version-changes';
import { FOLLOW_UP_FLAG_TEXT } from '../../domain/follow-up';
import { flagsOf } from '../follow-up/view';

const NOTHING_ALLOWED: CaseActionFlags = { view: false, assign: false, adjustAssessment: false, requestCompletion: false, decide: false };
// The card posted for the whole channel: every button, each checked on the server when pressed.
const CHANNEL_DEFAULT: CaseActionFlags = { view: true, assign: true, adjustAssessment: true, requestCompletion: true, decide: true };

export function allowedFor(actor: Actor | null, bundle: CaseBundle): CaseActionFlags {
  if (!actor) return NOTHING_ALLOWED;
  const who = caseActor(actor);
  const may = (action: CaseAction) => mayPerform(action, who, bundle.kase).ok;
  const { status } = bundle.kase;
  // A withdrawn application is closed: it can be read, nothing more.
  if (status === 'withdrawn') return { ...NOTHING_ALLOWED, view: may('case.view') };
  const open = status !== 'decided';
  return {
    view: may('case.view'),
    assign: may('case.assign'),
    adjustAssessment: may('case.review'),
    requestCompletion: may('case.completion.request') && status !== 'completion_requested',
    decide: may('case.decide') && status !== 'completion_requested',
    propose: open && may('case.propose') && status !== 'completion_requested',
    handover: open && may('case.handover'),
    withdraw: open && may('case.withdraw'),
    endDecision: !!bundle.decision && bundle.decision.outcome !== 'rejected' && !bundle.decision.endedFrom && may('case.decision.end'),
  };
}

const date = (at: Date, tz: string) => formatSwedishDate(localDate(at, tz));
const dateTime = (at: Date, tz: string) =>
  `${date(at, tz)} kl. ${new Intl.DateTimeFormat('sv-SE', { timeZone: tz, hour: '2-digit', minute: '2-digit' }).format(at)}`;

export function decisionSummary(decision: DecisionRecord, tz: string): CaseDecisionSummary {
  const granted = decision.outcome !== 'rejected';
  return {
    outcome: decision.outcome,
    decidedText: date(decision.decidedAt, tz),
    ...(granted && decision.amountPerMonth !== null ? { amountPerMonthText: formatKronor(decision.amountPerMonth) } : {}),
    ...(granted && decision.from && decision.to ? { periodText: `${formatSwedishDate(decision.from)} – ${formatSwedishDate(decision.to)}` } : {}),
    delivery: decision.deliveryStatus,
    ...(decision.deliveryStatus === 'delivered' && decision.notifiedAt ? { deliveredText: dateTime(decision.notifiedAt, tz) } : {}),
    ...(decision.endedFrom ? { endedText: `Upphör från och med ${formatSwedishDate(decision.endedFrom)}` } : {}),
  };
}

// The newest thing that happened, in words.
function lastEvent(bundle: CaseBundle): string | undefined {
  const tz = bundle.municipality.profile.timeZone;
  const events: Array<{ at: Date; text: string }> = [];
  for (const c of bundle.completions) {
    events.push({ at: c.requestedAt, text: `Komplettering begärd ${date(c.requestedAt, tz)}` });
  }
  for (const v of bundle.versions.filter((v) => v.version > 1)) {
    events.push({ at: v.submittedAt, text: `Kompletterad ${date(v.submittedAt, tz)}` });
  }
  if (bundle.decision) events.push({ at: bundle.decision.decidedAt, text: `Beslut fattat ${date(bundle.decision.decidedAt, tz)}` });
  for (const f of bundle.followUps) events.push({ at: f.submittedAt, text: `Uppföljning ${termShort(f.term)} inkommen ${date(f.submittedAt, tz)}` });
  return events.sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1)?.text;
}

export function channelViewModel(bundle: CaseBundle, viewer: Actor | null, refreshUserIds: string[], otherUnitText?: string): CaseChannelViewModel {
  const { kase, unit, assessment, decision, handler } = bundle;
  const tz = bundle.municipality.profile.timeZone;
  const last = lastEvent(bundle);
  return {
    caseId: kase.id,
    caseNumber: kase.caseNumber,
    unitName: unit.name,
    unitKind: unit.kind,
    schoolForm: bundle.application.pupil.schoolForm,
    termLabel: termTitle(kase.term),
    hoursPerWeek: assessment?.hoursCurrent ?? 0,
    amountPerMonthText: formatKronor(assessment?.amountPerMonth ?? 0),
    late: kase.late,
    statusText: CASE_STATUS_FOR_ELEVHALSA[kase.status],
    ...(handler ? { handler: { name: handler.displayName, isViewer: handler.id === viewer?.person.id } } : {}),
    ...(last ? { lastEventText: last } : {}),
    ...(decision ? { decision: decisionSummary(decision, tz) } : {}),
    ...(otherUnitText ? { otherUnitText } : {}),
    ...(bundle.followUps.length > 0 ? { followUps: bundle.followUps.map((f) => ({ term: f.term, text: `Uppföljning ${termShort(f.term)} inkommen ${date(f.submittedAt, tz)}`, flags: flagsOf(bundle, f).map((x) => FOLLOW_UP_FLAG_TEXT[x]) })) } : {}),
    deliveryFailed: decision?.deliveryStatus === 'failed',
    refreshUserIds,
    allowed: viewer ? allowedFor(viewer, bundle) : bundle.kase.status === 'withdrawn' ? { ...NOTHING_ALLOWED, view: true } : CHANNEL_DEFAULT,
  };
}

export function detailViewModel(bundle: CaseBundle, viewer: Actor): CaseDetailViewModel {
  const { kase, unit, application, latest, versions } = bundle;
  const profile = bundle.municipality.profile;
  const tz = profile.timeZone;
  const ratings = bundle.assessment?.ratings ?? application.assessment;
  const result = computeAssessment(ratings, profile, application.placement.attendanceHoursPerWeek);
  const previous = versions.find((v) => v.version === latest.version - 1);
  const time = (at: Date) =>
    `${date(at, tz)} kl. ${new Intl.DateTimeFormat('sv-SE', { timeZone: tz, hour: '2-digit', minute: '2-digit' }).format(at)}`;
  return {
    caseId: kase.id,
    caseNumber: kase.caseNumber,
    unitName: unit.name,
    unitKind: unit.kind,
    termLabel: termTitle(kase.term),
    statusText: CASE_STATUS_FOR_ELEVHALSA[kase.status],
    submittedText: time(latest.submittedAt),
    late: kase.late,
    ...(bundle.handler ? { handler: { name: bundle.handler.displayName, isViewer: bundle.handler.id === viewer.person.id } } : {}),
    version: latest.version,
    application,
    ...(application.pupil.protectedIdentity ? { protectedReference: kase.pupilRef } : {}),
    profile,
    assessmentAreas: result.areas,
    assessmentSummary: {
      hoursCurrent: result.hoursCurrent,
      hoursDesired: result.hoursDesired,
      amountPerMonthText: formatKronor(result.amountPerMonth),
      explanation: result.explanation,
    },
    ...(application.signature.signedBy
      ? {
          signedText:
            `${application.signature.signedBy}, ${time(application.signature.signedAt ? new Date(application.signature.signedAt) : latest.submittedAt)}` +
            (application.signature.draftedBy ? ` (ifylld av ${application.signature.draftedBy})` : ''),
        }
      : {}),
    changes: previous
      ? versionChanges(previous.data as TApplication, application, { assessment: profile.assessment, unitName: (id) => (id === unit.id ? unit.name : undefined) })
      : [],
    ...(bundle.decision ? { decision: decisionSummary(bundle.decision, tz) } : {}),
    allowed: allowedFor(viewer, bundle),
  };
}

// How the principal's own chat names the child (it may: it is their application).
export function pupilLabel(application: TApplication, pupilRef: string): string {
  const p = application.pupil;
  if (p.protectedIdentity) return pupilRef;
  return [p.firstName, p.lastName].filter(Boolean).join(' ') || pupilRef;
}

// `forPrincipal`: the letter as its principal gets it (the PDF and their cases on it).
export function decisionViewModel(bundle: CaseBundle, decision: DecisionRecord, appealDeadline: string | null, forPrincipal: boolean): DecisionViewModel {
  const summary = decisionSummary(decision, bundle.municipality.profile.timeZone);
  return {
    caseId: bundle.kase.id,
    forPrincipal,
    caseNumber: bundle.kase.caseNumber,
    termLabel: termTitle(bundle.kase.term),
    unitName: bundle.unit.name,
    pupilLabel: pupilLabel(bundle.application, bundle.kase.pupilRef),
    outcome: decision.outcome,
    ...(summary.amountPerMonthText ? { amountPerMonthText: summary.amountPerMonthText } : {}),
    ...(summary.periodText ? { periodText: summary.periodText } : {}),
    text: decision.text,
    ...(appealDeadline ? { appealDeadlineText: formatSwedishDate(appealDeadline) } : {}),
  };
}
