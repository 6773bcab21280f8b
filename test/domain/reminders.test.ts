import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { isWorkingDay } from '../../domain/calendar';
import { noraProfile } from '../../domain/profile';
import { noFacts, remindersDue, upcomingReminders, type ReminderFacts } from '../../domain/reminders';
import { addDays } from '../../domain/terms';

const facts = (over: Partial<ReminderFacts>): ReminderFacts => ({ ...noFacts(), ...over });
const due = (f: Partial<ReminderFacts>, today: string) => remindersDue(noraProfile, facts(f), today).map((r) => `${r.kind} ${r.subject} ${r.occurrence} ${r.recipientId ?? 'elevhalsan'}`);

// Every day of a span on which the planner offers something, with what it offers; `sent`
// plays the database's claims, so a key offered twice is sent once.
function simulate(f: Partial<ReminderFacts>, from: string, to: string): Array<[string, string]> {
  const sent = new Set<string>();
  const out: Array<[string, string]> = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    for (const r of remindersDue(noraProfile, facts(f), day)) {
      if (sent.has(r.key)) continue;
      sent.add(r.key);
      out.push([day, r.key]);
    }
  }
  return out;
}

describe('reminder planner: one table per kind', () => {
  const grant = { caseId: 'c1', principalId: 'p1', term: 'VT2027', nextTermApplied: false };
  // HT2027's deadline is Thursday 15 April 2027; 21, 7 and 1 days before: 25 March (Thursday),
  // 8 April (Thursday), 14 April (Wednesday).
  const table: Array<[string, Partial<ReminderFacts>, string, string[]]> = [
    ['application deadline, 21 days before', { grantsEnding: [grant] }, '2027-03-25', ['application_deadline c1 HT2027:21d-before p1']],
    ['offered again the next working day, after Easter (the claim keeps it to one send)', { grantsEnding: [grant] }, '2027-03-30', ['application_deadline c1 HT2027:21d-before p1']],
    ['nothing on långfredagen', { grantsEnding: [grant] }, '2027-03-26', []],
    ['7 days before', { grantsEnding: [grant] }, '2027-04-08', ['application_deadline c1 HT2027:7d-before p1']],
    ['1 day before', { grantsEnding: [grant] }, '2027-04-14', ['application_deadline c1 HT2027:1d-before p1']],
    ['none after the deadline', { grantsEnding: [grant] }, '2027-04-16', []],
    ['none when the next term is applied for', { grantsEnding: [{ ...grant, nextTermApplied: true }] }, '2027-04-14', []],
    ['none when the grant ends another term', { grantsEnding: [{ ...grant, term: 'HT2026' }] }, '2027-04-14', []],
    ['none on a Saturday', { grantsEnding: [grant] }, '2027-04-10', []],
    ['a draft for the next term', { drafts: [{ draftId: 'd1', principalId: 'p1', term: 'HT2027' }] }, '2027-04-14', ['draft_deadline d1 HT2027:1d-before p1']],
    ['no reminder for a draft of another term', { drafts: [{ draftId: 'd1', principalId: 'p1', term: 'VT2028' }] }, '2027-04-14', []],
    ['completion unanswered 5 days after', { completions: [{ completionId: 'k1', caseId: 'c1', principalId: 'p1', requestedOn: '2027-03-01', answered: false }] }, '2027-03-08', ['completion_unanswered k1 5d-after p1']],
    ['an answered completion is never reminded', { completions: [{ completionId: 'k1', caseId: 'c1', principalId: 'p1', requestedOn: '2027-03-01', answered: true }] }, '2027-03-08', []],
    // Submitted Wednesday 22 December 2027: three working days later is Tuesday 28 December.
    ['new case not taken after 3 working days', { newCases: [{ caseId: 'c2', submittedOn: '2027-12-22', taken: false }] }, '2027-12-28', ['new_case_waiting c2 3wd-after elevhalsan']],
    ['new case: not before the third working day', { newCases: [{ caseId: 'c2', submittedOn: '2027-12-22', taken: false }] }, '2027-12-27', []],
    ['new case taken', { newCases: [{ caseId: 'c2', submittedOn: '2027-12-22', taken: true }] }, '2027-12-28', []],
    // HT2027 starts 1 July 2027; 14 days before is Thursday 17 June.
    ['undecided close to term start', { undecided: [{ caseId: 'c3', term: 'HT2027', decided: false }] }, '2027-06-17', ['undecided_near_term c3 HT2027:14d-before elevhalsan']],
    ['decided: nothing', { undecided: [{ caseId: 'c3', term: 'HT2027', decided: true }] }, '2027-06-17', []],
    ['failed delivery on a Saturday: Monday', { failedDeliveries: [{ decisionId: 'x1', caseId: 'c1', failedOn: '2027-03-06', resolved: false }] }, '2027-03-08', ['delivery_failed x1 failed elevhalsan']],
    ['failed delivery resolved', { failedDeliveries: [{ decisionId: 'x1', caseId: 'c1', failedOn: '2027-03-06', resolved: true }] }, '2027-03-08', []],
  ];
  for (const [name, f, today, expected] of table) {
    test(name, () => assert.deepEqual(due(f, today), expected));
  }
});

describe('reminder planner: follow-ups (the input the follow-up dialog provides)', () => {
  // Due Tuesday 30 November 2027: 14 and 3 days before are 16 and 26 (Friday) November;
  // 1 and 7 days after are 1 and 7 December.
  const fu = { caseId: 'c1', principalId: 'p1', term: 'HT2027', dueDate: '2027-11-30', filed: false };
  test('due soon and overdue, each on its day, once', () => {
    assert.deepEqual(
      simulate({ followUps: [fu] }, '2027-11-01', '2027-12-10').filter(([, k]) => !k.startsWith('follow_up_overdue_summary')),
      [
        ['2027-11-16', 'follow_up_due|c1:HT2027|14d-before'],
        ['2027-11-26', 'follow_up_due|c1:HT2027|3d-before'],
        ['2027-12-01', 'follow_up_overdue|c1:HT2027|1d-after'],
        ['2027-12-07', 'follow_up_overdue|c1:HT2027|7d-after'],
      ],
    );
  });
  test('a filed follow-up is never reminded', () => {
    assert.deepEqual(simulate({ followUps: [{ ...fu, filed: true }] }, '2027-11-01', '2027-12-31'), []);
  });
  test("Elevhälsan's weekly summary: Mondays while something is overdue, listing the cases", () => {
    const other = { ...fu, caseId: 'c0', dueDate: '2027-12-03' };
    const summaries = simulate({ followUps: [fu, other] }, '2027-11-01', '2027-12-20').filter(([, k]) => k.startsWith('follow_up_overdue_summary'));
    assert.deepEqual(summaries, [
      ['2027-12-01', 'follow_up_overdue_summary|follow-ups|week:2027-11-29'],
      ['2027-12-06', 'follow_up_overdue_summary|follow-ups|week:2027-12-06'],
      ['2027-12-13', 'follow_up_overdue_summary|follow-ups|week:2027-12-13'],
      ['2027-12-20', 'follow_up_overdue_summary|follow-ups|week:2027-12-20'],
    ]);
    const listed = remindersDue(noraProfile, facts({ followUps: [fu, other] }), '2027-12-06').find((r) => r.kind === 'follow_up_overdue_summary');
    assert.deepEqual(listed?.caseIds, ['c0', 'c1']);
  });
});

describe('reminder planner: snooze, pause, catch-up', () => {
  const grant = { caseId: 'c1', principalId: 'p1', term: 'VT2027', nextTermApplied: false };
  test('"remind me again in a week" comes back a week later, while the reason stands', () => {
    const f = { grantsEnding: [grant], snoozes: [{ kind: 'application_deadline' as const, subject: 'c1', until: '2027-04-01' }] };
    assert.deepEqual(
      simulate(f, '2027-03-20', '2027-04-20').map(([d, k]) => `${d} ${k}`),
      ['2027-03-25 application_deadline|c1|HT2027:21d-before', '2027-04-01 application_deadline|c1|again:2027-04-01', '2027-04-08 application_deadline|c1|HT2027:7d-before', '2027-04-14 application_deadline|c1|HT2027:1d-before'],
    );
  });
  test('a snooze past the deadline is dropped with its reason', () => {
    const f = { grantsEnding: [grant], snoozes: [{ kind: 'application_deadline' as const, subject: 'c1', until: '2027-04-21' }] };
    assert.deepEqual(simulate(f, '2027-04-16', '2027-05-01'), []);
  });
  test('a paused kind is not sent to that person, and others still are', () => {
    const f = { grantsEnding: [grant, { ...grant, caseId: 'c2', principalId: 'p2' }], paused: [{ personId: 'p1', kind: 'application_deadline' as const }] };
    assert.deepEqual(due(f, '2027-04-14'), ['application_deadline c2 HT2027:1d-before p2']);
  });
  test('after an outage only the latest occurrence goes out', () => {
    const sent = simulate({ grantsEnding: [grant] }, '2027-04-12', '2027-04-14');
    assert.deepEqual(sent, [['2027-04-12', 'application_deadline|c1|HT2027:7d-before'], ['2027-04-14', 'application_deadline|c1|HT2027:1d-before']]);
  });
  test('upcoming lists what is still to come, earliest first', () => {
    const up = upcomingReminders(noraProfile, facts({ grantsEnding: [grant] }), '2027-04-01');
    assert.deepEqual(up.map((r) => r.sendOn), ['2027-04-08', '2027-04-14']);
  });
});

describe('reminder planner: a whole school year, day by day', () => {
  test('every reminder on a working day, exactly once, before its deadline', () => {
    const f: Partial<ReminderFacts> = {
      grantsEnding: [
        { caseId: 'ht', principalId: 'p1', term: 'HT2026', nextTermApplied: false },
        { caseId: 'vt', principalId: 'p1', term: 'VT2027', nextTermApplied: false },
      ],
      drafts: [{ draftId: 'd', principalId: 'p2', term: 'VT2027' }],
      followUps: [{ caseId: 'vt', principalId: 'p1', term: 'VT2027', dueDate: '2027-05-31', filed: false }],
      newCases: [{ caseId: 'n', submittedOn: '2027-06-23', taken: false }],
    };
    const sent = simulate(f, '2026-07-01', '2027-06-30');
    for (const [day] of sent) assert.ok(isWorkingDay(day), `${day} is a working day`);
    assert.equal(new Set(sent.map(([, k]) => k)).size, sent.length);
    const byKey = Object.fromEntries(sent.map(([d, k]) => [k, d]));
    // VT2027's deadline is Friday 15 October 2026; 21 days before is Friday 24 September.
    assert.equal(byKey['application_deadline|ht|VT2027:21d-before'], '2026-09-24');
    assert.equal(byKey['application_deadline|ht|VT2027:1d-before'], '2026-10-14');
    assert.equal(byKey['draft_deadline|d|VT2027:7d-before'], '2026-10-08');
    assert.equal(byKey['application_deadline|vt|HT2027:1d-before'], '2027-04-14');
    // Due Monday 31 May 2027: 3 days before is Friday 28 May; 1 day after is Tuesday 1 June.
    assert.equal(byKey['follow_up_due|vt:VT2027|3d-before'], '2027-05-28');
    assert.equal(byKey['follow_up_overdue|vt:VT2027|1d-after'], '2027-06-01');
    // Submitted Wednesday 23 June 2027, before midsommarafton: three working days is 29 June.
    assert.equal(byKey['new_case_waiting|n|3wd-after'], '2027-06-29');
  });
});
