// An edited profile checked with the same zod schema the database reads it with; errors per
// field in Swedish. The id is the municipality's own, whatever the form sends.
import { validate, type Validated } from '../../domain/admin';
import { ZMunicipalityProfile, type TMunicipalityProfile } from '../../domain/profile';
import type { Actor } from '../actor';

export function checkProfile(actor: Actor, input: unknown): Validated<TMunicipalityProfile> {
  const candidate = input !== null && typeof input === 'object' && !Array.isArray(input) ? { ...(input as object), id: actor.municipality.profile.id } : input;
  return validate(ZMunicipalityProfile, candidate);
}
