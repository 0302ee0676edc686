import { defaultRules } from '../analytics/rules/index.js';
import { RubricCriterion, type RubricCriterionInput } from '../../preload/contract/schemas/rubrics.js';

/**
 * The call-centre rubric the app ships. Greeting, disclosure, verification and closing are decided by
 * the local rule checks (deterministic, free, quotable); the judgement calls go to the model. Weights
 * add up to 100 so the weighted total reads as a percentage.
 */
const rule = (id: string) => {
  const r = defaultRules.find((x) => x.criterionId === id);
  if (!r) throw new Error(`default rubric: no rule for ${id}`);
  return r;
};

const inputs: RubricCriterionInput[] = [
  { id: 'greeting', section: 'Opening', type: 'yes_no', weight: 10, question: 'Did the agent greet the caller properly at the start of the call?', rule: rule('greeting') },
  {
    id: 'recording_disclosure', section: 'Compliance', type: 'yes_no', weight: 15, autoFail: true,
    question: 'Did the agent tell the caller the call is recorded or monitored?', rule: rule('recording_disclosure'),
  },
  {
    id: 'identity_verification', section: 'Compliance', type: 'yes_no', weight: 15,
    question: 'Did the agent verify the caller’s identity before discussing account details?', rule: rule('identity_verification'),
  },
  {
    id: 'empathy', section: 'Soft skills', type: 'scale_1_5', weight: 15,
    question: 'How well did the agent acknowledge the caller’s situation and feelings?',
    guidance: '1 = dismissive or cold; 3 = polite but generic; 5 = acknowledged the specific problem and its impact in their own words.',
  },
  {
    id: 'accurate_information', section: 'Resolution', type: 'scale_1_5', weight: 15, allowNa: true,
    question: 'Was the information the agent gave accurate, clear and complete?',
    guidance: 'N/A when the agent gave no information (e.g. the call was transferred at once).',
  },
  {
    id: 'resolution', section: 'Resolution', type: 'yes_no', weight: 15,
    question: 'Was the caller’s issue resolved, or a clear next step agreed, by the end of the call?',
  },
  { id: 'closing', section: 'Closing', type: 'yes_no', weight: 5, question: 'Did the agent close the call properly?', rule: rule('closing') },
  {
    id: 'professionalism', section: 'Soft skills', type: 'scale_1_5', weight: 10,
    question: 'How professional was the agent’s language and tone throughout?',
    guidance: '1 = rude, blaming or dismissive language; 5 = courteous and composed throughout.',
  },
];

export const DEFAULT_RUBRIC = {
  name: 'Standard call review',
  description: 'Greeting, recording disclosure, identity verification, empathy, accurate information, resolution, closing, professionalism.',
  criteria: inputs.map((c) => RubricCriterion.parse(c)),
};
