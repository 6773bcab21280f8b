// Shared test data for the repository tests: the demo seed plus builders for drafts and
// submissions.
import { noraProfile } from '../../domain/profile';
import type { Repositories, SubmitApplicationInput } from '../../domain/ports';
import type { PrismaClient } from '../../prisma/generated/client';
import { DEMO_IDS, seedDemo } from '../../prisma/seed';

export const ids = DEMO_IDS;

export async function seed(prisma: PrismaClient) {
  return seedDemo(prisma, { tenantId: 'tenant-test' });
}

// A second municipality, for what must be counted or listed per municipality.
export async function addMunicipality(prisma: PrismaClient, id: string) {
  await prisma.municipality.create({ data: { id, name: `${id} kommun`, tenantId: `tenant-${id}`, profile: { ...noraProfile, id, name: `${id} kommun` } } });
  const unit = await prisma.unit.create({ data: { municipalityId: id, name: `${id}skolan`, kind: 'kommunal', huvudman: `${id} kommun`, schoolForms: ['grundskola'] } });
  const principal = await prisma.person.create({ data: { municipalityId: id, tenantId: `tenant-${id}`, aadObjectId: `aad-${id}`, displayName: `Rektor ${id}` } });
  return { municipalityId: id, unitId: unit.id, principalId: principal.id };
}

export async function newDraft(repos: Repositories, personId: string = ids.people.principal) {
  return repos.snapshots.create({ machine: 'application', personId, label: 'Utkast', snapshot: { value: 'pupil', context: { draft: { term: 'HT2027' } } } });
}

export const sampleApplication = { term: 'HT2027', unit: { id: ids.units.jarnboas }, pupil: { protectedIdentity: true, schoolForm: 'grundskola' } };

export function submission(draftId: string, overrides: Partial<SubmitApplicationInput> = {}): SubmitApplicationInput {
  return {
    sourceDraftId: draftId,
    municipalityId: ids.municipality,
    unitId: ids.units.jarnboas,
    principalId: ids.people.principal,
    term: 'HT2027',
    schoolForm: 'grundskola',
    late: false,
    pupilRef: 'Elev J-7',
    application: sampleApplication,
    assessment: { ratings: { physical: { current: 3, desired: 2 } }, hoursCurrent: 8, hoursDesired: 3, amountPerMonth: 8267 },
    now: new Date('2027-03-10T09:00:00Z'),
    ...overrides,
  };
}
