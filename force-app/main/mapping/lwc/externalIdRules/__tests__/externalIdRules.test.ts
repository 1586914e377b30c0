import {
  MAX_NESTING,
  MAX_RULE_LENGTH,
  ORGANIZATION_FIELDS,
  RULE_FUNCTIONS,
  USER_FIELDS,
  evaluateRule,
  isBlankRuleValue,
  isMissing,
  parseRule,
  trimRuleValue,
} from 'c/externalIdRules';
import type { CompiledRule, RuleUser } from 'c/externalIdRules';
import vectors from './data/ruleVectors.json';

/** CPU time of this process in ms (user + system), to time code independently of other processes. */
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

interface VectorCase {
  name: string;
  rule: string;
  user?: Record<string, string | null>;
  organization?: Record<string, string>;
  customFields?: string[];
  expect: {
    value?: string;
    missing?: string;
    errors?: { code: string; start: number; end: number; message: string }[];
  };
}

const cases = vectors.cases as VectorCase[];
const ORG = vectors.defaults.organization;
const USER = vectors.defaults.user as Record<string, string | null>;

function compile(rule: string, customFields?: string[]): CompiledRule {
  const parsed = parseRule(rule, { customFields });
  if (!parsed.compiled) throw new Error(`${rule}: ${JSON.stringify(parsed.errors)}`);
  return parsed.compiled;
}

describe('shared rule vectors (also run by the Apex implementation)', () => {
  it('use the exported list of known user fields', () => {
    expect(vectors.defaults.knownFields).toEqual(USER_FIELDS);
  });

  it('have unique names and one expectation each', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    for (const c of cases) expect(Object.keys(c.expect)).toHaveLength(1);
  });

  const evaluate = (c: VectorCase) => {
    const parsed = parseRule(c.rule, { knownFields: vectors.defaults.knownFields, customFields: c.customFields });
    expect(parsed.errors).toEqual([]);
    return evaluateRule(parsed.compiled as CompiledRule, { ...USER, ...c.user }, c.organization ?? ORG);
  };
  const named = (list: VectorCase[]) => list.map((c) => [c.name, c] as const);

  it.each(named(cases.filter((c) => c.expect.value !== undefined)))('value: %s', (_name, c) => {
    expect(evaluate(c)).toBe(c.expect.value);
  });

  it.each(named(cases.filter((c) => c.expect.missing !== undefined)))('missing: %s', (_name, c) => {
    expect(evaluate(c)).toEqual({ missing: true, reason: c.expect.missing, mergeField: expect.any(String) });
  });

  it.each(named(cases.filter((c) => c.expect.errors !== undefined)))('errors: %s', (_name, c) => {
    const parsed = parseRule(c.rule, { knownFields: vectors.defaults.knownFields, customFields: c.customFields });
    expect(parsed.ok).toBe(false);
    expect(parsed.compiled).toBeNull();
    expect(parsed.errors.map(({ code, start, end, message }) => ({ code, start, end, message }))).toEqual(
      c.expect.errors,
    );
  });

  it('cover every error code', () => {
    const codes = new Set(cases.flatMap((c) => (c.expect.errors ?? []).map((e) => e.code)));
    expect([...codes].sort()).toEqual(
      [
        'RULE_EMPTY',
        'RULE_TOO_LONG',
        'NO_MERGE_FIELD',
        'UNCLOSED_MERGE_FIELD',
        'EMPTY_MERGE_FIELD',
        'UNKNOWN_FIELD',
        'UNKNOWN_FUNCTION',
        'FUNCTION_NEEDS_ARGUMENT',
        'UNKNOWN_GLOBAL',
        'UNKNOWN_ORGANIZATION_FIELD',
        'RELATIONSHIP_FIELD',
        'EXPECTED_VALUE',
        'EXPECTED_CLOSING_PARENTHESIS',
        'UNEXPECTED_TOKEN',
        'TOO_DEEP',
      ].sort(),
    );
  });

  it('cover every function', () => {
    for (const fn of RULE_FUNCTIONS) expect(cases.some((c) => c.rule.includes(`${fn}(`))).toBe(true);
  });
});

describe('parseRule', () => {
  it('lists the fields, org fields and functions a rule uses, once each, in order', () => {
    const parsed = parseRule('{!lower(beforeAt(Email))}-{!lower(Alias|email)}@{!$Organization.Id}@{!$User.Id}');
    expect(parsed).toMatchObject({
      ok: true,
      errors: [],
      warnings: [],
      fields: ['Email', 'Alias', 'Id'],
      organizationFields: ['Id'],
      functions: ['beforeAt', 'lower'],
    });
  });

  it('returns a compiled rule that is plain data', () => {
    const { compiled } = parseRule('id:{!Alias|Email}');
    expect(compiled).toEqual({
      source: 'id:{!Alias|Email}',
      nodes: [
        { kind: 'text', text: 'id:' },
        {
          kind: 'mergeField',
          source: '{!Alias|Email}',
          expression: {
            kind: 'fallback',
            options: [
              { kind: 'field', field: 'Alias' },
              { kind: 'field', field: 'Email' },
            ],
          },
        },
      ],
      fields: ['Alias', 'Email'],
      organizationFields: [],
    });
    expect(JSON.parse(JSON.stringify(compiled))).toEqual(compiled);
  });

  it('joins text around escapes into one text node', () => {
    expect(parseRule('a\\{b{!Alias}').compiled?.nodes[0]).toEqual({ kind: 'text', text: 'a{b' });
  });

  it('still lists the valid fields of a rule with errors, and gives no compiled rule', () => {
    const parsed = parseRule('{!Alias}@{!Emial}');
    expect(parsed.ok).toBe(false);
    expect(parsed.fields).toEqual(['Alias']);
    expect(parsed.compiled).toBeNull();
    expect(parsed.errors[0].suggestion).toBe('Email');
  });

  it('gives a suggestion for misspelt functions and parentheses', () => {
    expect(parseRule('{!uper(Alias)}').errors[0]).toMatchObject({ code: 'UNKNOWN_FUNCTION', suggestion: 'upper' });
    expect(parseRule('{!trim(Alias}').errors[0]).toMatchObject({
      code: 'EXPECTED_CLOSING_PARENTHESIS',
      suggestion: ')',
    });
    expect(parseRule('{!Foo}').errors[0].suggestion).toBeUndefined();
  });

  it('accepts custom fields on top of the defaults, and a replacement list of known fields', () => {
    expect(parseRule('{!Agent_Id__c}', { customFields: ['Agent_Id__c'] }).ok).toBe(true);
    expect(parseRule('{!Email}', { knownFields: ['Username'] }).errors[0]).toMatchObject({ code: 'UNKNOWN_FIELD' });
    expect(parseRule('{!Username}', { knownFields: ['Username', 'username'] }).fields).toEqual(['Username']);
  });

  it('warns about text in braces without "!", which is copied as text', () => {
    const parsed = parseRule('{Alias}@{!Id} \\{Email}');
    expect(parsed.ok).toBe(true);
    expect(parsed.warnings).toEqual([
      {
        start: 0,
        end: 7,
        code: 'LITERAL_BRACE',
        message: '{Alias} is copied as text. Did you mean {!Alias}?',
        suggestion: '{!Alias}',
      },
    ]);
    expect(parseRule('{ x }{!Id}').warnings).toEqual([]);
  });

  it('publishes its limits and vocabularies', () => {
    expect(MAX_RULE_LENGTH).toBe(1000);
    expect(MAX_NESTING).toBe(10);
    expect(ORGANIZATION_FIELDS).toEqual(['Id']);
    expect(RULE_FUNCTIONS).toEqual(['lower', 'upper', 'trim', 'beforeAt', 'afterAt', 'id15', 'id18']);
    expect(USER_FIELDS).toEqual(expect.arrayContaining(['Id', 'Username', 'Email', 'Alias', 'FederationIdentifier']));
  });
});

describe('evaluateRule', () => {
  it('reads values that are not text: numbers and booleans as text, objects as empty', () => {
    const rule = compile('{!EmployeeNumber}/{!Title}|{!Department|Alias}');
    expect(evaluateRule(rule, { EmployeeNumber: 42, Title: true, Department: { x: 1 }, Alias: 'a' }, {})).toBe(
      '42/true|a',
    );
    expect(evaluateRule(compile('{!EmployeeNumber}'), { EmployeeNumber: BigInt(7) }, {})).toBe('7');
  });

  it('reads a field whose record key differs in case', () => {
    expect(evaluateRule(compile('{!FederationIdentifier}'), { federationidentifier: 'x' }, {})).toBe('x');
    expect(evaluateRule(compile('{!$Organization.Id}'), {}, { id: '00D' })).toBe('00D');
  });

  it('reports a missing value with the merge field, and says so through isMissing', () => {
    const result = evaluateRule(compile('a{!Alias}'), {});
    expect(result).toEqual({ missing: true, reason: '{!Alias} is empty', mergeField: '{!Alias}' });
    expect(isMissing(result)).toBe(true);
    expect(isMissing('x')).toBe(false);
  });

  it('returns a fresh missing object each time', () => {
    const rule = compile('{!Alias}');
    const first = evaluateRule(rule, {});
    expect(first).not.toBe(evaluateRule(rule, {}));
  });

  it('evaluates a compiled rule that went through JSON (e.g. component state)', () => {
    const copy = JSON.parse(JSON.stringify(compile('{!lower(Alias)}'))) as CompiledRule;
    expect(evaluateRule(copy, { Alias: 'AB' })).toBe('ab');
  });

  it('evaluates the SSO form for 60,000 users in well under a second', () => {
    const rule = compile('{!Alias}@{!Id}@{!$Organization.Id}');
    const fallback = compile('{!lower(beforeAt(FederationIdentifier|Email|Username))}');
    const users: RuleUser[] = Array.from({ length: 60000 }, (_, i) => ({
      Id: `005xx00000${String(i).padStart(5, '0')}AAA`,
      Alias: `a${i}`,
      FederationIdentifier: i % 3 === 0 ? null : `Fed${i}@idp.example.com`,
      Email: `User${i}@Example.com`,
      Username: `user${i}@example.com`,
    }));
    // CPU time of the best of 2 runs: work of other processes on the shared machine does not count.
    let elapsed = Number.POSITIVE_INFINITY;
    let missing = 0;
    for (let run = 0; run < 2; run++) {
      const started = cpuMs();
      missing = 0;
      for (const user of users) {
        if (isMissing(evaluateRule(rule, user, ORG))) missing++;
        if (isMissing(evaluateRule(fallback, user, ORG))) missing++;
      }
      elapsed = Math.min(elapsed, cpuMs() - started);
    }
    // Printed for the benchmark notes; the bound is generous for a shared 2-core machine.
    console.info(`externalIdRules: 2 rules x 60,000 users evaluated in ${elapsed.toFixed(1)} ms of CPU`);
    expect(missing).toBe(0);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('trimRuleValue and isBlankRuleValue', () => {
  it('trim characters up to U+0020 only', () => {
    expect(trimRuleValue(' \t\r\n x y \u0001')).toBe('x y');
    expect(trimRuleValue('\u00a0x\u00a0')).toBe('\u00a0x\u00a0');
    expect(trimRuleValue('x')).toBe('x');
    expect(trimRuleValue('   ')).toBe('');
  });

  it('treat empty and whitespace-only values as blank, a non-breaking space as a value', () => {
    expect(isBlankRuleValue('')).toBe(true);
    expect(isBlankRuleValue(' \t\n')).toBe(true);
    expect(isBlankRuleValue('\u00a0')).toBe(false);
  });
});
