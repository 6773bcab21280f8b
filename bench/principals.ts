// The simulated principals: each its own Teams user and personal conversation, seeded as a
// principal of the demo unit Järnboåsskolan next to the demo data, and each applying for its own
// pupil (a distinct, valid personnummer), so no two applications are the same.
import { luhnCheckDigit } from '../domain/personnummer';
import type { TApplicationDraft } from '../domain/schemas';
import type { PrismaClient } from '../prisma/generated/client';
import { DEMO_IDS, PLAYGROUND_TENANT_ID } from '../prisma/seed';
import { validApplication } from '../test/domain/fixtures';

export const MAX_PRINCIPALS = 800;

export type BenchPrincipal = {
  index: number;
  personId: string;
  aadObjectId: string;
  teamsUserId: string;
  conversationId: string;
  displayName: string;
  tenantId: string;
};

const pad = (n: number) => String(n).padStart(12, '0');

export function benchPrincipal(index: number): BenchPrincipal {
  return {
    index,
    personId: `5a1c3e0e-00b0-4000-8000-${pad(index)}`,
    aadObjectId: `00000000-0000-4000-b000-${pad(index)}`,
    teamsUserId: `29:bench-principal-${index}`,
    conversationId: `a:bench-personal-${index}`,
    displayName: `Bänkrektor ${index}`,
    tenantId: PLAYGROUND_TENANT_ID,
  };
}

/** Inserts principals 0..count-1 (idempotent). Call after seedDemo. */
export async function seedBenchPrincipals(prisma: PrismaClient, count: number): Promise<BenchPrincipal[]> {
  if (count > MAX_PRINCIPALS) throw new RangeError(`at most ${MAX_PRINCIPALS} principals`);
  const principals = Array.from({ length: count }, (_, i) => benchPrincipal(i));
  await prisma.person.createMany({
    data: principals.map((p) => ({
      id: p.personId,
      municipalityId: DEMO_IDS.municipality,
      tenantId: p.tenantId,
      aadObjectId: p.aadObjectId,
      displayName: p.displayName,
      email: `bench${p.index}@example.com`,
    })),
    skipDuplicates: true,
  });
  await prisma.roleAssignment.createMany({
    data: principals.map((p) => ({
      id: `5a1c3e0e-00b1-4000-8000-${pad(p.index)}`,
      personId: p.personId,
      role: 'principal' as const,
      unitId: DEMO_IDS.units.jarnboas,
    })),
    skipDuplicates: true,
  });
  return principals;
}

export const MAX_ROUNDS = 18;

/** Born in March 2015 (as in the fixture) on day 10 + round, serial 100 + index, with its Luhn digit. */
export function benchPersonnummer(index: number, round = 0): string {
  if (index >= MAX_PRINCIPALS || round >= MAX_ROUNDS) throw new RangeError('no personnummer for that principal or round');
  const serial = String(100 + index).padStart(3, '0');
  const yymmdd = `1503${String(10 + round).padStart(2, '0')}`;
  return `20${yymmdd}-${serial}${luhnCheckDigit(`${yymmdd}${serial}`)}`;
}

/** The fixture application, for the demo unit and a pupil of this principal's own per round. */
export function benchApplication(index: number, round = 0): TApplicationDraft {
  const app = validApplication();
  app.unit = { id: DEMO_IDS.units.jarnboas };
  app.pupil = { ...app.pupil, personnummer: benchPersonnummer(index, round) };
  return app;
}
