// Elevhälsan's cards and the two the principal gets back (completion request, decision): each
// valid against schema 1.5 with our rules, under 28 KB at its largest, with buttons of the
// verb table, and the channel card free of anything that identifies the child or the need.
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { caseChannelCard, DELIVERY_FAILED_TEXT } from '../../cards/case-channel';
import { caseDetailCard, MAX_CHANGES_SHOWN, SHORTENED_TEXT } from '../../cards/case-detail';
import { completionFormCard } from '../../cards/completion-form';
import { completionRequestCard } from '../../cards/completion-request';
import { assessmentReviewCard } from '../../cards/assessment-review';
import { decisionFormCard } from '../../cards/decision-form';
import { proposalFormCard } from '../../cards/proposal-form';
import { decisionCard } from '../../cards/decision';
import { caseQueueCard } from '../../cards/case-queue';
import { clipToBudget, MAX_LIST_ROWS } from '../../cards/clip';
import { CARD_VERBS, VERB_DATA_KEYS } from '../../cards/verbs';
import { DECISION_OUTCOME_CHOICES, DECISION_OUTCOME_LABELS, CRITERION_LABELS } from '../../domain/wording';
import { MAX_REFRESH_USERS } from '../../cards/actions';
import { DECISION_OUTCOMES } from '../../domain/schemas';
import { noraProfile } from '../../domain/profile';
import { APPLICATION_STEPS, STEP_TITLES } from '../../machines/application.steps';
import type { AdaptiveCard } from '../../cards/types';
import { cardBytes, MAX_CARD_BYTES, validateCard } from './validate';
import { allText, assertValidCard, button, buttons, elementAfterInput, input, inputIds, nodes } from './helpers';
import {
  ALL,
  CASE_ID,
  DECISION_TEXT,
  MAX,
  NONE,
  SECRETS,
  application,
  assessmentReviewVm,
  assessmentSummary,
  changes,
  channelVm,
  completionFormVm,
  completionRequestVm,
  decisionFormVm,
  decisionVm,
  detailVm,
  maxApplication,
  maxChanges,
  queueItem,
} from './case-fixtures';

const titles = (card: unknown) => buttons(card).map((b) => b.title);
const verbs = (card: unknown) => buttons(card).map((b) => b.verb);

// logSize: print the size of the cards at their largest, to watch the margin.
function assertFits(card: AdaptiveCard, what: string, logSize = false): void {
  assertValidCard(card, what);
  assert.ok(cardBytes(card) < MAX_CARD_BYTES, `${what}: ${cardBytes(card)} bytes`);
  if (logSize) console.log(`${what}: ${cardBytes(card)} bytes`);
}

describe('verb table', () => {
  test('every case.* verb carries exactly a caseId; the lists carry nothing', () => {
    const caseVerbs = CARD_VERBS.filter((v) => v.startsWith('case.'));
    assert.ok(caseVerbs.length > 0);
    // A filed follow-up is one per case and term, so its view carries the term too.
    for (const verb of caseVerbs) assert.deepEqual(VERB_DATA_KEYS[verb], verb === 'case.followup.view' ? ['caseId', 'term'] : ['caseId'], verb);
    for (const verb of CARD_VERBS.filter((v) => v.startsWith('cases.'))) assert.deepEqual(VERB_DATA_KEYS[verb], [], verb);
    assert.equal(new Set(CARD_VERBS).size, CARD_VERBS.length, 'no verb twice');
  });

  test('every decision outcome has a result label and a choice label', () => {
    assert.deepEqual(Object.keys(DECISION_OUTCOME_LABELS).sort(), [...DECISION_OUTCOMES].sort());
    assert.deepEqual(Object.keys(DECISION_OUTCOME_CHOICES).sort(), [...DECISION_OUTCOMES].sort());
  });
});

describe('caseChannelCard', () => {
  test('a new case: facts, no handler yet, all four buttons, refresh for the listed users', () => {
    const card = caseChannelCard(channelVm());
    assertFits(card, 'channel card');
    const text = allText(card);
    assert.match(text, /^Ansökan om tilläggsbelopp\nTB-2027-0042\n/);
    for (const fact of [
      'Enhet\nKarlaskolan F–6 (kommunal)',
      'Skolform\nGrundskola',
      'Termin\nHöstterminen 2027',
      `Föreslaget belopp\n${assessmentSummary.amountPerMonthText} per månad`,
      'Status\nNy, väntar på handläggare',
      'Handläggare\nIngen handläggare än',
    ]) {
      assert.ok(text.includes(fact), fact);
    }
    assert.match(text, /Bedömt stöd\n\d+(,\d)? timmar i veckan/);
    assert.match(text, /Senast: Inskickad 2 maj 2027/);
    assert.doesNotMatch(text, /Sen ansökan/);
    assert.deepEqual(titles(card), ['Tilldela mig', 'Visa ansökan', 'Begär komplettering', 'Fatta beslut']);
    assert.deepEqual(verbs(card), ['case.assign', 'case.view', 'case.completion.form', 'case.decision.form']);
    for (const b of buttons(card)) assert.deepEqual(b.data, { caseId: CASE_ID });
    assert.deepEqual(card.refresh, {
      action: { type: 'Action.Execute', title: 'Uppdatera', verb: 'case.refresh', data: { caseId: CASE_ID } },
      userIds: ['29:1a2b3c-handlaggare-anna', '29:4d5e6f-chef-per'],
    });
  });

  test('shows nothing that identifies the child or describes the need', () => {
    const variants = [
      channelVm(),
      channelVm({ late: true, handler: { name: 'Anna Berg', isViewer: false }, lastEventText: 'Komplettering begärd 3 mars 2027' }),
      channelVm({ decision: { outcome: 'approved', decidedText: '12 maj 2027', amountPerMonthText: '18 083 kr', periodText: '16 augusti – 22 december 2027' }, deliveryFailed: true }),
    ];
    for (const vm of variants) {
      const json = JSON.stringify(caseChannelCard(vm)).toLowerCase();
      for (const secret of [...SECRETS, ...Object.values(CRITERION_LABELS)]) {
        assert.ok(!json.includes(secret.toLowerCase()), `channel card shows "${secret}"`);
      }
    }
  });

  test('late: a clear marker', () => {
    const card = caseChannelCard(channelVm({ late: true }));
    assertFits(card, 'late channel card');
    assert.match(allText(card), /\nSen ansökan\nKom in efter sista ansökningsdagen\. Den prövas ändå\./);
  });

  test('assigned to the viewer: no Tilldela mig, the name with (du)', () => {
    const card = caseChannelCard(channelVm({ handler: { name: 'Anna Berg', isViewer: true }, statusText: 'Under handläggning' }));
    assertFits(card, 'channel card, own case');
    assert.match(allText(card), /Handläggare\nAnna Berg \(du\)/);
    assert.deepEqual(titles(card), ['Visa ansökan', 'Begär komplettering', 'Fatta beslut']);
  });

  test('assigned to someone else: Tilldela mig takes it over, and says so', () => {
    const card = caseChannelCard(channelVm({ handler: { name: 'Anna Berg', isViewer: false }, lastEventText: 'Komplettering begärd 3 mars 2027' }));
    assertFits(card, 'channel card, other handler');
    assert.match(allText(card), /Handläggare\nAnna Berg\n/);
    assert.match(allText(card), /Senast: Komplettering begärd 3 mars 2027/);
    assert.equal(button(card, 'Tilldela mig')?.tooltip, 'Ta över ärendet från Anna Berg');
  });

  test('decided: the outcome line, only Visa ansökan left; a failed delivery is flagged and can be sent again', () => {
    const card = caseChannelCard(
      channelVm({
        statusText: 'Beslutad',
        handler: { name: 'Anna Berg', isViewer: false },
        decision: { outcome: 'partly_approved', decidedText: '12 maj 2027', amountPerMonthText: '18 083 kr', periodText: '16 augusti – 22 december 2027' },
        deliveryFailed: true,
      }),
    );
    assertFits(card, 'decided channel card');
    const text = allText(card);
    assert.match(text, /Beslut: delvis beviljat 12 maj 2027\n18 083 kr per månad, 16 augusti – 22 december 2027/);
    assert.ok(text.includes(DELIVERY_FAILED_TEXT));
    assert.equal(DELIVERY_FAILED_TEXT, 'Beslutet kunde inte levereras till rektorns chatt. Skicka det igen när rektorn har Tilläggsbot, eller på annat sätt.');
    assert.deepEqual(titles(card), ['Visa ansökan', 'Skicka beslutet igen']);
    const delivered = caseChannelCard(channelVm({ statusText: 'Beslutad', decision: { outcome: 'rejected', decidedText: '12 maj 2027' }, deliveryFailed: false }));
    assert.deepEqual(titles(delivered), ['Visa ansökan']);
  });

  test('a rejection shows no amount', () => {
    const card = caseChannelCard(channelVm({ decision: { outcome: 'rejected', decidedText: '12 maj 2027' } }));
    assertFits(card, 'rejected channel card');
    assert.match(allText(card), /Beslut: avslag 12 maj 2027/);
    assert.doesNotMatch(allText(card), /Beslut: avslag 12 maj 2027\n.*per månad/);
  });

  test('buttons follow the viewer: nothing allowed, nothing shown', () => {
    const card = caseChannelCard(channelVm({ allowed: NONE }));
    assertFits(card, 'channel card without rights');
    assert.deepEqual(buttons(card), []);
    assert.match(allText(card), /Ingen har tagit ärendet än\.$/m);
  });

  test('refresh: user ids once each, at most 60; none means Teams refreshes only on request', () => {
    const many = Array.from({ length: 75 }, (_, i) => `29:user-${i % 70}`);
    const card = caseChannelCard(channelVm({ refreshUserIds: many }));
    assertFits(card, 'channel card, big channel');
    assert.equal(card.refresh?.userIds.length, MAX_REFRESH_USERS);
    assert.equal(new Set(card.refresh?.userIds).size, MAX_REFRESH_USERS);
    const none = caseChannelCard(channelVm({ refreshUserIds: [] }));
    assertFits(none, 'channel card, no refresh users');
    assert.deepEqual(none.refresh?.userIds, []);
  });
});

describe('caseDetailCard', () => {
  test('the whole application, in dialog order, with the handler buttons', () => {
    const card = caseDetailCard(detailVm());
    assertFits(card, 'detail card');
    const text = allText(card);
    assert.match(text, /^Ansökan om tilläggsbelopp\nTB-2027-0042\nVersion 1 · Inskickad 2 maj 2027 kl\. 10:14/);
    for (const s of ['Namn\nElsa Lindqvist', 'Personnummer\n20170312-1234', 'Skolform\nGrundskola, årskurs 3', 'Grupp\n3B', 'Vistelsetid\n32,5 timmar i veckan']) {
      assert.ok(text.includes(s), s);
    }
    const order = ['pupil', 'placement', 'need', 'mapping', 'assessment', 'measures', 'effect', 'attachments'] as const;
    const positions = order.map((s) => text.indexOf(`\n${STEP_TITLES[s]}\n`));
    assert.ok(positions.every((p) => p > 0), 'every section has its heading');
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'sections in dialog order');
    assert.ok(text.includes(application.need.description), 'the need in full');
    assert.ok(text.includes(application.mapping.prognosis), 'the mapping in full');
    assert.ok(text.includes('• Autism med betydande konsekvenser i verksamheten'));
    assert.ok(text.includes('Dokumenterat av\nKarin Ek, skolpsykolog (psykologisk)'));
    // Per area: levels and hours.
    assert.match(text, /Fysisk förmåga och rörlighet\nNu 1 \(0 timmar i veckan\), önskat 0 \(0 timmar i veckan\)/);
    assert.match(text, /Kommunikation och språk\nNu 2 \(3 timmar i veckan\), önskat 1 \(0 timmar i veckan\)/);
    assert.match(text, /Resultat av bedömningen/);
    assert.match(text, /1\. Assistenthjälp\n.*\n11 timmar i veckan · 1\s000 kr/);
    assert.match(text, /3\. Extra undervisning \(ordinärt stöd\)/);
    assert.ok(text.includes('• Åtgärdsprogram: Åtgärdsprogram Elsa HT27.pdf'));
    assert.match(text, /Ansvarig rektor\/förskolechef har skrivit under ansökan\.\nMaria Holm, 2 maj 2027 kl\. 10:14/);
    assert.doesNotMatch(text, /Ändrat sedan förra versionen/, 'version 1 has nothing to compare');
    assert.doesNotMatch(text, /förkortade/);
    // The files can be fetched one by one into the reader's own chat.
    assert.deepEqual(titles(card), ['Hämta filen', 'Justera bedömningen', 'Begär komplettering', 'Fatta beslut', 'Ärendekön']);
    assert.deepEqual(verbs(card), ['case.attachment.get', 'case.assessment.form', 'case.completion.form', 'case.decision.form', 'cases.queue']);
    assert.deepEqual(
      (input(card, 'attachment.id')?.choices as Array<{ value: string }>).map((c) => c.value),
      detailVm().application.attachments.map((a) => a.id),
    );
  });

  test('a later version lists what changed', () => {
    const card = caseDetailCard(detailVm({ version: 2, changes }));
    assertFits(card, 'detail card, version 2');
    const text = allText(card);
    assert.match(text, /Version 2 · /);
    assert.match(text, /Ändrat sedan förra versionen\nBehovet · Beskrivning\nFöre: Eleven har svårt med övergångar\.\nNu: Eleven har svårt/);
    assert.match(text, /Bilagor · Åtgärdsprogram\nFöre: Inte ifyllt\nNu: Åtgärdsprogram Elsa HT27\.pdf/);
    assert.ok(text.indexOf('Ändrat sedan') < text.indexOf(`\n${STEP_TITLES.pupil}\n`), 'changes come first');

    const none = allText(caseDetailCard(detailVm({ version: 3, changes: [] })));
    assert.match(none, /Inga fält är ändrade sedan förra versionen\./);
  });

  test('buttons follow the flags; after a decision only the way back to the queue', () => {
    const assign = caseDetailCard(detailVm({ handler: undefined, allowed: { ...NONE, view: true, assign: true } }));
    assertFits(assign, 'detail card, unassigned');
    assert.deepEqual(titles(assign), ['Hämta filen', 'Tilldela mig', 'Ärendekön']);
    assert.match(allText(assign), /Handläggare\nIngen handläggare än/);

    const decided = caseDetailCard(detailVm({ allowed: ALL, decision: { outcome: 'approved', decidedText: '12 maj 2027', amountPerMonthText: '42 367 kr', periodText: '16 augusti – 22 december 2027' } }));
    assertFits(decided, 'detail card, decided');
    assert.deepEqual(titles(decided), ['Hämta filen', 'Ärendekön']);
    assert.match(allText(decided), /Beslut: beviljat 12 maj 2027\n42 367 kr per månad/);
  });

  test('protected identity: no name or personnummer, the reference instead', () => {
    const protectedApp = { ...application, pupil: { protectedIdentity: true, registeredMunicipality: 'Nora kommun', schoolForm: 'forskola' as const } };
    const card = caseDetailCard(detailVm({ application: protectedApp, protectedReference: 'ref. 8F2K', late: true }));
    assertFits(card, 'detail card, protected identity');
    const text = allText(card);
    assert.match(text, /Identitet\nSkyddade personuppgifter – namn och personnummer sparas inte \(ref\. 8F2K\)/);
    assert.doesNotMatch(text, /Personnummer|Namn\n|Elsa Lindqvist|20170312/);
    assert.match(text, /Sen ansökan/);
  });

  test('a long but ordinary application is shown whole', () => {
    const long = MAX.slice(0, 1500);
    const app = {
      ...application,
      need: { ...application.need, description: long },
      mapping: { cognitive: long, social: long, needs: long, prognosis: long },
      effect: { description: long },
      measures: application.measures.map((m) => ({ ...m, description: MAX.slice(0, 800) })),
    };
    const card = caseDetailCard(detailVm({ application: app, version: 2, changes }));
    assertFits(card, 'detail card, long texts', true);
    assert.doesNotMatch(allText(card), /förkortade/);
    assert.equal(allText(card).split(long).length - 1, 6, 'all six long texts in full');
  });

  test('at its largest: fits by shortening the longest texts, and says so', () => {
    const card = caseDetailCard(
      detailVm({
        version: 4,
        application: maxApplication,
        changes: maxChanges,
        notice: { text: MAX.slice(0, 300), style: 'warning' },
        late: true,
        assessmentSummary: { hoursCurrent: 45, hoursDesired: 30, amountPerMonthText: '46 500 kr', explanation: MAX.slice(0, 600) },
      }),
    );
    assertFits(card, 'detail card at maximum', true);
    const text = allText(card);
    assert.ok(text.includes(SHORTENED_TEXT));
    assert.match(text, new RegExp(`Och ${maxChanges.length - MAX_CHANGES_SHOWN} ändringar till\\.`));
    assert.match(text, new RegExp(`Och ${40 - MAX_LIST_ROWS} filer till\\.`));
    assert.match(text, /12\. Assistenthjälp/, 'every measure is still listed');
  });
});

describe('clipToBudget', () => {
  test('short texts stay whole, long ones share what is left', () => {
    assert.deepEqual(clipToBudget(['a', 'bb'], 10), { texts: ['a', 'bb'], clipped: false });
    const long = 'ord '.repeat(500);
    const { texts, clipped } = clipToBudget(['kort', long, long], 1004);
    assert.ok(clipped);
    assert.equal(texts[0], 'kort');
    assert.ok(texts[1]!.length <= 502 && texts[1]!.endsWith('…'), texts[1]);
    assert.equal(texts[1], texts[2]);
  });
});

describe('completionFormCard', () => {
  test('message and step, both required, Skicka sends them, Avbryt goes back without', () => {
    const card = completionFormCard(completionFormVm());
    assertFits(card, 'completion form');
    assert.deepEqual(inputIds(card), ['completion.message', 'completion.step']);
    const message = input(card, 'completion.message')!;
    assert.equal(message.label, 'Vad behöver kompletteras?');
    assert.equal(message.isMultiline, true);
    assert.equal(message.isRequired, true);
    const step = input(card, 'completion.step')!;
    assert.equal(step.isRequired, true);
    assert.deepEqual(step.choices, APPLICATION_STEPS.map((s) => ({ title: STEP_TITLES[s], value: s })));
    assert.deepEqual(
      buttons(card).map((b) => [b.title, b.verb, b.data, b.associatedInputs]),
      [
        ['Skicka', 'case.completion.send', { caseId: CASE_ID }, 'auto'],
        ['Avbryt', 'case.view', { caseId: CASE_ID }, 'none'],
      ],
    );
    assert.match(allText(card), /Ärende\nTB-2027-0042/);
  });

  test('refused: comes back filled in, errors next to the fields', () => {
    const card = completionFormCard(
      completionFormVm({
        values: { message: 'Bifoga åtgärdsprogrammet.', step: 'attachments' },
        errors: { 'completion.message': 'Skriv minst en mening.', 'completion.step': 'Välj en del av ansökan.', 'case': 'Ärendet är redan beslutat.' },
      }),
    );
    assertFits(card, 'completion form with errors');
    assert.equal(input(card, 'completion.message')?.value, 'Bifoga åtgärdsprogrammet.');
    assert.equal(input(card, 'completion.step')?.value, 'attachments');
    assert.equal(elementAfterInput(card, 'completion.message')?.text, 'Skriv minst en mening.');
    assert.equal(elementAfterInput(card, 'completion.step')?.text, 'Välj en del av ansökan.');
    assert.match(allText(card), /Det finns 3 saker att rätta\. Se meddelandena under fälten\.\n• Ärendet är redan beslutat\./);
  });

  test('at its largest', () => {
    const card = completionFormCard(completionFormVm({ values: { message: MAX, step: 'summary' }, errors: { 'completion.message': MAX.slice(0, 300) } }));
    assertFits(card, 'completion form at maximum', true);
  });
});

describe('completionRequestCard', () => {
  test('what to complete, where, and the button that opens it', () => {
    const card = completionRequestCard(completionRequestVm());
    assertFits(card, 'completion request');
    const text = allText(card);
    assert.match(text, /^Elevhälsan behöver en komplettering\n/);
    assert.ok(text.includes('Ärende\nTB-2027-0042'));
    assert.ok(text.includes('Termin\nHöstterminen 2027'));
    assert.ok(text.includes('Gäller\nBilagor'));
    assert.ok(text.includes('Barn\nElsa Lindqvist'));
    assert.ok(text.includes(completionRequestVm().message));
    assert.ok(text.includes('Anna Berg, Elevhälsan, 3 mars 2027'));
    assert.ok(text.includes('Tryck Komplettera ansökan så kommer du till delen ”Bilagor”.'));
    assert.deepEqual(
      buttons(card).map((b) => [b.title, b.verb, b.data]),
      [
        ['Komplettera ansökan', 'case.complete.open', { caseId: CASE_ID }],
        ['Mina ärenden', 'cases.mine', {}],
      ],
    );
  });

  test('at its largest', () => {
    const card = completionRequestCard(completionRequestVm({ message: MAX, requestedBy: undefined, pupilLabel: undefined }));
    assertFits(card, 'completion request at maximum', true);
    assert.match(allText(card), /\nElevhälsan, 3 mars 2027/);
    assert.doesNotMatch(allText(card), /Barn\n/, 'no child line without a label');
  });
});

describe('assessmentReviewCard', () => {
  test('two drop-downs per area, prefilled; the principal rating under changed areas only', () => {
    const vm = assessmentReviewVm();
    const card = assessmentReviewCard(vm);
    assertFits(card, 'assessment review');
    assert.deepEqual(
      inputIds(card),
      noraProfile.assessment.areas.flatMap((a) => [`assessment.${a.id}.current`, `assessment.${a.id}.desired`]),
    );
    assert.equal(input(card, 'assessment.physical.current')?.value, '3');
    assert.equal(input(card, 'assessment.communication.current')?.value, String(application.assessment.communication?.current));
    const text = allText(card);
    assert.equal(text.match(/Rektorns bedömning:/g)?.length, 1, 'only the changed area');
    assert.match(text, /Fysisk förmåga och rörlighet\n.*\nRektorns bedömning: nu 1, önskat 0\nNuläge/);
    assert.match(text, /Resultat av bedömningen\nStöd i dag\n/);
    assert.ok(text.includes(vm.summary.explanation));
    assert.deepEqual(
      buttons(card).map((b) => [b.title, b.verb, b.associatedInputs]),
      [
        ['Spara bedömningen', 'case.assessment.send', 'auto'],
        ['Tillbaka till ansökan', 'case.view', 'none'],
      ],
    );
  });

  test('errors next to the drop-downs', () => {
    const errors = Object.fromEntries(noraProfile.assessment.areas.flatMap((a) => [[`assessment.${a.id}.current`, 'Välj en nivå mellan 0 och 4.'], [`assessment.${a.id}.desired`, 'Välj en nivå mellan 0 och 4.']]));
    const card = assessmentReviewCard(assessmentReviewVm({ errors, notice: { text: 'Beloppet ändras med din bedömning.', style: 'default' } }));
    assertFits(card, 'assessment review with every error', true);
    assert.equal(elementAfterInput(card, 'assessment.safety.desired')?.text, 'Välj en nivå mellan 0 och 4.');
  });
});

describe('decisionFormCard', () => {
  test('the proposal is filled in: amount, the term as period, the eligible measures', () => {
    const vm = decisionFormVm();
    const card = decisionFormCard(vm);
    assertFits(card, 'decision form');
    assert.deepEqual(inputIds(card), [
      'decision.outcome',
      'decision.amountPerMonth',
      'decision.from',
      'decision.to',
      'decision.approvedMeasures',
      'decision.reason',
      'decision.followUpSchedule',
      'decision.followUpDate',
    ]);
    // "En gång per termin om inget annat anges i beslutet": every term is preselected.
    assert.equal(input(card, 'decision.followUpSchedule')?.value, 'every_term');
    assert.deepEqual((input(card, 'decision.followUpSchedule')!.choices as Array<{ value: string }>).map((c) => c.value), ['every_term', 'end_of_period', 'date']);
    const outcome = input(card, 'decision.outcome')!;
    assert.equal(outcome.style, 'expanded');
    assert.deepEqual(outcome.choices, [
      { title: 'Bevilja', value: 'approved' },
      { title: 'Bevilja delvis', value: 'partly_approved' },
      { title: 'Avslå', value: 'rejected' },
    ]);
    assert.equal(input(card, 'decision.amountPerMonth')?.value, String(vm.proposedAmountPerMonth));
    assert.equal(input(card, 'decision.from')?.type, 'Input.Date');
    assert.equal(input(card, 'decision.from')?.value, '2027-08-16');
    assert.equal(input(card, 'decision.to')?.value, '2027-12-22');
    const measures = input(card, 'decision.approvedMeasures')!;
    assert.equal(measures.isMultiSelect, true);
    assert.equal(measures.value, 'm1,m2', 'ordinary measures are not preselected');
    assert.deepEqual((measures.choices as Array<{ value: string }>).map((c) => c.value), ['m1', 'm2', 'm3']);
    assert.match((measures.choices as Array<{ title: string }>)[0]!.title, /^1\. Assistenthjälp · 11 timmar i veckan · 1\s000 kr · Insats 1/);
    assert.equal(input(card, 'decision.reason')?.isMultiline, true);
    for (const i of nodes(card).filter((n) => String(n.type).startsWith('Input.'))) assert.ok(typeof i.label === 'string' && i.label !== '');
    assert.match(allText(card), /Föreslaget belopp\n.* kr per månad/);
    assert.deepEqual(
      buttons(card).map((b) => [b.title, b.verb, b.data, b.associatedInputs]),
      [
        ['Fatta beslut', 'case.decision.send', { caseId: CASE_ID }, 'auto'],
        ['Avbryt', 'case.view', { caseId: CASE_ID }, 'none'],
      ],
    );
  });

  test('independent units: the "betydande svårigheter" toggle and the appeal note', () => {
    const card = decisionFormCard(decisionFormVm({ unitKind: 'fristaende', unitName: 'Montessoriskolan Nora', values: { significantDifficulties: true } }));
    assertFits(card, 'decision form, independent unit');
    const toggle = input(card, 'decision.significantDifficulties')!;
    assert.equal(toggle.type, 'Input.Toggle');
    assert.equal(toggle.title, 'Betydande organisatoriska eller ekonomiska svårigheter');
    assert.equal(toggle.value, 'true');
    assert.match(allText(card), /information om hur det överklagas/);
    assert.match(allText(card), /Montessoriskolan Nora \(fristående\)/);
  });

  test('refused: what was typed comes back, errors next to the fields', () => {
    const errors = {
      'decision.outcome': 'Välj ett beslut.',
      'decision.amountPerMonth': 'Beloppet kan inte vara negativt.',
      'decision.from': 'Perioden börjar efter att den slutar.',
      'decision.to': 'Perioden slutar före att den börjar.',
      'decision.approvedMeasures': 'Välj minst en insats vid delvis bifall.',
      'decision.reason': 'Skriv varför ansökan beviljas delvis.',
    };
    const card = decisionFormCard(
      decisionFormVm({ values: { outcome: 'partly_approved', amountPerMonth: 9000, from: '2027-09-01', to: '2027-08-01', approvedMeasures: ['m2'], reason: 'Lokalanpassningen beviljas.' }, errors }),
    );
    assertFits(card, 'decision form with errors');
    assert.equal(input(card, 'decision.outcome')?.value, 'partly_approved');
    assert.equal(input(card, 'decision.amountPerMonth')?.value, '9000');
    assert.equal(input(card, 'decision.approvedMeasures')?.value, 'm2');
    for (const [field, message] of Object.entries(errors)) assert.equal(elementAfterInput(card, field)?.text, message, field);
  });

  test('at its largest, and the proposal form with the same fields', () => {
    const vm = decisionFormVm({
      unitKind: 'fristaende',
      late: true,
      measures: maxApplication.measures,
      values: { reason: MAX, approvedMeasures: maxApplication.measures.map((m) => m.id) },
      errors: { 'decision.reason': MAX.slice(0, 300), 'decision.outcome': MAX.slice(0, 300) },
    });
    assertFits(decisionFormCard(vm), 'decision form at maximum', true);
    assertFits(proposalFormCard(vm), 'proposal form at maximum', true);
  });
});

describe('proposalFormCard', () => {
  test("the decision's own fields, prefilled the same way, with the proposal's labels and buttons", () => {
    const vm = decisionFormVm();
    const card = proposalFormCard(vm);
    assertFits(card, 'proposal form');
    const decision = decisionFormCard(vm);
    assert.deepEqual(inputIds(card), inputIds(decision).filter((id) => !id.startsWith('decision.followUp')));
    for (const id of inputIds(card)) {
      const { label: _label, ...asked } = input(card, id)!;
      const { label: _decisionLabel, ...decided } = input(decision, id)!;
      assert.deepEqual(asked, decided, id);
    }
    assert.equal(input(card, 'decision.outcome')?.label, 'Föreslaget beslut');
    assert.equal(input(card, 'decision.approvedMeasures')?.label, 'Insatser som föreslås beviljas');
    assert.deepEqual(
      buttons(card).map((b) => [b.title, b.verb, b.data, b.associatedInputs]),
      [
        ['Skicka förslaget till chefen', 'case.proposal.send', { caseId: CASE_ID }, 'auto'],
        ['Avbryt', 'case.view', { caseId: CASE_ID }, 'none'],
      ],
    );
  });
});

describe('decisionCard', () => {
  test('partly approved: heading, money, the letter by paragraph, the appeal deadline', () => {
    const card = decisionCard(decisionVm({ appealDeadlineText: '21 april 2027' }));
    assertFits(card, 'decision');
    const text = allText(card);
    assert.match(text, /^Beslut: delvis beviljat\n/);
    for (const s of ['Ärende\nTB-2027-0042', 'Termin\nHöstterminen 2027', 'Belopp\n18 083 kr per månad', 'Period\n16 augusti 2027 – 22 december 2027']) assert.ok(text.includes(s), s);
    assert.ok(text.includes('Sista dag att överklaga: 21 april 2027'));
    for (const paragraph of DECISION_TEXT.split('\n\n')) assert.ok(text.includes(`\n${paragraph}\n`), paragraph.slice(0, 30));
    assert.doesNotMatch(text, /för långt/);
    assert.deepEqual(buttons(card).map((b) => [b.title, b.verb, b.data]), [['Mina ärenden', 'cases.mine', {}]]);
  });

  test('read again by Elevhälsan: the same letter, without what is said to the principal', () => {
    const principal = decisionCard(decisionVm({ caseId: '7d1c1a1e-0000-4000-8000-000000000042' }));
    const elevhalsan = decisionCard(decisionVm({ caseId: '7d1c1a1e-0000-4000-8000-000000000042', forPrincipal: false }));
    assertFits(elevhalsan, 'decision');
    assert.deepEqual(buttons(principal).map((b) => b.verb), ['case.decision.pdf', 'cases.mine']);
    assert.deepEqual(buttons(elevhalsan), []);
    assert.match(allText(principal), /Spara beslutet\. Du hittar ärendet under Mina ärenden\./);
    assert.doesNotMatch(allText(elevhalsan), /Spara beslutet|Mina ärenden/);
    for (const paragraph of DECISION_TEXT.split('\n\n')) assert.ok(allText(elevhalsan).includes(paragraph), paragraph.slice(0, 30));
  });

  test('each outcome its heading; no money on a rejection; no appeal line when none is given', () => {
    assert.match(allText(decisionCard(decisionVm({ outcome: 'approved' }))), /^Beslut: beviljat\n/);
    const rejected = decisionCard(decisionVm({ outcome: 'rejected' }));
    assertFits(rejected, 'rejection');
    assert.match(allText(rejected), /^Beslut: avslag\n/);
    assert.doesNotMatch(allText(rejected), /Belopp\n|Period\n|Sista dag att överklaga/);
    assert.doesNotMatch(allText(decisionCard(decisionVm({ pupilLabel: undefined }))), /Barn\n/);
  });

  test('at its largest: a letter beyond any real one is cut, and the card says so', () => {
    const long = Array.from({ length: 12 }, () => MAX).join('\n\n');
    const card = decisionCard(decisionVm({ text: long, appealDeadlineText: '21 april 2027' }));
    assertFits(card, 'decision at maximum', true);
    assert.match(allText(card), /Beslutet är för långt för att visas helt här\./);
    const real = decisionCard(decisionVm({ text: `${MAX}\n\n${DECISION_TEXT}` }));
    assertFits(real, 'decision with the longest reason');
    assert.doesNotMatch(allText(real), /för långt/);
  });
});

describe('caseQueueCard', () => {
  test('oldest first, with late flag, handler and a Visa button each', () => {
    const cases = [
      queueItem(5, { submittedAt: '2027-05-03T09:00:00Z', submittedText: '3 maj 2027' }),
      queueItem(3, { submittedAt: '2027-04-20T09:00:00Z', submittedText: '20 april 2027', late: true }),
      queueItem(8, { submittedAt: '2027-05-01T09:00:00Z', submittedText: '1 maj 2027', handlerName: undefined, late: false }),
    ];
    const card = caseQueueCard({ cases });
    assertFits(card, 'queue');
    const text = allText(card);
    assert.match(text, /^Ärendekön\n3 ärenden väntar på beslut, det äldsta först\.\nEtt ärende har ingen handläggare än\./);
    const order = ['TB-2027-0003', 'TB-2027-0008', 'TB-2027-0005'].map((n) => text.indexOf(n));
    assert.deepEqual([...order].sort((a, b) => a - b), order);
    assert.match(text, /TB-2027-0003 · Höstterminen 2027\nSen ansökan\nEnhet/);
    assert.match(text, /TB-2027-0008 · Höstterminen 2027\nEnhet\n.*\nStatus\nUnder handläggning\nHandläggare\nIngen än/);
    assert.deepEqual(
      buttons(card).map((b) => [b.title, b.verb, b.data]),
      [
        ['Visa', 'case.view', { caseId: cases[1]!.caseId }],
        ['Visa', 'case.view', { caseId: cases[2]!.caseId }],
        ['Visa', 'case.view', { caseId: cases[0]!.caseId }],
        ['Uppdatera', 'cases.queue', {}],
      ],
    );
  });

  test('empty: says so', () => {
    const card = caseQueueCard({ cases: [] });
    assertFits(card, 'empty queue');
    assert.match(allText(card), /Inga ärenden väntar på beslut just nu\./);
    assert.deepEqual(verbs(card), ['cases.queue']);
  });

  test('a long queue is cut to the oldest rows and says so', () => {
    const cases = Array.from({ length: 120 }, (_, i) => queueItem(119 - i, { unitName: `${MAX.slice(0, 120)} ${i}`, statusText: 'Väntar på komplettering sedan länge' }));
    const card = caseQueueCard({ cases });
    assertFits(card, 'queue at maximum', true);
    assert.match(allText(card), new RegExp(`120 ärenden väntar på beslut, det äldsta först\\. Här visas de ${MAX_LIST_ROWS} äldsta\\.`));
    assert.equal(buttons(card).filter((b) => b.verb === 'case.view').length, MAX_LIST_ROWS);
    assert.equal(buttons(card)[0]?.data && (buttons(card)[0]!.data as { caseId: string }).caseId, queueItem(0).caseId);
  });
});

test('every new card validates with zero messages', () => {
  const cards: Array<[string, AdaptiveCard]> = [
    ['channel', caseChannelCard(channelVm())],
    ['detail', caseDetailCard(detailVm({ version: 2, changes }))],
    ['completion form', completionFormCard(completionFormVm())],
    ['completion request', completionRequestCard(completionRequestVm())],
    ['assessment review', assessmentReviewCard(assessmentReviewVm())],
    ['decision form', decisionFormCard(decisionFormVm({ unitKind: 'fristaende' }))],
    ['proposal form', proposalFormCard(decisionFormVm())],
    ['decision', decisionCard(decisionVm({ appealDeadlineText: '21 april 2027' }))],
    ['queue', caseQueueCard({ cases: [queueItem(1), queueItem(2)] })],
  ];
  for (const [name, card] of cards) assert.deepEqual(validateCard(card), [], name);
});
