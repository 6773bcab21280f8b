// The CSV import itself: the same plan as the preview, written in one transaction only when
// every row is valid (otherwise nothing is written and the row errors come back). Each unit and
// person is audited as if added by hand, and the import as a whole as import.applied.
import type { RoleGrant } from '../../domain/ports';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { planImport } from './csv-import';
import type { ImportPreview } from './preview-import';
import { asAdmin, invalid, ok, type AdminResult } from './result';

export function applyImport(deps: AppDeps, actor: Actor, csv: string): Promise<AdminResult<ImportPreview>> {
  return asAdmin(actor, async () => {
    const { newUnits, principals, ...preview } = await planImport(deps, actor, csv);
    if (!preview.valid) {
      return invalid(
        preview.errors.map((e) => ({ field: `rad ${e.line}${e.column ? `.${e.column}` : ''}`, message: `Rad ${e.line}: ${e.message}` })),
        'Filen har fel, så inget är importerat. Rätta raderna och försök igen.',
      );
    }
    const by = actor.person.id;
    const municipalityId = actor.municipality.id;
    await deps.repos.transaction(async (repos) => {
      const unitIds = new Map((await repos.units.listForMunicipality(municipalityId)).map((u) => [u.name.toLowerCase(), u.id] as const));
      for (const { line: _line, ...unit } of newUnits) unitIds.set(unit.name.toLowerCase(), (await repos.units.create(municipalityId, unit, by)).id);
      for (const p of principals) {
        const person = p.existingId
          ? await repos.people.get(p.existingId)
          : await repos.people.register({ municipalityId, tenantId: actor.municipality.tenantId, email: p.email, displayName: p.displayName }, by).then((x) => repos.people.get(x.id));
        if (!person) throw new Error(`person ${p.email} vanished during the import`);
        const grants: RoleGrant[] = [...person.roles, ...p.unitNames.map((n) => ({ role: 'principal' as const, unitId: unitIds.get(n.toLowerCase()) ?? null }))];
        await repos.people.setRoles(person.id, grants, by);
      }
      await repos.audit.append({ municipalityId, actorId: by, action: 'import.applied', subjectType: 'municipality', subjectId: municipalityId, details: preview.counts });
    });
    return ok(preview);
  });
}
