/**
 * MappingRuleController in the preview: the same parser and evaluator as the LWCs (c/externalIdRules), which the
 * Apex ExternalIdRule mirrors (same codes, spans and messages; shared vectors in ExternalIdRuleVectors).
 */
import type { RuleCheck, RuleSample } from '@ccus/apex-contracts';
import type { UserRow as SampleUser } from '../sampleOrg.js';
import { AuraHandledError } from '../errors.js';
import {
  evaluateRule as evaluateCompiled,
  isMissing,
  parseRule,
  type CompiledRule,
} from '@ccus/lwc/externalIdRules/externalIdRules.js';
import { PREVIEW_LIMITS, type MappingStore } from './store.js';

/** The fields a rule can read of a sample user (FirstName/LastName split from Name; the others are empty). */
export function ruleRecord(user: SampleUser): Record<string, string | null> {
  const space = user.Name.indexOf(' ');
  const [first, last] = space < 0 ? ['', user.Name] : [user.Name.slice(0, space), user.Name.slice(space + 1)];
  return {
    Id: user.Id,
    Username: user.Username,
    Email: user.Email,
    Alias: user.Alias,
    FederationIdentifier: user.FederationIdentifier,
    FirstName: user.LanguageLocaleKey === 'ja' ? last : first,
    LastName: user.LanguageLocaleKey === 'ja' ? first : last,
    Name: user.Name,
    CommunityNickname: user.Alias,
  };
}

export function checkRule(rule: string): RuleCheck {
  const parsed = parseRule(rule ?? '');
  return {
    ok: parsed.ok,
    errors: parsed.errors.map((error) => ({
      code: error.code,
      startIndex: error.start,
      endIndex: error.end,
      message: error.message,
      suggestion: error.suggestion ?? null,
    })),
    fields: parsed.fields,
    organizationFields: parsed.organizationFields,
  };
}

/** Compiles a rule or throws the first error like MappingRuleService.compile. */
export function compileRule(rule: string | null | undefined, action: string): CompiledRule {
  const parsed = parseRule(rule ?? '');
  if (!parsed.compiled) {
    const first = parsed.errors[0];
    throw new AuraHandledError(`${action} failed: the rule is not valid${first ? `: ${first.message}` : ''}.`);
  }
  return parsed.compiled;
}

/** A rule's value for a user, as a run computes it. */
export function ruleValue(
  compiled: CompiledRule,
  user: SampleUser,
  organizationId: string,
): { value: string | null; missingReason: string | null } {
  const value = evaluateCompiled(compiled, ruleRecord(user), { Id: organizationId });
  return isMissing(value) ? { value: null, missingReason: value.reason } : { value, missingReason: null };
}

export function evaluateRule(store: MappingStore, rule: string, userIds: string[]): RuleSample[] {
  const action = 'Evaluating the rule';
  if ((userIds ?? []).length > PREVIEW_LIMITS.maxRuleSampleUsers) {
    throw new AuraHandledError(`${action} failed: send at most ${PREVIEW_LIMITS.maxRuleSampleUsers} users.`);
  }
  const compiled = compileRule(rule, action);
  return (userIds ?? []).map((userId) => {
    const user = store.user(userId);
    if (!user) return { userId, value: null, missingReason: 'The user does not exist or you cannot see it.' };
    const { value, missingReason } = ruleValue(compiled, user, store.org.organizationId);
    return { userId: user.Id, value, missingReason };
  });
}
