// One card per dialog step; the frame adds progress, errors and the navigation buttons.
import type { ApplicationStep } from '../machines/application.steps';
import type { AdaptiveCard } from './types';
import type { StepViewModel } from './view-models';
import { stepFrame, type StepContent } from './steps/frame';
import { unitTermStep } from './steps/unit-term';
import { pupilStep } from './steps/pupil';
import { placementStep } from './steps/placement';
import { needStep } from './steps/need';
import { mappingStep } from './steps/mapping';
import { assessmentStep } from './steps/assessment';
import { measuresStep } from './steps/measures';
import { effectStep } from './steps/effect';
import { attachmentsStep } from './steps/attachments';
import { summaryStep } from './steps/summary';

const BUILDERS: Record<ApplicationStep, (vm: StepViewModel) => StepContent> = {
  unitTerm: unitTermStep,
  pupil: pupilStep,
  placement: placementStep,
  need: needStep,
  mapping: mappingStep,
  assessment: assessmentStep,
  measures: measuresStep,
  effect: effectStep,
  attachments: attachmentsStep,
  summary: summaryStep,
};

export function stepCard(vm: StepViewModel): AdaptiveCard {
  return stepFrame(vm, BUILDERS[vm.step](vm));
}
