// Issue 15's story end to end over HTTP: an administrator adds a unit and registers its
// principal by e-mail; the principal (a new user the database has never seen, by Entra object
// id) writes to the bot, is recognised through Teams' member lookup, bound (audited), and
// applies for the new unit, all the way to the receipt. Someone whose address nobody registered stays unknown.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createUnit } from '../../app/admin/create-unit';
import { registerPerson } from '../../app/admin/register-person';
import { identify } from '../../bot/identity';
import type { Repositories } from '../../domain/ports';
import { DEMO_PEOPLE, PLAYGROUND_TENANT_ID } from '../../prisma/seed';
import { FIXTURE_TODAY, validApplication } from '../domain/fixtures';
import { cardText, heading, lastPostedCard, press, walkToSummary } from './dialog-helpers';
import type { Harness, SendOptions } from './harness';
import { startWorld, type World } from './world';

const newPrincipal = {
  id: '29:new-principal',
  aadObjectId: '9b1d4c3a-1111-4000-8000-00000000c0de',
  name: 'Karin Nyberg',
  tenantId: PLAYGROUND_TENANT_ID,
  // Teams gives the e-mail and UPN in the member lookup only; the admin typed it in capitals.
  email: 'karin.nyberg@example.com',
  userPrincipalName: 'karin.nyberg@example.com',
};
const stranger = { id: '29:stranger', aadObjectId: '9b1d4c3a-2222-4000-8000-00000000c0de', name: 'Okänd Person', tenantId: PLAYGROUND_TENANT_ID, email: 'okand@example.com' };
type Who = typeof newPrincipal | typeof stranger;
const chatOf = (who: Who) => `a:personal-${who.id}`;
const as = (who: Who): SendOptions => ({ from: who, conversation: { id: chatOf(who), conversationType: 'personal', tenantId: PLAYGROUND_TENANT_ID } });

let world: World;
let repos: Repositories;
let harness: Harness;

describe('binding by e-mail on first contact', () => {
  beforeAll(async () => {
    world = await startWorld({ self: as(newPrincipal) });
    ({ repos, harness } = world);
  });
  afterAll(() => world?.close());

  test('the demo admin adds a unit and a principal by e-mail; the principal is recognised on first contact and applies for it, to the receipt', async () => {
    const adminSeed = DEMO_PEOPLE.find((p) => p.role === 'admin')!;
    const admin = await identify(repos, PLAYGROUND_TENANT_ID, adminSeed.aadObjectId);
    assert.ok(admin);
    const unit = await createUnit({ repos, clock: { now: () => FIXTURE_TODAY } }, admin, {
      name: 'Friskolan Lärkan',
      kind: 'fristaende',
      huvudman: 'Lärkan AB',
      huvudmanOrgNumber: '556016-0680',
      schoolForms: ['grundskola'],
    });
    assert.ok(unit.ok);
    const person = await registerPerson({ repos, clock: { now: () => FIXTURE_TODAY } }, admin, {
      email: 'Karin.Nyberg@Example.com',
      displayName: 'Karin Nyberg',
      roles: [{ role: 'principal', unitId: unit.value.id }],
    });
    assert.ok(person.ok && !person.value.bound);

    const res = await harness.sendMessage('ny ansökan', as(newPrincipal));
    assert.equal(res.status, 200);
    const lookups = harness.requests.filter((c) => c.kind === 'member');
    assert.equal(lookups.length, 1, 'one member lookup');
    assert.equal(lookups[0]!.activityId, newPrincipal.id);
    assert.equal(lookups[0]!.conversationId, chatOf(newPrincipal));

    const bound = await identify(repos, PLAYGROUND_TENANT_ID, newPrincipal.aadObjectId);
    assert.equal(bound?.person.id, person.value.id);
    assert.deepEqual(bound?.units.map((u) => u.name), ['Friskolan Lärkan']);
    const trail = await repos.audit.list('person', person.value.id);
    assert.ok(trail.some((e) => e.action === 'person.bound' && e.actorId === person.value.id));
    // The unit is offered in the first step's choice.
    assert.match(cardText(lastPostedCard(harness, chatOf(newPrincipal))), /Steg 1 av/);
    assert.match(JSON.stringify(lastPostedCard(harness, chatOf(newPrincipal))), /Friskolan Lärkan/);

    // Known from now on: no second lookup.
    await harness.sendMessage('hjälp', as(newPrincipal));
    assert.equal(harness.requests.filter((c) => c.kind === 'member').length, 1);

    // And the whole application goes through for the new unit: a case of hers, at that unit.
    await harness.sendMessage('ny ansökan', as(newPrincipal));
    const app = { ...validApplication(), unit: { id: unit.value.id } };
    const first = lastPostedCard(harness, chatOf(newPrincipal));
    // The world's own sender is the new principal.
    const summary = await walkToSummary(harness, world.files, first, app);
    const receipt = await press(harness, summary, 'app.submit', { 'signature.confirmed': 'true' });
    assert.match(heading(receipt), /Ansökan är inskickad/, cardText(receipt));
    const caseNumber = /\bTB-\d{4}-\d{4}\b/.exec(cardText(receipt))?.[0];
    const kase = caseNumber ? await repos.cases.byNumber(bound!.municipality.id, caseNumber) : null;
    assert.deepEqual({ unitId: kase?.unitId, principalId: kase?.principalId }, { unitId: unit.value.id, principalId: person.value.id });
  });

  test('installing the app sends two signals at once: both find the newly registered person, the welcome greets them as such', async () => {
    const admin = (await identify(repos, PLAYGROUND_TENANT_ID, DEMO_PEOPLE.find((p) => p.role === 'admin')!.aadObjectId))!;
    const person = await registerPerson({ repos, clock: { now: () => FIXTURE_TODAY } }, admin, { email: 'two.signals@example.com', displayName: 'Två Signaler', roles: [{ role: 'handler' }] });
    assert.ok(person.ok);
    const who = { ...newPrincipal, id: '29:two-signals', aadObjectId: '9b1d4c3a-4444-4000-8000-00000000c0de', name: 'Två Signaler', email: 'two.signals@example.com', userPrincipalName: 'two.signals@example.com' };
    const before = harness.sent.length;
    const answers = await Promise.all([harness.sendInstall({ ...as(who), via: 'installationUpdate' }), harness.sendInstall({ ...as(who), via: 'membersAdded' })]);
    assert.deepEqual(answers.map((a) => a.status), [200, 200]);
    const welcome = harness.sent.slice(before).find((c) => c.conversationId === `a:personal-${who.id}` && c.body?.attachments?.[0]?.content);
    assert.ok(welcome, 'a welcome card');
    assert.doesNotMatch(cardText(welcome.body.attachments[0].content), /inte registrerad/);
    assert.equal((await repos.audit.list('person', person.value.id)).filter((e) => e.action === 'person.bound').length, 1);
  });

  test('a person nobody registered stays unknown and is not bound', async () => {
    await registerPerson(
      { repos, clock: { now: () => FIXTURE_TODAY } },
      (await identify(repos, PLAYGROUND_TENANT_ID, DEMO_PEOPLE.find((p) => p.role === 'admin')!.aadObjectId))!,
      { email: 'someone.else@example.com', displayName: 'Someone Else', roles: [{ role: 'handler' }] },
    );
    const before = harness.requests.filter((c) => c.kind === 'member').length;
    await harness.sendMessage('ny ansökan', as(stranger));
    assert.equal(harness.requests.filter((c) => c.kind === 'member').length, before + 1);
    assert.equal(await identify(repos, PLAYGROUND_TENANT_ID, stranger.aadObjectId), null);
    assert.doesNotMatch(JSON.stringify(lastPostedCard(harness, chatOf(stranger))), /Friskolan Lärkan|Steg 1 av/);
  });

  test('a failed member lookup costs the turn nothing: unknown now, bound on the next message', async () => {
    const who = { ...newPrincipal, id: '29:late-principal', aadObjectId: '9b1d4c3a-3333-4000-8000-00000000c0de', email: 'someone.else@example.com', userPrincipalName: 'someone.else@example.com' };
    // As many failures as the connector client makes attempts: this turn's lookup fails for good.
    harness.fault({ status: 503, times: 3, match: { kind: 'member' } });
    const res = await harness.sendMessage('hjälp', as(who));
    assert.equal(res.status, 200);
    assert.equal(await identify(repos, PLAYGROUND_TENANT_ID, who.aadObjectId), null);
    await harness.sendMessage('hjälp', as(who));
    assert.equal((await identify(repos, PLAYGROUND_TENANT_ID, who.aadObjectId))?.person.displayName, 'Someone Else');
  });
});
