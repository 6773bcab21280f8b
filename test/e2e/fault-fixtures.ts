// The world the fault tests attack: principal Alex of Nora with a submitted case and an open
// draft at the summary (measures, two attachments), and the people who must not reach them:
// another principal of Nora, Nora's staff (for drafts, which are never theirs), and the staff and
// a principal of another municipality on another tenant.
import { randomUUID } from 'node:crypto';
import { DEMO_IDS, DEMO_PEOPLE, PLAYGROUND_TENANT_ID } from '../../prisma/seed';
import type { TApplicationDraft } from '../../domain/schemas';
import { noraProfile } from '../../domain/profile';
import { validApplication } from '../domain/fixtures';
import type { TestDatabase } from '../db/helpers';
import type { Harness, SendOptions } from './harness';
import { as, startWorld } from './world';
import { action, newApplication, press, walkToSummary, type Card } from './dialog-helpers';

export const owner = DEMO_PEOPLE.find((p) => p.role === 'principal')!;
const staff = (role: string) => DEMO_PEOPLE.find((p) => p.role === role)!;
export const OTHER_TENANT = '7c4e2b9a-1d3f-4a5b-8c6d-0e1f2a3b4c5d';
const OTHER_MUNICIPALITY = 'other-municipality';

export interface Intruder {
  name: string;
  opts: SendOptions;
  // Staff of the owner's municipality may act on its cases; only drafts are out of their reach.
  draftsOnly?: boolean;
}

const person = (id: string, aad: string, name: string, tenantId: string, conversationId: string): SendOptions => ({
  from: { id: `29:${aad}`, aadObjectId: aad, name, tenantId },
  conversation: { id: conversationId, tenantId, conversationType: 'personal' },
});

export interface FaultWorld {
  db: TestDatabase;
  harness: Harness;
  close(): Promise<void>;
  caseId: string;
  caseAttachmentId: string;
  draftId: string;
  draftAttachmentIds: string[];
  measureIds: string[];
  intruders: Intruder[];
  // Every row of the owner's drafts and cases, for before/after comparisons.
  dumpOwner(): Promise<string>;
}

export function application(): TApplicationDraft {
  const app = validApplication();
  app.unit = { id: DEMO_IDS.units.jarnboas };
  return app;
}

export async function newDraft(harness: Harness): Promise<Card> {
  // With a draft already open the bot first offers to continue it; these tests want a new one.
  return newApplication(harness);
}

export async function startFaultWorld(): Promise<FaultWorld> {
  const world = await startWorld({ self: as(owner) });
  const { db, repos, harness, files } = world;

  // Another principal of Nora, and a municipality on another tenant with its own staff.
  const otherPrincipal = { id: randomUUID(), aad: randomUUID() };
  await db.prisma.person.create({ data: { id: otherPrincipal.id, municipalityId: DEMO_IDS.municipality, tenantId: PLAYGROUND_TENANT_ID, aadObjectId: otherPrincipal.aad, displayName: 'Pia Annan' } });
  await db.prisma.roleAssignment.create({ data: { personId: otherPrincipal.id, role: 'principal', unitId: DEMO_IDS.units.naktergalen } });
  await db.prisma.municipality.create({ data: { id: OTHER_MUNICIPALITY, name: 'Annan kommun', tenantId: OTHER_TENANT, profile: { ...noraProfile, name: 'Annan kommun' } } });
  const otherUnit = randomUUID();
  await db.prisma.unit.create({ data: { id: otherUnit, municipalityId: OTHER_MUNICIPALITY, name: 'Annanskolan', kind: 'kommunal', huvudman: 'Annan kommun', schoolForms: ['grundskola'] } });
  const foreign: Intruder[] = [];
  for (const role of ['principal', 'handler', 'head', 'admin'] as const) {
    const id = randomUUID();
    const aad = randomUUID();
    await db.prisma.person.create({ data: { id, municipalityId: OTHER_MUNICIPALITY, tenantId: OTHER_TENANT, aadObjectId: aad, displayName: `Annan ${role}` } });
    await db.prisma.roleAssignment.create({ data: { personId: id, role, unitId: role === 'principal' ? otherUnit : null } });
    foreign.push({ name: `${role} of another municipality`, opts: person(id, aad, `Annan ${role}`, OTHER_TENANT, `a:other-${role}`) });
  }
  const intruders: Intruder[] = [
    { name: 'another principal of the municipality', opts: person(otherPrincipal.id, otherPrincipal.aad, 'Pia Annan', PLAYGROUND_TENANT_ID, 'a:pia') },
    ...(['handler', 'head', 'admin'] as const).map((role) => ({
      name: `${role} of the municipality`,
      opts: person(staff(role).id, staff(role).aadObjectId, staff(role).displayName, PLAYGROUND_TENANT_ID, `a:nora-${role}`),
      draftsOnly: true,
    })),
    ...foreign,
    { name: 'a stranger in the tenant', opts: person(randomUUID(), randomUUID(), 'Okänd', PLAYGROUND_TENANT_ID, 'a:stranger') },
  ];

  // The owner's case and open draft.
  const submittedSummary = await walkToSummary(harness, files, await newDraft(harness), application());
  await press(harness, submittedSummary, 'app.submit', { 'signature.confirmed': 'true' });
  const [kase] = await repos.cases.listForPrincipal(owner.id);
  const summary = await walkToSummary(harness, files, await newDraft(harness), application());
  const draftId = String(action(summary, 'app.submit').data.draftId);
  const record = await repos.snapshots.load(draftId);
  const draft = (record!.snapshot as { context: { draft: TApplicationDraft } }).context.draft;

  const dumpOwner = async () => {
    // One statement (it runs after every request of the matrix and the fuzz).
    const drafts = `SELECT id FROM machine_snapshots WHERE person_id = $1`;
    const cases = `SELECT id FROM cases WHERE principal_id = $1`;
    const rows = (sql: string) => `(SELECT coalesce(json_agg(t ORDER BY t.id), '[]'::json) FROM (${sql}) t)`;
    const { rows: [dump] } = await db.pool.query(
      `SELECT json_build_array(
        ${rows(`SELECT id, status::text AS status, version, snapshot, case_id, label FROM machine_snapshots WHERE person_id = $1`)},
        ${rows(`SELECT id, kind, draft_id, case_id, name FROM attachments WHERE draft_id IN (${drafts}) OR case_id IN (${cases})`)},
        ${rows(`SELECT * FROM cases WHERE principal_id = $1`)},
        ${rows(`SELECT id, version, data FROM application_versions WHERE case_id IN (${cases})`)},
        ${rows(`SELECT * FROM assessments WHERE case_id IN (${cases})`)},
        ${rows(`SELECT * FROM decisions WHERE case_id IN (${cases})`)},
        ${rows(`SELECT * FROM completion_requests WHERE case_id IN (${cases})`)}
      )::text AS dump`,
      [owner.id],
    );
    return String(dump.dump);
  };

  return {
    db,
    harness,
    caseId: kase!.id,
    caseAttachmentId: (await repos.attachments.listForCase(kase!.id))[0]!.id,
    draftId,
    draftAttachmentIds: (draft.attachments ?? []).map((a) => a.id),
    measureIds: (draft.measures ?? []).map((m) => m.id),
    intruders,
    dumpOwner,
    close: world.close,
  };
}
