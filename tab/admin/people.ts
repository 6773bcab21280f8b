// People and their roles: list, register by e-mail/UPN, edit. A person registered by e-mail is
// "not yet recognised" until they first write to the bot or open the tab.
import { listPeople } from '../../app/admin/list-people';
import { registerPerson } from '../../app/admin/register-person';
import type { PersonRow } from '../../app/admin/shared';
import { updatePerson } from '../../app/admin/update-person';
import { ZPersonInput } from '../../domain/admin';
import type { Repositories } from '../../domain/ports';
import { ROLE_LABELS } from '../../domain/wording';
import type { Actor } from '../../app/actor';
import { ROLE_CHOICES } from './choices';
import { respond } from './respond';
import { route } from './route';

async function unitNames(repos: Repositories, actor: Actor): Promise<Map<string, string>> {
  return new Map((await repos.units.listForMunicipality(actor.municipality.id)).map((u) => [u.id, u.name]));
}

function personView(p: PersonRow, units: Map<string, string>) {
  return {
    ...p,
    rolesText: p.roles.map((r) => (r.unitId ? `${ROLE_LABELS[r.role]} (${units.get(r.unitId) ?? 'okänd enhet'})` : ROLE_LABELS[r.role])).join(', '),
  };
}

const withUnits = (repos: Repositories, actor: Actor) => async (p: PersonRow) => personView(p, await unitNames(repos, actor));

export const PEOPLE_ROUTES = [
  route({
    method: 'GET',
    path: '/tab/api/admin/people',
    run: async ({ deps, actor }) => {
      const units = await unitNames(deps.repos, actor);
      // Inactive units too: a person may still hold one, and the form shows what they hold.
      const all = await deps.repos.units.listForMunicipality(actor.municipality.id);
      return respond(listPeople(deps, actor), (rows) => ({
        people: rows.map((p) => personView(p, units)),
        choices: { roles: ROLE_CHOICES, units: all.map((u) => ({ value: u.id, text: (u.active ?? true) ? u.name : `${u.name} (inaktiv)` })) },
      }));
    },
  }),
  route({ method: 'POST', path: '/tab/api/admin/people', body: ZPersonInput, run: ({ deps, actor, body }) => respond(registerPerson(deps, actor, body), withUnits(deps.repos, actor)) }),
  route({
    method: 'PUT',
    path: '/tab/api/admin/people/:id',
    body: ZPersonInput,
    run: ({ deps, actor, params, body }) => respond(updatePerson(deps, actor, params.id!, body), withUnits(deps.repos, actor)),
  }),
];
