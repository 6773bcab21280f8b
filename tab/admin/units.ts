// Units: list, create, edit, deactivate (there is no delete; a unit with cases keeps them).
import { z } from 'zod';
import { createUnit } from '../../app/admin/create-unit';
import { listUnits } from '../../app/admin/list-units';
import { setUnitActive } from '../../app/admin/set-unit-active';
import type { UnitRow } from '../../app/admin/shared';
import { updateUnit } from '../../app/admin/update-unit';
import { ZUnitInput } from '../../domain/admin';
import { SCHOOL_FORM_LABELS, UNIT_KIND_LABELS, capitalize } from '../../domain/wording';
import { SCHOOL_FORM_CHOICES, UNIT_KIND_CHOICES } from './choices';
import { respond } from './respond';
import { route } from './route';

export function unitView(u: UnitRow) {
  return {
    id: u.id,
    name: u.name,
    kind: u.kind,
    kindText: capitalize(UNIT_KIND_LABELS[u.kind]),
    huvudman: u.huvudman,
    huvudmanOrgNumber: u.huvudmanOrgNumber,
    schoolForms: u.schoolForms,
    schoolFormsText: u.schoolForms.map((f) => SCHOOL_FORM_LABELS[f]).join(', '),
    active: u.active,
    caseCount: u.caseCount,
  };
}

const ZActive = z.object({ active: z.boolean({ error: 'Ange om enheten ska vara aktiv.' }) });

export const UNIT_ROUTES = [
  route({
    method: 'GET',
    path: '/tab/api/admin/units',
    run: ({ deps, actor }) =>
      respond(listUnits(deps, actor), (rows) => ({
        units: [...rows].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'sv')).map(unitView),
        choices: { kinds: UNIT_KIND_CHOICES, schoolForms: SCHOOL_FORM_CHOICES },
      })),
  }),
  route({ method: 'POST', path: '/tab/api/admin/units', body: ZUnitInput, run: ({ deps, actor, body }) => respond(createUnit(deps, actor, body), unitView) }),
  route({ method: 'PUT', path: '/tab/api/admin/units/:id', body: ZUnitInput, run: ({ deps, actor, params, body }) => respond(updateUnit(deps, actor, params.id!, body), unitView) }),
  route({ method: 'POST', path: '/tab/api/admin/units/:id/active', body: ZActive, run: ({ deps, actor, params, body }) => respond(setUnitActive(deps, actor, params.id!, body.active), unitView) }),
];
