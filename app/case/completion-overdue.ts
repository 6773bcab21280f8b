// Whether the case waits for a completion whose reply date has passed: then the case says the
// reply is late and the head may decide on what was submitted.
import { isReplyOverdue } from '../../domain/completion';
import { formatSwedishDate } from '../../domain/wording';
import type { CaseBundle } from './context';

export function overdueCompletion(bundle: CaseBundle, now: Date): { replyBy: string } | null {
  if (bundle.kase.status !== 'completion_requested') return null;
  const open = [...bundle.completions].reverse().find((c) => c.answeredVersion === null);
  const replyBy = open?.replyBy;
  return replyBy && isReplyOverdue(replyBy, now, bundle.municipality.profile.timeZone) ? { replyBy } : null;
}

export function overdueNotice(replyBy: string): string {
  return `Svaret på kompletteringen är försenat: rektorn skulle ha svarat senast ${formatSwedishDate(replyBy)}. Chefen för Elevhälsan kan fatta beslut utifrån inlämnat underlag.`;
}
