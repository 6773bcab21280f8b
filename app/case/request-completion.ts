// "Begär komplettering": Elevhälsan asks the principal for more; the case waits for the answer,
// and the request goes to the principal's chat through the job queue.
import { z } from 'zod';
import { completionFormCard, messageCard } from '../../cards';
import { defaultReplyBy } from '../../domain/completion';
import { localDate, termTitle } from '../../domain/terms';
import { APPLICATION_STEPS, type ApplicationStep } from '../../machines/application.steps';
import { caseActor, type Actor } from '../actor';
import type { AppDeps, Reply, TurnPlace } from '../deps';
import { QUEUES } from '../jobs/queue';
import { allowedFor } from '../views/case-view';
import { fieldErrors, privately, refreshChannelCard, withCase } from './access';
import type { CaseBundle } from './context';
import { transition } from './status';
import { storableText } from '../card-input';

const MAX_MESSAGE = 2000;

function completionForm(bundle: CaseBundle, errors: Record<string, string> = {}, values?: { message?: string; step?: ApplicationStep; replyBy?: string }, now: Date = new Date()) {
  const profile = bundle.municipality.profile;
  return completionFormCard({
    replyByDefault: defaultReplyBy(now, profile),
    today: localDate(now, profile.timeZone),
    caseId: bundle.kase.id,
    caseNumber: bundle.kase.caseNumber,
    unitName: bundle.unit.name,
    termLabel: termTitle(bundle.kase.term),
    errors,
    ...(values ? { values } : {}),
  });
}

const ZCompletion = z.object({
  'completion.message': z
    .string({ error: 'Skriv vad rektorn behöver komplettera.' })
    .transform(storableText)
    .pipe(z.string().trim()
    .min(1, 'Skriv vad rektorn behöver komplettera.')
    .max(MAX_MESSAGE, `Skriv högst ${MAX_MESSAGE} tecken.`)),
  'completion.step': z.enum(APPLICATION_STEPS, { error: 'Välj den del av ansökan som rektorn ska öppna.' }),
  'completion.replyBy': z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Välj ett datum från i dag och framåt.')
    .optional()
    .transform((v) => (v ? v : undefined)),
});

export async function requestCompletion(deps: AppDeps, actor: Actor, caseId: string, inputs: Record<string, unknown>): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.completion.request', async (bundle) => {
    const parsed = ZCompletion.safeParse(inputs);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      const message = typeof inputs['completion.message'] === 'string' ? inputs['completion.message'] : undefined;
      const step = APPLICATION_STEPS.find((s) => s === inputs['completion.step']);
      return completionForm(bundle, errors, { ...(message ? { message } : {}), ...(step ? { step } : {}) }, deps.clock.now());
    }
    const message = parsed.data['completion.message'];
    const now = deps.clock.now();
    const profile = bundle.municipality.profile;
    const replyBy = parsed.data['completion.replyBy'] ?? defaultReplyBy(now, profile);
    if (replyBy < localDate(now, profile.timeZone)) {
      return completionForm(bundle, { 'completion.replyBy': 'Välj ett datum från i dag och framåt.' }, { message, step: parsed.data['completion.step'], replyBy }, now);
    }
    const moved = await transition(deps.repos, bundle, { type: 'case.completion.request', by: caseActor(actor), message });
    if ('toast' in moved) return moved;
    const request = await deps.repos.completions.create({ caseId, message, step: parsed.data['completion.step'], requestedById: actor.person.id, requestedAt: now, replyBy });
    await deps.jobs?.enqueue(QUEUES.completion, { completionId: request.id });
    await refreshChannelCard(deps, caseId);
    return messageCard({
      title: 'Kompletteringen är begärd',
      text: `Rektorn får din fråga om ${bundle.kase.caseNumber} i sin chatt och kan komplettera direkt. Du ser ändringarna när ansökan kommer tillbaka.`,
      actions: [{ title: 'Visa kön', verb: 'cases.queue', data: {} }],
    });
  });
}

export function openCompletionForm(deps: AppDeps, actor: Actor, caseId: string, place: TurnPlace): Promise<Reply> {
  return withCase(deps, actor, caseId, 'case.completion.request', async (bundle) =>
    allowedFor(actor, bundle).requestCompletion ? privately(deps, actor, place, completionForm(bundle, {}, undefined, deps.clock.now())) : { toast: 'Ärendet väntar redan på komplettering eller är beslutat.' },
  );
}
