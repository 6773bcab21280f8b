// Demo data: Nora kommun, two units and one person per role. Idempotent (upserts by fixed
// ids), so `npm run db:seed` can run on every start of a development setup.
// The people are the Microsoft 365 Agents Playground's default users (its built-in config),
// so chatting in the playground as its current user, Alex Wilber, is chatting as the principal.
import { createHash } from 'node:crypto';
import { noraProfile } from '../domain/profile';
import type { Role } from '../domain/ports';
import type { TUnitKind } from '../domain/vocabulary';
import type { TSchoolForm } from '../domain/schemas';
import type { PrismaClient } from './generated/client';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

// The Agents Playground's default tenant id (it is not a valid UUID; ids are stored as text).
export const PLAYGROUND_TENANT_ID = '00000000-0000-0000-0000-0000000000001';
// The playground's team, from its built-in config: the General channel's id is the team's id.
// The demo makes it Elevhälsan's team, so a submitted case shows up there at once.
export const PLAYGROUND_TEAM = { teamId: 'team-id', channelId: 'team-id', name: 'Elevhälsan' } as const;
export const PLAYGROUND_BOT = { id: '00000000-0000-0000-0000-00000000000011', name: 'Tilläggsbot' } as const;
export const PLAYGROUND_PORT = 56150;
// Where the playground takes the bot's messages (its mock of the Bot Connector service).
export const playgroundServiceUrl = (port: number) => `http://localhost:${port}/_connector`;

export const DEMO_IDS = {
  municipality: noraProfile.id,
  units: {
    jarnboas: '5a1c3e0e-0001-4000-8000-000000000001',
    naktergalen: '5a1c3e0e-0001-4000-8000-000000000002',
  },
  people: {
    principal: '5a1c3e0e-0002-4000-8000-000000000001',
    handler: '5a1c3e0e-0002-4000-8000-000000000002',
    head: '5a1c3e0e-0002-4000-8000-000000000003',
    admin: '5a1c3e0e-0002-4000-8000-000000000004',
    // Drafters (the specialpedagog of each unit), who fill in applications for the principal.
    drafterJarnboas: '5a1c3e0e-0002-4000-8000-000000000005',
    drafterNaktergalen: '5a1c3e0e-0002-4000-8000-000000000006',
  },
} as const;

interface DemoUnit {
  id: string;
  name: string;
  kind: TUnitKind;
  huvudman: string;
  schoolForms: TSchoolForm[];
}

const UNITS: DemoUnit[] = [
  { id: DEMO_IDS.units.jarnboas, name: 'Järnboåsskolan', kind: 'kommunal', huvudman: 'Nora kommun', schoolForms: ['forskoleklass', 'grundskola', 'fritidshem'] },
  { id: DEMO_IDS.units.naktergalen, name: 'Friskolan Näktergalen', kind: 'fristaende', huvudman: 'Näktergalen AB', schoolForms: ['forskola', 'grundskola'] },
];

// Fictitious organisation numbers (Nora kommun's is the municipality's own form, 212000-xxxx).
const ORG_NUMBERS: Record<string, string> = {
  [DEMO_IDS.units.jarnboas]: '212000-1983',
  [DEMO_IDS.units.naktergalen]: '556123-4567',
};

interface DemoPerson {
  id: string;
  aadObjectId: string;
  displayName: string;
  email: string;
  role: Role;
  unitIds: string[];
}

// aadObjectIds and names from the playground's default config (currentUser, then users[0..2]).
export const DEMO_PEOPLE: DemoPerson[] = [
  { id: DEMO_IDS.people.principal, aadObjectId: '00000000-0000-0000-0000-0000000000020', displayName: 'Alex Wilber', email: 'alexw@example.com', role: 'principal', unitIds: [DEMO_IDS.units.jarnboas, DEMO_IDS.units.naktergalen] },
  { id: DEMO_IDS.people.handler, aadObjectId: '00000000-0000-0000-0000-0000000000021', displayName: 'Megan Bowen', email: 'meganb@example.com', role: 'handler', unitIds: [] },
  { id: DEMO_IDS.people.head, aadObjectId: '00000000-0000-0000-0000-0000000000022', displayName: 'Adele Vance', email: 'adelev@example.com', role: 'head', unitIds: [] },
  { id: DEMO_IDS.people.admin, aadObjectId: '00000000-0000-0000-0000-0000000000023', displayName: 'Isaiah Langer', email: 'isaiahl@example.com', role: 'admin', unitIds: [] },
  // The playground's next users (users[3..4]): one drafter at each demo unit.
  { id: DEMO_IDS.people.drafterJarnboas, aadObjectId: '00000000-0000-0000-0000-0000000000024', displayName: 'Patti Fernandez', email: 'pattif@example.com', role: 'drafter', unitIds: [DEMO_IDS.units.jarnboas] },
  { id: DEMO_IDS.people.drafterNaktergalen, aadObjectId: '00000000-0000-0000-0000-0000000000025', displayName: 'Lynne Robbins', email: 'lynner@example.com', role: 'drafter', unitIds: [DEMO_IDS.units.naktergalen] },
];

// A new user for `npm run dev -- --as new --email …` and the local Teams host's "Ny användare":
// somebody the database has never seen, as an administrator's colleague would be. Their Entra
// object id is made from the address, so the bot (the playground) and the tab (the host page) see
// the same person, and a restart keeps them bound.
export interface NewPlaygroundUser {
  aadObjectId: string;
  displayName: string;
  email: string;
}

export function newPlaygroundUser(email: string, displayName?: string): NewPlaygroundUser {
  const address = email.trim().toLowerCase();
  const h = createHash('sha256').update(`tillaggsbot-new-user:${address}`).digest('hex');
  const aadObjectId = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  const fallback = address
    .split('@')[0]!
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  return { aadObjectId, displayName: displayName?.trim() || fallback || address, email: address };
}

// Deterministic role-assignment ids, so re-seeding upserts instead of piling up rows.
function roleAssignmentId(personIndex: number, unitIndex: number): string {
  return `5a1c3e0e-0003-4000-8000-${String(personIndex * 100 + unitIndex).padStart(12, '0')}`;
}

export interface SeedOptions {
  tenantId?: string;
  // Make the Agents Playground's team channel Elevhälsan's channel (npm run dev), reached on
  // this port. Not for a real tenant: its teams are registered by installing the bot.
  playground?: { port: number };
}

export interface SeedResult {
  tenantId: string;
  municipalityId: string;
  unitIds: string[];
  people: { id: string; aadObjectId: string; displayName: string; role: Role }[];
}

export async function seedDemo(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedResult> {
  const tenantId = options.tenantId ?? nonEmpty(process.env.TEAMS_TENANT_ID) ?? PLAYGROUND_TENANT_ID;
  const municipalityId = DEMO_IDS.municipality;
  await prisma.$transaction(async (tx) => {
    // The profile is not overwritten on re-seed: an admin may have tuned it.
    await tx.municipality.upsert({
      where: { id: municipalityId },
      create: { id: municipalityId, name: noraProfile.name, tenantId, profile: noraProfile },
      update: { name: noraProfile.name, tenantId },
    });
    for (const unit of UNITS) {
      const { id, ...data } = unit;
      await tx.unit.upsert({ where: { id }, create: { id, municipalityId, ...data }, update: data });
    }
    // The huvudmän's organisation numbers, for the decision letters (kept apart from UNITS).
    for (const [id, orgNumber] of Object.entries(ORG_NUMBERS)) await tx.unit.update({ where: { id }, data: { huvudmanOrgNumber: orgNumber } });
    for (const [i, person] of DEMO_PEOPLE.entries()) {
      const data = { municipalityId, tenantId, aadObjectId: person.aadObjectId, displayName: person.displayName, email: person.email };
      await tx.person.upsert({ where: { id: person.id }, create: { id: person.id, ...data }, update: data });
      const grants = person.unitIds.length > 0 ? person.unitIds : [null];
      for (const [j, unitId] of grants.entries()) {
        const id = roleAssignmentId(i, j);
        await tx.roleAssignment.upsert({ where: { id }, create: { id, personId: person.id, role: person.role, unitId }, update: { personId: person.id, role: person.role, unitId } });
      }
    }
    if (options.playground) await registerPlaygroundChannel(tx, municipalityId, tenantId, options.playground.port);
  });
  return {
    tenantId,
    municipalityId,
    unitIds: UNITS.map((u) => u.id),
    people: DEMO_PEOPLE.map(({ id, aadObjectId, displayName, role }) => ({ id, aadObjectId, displayName, role })),
  };
}

// What installing the bot in the team would store (bot/elevhalsa-channel.ts), done ahead so the
// first case reaches the channel without that step. The reference is refreshed on every start
// (the port may differ); an Elevhälsa channel an admin has chosen since is left as it is.
async function registerPlaygroundChannel(tx: Tx, municipalityId: string, tenantId: string, port: number): Promise<void> {
  const { teamId, channelId } = PLAYGROUND_TEAM;
  const serviceUrl = playgroundServiceUrl(port);
  const reference = { channelId: 'msteams', serviceUrl, conversationId: channelId, conversationType: 'channel', tenantId, bot: { ...PLAYGROUND_BOT } };
  const data = { tenantId, kind: 'channel' as const, teamId, channelId, serviceUrl, reference, personId: null };
  await tx.conversationReference.upsert({ where: { conversationId: channelId }, create: { conversationId: channelId, ...data }, update: data });
  await tx.municipality.updateMany({ where: { id: municipalityId, elevhalsaTeamId: null }, data: { elevhalsaTeamId: teamId, elevhalsaChannelId: channelId } });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value.trim() : undefined;
}
