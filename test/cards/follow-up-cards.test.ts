// Every follow-up card is valid Adaptive Cards 1.5 with data-dictionary input ids, every button
// carries what its verb's schema asks for, and the messages stand next to their fields.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import {
  followUpDiscardCard,
  followUpListCard,
  followUpProblemsCard,
  followUpReceiptCard,
  followUpStepCard,
  followUpViewCard,
  caseChannelCard,
  type FollowUpStepViewModel,
} from '../../cards';
import { VERB_SCHEMAS } from '../../cards/verbs';
import { FOLLOW_UP_STEPS } from '../../machines/follow-up.steps';
import { noraProfile } from '../../domain/profile';
import { validateCard } from './validate';

const UUID = '3f0c2a8e-6b1d-4c3e-9f7a-2d5e8b1c4a60';

function buttons(card: unknown): Array<{ verb: string; data: Record<string, unknown> }> {
  const out: Array<{ verb: string; data: Record<string, unknown> }> = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.Execute') out.push({ verb: String(o.verb), data: o.data as Record<string, unknown> });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

function check(card: unknown) {
  assert.deepEqual(validateCard(card as never), []);
  for (const b of buttons(card)) assert.ok(VERB_SCHEMAS[b.verb as keyof typeof VERB_SCHEMAS].safeParse(b.data).success, `${b.verb} ${JSON.stringify(b.data)}`);
}

const stepVm = (step: FollowUpStepViewModel['step'], errors: Record<string, string> = {}): FollowUpStepViewModel => ({
  draftId: UUID,
  step,
  caseNumber: 'TB-2027-0001',
  termLabel: 'Höstterminen 2027',
  pupilLabel: 'AB, född 2015',
  draft: { attachments: [{ id: '9b2f6d1e-3c4a-4f5b-8a7c-1d2e3f4a5b6c', name: 'ap.pdf' }] },
  errors,
  measures: [{ id: 'm1', title: 'Assistenthjälp – Elevassistent', plannedText: 'Planerat: 10 timmar i veckan' }],
  areas: noraProfile.assessment.areas.map((a) => ({ id: a.id, label: a.label, previousText: 'Förra bedömningen: nuläge 2, önskat läge 1' })),
  levels: noraProfile.assessment.levels.map((l, i) => ({ value: l, label: noraProfile.assessment.levelLabels[i]! })),
  figures: [{ title: 'Bedömt stöd förut', value: '10 timmar i veckan' }],
  summarySections: [{ step: 'measures', title: 'Insatserna', facts: [{ title: '1. Assistenthjälp', value: 'Genomförd som planerat' }] }],
});

describe('follow-up cards', () => {
  for (const step of FOLLOW_UP_STEPS) {
    test(`step ${step}: valid, progress shown, back/next/save`, () => {
      const card = followUpStepCard(stepVm(step));
      check(card);
      const text = JSON.stringify(card);
      assert.match(text, new RegExp(`steg ${FOLLOW_UP_STEPS.indexOf(step) + 1} av 5`));
      const verbs = buttons(card).map((b) => b.verb);
      assert.ok(verbs.includes(step === 'summary' ? 'followup.submit' : 'followup.step.next'));
      assert.ok(verbs.includes('followup.draft.save'));
      assert.equal(verbs.includes('followup.step.back'), step !== 'measures');
    });
  }
  test('a message stands right after its field', () => {
    const card = followUpStepCard(stepVm('measures', { 'followUp.measures.m1.effect': 'Beskriv effekten.' }));
    const text = JSON.stringify(card);
    assert.ok(text.indexOf('"id":"followUp.measures.m1.effect"') < text.indexOf('"id":"error:followUp.measures.m1.effect"'));
    check(card);
  });
  test('list, problems, discard, receipt, Elevhälsan view and the channel card line', () => {
    check(followUpListCard({ items: [{ caseId: UUID, caseNumber: 'TB-2027-0001', term: 'HT2027', termLabel: 'Höstterminen 2027', pupilLabel: 'AB', unitName: 'Järnboåsskolan', dueText: '30 november 2027', overdue: true }], upcoming: [] }));
    check(followUpProblemsCard({ draftId: UUID, problems: [{ field: 'signature.confirmed', message: 'Kryssa i.' }] }));
    check(followUpDiscardCard({ draftId: UUID, label: 'Uppföljning TB-2027-0001, HT 2027' }));
    const receipt = followUpReceiptCard({ caseId: UUID, caseNumber: 'TB-2027-0001', termLabel: 'Höstterminen 2027', filedText: '20 september 2027', figures: [], renewTermLabel: 'vårterminen 2028' });
    check(receipt);
    assert.ok(buttons(receipt).some((b) => b.verb === 'case.renew'));
    check(followUpViewCard({ caseId: UUID, caseNumber: 'TB-2027-0001', termLabel: 'Höstterminen 2027', pupilLabel: 'AB', filedText: '20 september 2027', filedBy: 'Rektor', flags: ['Stor förändring'], measures: [{ title: '1. Assistenthjälp', carriedOutText: 'Genomförd', hoursText: '8', effect: 'Bra' }], figures: [{ title: 'Bedömt stöd', value: '10 → 5' }], areas: [{ label: 'Socialt samspel', beforeText: '3', afterText: '2', changed: true }], continuedNeedText: 'Ja', comment: 'Text', attachments: [] }));
    const channel = caseChannelCard({
      caseId: UUID, caseNumber: 'TB-2027-0001', unitName: 'Järnboåsskolan', unitKind: 'kommunal', schoolForm: 'grundskola', termLabel: 'Höstterminen 2027',
      hoursPerWeek: 10, amountPerMonthText: '10 000 kr', late: false, statusText: 'Beslutat', deliveryFailed: false, refreshUserIds: [],
      allowed: { view: true, assign: true, adjustAssessment: true, requestCompletion: true, decide: true },
      followUps: [{ term: 'HT2027', text: 'Uppföljning HT 2027 inkommen 20 september 2027', flags: ['Rektorn anger att behovet inte längre finns.'] }],
      otherUnitText: 'Barnet har i dag tilläggsbelopp via en annan enhet (Solrosen, ärende TB-2027-0002). Den här ansökan kommer från en ny enhet.',
    });
    check(channel);
    assert.match(JSON.stringify(channel), /Uppföljning HT 2027 inkommen/);
    assert.ok(buttons(channel).some((b) => b.verb === 'case.followup.view' && b.data.term === 'HT2027'));
  });
});
