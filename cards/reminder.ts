// Reminders sent proactively (the principal's chat or Elevhälsa's channel), each with the
// button that does the thing and "Påminn mig igen om en vecka"; and `påminnelser`, the list of
// what is coming with a switch per kind.
import type { TReminderKind } from '../domain/vocabulary';
import { execute } from './actions';
import { adaptiveCard, container, factSet, heading, subtle, text, type Fact } from './card';
import type { AdaptiveCard, CardAction, CardElement } from './types';

// What the button does: one per kind, chosen by the app.
export type ReminderButton =
  | { type: 'newApplication' }
  | { type: 'openDraft'; draftId: string }
  | { type: 'complete'; caseId: string }
  | { type: 'followUp'; caseId: string; term: string }
  | { type: 'assign'; caseId: string }
  | { type: 'viewCase'; caseId: string }
  | { type: 'resend'; caseId: string }
  | { type: 'queue' };

export interface ReminderViewModel {
  sendId: string;
  title: string;
  lines: string[];
  facts: Fact[];
  button: ReminderButton;
  snoozeDays: number;
}

function buttonAction(b: ReminderButton): CardAction {
  switch (b.type) {
    case 'newApplication':
      return execute('Ny ansökan', 'app.new', {}, { style: 'positive' });
    case 'openDraft':
      return execute('Öppna utkastet', 'draft.open', { draftId: b.draftId }, { style: 'positive' });
    case 'complete':
      return execute('Komplettera ansökan', 'case.complete.open', { caseId: b.caseId }, { style: 'positive' });
    case 'followUp':
      return execute('Lämna uppföljning', 'followup.start', { caseId: b.caseId, term: b.term }, { style: 'positive' });
    case 'assign':
      return execute('Ta ärendet', 'case.assign', { caseId: b.caseId }, { style: 'positive' });
    case 'viewCase':
      return execute('Visa ärendet', 'case.view', { caseId: b.caseId }, { style: 'positive' });
    case 'resend':
      return execute('Skicka beslutet igen', 'case.decision.resend', { caseId: b.caseId }, { style: 'positive' });
    case 'queue':
      return execute('Öppna kön', 'cases.queue', {}, { style: 'positive' });
  }
}

export const snoozeTitle = (days: number) => (days === 7 ? 'Påminn mig igen om en vecka' : `Påminn mig igen om ${days} dagar`);

export function reminderCard(vm: ReminderViewModel): AdaptiveCard {
  const body: CardElement[] = [heading(vm.title, { color: 'warning' }), ...vm.lines.map((l) => text(l))];
  if (vm.facts.length > 0) body.push(factSet(vm.facts));
  body.push(subtle('Skriv ”påminnelser” för att se eller pausa dina påminnelser.'));
  return adaptiveCard(body, [buttonAction(vm.button), execute(snoozeTitle(vm.snoozeDays), 'reminder.snooze', { sendId: vm.sendId })]);
}

export interface ReminderSettingsViewModel {
  upcoming: Array<{ dateText: string; text: string }>;
  kinds: Array<{ kind: TReminderKind; label: string; paused: boolean }>;
  // For Elevhälsan: reminders that could not reach a principal.
  undeliverable: Array<{ dateText: string; text: string }>;
}

export function reminderSettingsCard(vm: ReminderSettingsViewModel): AdaptiveCard {
  const body: CardElement[] = [heading('Dina påminnelser')];
  if (vm.upcoming.length === 0) body.push(text('Inga påminnelser är planerade just nu.'));
  else body.push(factSet(vm.upcoming.map((u) => ({ title: u.dateText, value: u.text }))));
  body.push(subtle('Påminnelser skickas på vardagar under kontorstid. Faller dagen på en helg eller helgdag kommer påminnelsen dagen före en tidsgräns och dagen efter en försening.'));
  if (vm.undeliverable.length > 0) {
    body.push(container([text('Påminnelser som inte kom fram till rektorn', { weight: 'bolder' }), ...vm.undeliverable.map((u) => text(`${u.dateText}: ${u.text}`, { spacing: 'small' }))], { style: 'emphasis' }));
  }
  body.push(text('Sorter av påminnelser', { weight: 'bolder' }));
  for (const k of vm.kinds) {
    body.push(
      container(
        [
          text(`${k.label}: ${k.paused ? 'pausad' : 'på'}`),
          {
            type: 'ActionSet',
            actions: [k.paused ? execute('Slå på', 'reminder.resume', { kind: k.kind }) : execute('Pausa', 'reminder.pause', { kind: k.kind })],
          },
        ],
        { spacing: 'small' },
      ),
    );
  }
  return adaptiveCard(body);
}
