// The cards layer: pure functions from view models to Adaptive Card 1.5 JSON.
export type { AdaptiveCard, CardAction, CardAttachment, CardElement, CardRefresh } from './types';
export type * from './view-models';
export type * from './case-view-models';
export { CARD_VERBS, VERB_DATA_KEYS, isCardVerb, type CardVerb, type VerbData } from './verbs';
export { execute, cardRefresh, MAX_REFRESH_USERS, type ExecuteOptions } from './actions';
export { adaptiveCard, toAttachment } from './card';
export {
  ATTACHMENT_KIND_LABELS,
  COMPETENCE_LABELS,
  CRITERION_LABELS,
  DECISION_OUTCOME_CHOICES,
  DECISION_OUTCOME_LABELS,
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
export { caseChannelCard, DELIVERY_FAILED_TEXT } from './case-channel';
export { caseDetailCard } from './case-detail';
export { completionFormCard } from './completion-form';
export { completionRequestCard } from './completion-request';
export { assessmentReviewCard } from './assessment-review';
export { decisionFormCard } from './decision-form';
export { decisionCard } from './decision';
export { caseQueueCard } from './case-queue';
