import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import { RuleDefinition, type RuleDefinitionInput, type RuleResult } from '../../../preload/contract/schemas/rules.js';
import { checkDeadAir, checkPhraseAbsent, checkPhrasePresent, checkTalkRatio, checkVerificationBeforeAccount } from './checks.js';

export { defaultRules } from './defaults.js';
export { findPhrases, type PhraseMatch } from './phrase-match.js';

export function runRule(t: NormalizedTranscript, rule: RuleDefinition): RuleResult {
  switch (rule.kind) {
    case 'phrase_present':
      return checkPhrasePresent(t, rule);
    case 'phrase_absent':
      return checkPhraseAbsent(t, rule);
    case 'verification_before_account':
      return checkVerificationBeforeAccount(t, rule);
    case 'dead_air':
      return checkDeadAir(t, rule);
    case 'talk_ratio':
      return checkTalkRatio(t, rule);
  }
}

/** Validate (fill defaults) and run every rule; one result per rule, in order. */
export function runRules(t: NormalizedTranscript, rules: readonly (RuleDefinition | RuleDefinitionInput)[]): RuleResult[] {
  return rules.map((r) => runRule(t, RuleDefinition.parse(r)));
}
