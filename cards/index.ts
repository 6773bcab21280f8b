// The cards layer: pure functions from view models to Adaptive Card 1.5 JSON.
export type { AdaptiveCard, CardAction, CardAttachment, CardElement } from './types';
export type * from './view-models';
export { CARD_VERBS, VERB_DATA_KEYS, isCardVerb, type CardVerb, type VerbData } from './verbs';
export { execute, type ExecuteOptions } from './actions';
export { adaptiveCard, toAttachment } from './card';
export {
  ATTACHMENT_KIND_LABELS,
  COMPETENCE_LABELS,
  CRITERION_LABELS,
  MEASURE_TYPE_LABELS,
  SCHOOL_FORM_LABELS,
  UNIT_KIND_LABELS,
  termLabel,
} from './labels';
export { formatHours, formatKronor } from './format';
export { stepCard } from './step-card';
export { welcomeCard } from './welcome';
export { draftListCard } from './draft-list';
export { discardConfirmCard } from './discard-confirm';
export { problemsCard } from './problems';
export { receiptCard } from './receipt';
export { caseListCard } from './case-list';
export { messageCard } from './message';
