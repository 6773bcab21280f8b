// Why a submission was refused: every problem, grouped by the step that fixes it, with one
// button per step. Warnings do not block and are shown apart, in a softer voice.
import { APPLICATION_STEPS, type ApplicationStep } from '../machines/application.steps';
import type { AdaptiveCard, CardElement } from './types';
import type { ProblemItem, ProblemsViewModel } from './view-models';
import { actionSet, adaptiveCard, bullets, container, heading, text } from './card';
import { execute } from './actions';

function byStep(items: ProblemItem[]): Array<{ step: ApplicationStep; title: string; messages: string[] }> {
  return APPLICATION_STEPS.flatMap((step) => {
    const inStep = items.filter((p) => p.step === step);
    if (inStep.length === 0) return [];
    return [{ step, title: inStep[0]!.stepTitle, messages: inStep.map((p) => p.message) }];
  });
}

export function problemsCard(vm: ProblemsViewModel): AdaptiveCard {
  const { draftId } = vm;
  const n = vm.problems.length;
  const body: CardElement[] = [
    heading('Ansökan kan inte skickas in än', { color: 'attention' }),
    text(
      n === 1
        ? 'En sak behöver rättas. Tryck på knappen för att komma till rätt steg.'
        : `${n} saker behöver rättas. Tryck på knapparna för att komma till rätt steg.`,
    ),
  ];
  if (vm.followUps && vm.followUps.length > 0) {
    body.push(
      actionSet(
        vm.followUps.slice(0, 5).map((f) =>
          execute(`Lämna uppföljningen för ${f.caseNumber}`, 'followup.start', { caseId: f.caseId, term: f.term }, { style: 'positive', associatedInputs: 'none' }),
        ),
      ),
    );
  }
  const blockingSteps = new Set<ApplicationStep>();
  for (const group of byStep(vm.problems)) {
    blockingSteps.add(group.step);
    body.push(
      container(
        [
          text(group.title, { weight: 'bolder' }),
          ...bullets(group.messages),
          actionSet([execute(`Gå till ${group.title}`, 'step.goto', { draftId, step: group.step }, { associatedInputs: 'none' })]),
        ],
        { separator: true },
      ),
    );
  }

  const warnings = byStep(vm.warnings);
  if (warnings.length > 0) {
    body.push(text('Bra att veta', { weight: 'bolder', separator: true, spacing: 'large' }));
    for (const group of warnings) {
      const items: CardElement[] = [text(group.title, { isSubtle: true }), ...bullets(group.messages, { isSubtle: true })];
      if (!blockingSteps.has(group.step)) {
        items.push(actionSet([execute(`Gå till ${group.title}`, 'step.goto', { draftId, step: group.step }, { associatedInputs: 'none' })]));
      }
      body.push(container(items));
    }
  }
  return adaptiveCard(body);
}
