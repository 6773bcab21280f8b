// A second (third, …) municipality is data: a tenant id, a profile and a first administrator
// registered by e-mail, who is bound to their Entra object id when they first write to the bot
// and can then add units and people in the tab. Run by an operator from the command line
// (`npm run municipality:add`), so there is no acting person.
import { z } from 'zod';
import { fieldErrors, validate, ZEmail } from '../../domain/admin';
import { ZMunicipalityProfile } from '../../domain/profile';
import type { AppDeps } from '../deps';
import { conflict, invalid, ok, type AdminResult } from './result';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const ZNewMunicipality = z.object({
  tenantId: z.string().trim().regex(GUID, 'Tenant-id ska vara ett GUID (Entra-katalogens id).'),
  adminEmail: ZEmail,
  adminName: z.string().trim().min(1, 'Skriv administratörens namn.').max(200),
  // Defaults to the profile's own name.
  name: z.string().trim().min(1).max(200).optional(),
});

export interface NewMunicipality {
  municipalityId: string;
  name: string;
  tenantId: string;
  adminPersonId: string;
  profileVersion: number;
}

export async function addMunicipality(deps: AppDeps, input: unknown, profileInput: unknown): Promise<AdminResult<NewMunicipality>> {
  const checked = validate(ZNewMunicipality, input);
  const profile = ZMunicipalityProfile.safeParse(profileInput);
  const errors = [...(checked.ok ? [] : checked.errors), ...(profile.success ? [] : fieldErrors(profile.error).map((e) => ({ ...e, field: `profile.${e.field}` })))];
  if (!checked.ok || !profile.success) return invalid(errors, 'Kommunen kunde inte läggas upp.');
  const { tenantId, adminEmail, adminName } = checked.value;
  const name = checked.value.name ?? profile.data.name;
  if (await deps.repos.municipalities.byTenant(tenantId)) return conflict(`Tenanten ${tenantId} hör redan till en kommun.`);
  if (await deps.repos.municipalities.get(profile.data.id)) return conflict(`Det finns redan en kommun med id ${profile.data.id} (profilens id).`);
  const result = await deps.repos.transaction(async (repos) => {
    const municipality = await repos.municipalities.create({ id: profile.data.id, name, tenantId, profile: profile.data }, null);
    const admin = await repos.people.register({ municipalityId: municipality.id, tenantId, email: adminEmail, displayName: adminName }, null);
    await repos.people.setRoles(admin.id, [{ role: 'admin', unitId: null }], null);
    return { municipality, admin };
  });
  const version = await deps.repos.profileVersions.current(result.municipality.id);
  return ok({ municipalityId: result.municipality.id, name, tenantId, adminPersonId: result.admin.id, profileVersion: version?.version ?? 1 });
}
