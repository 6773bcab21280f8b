// The reply date of a request for completion: by when the principal should answer. After it,
// the case shows the reply as late and the head may decide on what was submitted (Nora's rules:
// "prövas endast utifrån inlämnat underlag"). Pure; dates are local YYYY-MM-DD.
import type { TMunicipalityProfile } from './profile';
import { addDays, localDate } from './terms';

export function defaultReplyBy(now: Date, profile: Pick<TMunicipalityProfile, 'completionReplyDays' | 'timeZone'>): string {
  return addDays(localDate(now, profile.timeZone), profile.completionReplyDays);
}

// Late once the reply date has passed (the reply date itself is still in time).
export function isReplyOverdue(replyBy: string | null | undefined, now: Date, timeZone: string): boolean {
  return !!replyBy && localDate(now, timeZone) > replyBy;
}
