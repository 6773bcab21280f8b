// "Öppna ansökan": the whole application, with what changed since the last version, in the
// reader's own chat.
import { caseDetailCard } from '../../cards';
import type { Actor } from '../actor';
import type { AppDeps, Reply, TurnPlace } from '../deps';
import { detailViewModel } from '../views/case-view';
import { privately, withCase } from './access';
import { overdueCompletion, overdueNotice } from './completion-overdue';
import { mayPerform } from '../../domain/case-roles';
import { caseActor } from '../actor';

export function viewCase(deps: AppDeps, actor: Actor, caseId: string, place: TurnPlace): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.view', async (bundle) => {
    const vm = detailViewModel(bundle, actor);
    // The reply to a completion is late: said on the case, and the head may decide on what was submitted.
    const overdue = overdueCompletion(bundle, deps.clock.now());
    if (overdue) {
      vm.notice = { text: overdueNotice(overdue.replyBy), style: 'warning' };
      vm.allowed = { ...vm.allowed, decide: mayPerform('case.decide', caseActor(actor), bundle.kase).ok };
    }
    return privately(deps, actor, place, caseDetailCard(vm));
  });
}
