// A ready draft becomes a case: the reviewed application, signed by the acting principal, is
// stored as version 1 with its assessment in one transaction (idempotent per draft), and the
// receipt tells the principal the case number and what happens next.
import type { AdaptiveCard } from '../../cards';
import { receiptCard } from '../../cards';
import { computeAssessment } from '../../domain/assessment';
import { pupilName } from '../../domain/draft';
import { formatKronor, formatSwedishDate } from '../../domain/wording';
import type { CaseRecord, Repositories, SnapshotRecord, Unit } from '../../domain/ports';
import { ZApplication, type TApplication, type TApplicationDraft } from '../../domain/schemas';
import { applicationDeadline, followUpDueDate, isLate, localDate, termTitle } from '../../domain/terms';
import type { ApplicationContext } from '../../machines/application.machine';
import type { Actor } from '../actor';
import { QUEUES, type JobQueue } from '../jobs/queue';

interface SubmitDeps {
  repos: Repositories;
  jobs?: JobQueue;
}

// What case handlers see instead of a name: initials and birth year, or nothing identifying at
// all for a child with protected identity.
export function pupilRef(application: TApplication, draftId: string): string {
  const p = application.pupil;
  if (p.protectedIdentity) return `Skyddad identitet (ref ${draftId.slice(0, 8)})`;
  const initials = [p.firstName, p.lastName].map((n) => n?.trim().charAt(0).toUpperCase() ?? '').join('');
  const year = p.personnummer?.slice(0, 4) ?? '';
  return `${initials || 'Elev'}${year ? `, född ${year}` : ''}`;
}

export function signedApplication(draft: TApplicationDraft, actor: Actor, now: Date, draftedBy?: string): TApplication {
  return ZApplication.parse({
    ...draft,
    pupil: { ...draft.pupil, protectedIdentity: draft.pupil?.protectedIdentity === true },
    attachments: draft.attachments ?? [],
    signature: { confirmed: true, signedBy: actor.person.displayName, signedAt: now.toISOString(), ...(draftedBy ? { draftedBy } : {}) },
  });
}

export async function submitDraft(
  deps: SubmitDeps,
  actor: Actor,
  record: SnapshotRecord,
  persisted: unknown,
  context: ApplicationContext,
  now: Date,
): Promise<AdaptiveCard> {
  const profile = actor.municipality.profile;
  // A drafter's draft is signed by the principal acting now; the drafter is recorded beside them.
  const drafter = record.personId && record.personId !== actor.person.id ? await deps.repos.people.get(record.personId) : null;
  const application = signedApplication(context.draft, actor, now, drafter?.displayName);
  const result = computeAssessment(application.assessment, profile, application.placement.attendanceHoursPerWeek);
  const submitted = await deps.repos.cases.submitApplication({
    sourceDraftId: record.id,
    municipalityId: actor.municipality.id,
    unitId: application.unit.id,
    principalId: actor.person.id,
    term: application.term,
    schoolForm: application.pupil.schoolForm,
    late: isLate(application.term, now, profile),
    pupilRef: pupilRef(application, record.id),
    application,
    assessment: {
      ratings: application.assessment,
      hoursCurrent: result.hoursCurrent,
      hoursDesired: result.hoursDesired,
      amountPerMonth: result.amountPerMonth,
    },
    draftExpectedVersion: record.version,
    ...(drafter ? { draftedById: drafter.id } : {}),
    now,
    timeZone: profile.timeZone,
    // The final machine state goes in with the submitted status, in the same transaction.
    draftSnapshot: persisted,
  });
  if (submitted.created) await deps.jobs?.enqueue(QUEUES.caseCard, { caseId: submitted.case.id });
  // A new case: the receipt is made of what was just written, nothing read back. A repeated
  // submit found an existing case, whose assessment is read.
  if (!submitted.created) return receiptCardFor(deps, actor, submitted.case.id);
  const unit = actor.units.find((u) => u.id === submitted.case.unitId) ?? (await deps.repos.units.get(submitted.case.unitId));
  return receiptOf(actor, submitted.case, { hoursCurrent: result.hoursCurrent, amountPerMonth: result.amountPerMonth }, unit, {
    channelRegistered: channelRegistered(actor),
    pupilName: pupilName(application.pupil),
  });
}

export async function receiptCardFor(deps: SubmitDeps, actor: Actor, caseId: string): Promise<AdaptiveCard> {
  const [record, assessments] = await Promise.all([deps.repos.cases.get(caseId), deps.repos.cases.assessments(caseId)]);
  if (!record) throw new Error(`case ${caseId} vanished after submission`);
  const assessment = assessments.find((a) => a.kind === 'application') ?? assessments[0];
  const [unit, version] = await Promise.all([
    actor.units.find((u) => u.id === record.unitId) ?? deps.repos.units.get(record.unitId),
    deps.repos.cases.latestVersion(caseId),
  ]);
  return receiptOf(actor, record, assessment, unit, {
    channelRegistered: channelRegistered(actor),
    // Erased after the retention time: only the reference is left.
    pupilName: version ? pupilName((version.data as TApplicationDraft).pupil) : record.pupilRef,
  });
}

// Whether Elevhälsan has a channel for new cases: registering one stores its team on the
// municipality, which the acting person's lookup already carries (no extra read).
const channelRegistered = (actor: Actor): boolean => actor.municipality.elevhalsaTeamId !== null;

function receiptOf(
  actor: Actor,
  record: CaseRecord,
  assessment: { hoursCurrent: number; amountPerMonth: number } | undefined,
  unit: Unit | null | undefined,
  facts: { channelRegistered: boolean; pupilName: string },
): AdaptiveCard {
  const profile = actor.municipality.profile;
  const followUp = formatSwedishDate(followUpDueDate(record.term, profile));
  // The receipt says only what has happened: without a registered Elevhälsa channel the case
  // is stored and waits, and reaches Elevhälsan once the channel is there.
  const nextSteps = [
    facts.channelRegistered
      ? 'Elevhälsan har fått ansökan och går igenom den.'
      : 'Ansökan är registrerad och når Elevhälsan så snart Elevhälsans kanal är kopplad till Tilläggsbot. Sedan går Elevhälsan igenom den.',
    'Behöver Elevhälsan veta mer får du en fråga här i chatten, med en knapp som tar dig till rätt steg.',
    'Beslutet kommer hit till chatten.',
    `Beviljas tilläggsbelopp lämnar du en uppföljning senast ${followUp}. Skriv ”uppföljning” när det är dags.`,
  ];
  if (unit?.kind === 'fristaende') {
    nextSteps.push(`Fristående enheter kan överklaga beslutet inom ${profile.appealWindowWeeks} veckor från att ni fått det. Hur det går till står i beslutet.`);
  }
  return receiptCard({
    caseNumber: record.caseNumber,
    pupilName: facts.pupilName,
    unitName: unit?.name ?? 'Okänd enhet',
    termLabel: termTitle(record.term),
    late: record.late,
    deadlineText: formatSwedishDate(applicationDeadline(record.term, profile)),
    submittedText: formatSwedishDate(localDate(record.createdAt, profile.timeZone)),
    hoursCurrent: assessment?.hoursCurrent ?? 0,
    amountPerMonthText: formatKronor(assessment?.amountPerMonth ?? 0),
    nextSteps,
  });
}
