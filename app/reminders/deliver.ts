// Sends one claimed reminder. Before sending it checks that the reason still stands (a case
// taken, a completion answered, a draft sent in since the plan: the reminder is dropped). The
// queue's retry policy applies: Teams' 429 waits for Retry-After (RetryLater), 412/502/504 and
// other 5xx are retried by the queue with exponential backoff and jitter, and 403/404 (the
// recipient is gone) is recorded as undeliverable and shown to Elevhälsan in `påminnelser`.
import { reminderCard, type ReminderButton, type ReminderViewModel } from '../../cards';
import type { Repositories, ReminderSendRecord } from '../../domain/ports';
import type { TApplicationDraft } from '../../domain/schemas';
import { termTitle } from '../../domain/terms';
import { formatSwedishDate } from '../../domain/wording';
import { loadCase } from '../case/context';
import type { JobDeps } from '../jobs/definition';
import { RecipientGone } from '../ports';
import { pupilLabel } from '../views/case-view';

// A follow-up reminder's subject is '<caseId>:<term>' (domain/reminders.ts).
const followUpTerm = (r: ReminderSendRecord) => r.subject.slice(r.subject.indexOf(':') + 1);

// Whether the reminder's reason still stands now; the planner decided it did a moment ago.
async function stillDue(repos: Repositories, r: ReminderSendRecord): Promise<boolean> {
  if (r.kind === 'draft_deadline') {
    const draft = await repos.snapshots.load(r.subject);
    return !!draft && draft.status === 'open';
  }
  if (r.kind === 'follow_up_overdue_summary') return true;
  const kase = r.caseId ? await repos.cases.get(r.caseId) : null;
  if (!kase) return false;
  switch (r.kind) {
    case 'new_case_waiting':
      return kase.status === 'submitted' && kase.assignedHandlerId === null;
    case 'undecided_near_term':
      return kase.status !== 'decided';
    case 'completion_unanswered': {
      const request = await repos.completions.get(r.subject);
      return !!request && request.answeredVersion === null;
    }
    case 'delivery_failed': {
      const decision = await repos.decisions.get(r.subject);
      return !!decision && decision.deliveryStatus === 'failed';
    }
    case 'follow_up_due':
    case 'follow_up_overdue':
      return (await repos.followUps.get(kase.id, followUpTerm(r))) === null;
    default:
      return true;
  }
}

async function viewModel(repos: Repositories, r: ReminderSendRecord, snoozeDays: number): Promise<{ vm: ReminderViewModel; summary: string } | null> {
  const date = formatSwedishDate(r.about);
  const base = { sendId: r.id, snoozeDays, facts: [] as Array<{ title: string; value: string }> };
  const vm = (title: string, lines: string[], button: ReminderButton, facts = base.facts) => ({ vm: { ...base, title, lines, button, facts }, summary: title });
  if (r.kind === 'draft_deadline') {
    const draft = await repos.snapshots.load(r.subject);
    const label = draft?.label ?? 'Ditt utkast';
    const term = ((draft?.snapshot as { context?: { draft?: TApplicationDraft } })?.context?.draft?.term) ?? null;
    return vm('Ditt utkast är inte inskickat', [`${label} är inte inskickat ännu.`, `Sista dag att ansöka${term ? ` för ${termTitle(term).toLowerCase()}` : ''} är ${date}.`], { type: 'openDraft', draftId: r.subject });
  }
  if (r.kind === 'follow_up_overdue_summary') {
    const ids = ((r.detail?.caseIds as string[] | undefined) ?? []).slice(0, 30);
    const numbers = (await Promise.all(ids.map((id) => repos.cases.get(id)))).flatMap((c) => (c ? [c.caseNumber] : []));
    return vm('Försenade uppföljningar', [`${numbers.length === 1 ? 'En uppföljning är försenad' : `${numbers.length} uppföljningar är försenade`}: ${numbers.join(', ')}.`], { type: 'queue' });
  }
  const bundle = r.caseId ? await loadCase(repos, r.caseId) : null;
  if (!bundle) return null;
  const { kase, unit } = bundle;
  const facts = [
    { title: 'Ärende', value: kase.caseNumber },
    { title: 'Enhet', value: unit.name },
  ];
  // A child's name only in the principal's own chat, never in a channel.
  const principalFacts = [{ title: 'Elev', value: pupilLabel(bundle.application, kase.pupilRef) }, ...facts];
  switch (r.kind) {
    case 'application_deadline':
      return vm('Snart sista dag att ansöka', [`Beslutet om tilläggsbelopp gäller ${termTitle(kase.term).toLowerCase()}. Ansök för nästa termin senast ${date}.`], { type: 'newApplication' }, principalFacts);
    case 'completion_unanswered':
      return vm('Kompletteringen är inte besvarad', [`Elevhälsan bad om en komplettering ${date}. Ansökan kan inte prövas förrän den är kompletterad.`], { type: 'complete', caseId: kase.id }, principalFacts);
    case 'follow_up_due':
      return vm('Dags för uppföljning', [`Uppföljningen av insatserna ska lämnas senast ${date}.`], { type: 'followUp', caseId: kase.id, term: followUpTerm(r) }, principalFacts);
    case 'follow_up_overdue':
      return vm('Uppföljningen är försenad', [`Uppföljningen skulle ha lämnats senast ${date}.`], { type: 'followUp', caseId: kase.id, term: followUpTerm(r) }, principalFacts);
    case 'new_case_waiting':
      return vm(`Ärende ${kase.caseNumber} väntar på en handläggare`, [`Ärendet kom in ${date} och ingen har tagit det ännu.`], { type: 'assign', caseId: kase.id }, facts);
    case 'undecided_near_term':
      return vm(`Ärende ${kase.caseNumber} har inget beslut`, [`${termTitle(kase.term)} börjar ${date} och ärendet är inte beslutat.`], { type: 'viewCase', caseId: kase.id }, facts);
    case 'delivery_failed':
      return vm(`Beslutet i ärende ${kase.caseNumber} kom inte fram`, [`Beslutet kunde inte levereras till rektorn (${date}).`], { type: 'resend', caseId: kase.id }, facts);
    default:
      return null;
  }
}

export async function deliverReminder({ repos, clock, messenger, log }: Pick<JobDeps, 'repos' | 'clock' | 'messenger' | 'log'>, sendId: string): Promise<void> {
  const r = await repos.reminders.get(sendId);
  if (!r || r.status !== 'claimed') return;
  const now = clock.now();
  const municipality = await repos.municipalities.get(r.municipalityId);
  if (!municipality || !(await stillDue(repos, r))) {
    await repos.reminders.mark(sendId, 'dropped', now);
    return;
  }
  const built = await viewModel(repos, r, municipality.profile.reminders.snoozeDays);
  if (!built) {
    await repos.reminders.mark(sendId, 'dropped', now);
    return;
  }
  const conversation = r.recipientId ? await repos.conversations.getPersonal(r.recipientId) : await repos.conversations.getChannel({ municipalityId: r.municipalityId });
  try {
    if (!conversation) throw new RecipientGone(404, r.recipientId ? 'no personal chat with the principal' : 'no Elevhälsa channel');
    await messenger.send(conversation.reference, reminderCard(built.vm), built.summary);
  } catch (error) {
    if (error instanceof RecipientGone) {
      await repos.reminders.mark(sendId, 'undeliverable', now, { status: error.status });
      await repos.audit.append({ municipalityId: r.municipalityId, action: 'reminder.undeliverable', subjectType: 'reminder', subjectId: sendId, details: { kind: r.kind, status: error.status, ...(r.caseId ? { caseId: r.caseId } : {}) } });
      log.warn('reminder undeliverable', { sendId, kind: r.kind, status: error.status });
      return;
    }
    throw error;
  }
  await repos.reminders.mark(sendId, 'sent', now);
}

