// "Öppna ansökan": the whole application, with what changed since the last version, in the
// reader's own chat.
import { caseDetailCard } from '../../cards';
import type { Actor } from '../actor';
import type { AppDeps, Reply, TurnPlace } from '../deps';
import { detailViewModel } from '../views/case-view';
import { privately, withCase } from './access';

export function viewCase(deps: AppDeps, actor: Actor, caseId: string, place: TurnPlace): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.view', async (bundle) => privately(deps, actor, place, caseDetailCard(detailViewModel(bundle, actor))));
}
