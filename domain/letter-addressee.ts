// Whom a decision letter is addressed to. A fristående unit's letter goes to its huvudman (name
// and organisation number), who may appeal, as well as to the principal; a kommunal unit's to the
// principal. Kept apart from the letter's body so it is inserted at one place.
import type { UnitKind } from './ports';

export interface LetterAddressee {
  principalName: string;
  unitName: string;
  unitKind: UnitKind;
  huvudman: string;
  orgNumber?: string | null;
}

export function addresseeLines(a: LetterAddressee): string[] {
  const principal = `Rektor ${a.principalName}, ${a.unitName}`;
  if (a.unitKind !== 'fristaende') return [`Till: ${principal}`];
  const org = a.orgNumber ? ` (organisationsnummer ${a.orgNumber})` : '';
  return [`Till: ${a.huvudman}${org}, huvudman för ${a.unitName}`, `och ${principal.charAt(0).toLowerCase()}${principal.slice(1)}`];
}
