// The cards outside the step dialog, each empty and populated.
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { welcomeCard } from '../../cards/welcome';
import { draftListCard } from '../../cards/draft-list';
import { discardConfirmCard } from '../../cards/discard-confirm';
import { problemsCard } from '../../cards/problems';
import { receiptCard } from '../../cards/receipt';
import { caseListCard } from '../../cards/case-list';
import { messageCard } from '../../cards/message';
import { toAttachment } from '../../cards/card';
import { STEP_TITLES, type ApplicationStep } from '../../machines/application.steps';
import type { ProblemItem, ReceiptViewModel } from '../../cards/view-models';
import { allText, assertValidCard, button, buttons } from './helpers';

const titles = (card: unknown) => buttons(card).map((b) => b.title);

describe('welcomeCard', () => {
  test('a principal with drafts gets all three buttons and the commands', () => {
    const card = welcomeCard({ displayName: 'Maria', roles: { principal: true, handler: false, head: false, admin: false }, openDrafts: 2 });
    assertValidCard(card, 'welcome');
    assert.deepEqual(titles(card), ['Ny ansökan', 'Fortsätt utkast', 'Mina ärenden']);
    assert.deepEqual(buttons(card).map((b) => b.verb), ['app.new', 'app.resume', 'cases.mine']);
    const text = allText(card);
    assert.match(text, /^Hej Maria!/);
    assert.match(text, /Du har 2 utkast/);
    for (const command of ['ny ansökan', 'fortsätt', 'mina ärenden', 'uppföljning', 'avbryt', 'hjälp']) {
      assert.ok(text.split('\n').includes(command), `command ${command} listed`);
    }
  });

  test('without drafts there is nothing to continue', () => {
    const card = welcomeCard({ roles: { principal: true, handler: false, head: false, admin: false }, openDrafts: 0 });
    assertValidCard(card, 'welcome without drafts');
    assert.deepEqual(titles(card), ['Ny ansökan', 'Mina ärenden']);
    assert.match(allText(card), /^Hej!/);
  });

  test('someone who is not registered is told who can register them, and gets only Hjälp', () => {
    const card = welcomeCard({ displayName: 'Olle', roles: { principal: false, handler: false, head: false, admin: false }, openDrafts: 0 });
    assertValidCard(card, 'welcome (not registered)');
    assert.deepEqual(titles(card), ['Hjälp']);
    assert.equal(buttons(card)[0]?.verb, 'help');
    assert.match(allText(card), /inte registrerad/);
    assert.match(allText(card), /Be Elevhälsan i din kommun/);
  });

  test('the head of Elevhälsan gets the queue and how to decide, not the principal\'s commands', () => {
    const card = welcomeCard({ displayName: 'Adele', roles: { principal: false, handler: false, head: true, admin: false }, openDrafts: 0 });
    assertValidCard(card, 'welcome (head)');
    assert.deepEqual(buttons(card).map((b) => b.verb), ['cases.queue']);
    const text = allText(card);
    assert.match(text, /Du fattar beslutet/);
    assert.ok(text.split('\n').includes('ärenden'));
    assert.ok(!text.split('\n').includes('ny ansökan'));
  });

  test('someone with two roles gets each part once', () => {
    const card = welcomeCard({ roles: { principal: true, handler: false, head: false, admin: true }, openDrafts: 0 });
    assertValidCard(card, 'welcome (principal and admin)');
    assert.deepEqual(buttons(card).map((b) => b.verb), ['app.new', 'cases.mine', 'cases.queue']);
    assert.match(allText(card), /använd den här kanalen/);
  });
});

describe('draftListCard', () => {
  test('each draft with Öppna and Släng', () => {
    const card = draftListCard({
      drafts: [
        { draftId: 'd1', label: 'Elsa Lindqvist, HT 2027', stepTitle: 'Behovet', updatedText: 'i går 14:05' },
        { draftId: 'd2', label: 'Barn med skyddade personuppgifter, VT 2028', stepTitle: 'Bilagor', updatedText: '3 maj' },
      ],
    });
    assertValidCard(card, 'draft list');
    assert.deepEqual(
      buttons(card).map((b) => [b.title, b.verb, b.data]),
      [
        ['Öppna', 'draft.open', { draftId: 'd1' }],
        ['Släng', 'draft.discard', { draftId: 'd1' }],
        ['Öppna', 'draft.open', { draftId: 'd2' }],
        ['Släng', 'draft.discard', { draftId: 'd2' }],
      ],
    );
    assert.match(allText(card), /Nästa steg: Behovet · Ändrat i går 14:05/);
  });

  test('empty: offers a new application', () => {
    const card = draftListCard({ drafts: [] });
    assertValidCard(card, 'empty draft list');
    assert.deepEqual(titles(card), ['Ny ansökan']);
    assert.match(allText(card), /inga sparade utkast/);
  });
});

test('discardConfirmCard asks before discarding, and can be undone by Nej', () => {
  const card = discardConfirmCard({ draftId: 'd1', label: 'Elsa Lindqvist, HT 2027' });
  assertValidCard(card, 'discard confirm');
  assert.match(allText(card), /Vill du slänga utkastet Elsa Lindqvist, HT 2027\? Det går inte att ångra\./);
  assert.deepEqual(
    buttons(card).map((b) => [b.title, b.verb, b.data]),
    [
      ['Ja, släng', 'draft.discard.confirm', { draftId: 'd1' }],
      ['Nej, behåll', 'draft.discard.cancel', { draftId: 'd1' }],
    ],
  );
});

describe('problemsCard', () => {
  const item = (step: ApplicationStep, field: string, message: string): ProblemItem => ({
    field,
    code: 'required',
    message,
    step,
    stepTitle: STEP_TITLES[step],
  });

  test('problems grouped by step in dialog order, one button per step, warnings apart', () => {
    const card = problemsCard({
      draftId: 'd1',
      problems: [
        item('measures', 'measures', 'Lägg till minst en extraordinär insats.'),
        item('pupil', 'pupil.personnummer', 'Personnumret har fel kontrollsiffra.'),
        item('measures', 'measures[0].hoursPerWeek', 'Ange timmar för insats 1.'),
      ],
      warnings: [
        item('unitTerm', 'term', 'Ansökan kommer in efter sista ansökningsdagen.'),
        item('measures', 'measures[1].type', 'Extra undervisning ger inte tilläggsbelopp.'),
      ],
    });
    assertValidCard(card, 'problems');
    const text = allText(card);
    assert.match(text, /^Ansökan kan inte skickas in än\n3 saker behöver rättas/);
    assert.deepEqual(
      buttons(card).map((b) => [b.title, b.data]),
      [
        ['Gå till Barnet eller eleven', { draftId: 'd1', step: 'pupil' }],
        ['Gå till Insatser', { draftId: 'd1', step: 'measures' }],
        ['Gå till Enhet och termin', { draftId: 'd1', step: 'unitTerm' }],
      ],
    );
    assert.ok(text.indexOf('Personnumret') < text.indexOf('Lägg till minst'), 'steps in dialog order');
    assert.ok(text.indexOf('Bra att veta') < text.indexOf('Ansökan kommer in efter'), 'warnings come after problems');
    assert.ok(text.indexOf('• Ange timmar för insats 1.') < text.indexOf('Gå till Insatser'));
  });

  test('one problem, no warnings', () => {
    const card = problemsCard({ draftId: 'd1', problems: [item('summary', 'signature.confirmed', 'Skriv under ansökan.')], warnings: [] });
    assertValidCard(card, 'one problem');
    assert.match(allText(card), /En sak behöver rättas/);
    assert.doesNotMatch(allText(card), /Bra att veta/);
    assert.deepEqual(titles(card), ['Gå till Sammanfattning och underskrift']);
  });
});

describe('receiptCard', () => {
  const receipt: ReceiptViewModel = {
    caseNumber: 'TB-2027-0042',
    pupilName: 'Elsa Lindqvist',
    unitName: 'Karlaskolan F–6',
    termLabel: 'Höstterminen 2027',
    late: false,
    deadlineText: '15 april 2027',
    submittedText: '2 maj 2027 kl. 10:14',
    hoursCurrent: 17.5,
    amountPerMonthText: '18 083 kr',
    nextSteps: ['Elevhälsan går igenom ansökan inom två veckor.', 'Du får beslutet här i chatten.'],
  };

  test('on time: case number, facts, next steps, Mina ärenden', () => {
    const card = receiptCard(receipt);
    assertValidCard(card, 'receipt');
    const text = allText(card);
    assert.match(text, /Ansökan är inskickad\nÄrendenummer\nTB-2027-0042/);
    assert.match(text, /Bedömt stöd\n17,5 timmar i veckan/);
    assert.match(text, /Barn\nElsa Lindqvist/);
    assert.match(text, /18 083 kr per månad/);
    assert.match(text, /• Du får beslutet här i chatten\./);
    assert.doesNotMatch(text, /sen/);
    assert.deepEqual(buttons(card).map((b) => b.verb), ['cases.mine']);
  });

  test('late: says so, with the deadline', () => {
    const card = receiptCard({ ...receipt, late: true, nextSteps: [] });
    assertValidCard(card, 'late receipt');
    assert.match(allText(card), /efter sista ansökningsdagen \(15 april 2027\) och är därför markerad som sen/);
  });
});

describe('caseListCard', () => {
  test('cases with their facts', () => {
    const card = caseListCard({
      cases: [
        { caseNumber: 'TB-2027-0042', termLabel: 'HT 2027', unitName: 'Karlaskolan F–6', statusText: 'Väntar på beslut', submittedText: '2 maj 2027', pupilLabel: 'Elsa Lindqvist' },
        { caseNumber: 'TB-2027-0043', termLabel: 'HT 2027', unitName: 'Förskolan Solen', statusText: 'Komplettering begärd', submittedText: '3 maj 2027', pupilLabel: 'Skyddad identitet, ref. 8F2K' },
      ],
    });
    assertValidCard(card, 'case list');
    assert.match(allText(card), /Du har 2 ärenden/);
    assert.match(allText(card), /TB-2027-0043 · HT 2027\nBarn\nSkyddad identitet, ref\. 8F2K/);
    assert.deepEqual(buttons(card), []);
  });

  test('empty: says so and offers a new application', () => {
    const card = caseListCard({ cases: [] });
    assertValidCard(card, 'empty case list');
    assert.match(allText(card), /inga inskickade ansökningar/);
    assert.equal(button(card, 'Ny ansökan')?.verb, 'app.new');
  });
});

describe('messageCard', () => {
  test('title and text only', () => {
    const card = messageCard({ title: 'Knappen är för gammal', text: 'Det här kortet gäller ett utkast som redan är inskickat.' });
    assertValidCard(card, 'message');
    assert.equal(card.actions, undefined);
  });

  test('with actions, each an Execute with its fallback', () => {
    const card = messageCard({
      title: 'Jag förstod inte',
      text: 'Skriv hjälp för att se vad jag kan göra.',
      actions: [
        { title: 'Hjälp', verb: 'help', data: {} },
        { title: 'Öppna utkastet', verb: 'draft.open', data: { draftId: 'd9' } },
      ],
    });
    assertValidCard(card, 'message with actions');
    assert.deepEqual(button(card, 'Öppna utkastet')?.fallback, {
      type: 'Action.Submit',
      title: 'Öppna utkastet',
      data: { verb: 'draft.open', draftId: 'd9' },
    });
  });
});

test('toAttachment wraps a card for an activity', () => {
  const card = messageCard({ title: 'Klart', text: 'Utkastet är sparat.' });
  assert.deepEqual(toAttachment(card), { contentType: 'application/vnd.microsoft.card.adaptive', content: card });
});
