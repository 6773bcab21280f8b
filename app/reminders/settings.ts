// `påminnelser`: what I will be reminded of and when, with a switch per kind; and the two
// buttons every reminder and this card carry (snooze a week, pause or resume a kind).
import { reminderSettingsCard } from '../../cards';
import { REMINDER_AUDIENCE, REMINDER_KINDS, upcomingReminders, type PlannedReminder, type ReminderKind } from '../../domain/reminders';
import { addDays, localDate } from '../../domain/terms';
import { REMINDER_KIND_LABELS, formatSwedishDate } from '../../domain/wording';
import { hasRole, type Actor } from '../actor';
import type { AppDeps, Reply } from '../deps';
import { reminderFacts } from './follow-up-facts';
import { factWindow } from './plan';

const isElevhalsan = (actor: Actor) => (['handler', 'head', 'admin'] as const).some((r) => hasRole(actor, r));

// The kinds a person can see and pause: a principal's own, and Elevhälsa's channel's.
function kindsFor(actor: Actor): ReminderKind[] {
  return REMINDER_KINDS.filter((k) => (REMINDER_AUDIENCE[k] === 'principal' ? actor.units.length > 0 : isElevhalsan(actor)));
}

// The channel's reminders are paused for the channel (person null), by any of Elevhälsan.
const pauseOwner = (actor: Actor, kind: ReminderKind) => (REMINDER_AUDIENCE[kind] === 'principal' ? actor.person.id : null);

export async function myReminders(deps: AppDeps, actor: Actor): Promise<Reply> {
  const kinds = kindsFor(actor);
  if (kinds.length === 0) return { toast: 'Du har inga påminnelser.' };
  const m = actor.municipality;
  const today = localDate(deps.clock.now(), m.profile.timeZone);
  const upcoming: PlannedReminder[] = [];
  const principal = actor.units.length > 0;
  const elevhalsan = isElevhalsan(actor);
  // A principal's own facts only; Elevhälsan's channel needs the whole municipality's.
  const window = { ...factWindow(m, today), ...(principal && !elevhalsan ? { principalId: actor.person.id } : {}) };
  for await (const facts of reminderFacts(deps.repos, m, window, today)) {
    for (const r of upcomingReminders(m.profile, { ...facts, paused: [] }, today)) {
      if (r.recipientId === actor.person.id || (r.recipientId === null && elevhalsan)) upcoming.push(r);
    }
  }
  upcoming.sort((a, b) => (a.sendOn < b.sendOn ? -1 : a.sendOn > b.sendOn ? 1 : 0));
  const pausedMine = new Set(await deps.repos.reminders.pausedKinds(m.id, actor.person.id));
  const pausedChannel = new Set(elevhalsan ? await deps.repos.reminders.pausedKinds(m.id, null) : []);
  const isPaused = (k: ReminderKind) => (pauseOwner(actor, k) === null ? pausedChannel.has(k) : pausedMine.has(k));
  const undeliverable = elevhalsan ? await deps.repos.reminders.listUndeliverable(m.id, 10) : [];
  return reminderSettingsCard({
    upcoming: upcoming
      .filter((r) => !isPaused(r.kind))
      .slice(0, 15)
      .map((r) => ({ dateText: formatSwedishDate(r.sendOn), text: REMINDER_KIND_LABELS[r.kind] })),
    kinds: kinds.map((kind) => ({ kind, label: REMINDER_KIND_LABELS[kind], paused: isPaused(kind) })),
    undeliverable: undeliverable.map((u) => ({ dateText: formatSwedishDate(u.sendOn), text: REMINDER_KIND_LABELS[u.kind] })),
  });
}

export async function setReminderPaused(deps: AppDeps, actor: Actor, kind: ReminderKind, paused: boolean): Promise<Reply> {
  if (!kindsFor(actor).includes(kind)) return { toast: 'Den påminnelsen gäller inte dig.' };
  await deps.repos.reminders.setPaused(actor.municipality.id, pauseOwner(actor, kind), kind, paused);
  return myReminders(deps, actor);
}

export async function snoozeReminder(deps: AppDeps, actor: Actor, sendId: string): Promise<Reply> {
  const r = await deps.repos.reminders.get(sendId);
  const mine = r && r.municipalityId === actor.municipality.id && (r.recipientId === actor.person.id || (r.recipientId === null && isElevhalsan(actor)));
  if (!r || !mine) return { toast: 'Påminnelsen finns inte längre.' };
  const profile = actor.municipality.profile;
  const until = addDays(localDate(deps.clock.now(), profile.timeZone), profile.reminders.snoozeDays);
  await deps.repos.reminders.snooze({ municipalityId: r.municipalityId, personId: r.recipientId, kind: r.kind, subject: r.subject, until, caseId: r.caseId });
  return { toast: `Du blir påmind igen ${formatSwedishDate(until)}, om det fortfarande behövs.` };
}
