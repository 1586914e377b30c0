/**
 * The ExternalId rule language: a template over User fields and org values, e.g. `{!FederationIdentifier}`,
 * `{!lower(beforeAt(Email))}`, `{!FederationIdentifier|Email|Username}` or the Service Cloud Voice SSO form
 * `{!Alias}@{!Id}@{!$Organization.Id}`.
 *
 * The language is specified in docs/external-id-rules.md and implemented twice: here (checked as the admin writes a
 * rule, evaluated for the preview) and in Apex (generation over 50,000+ users). Both run the shared test vectors in
 * `__tests__/data/ruleVectors.json`; change the spec, the vectors and both implementations together.
 */
import { levenshtein } from 'c/textSuggestions';

/** User fields a rule can use by default (text fields present in every org). Custom fields are added by callers. */
export const USER_FIELDS: readonly string[] = [
  'Id',
  'Username',
  'Email',
  'Alias',
  'FederationIdentifier',
  'FirstName',
  'LastName',
  'Name',
  'CommunityNickname',
  'EmployeeNumber',
  'Extension',
  'Phone',
  'MobilePhone',
  'Title',
  'Department',
  'Division',
  'CompanyName',
];

/** Fields of `$Organization` a rule can use. */
export const ORGANIZATION_FIELDS: readonly string[] = ['Id'];

/** The functions of the language; each takes one value. */
export const RULE_FUNCTIONS: readonly string[] = ['lower', 'upper', 'trim', 'beforeAt', 'afterAt', 'id15', 'id18'];

/** Longest rule accepted, in characters. */
export const MAX_RULE_LENGTH = 1000;

/** Deepest nesting of function calls accepted. */
export const MAX_NESTING = 10;

/** Codes of the problems the parser reports (see docs/external-id-rules.md for each message). */
export type RuleErrorCode =
  | 'RULE_EMPTY'
  | 'RULE_TOO_LONG'
  | 'NO_MERGE_FIELD'
  | 'UNCLOSED_MERGE_FIELD'
  | 'EMPTY_MERGE_FIELD'
  | 'UNKNOWN_FIELD'
  | 'UNKNOWN_FUNCTION'
  | 'FUNCTION_NEEDS_ARGUMENT'
  | 'UNKNOWN_GLOBAL'
  | 'UNKNOWN_ORGANIZATION_FIELD'
  | 'RELATIONSHIP_FIELD'
  | 'EXPECTED_VALUE'
  | 'EXPECTED_CLOSING_PARENTHESIS'
  | 'UNEXPECTED_TOKEN'
  | 'TOO_DEEP';

/** Codes of warnings (reported as the admin writes; the Apex implementation need not report them). */
export type RuleWarningCode = 'LITERAL_BRACE';

/** A problem at characters [start, end) of the rule (0-based UTF-16 offsets, end exclusive). */
export interface RuleProblem<C extends string = RuleErrorCode> {
  start: number;
  end: number;
  code: C;
  message: string;
  /** Replacement for the text at [start, end), when one is likely (a field or function name, a character). */
  suggestion?: string;
}

/** A node of a compiled rule. */
export type RuleNode =
  { kind: 'text'; text: string } | { kind: 'mergeField'; source: string; expression: RuleExpression };

/** An expression inside a merge field. */
export type RuleExpression =
  | { kind: 'field'; field: string }
  | { kind: 'organization'; field: string }
  | { kind: 'call'; function: string; argument: RuleExpression }
  | { kind: 'fallback'; options: RuleExpression[] };

/** A rule without errors, ready to evaluate. Plain data: safe to keep in component state or serialise. */
export interface CompiledRule {
  readonly source: string;
  readonly nodes: readonly RuleNode[];
  /** User fields the rule reads (canonical names, in order of first use): select these for evaluation. */
  readonly fields: readonly string[];
  /** `$Organization` fields the rule reads. */
  readonly organizationFields: readonly string[];
}

/** Result of {@link parseRule}. */
export interface ParsedRule {
  ok: boolean;
  errors: RuleProblem[];
  warnings: RuleProblem<RuleWarningCode>[];
  /** User fields the rule reads (canonical names), also when it has errors. */
  fields: string[];
  organizationFields: string[];
  /** Functions the rule calls (canonical names). */
  functions: string[];
  /** The compiled rule; null when there are errors. */
  compiled: CompiledRule | null;
}

/** Options of {@link parseRule}. */
export interface ParseRuleOptions {
  /** User fields the rule may use; defaults to {@link USER_FIELDS}. Matched case-insensitively. */
  knownFields?: readonly string[];
  /** More fields (e.g. custom fields such as `Agent_Id__c`) on top of `knownFields`. */
  customFields?: readonly string[];
}

/** A value the rule could not produce for a user: which merge field was empty. */
export interface RuleMissing {
  missing: true;
  /** E.g. `{!FederationIdentifier|Email} is empty`. */
  reason: string;
  /** The merge field as written in the rule. */
  mergeField: string;
}

/** Result of {@link evaluateRule}: the ExternalId, or why there is none. */
export type RuleValue = string | RuleMissing;

/** A user record: field API names to values (only text-like values are used; others count as empty). */
export type RuleUser = Readonly<Record<string, unknown>>;

/** Org values available as `$Organization.<Field>`. */
export type RuleOrganization = Readonly<Record<string, unknown>>;

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers (also specified for Apex)

/** Removes leading and trailing characters with code ≤ U+0020 (Apex String.trim semantics). */
export function trimRuleValue(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) <= 32) start++;
  while (end > start && value.charCodeAt(end - 1) <= 32) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/** True when the value is empty after {@link trimRuleValue}. */
export function isBlankRuleValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 32) return false;
  return true;
}

const ID_SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ALPHANUMERIC = /^[A-Za-z0-9]+$/;

function id15(value: string): string {
  return value.length === 18 && ALPHANUMERIC.test(value) ? value.slice(0, 15) : value;
}

function id18(value: string): string {
  if (value.length !== 15 || !ALPHANUMERIC.test(value)) return value;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const code = value.charCodeAt(chunk * 5 + i);
      if (code >= 65 && code <= 90) bits |= 1 << i;
    }
    suffix += ID_SUFFIX_ALPHABET.charAt(bits);
  }
  return value + suffix;
}

function beforeAt(value: string): string {
  const at = value.indexOf('@');
  return at === -1 ? value : value.slice(0, at);
}

function afterAt(value: string): string {
  const at = value.indexOf('@');
  return at === -1 ? '' : value.slice(at + 1);
}

const FUNCTION_IMPLEMENTATIONS: Record<string, (value: string) => string> = {
  lower: (value) => value.toLowerCase(),
  upper: (value) => value.toUpperCase(),
  trim: trimRuleValue,
  beforeAt,
  afterAt,
  id15,
  id18,
};

/**
 * The closest candidate to a misspelt name: smallest case-insensitive Levenshtein distance, the earliest candidate on
 * a tie, and only when the distance is at most 2 and smaller than both lengths.
 */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.MAX_SAFE_INTEGER;
  for (const candidate of candidates) {
    const d = levenshtein(name, candidate);
    if (d < bestDistance && d <= 2 && d < candidate.length && d < name.length) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Parser

interface Token {
  type: 'ref' | '(' | ')' | '|' | 'other' | 'end';
  start: number;
  end: number;
  text: string;
  /** For 'ref': the dot-separated segments, the first one with its '$' if any. */
  segments?: string[];
}

const isWordChar = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** Splits the content of a merge field, [start, end) of the rule, into tokens. */
function tokenize(rule: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const code = rule.charCodeAt(i);
    if (code <= 32) {
      i++;
      continue;
    }
    const char = rule.charAt(i);
    if (char === '(' || char === ')' || char === '|') {
      tokens.push({ type: char, start: i, end: i + 1, text: char });
      i++;
      continue;
    }
    if (isWordChar(code) || (char === '$' && i + 1 < end && isWordChar(rule.charCodeAt(i + 1)))) {
      const tokenStart = i;
      const segments: string[] = [];
      let segmentStart = i;
      if (char === '$') i++;
      for (;;) {
        while (i < end && isWordChar(rule.charCodeAt(i))) i++;
        segments.push(rule.slice(segmentStart, i));
        if (i + 1 < end && rule.charAt(i) === '.' && isWordChar(rule.charCodeAt(i + 1))) {
          i++;
          segmentStart = i;
          continue;
        }
        break;
      }
      tokens.push({ type: 'ref', start: tokenStart, end: i, text: rule.slice(tokenStart, i), segments });
      continue;
    }
    tokens.push({ type: 'other', start: i, end: i + 1, text: char });
    i++;
  }
  tokens.push({ type: 'end', start: end, end: end + 1, text: '}' });
  return tokens;
}

class ParseError extends Error {
  constructor(readonly problem: RuleProblem) {
    super(problem.message);
  }
}

interface ParseContext {
  fieldsByLowerName: Map<string, string>;
  fieldList: readonly string[];
  fields: string[];
  organizationFields: string[];
  functions: string[];
}

const FUNCTIONS_BY_LOWER_NAME = new Map(RULE_FUNCTIONS.map((name) => [name.toLowerCase(), name]));
const ORGANIZATION_FIELDS_BY_LOWER_NAME = new Map(ORGANIZATION_FIELDS.map((name) => [name.toLowerCase(), name]));

const addOnce = (list: string[], value: string) => {
  if (!list.includes(value)) list.push(value);
};

/** Recursive-descent parser of one merge field's expression. */
class ExpressionParser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly context: ParseContext,
  ) {}

  parse(): RuleExpression {
    const expression = this.expression(0);
    const token = this.tokens[this.index];
    if (token.type !== 'end') {
      throw new ParseError({
        start: token.start,
        end: token.end,
        code: 'UNEXPECTED_TOKEN',
        message: `Unexpected "${token.text}": separate fallbacks with "|" and end the merge field with "}".`,
      });
    }
    return expression;
  }

  private expression(depth: number): RuleExpression {
    const options = [this.term(depth)];
    while (this.tokens[this.index].type === '|') {
      this.index++;
      options.push(this.term(depth));
    }
    return options.length === 1 ? options[0] : { kind: 'fallback', options };
  }

  private term(depth: number): RuleExpression {
    const token = this.tokens[this.index];
    // A value starts with a letter (a field or function name) or "$" (a global such as $Organization.Id).
    if (token.type !== 'ref' || !(token.text.startsWith('$') || isLetter(token.text.charCodeAt(0)))) {
      throw new ParseError({
        start: token.start,
        end: token.end,
        code: 'EXPECTED_VALUE',
        message: `Expected a field or function, found "${token.text}".`,
      });
    }
    this.index++;
    if (this.tokens[this.index].type === '(') return this.call(token, depth);
    return this.reference(token);
  }

  private call(name: Token, depth: number): RuleExpression {
    const fn =
      (name.segments as string[]).length === 1 ? FUNCTIONS_BY_LOWER_NAME.get(name.text.toLowerCase()) : undefined;
    if (!fn) {
      const suggestion = closest(name.text, RULE_FUNCTIONS);
      throw new ParseError({
        start: name.start,
        end: name.end,
        code: 'UNKNOWN_FUNCTION',
        message: suggestion
          ? `Unknown function "${name.text}". Did you mean "${suggestion}"?`
          : `Unknown function "${name.text}": use ${RULE_FUNCTIONS.slice(0, -1).join(', ')} or ${RULE_FUNCTIONS[RULE_FUNCTIONS.length - 1]}.`,
        ...(suggestion ? { suggestion } : {}),
      });
    }
    if (depth + 1 > MAX_NESTING) {
      throw new ParseError({
        start: name.start,
        end: name.end,
        code: 'TOO_DEEP',
        message: `Functions are nested more than ${MAX_NESTING} deep.`,
      });
    }
    this.index++; // (
    const argument = this.expression(depth + 1);
    const close = this.tokens[this.index];
    if (close.type !== ')') {
      throw new ParseError({
        start: close.start,
        end: close.end,
        code: 'EXPECTED_CLOSING_PARENTHESIS',
        message: `Expected ")" to close ${fn}(, found "${close.text}".`,
        suggestion: ')',
      });
    }
    this.index++;
    addOnce(this.context.functions, fn);
    return { kind: 'call', function: fn, argument };
  }

  private reference(token: Token): RuleExpression {
    const segments = token.segments as string[];
    const first = segments[0];
    if (first.startsWith('$')) {
      const global = first.toLowerCase();
      if (global === '$user' && segments.length === 2) {
        return this.userField(segments[1], token.end - segments[1].length, token.end);
      }
      if (global === '$organization' && segments.length === 2) {
        const field = ORGANIZATION_FIELDS_BY_LOWER_NAME.get(segments[1].toLowerCase());
        if (!field) {
          throw new ParseError({
            start: token.end - segments[1].length,
            end: token.end,
            code: 'UNKNOWN_ORGANIZATION_FIELD',
            message: `Unknown organization field "${segments[1]}": only $Organization.Id is available.`,
          });
        }
        addOnce(this.context.organizationFields, field);
        return { kind: 'organization', field };
      }
      if ((global === '$user' || global === '$organization') && segments.length > 2) {
        throw this.relationship(token);
      }
      throw new ParseError({
        start: token.start,
        end: token.end,
        code: 'UNKNOWN_GLOBAL',
        message: `Unknown "${token.text}": use $User.<Field> or $Organization.Id.`,
      });
    }
    if (segments.length > 1) throw this.relationship(token);
    return this.userField(first, token.start, token.end);
  }

  private relationship(token: Token): ParseError {
    return new ParseError({
      start: token.start,
      end: token.end,
      code: 'RELATIONSHIP_FIELD',
      message: `"${token.text}" is a field of a related record; only the user's own fields are available.`,
    });
  }

  private userField(name: string, start: number, end: number): RuleExpression {
    const field = this.context.fieldsByLowerName.get(name.toLowerCase());
    if (field) {
      addOnce(this.context.fields, field);
      return { kind: 'field', field };
    }
    const fn = FUNCTIONS_BY_LOWER_NAME.get(name.toLowerCase());
    if (fn) {
      throw new ParseError({
        start,
        end,
        code: 'FUNCTION_NEEDS_ARGUMENT',
        message: `${fn} is a function: write ${fn}(Field).`,
      });
    }
    const suggestion = closest(name, this.context.fieldList);
    throw new ParseError({
      start,
      end,
      code: 'UNKNOWN_FIELD',
      message: suggestion
        ? `Unknown field "${name}". Did you mean "${suggestion}"?`
        : `Unknown field "${name}": it is not a user field this rule can use.`,
      ...(suggestion ? { suggestion } : {}),
    });
  }
}

/** Reads literal text from `start` up to the next unescaped "{!" (or the end); returns the text and where it stopped. */
function readLiteral(rule: string, start: number, warnings: RuleProblem<RuleWarningCode>[]) {
  let text = '';
  let i = start;
  while (i < rule.length) {
    const char = rule.charAt(i);
    if (char === '\\' && i + 1 < rule.length && '{}\\'.includes(rule.charAt(i + 1))) {
      text += rule.charAt(i + 1);
      i += 2;
      continue;
    }
    if (char === '{') {
      if (rule.charAt(i + 1) === '!') break;
      const word = /^\{([A-Za-z][A-Za-z0-9_]*)\}/.exec(rule.slice(i, i + 100));
      if (word) {
        warnings.push({
          start: i,
          end: i + word[0].length,
          code: 'LITERAL_BRACE',
          message: `${word[0]} is copied as text. Did you mean {!${word[1]}}?`,
          suggestion: `{!${word[1]}}`,
        });
      }
    }
    text += char;
    i++;
  }
  return { text, end: i };
}

/**
 * Parses a rule and checks it against the known fields, reporting every problem with its position and, when likely,
 * a suggestion: at most one error per merge field (the first found, left to right), plus rule-level errors.
 */
export function parseRule(text: string, options: ParseRuleOptions = {}): ParsedRule {
  const fieldList = [...(options.knownFields ?? USER_FIELDS), ...(options.customFields ?? [])];
  const fieldsByLowerName = new Map<string, string>();
  for (const field of fieldList) {
    if (!fieldsByLowerName.has(field.toLowerCase())) fieldsByLowerName.set(field.toLowerCase(), field);
  }
  const context: ParseContext = { fieldsByLowerName, fieldList, fields: [], organizationFields: [], functions: [] };
  const errors: RuleProblem[] = [];
  const warnings: RuleProblem<RuleWarningCode>[] = [];
  const result = (compiled: CompiledRule | null): ParsedRule => ({
    ok: errors.length === 0,
    errors,
    warnings,
    fields: context.fields,
    organizationFields: context.organizationFields,
    functions: context.functions,
    compiled,
  });

  if (isBlankRuleValue(text)) {
    errors.push({
      start: 0,
      end: text.length,
      code: 'RULE_EMPTY',
      message: 'Write a rule, for example {!FederationIdentifier}.',
    });
    return result(null);
  }
  if (text.length > MAX_RULE_LENGTH) {
    errors.push({
      start: MAX_RULE_LENGTH,
      end: text.length,
      code: 'RULE_TOO_LONG',
      message: `The rule has ${text.length} characters; the limit is ${MAX_RULE_LENGTH}.`,
    });
    return result(null);
  }

  const nodes: RuleNode[] = [];
  let mergeFields = 0;
  let i = 0;
  while (i < text.length) {
    const literal = readLiteral(text, i, warnings);
    // Escapes are resolved inside readLiteral, so the text between two merge fields is one node.
    if (literal.text) nodes.push({ kind: 'text', text: literal.text });
    i = literal.end;
    if (i >= text.length) break;
    // At "{!": the merge field ends at the next "}", unless another "{!" comes first.
    mergeFields++;
    const open = i;
    const close = text.indexOf('}', open + 2);
    const nextOpen = text.indexOf('{!', open + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      const end = close === -1 ? text.length : nextOpen;
      errors.push({
        start: open,
        end,
        code: 'UNCLOSED_MERGE_FIELD',
        message: 'This merge field is not closed: add "}".',
      });
      i = end;
      continue;
    }
    i = close + 1;
    const source = text.slice(open, close + 1);
    if (isBlankRuleValue(text.slice(open + 2, close))) {
      errors.push({
        start: open,
        end: close + 1,
        code: 'EMPTY_MERGE_FIELD',
        message: 'This merge field is empty: write a field name, for example {!FederationIdentifier}.',
      });
      continue;
    }
    try {
      const expression = new ExpressionParser(tokenize(text, open + 2, close), context).parse();
      nodes.push({ kind: 'mergeField', source, expression });
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      errors.push(error.problem);
    }
  }
  if (mergeFields === 0) {
    errors.push({
      start: 0,
      end: text.length,
      code: 'NO_MERGE_FIELD',
      message:
        'The rule has no merge field such as {!FederationIdentifier}, so every user would get the same ExternalId.',
    });
  }
  if (errors.length) return result(null);
  return result({
    source: text,
    nodes,
    fields: [...context.fields],
    organizationFields: [...context.organizationFields],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluator

type ValueReader = (user: RuleUser, organization: RuleOrganization) => string;

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return '';
}

/** Reads a field by its API name; falls back to a case-insensitive match (records keyed e.g. `agent_id__c`). */
function read(record: Readonly<Record<string, unknown>>, field: string): string {
  const value = record[field];
  if (value !== undefined) return asText(value);
  const lower = field.toLowerCase();
  for (const key in record) if (key.toLowerCase() === lower) return asText(record[key]);
  return '';
}

function compileExpression(expression: RuleExpression): ValueReader {
  switch (expression.kind) {
    case 'field': {
      const { field } = expression;
      return (user) => read(user, field);
    }
    case 'organization': {
      const { field } = expression;
      return (_user, organization) => read(organization, field);
    }
    case 'call': {
      const fn = FUNCTION_IMPLEMENTATIONS[expression.function];
      const argument = compileExpression(expression.argument);
      return (user, organization) => fn(argument(user, organization));
    }
    default: {
      const options = expression.options.map(compileExpression);
      return (user, organization) => {
        for (const option of options) {
          const value = option(user, organization);
          if (!isBlankRuleValue(value)) return value;
        }
        return '';
      };
    }
  }
}

type RuleEvaluator = (user: RuleUser, organization: RuleOrganization) => RuleValue;

const evaluators = new WeakMap<CompiledRule, RuleEvaluator>();

function evaluatorOf(compiled: CompiledRule): RuleEvaluator {
  const cached = evaluators.get(compiled);
  if (cached) return cached;
  // Literal text is a reader that ignores the user; `source` is null for it (literal text is never "missing").
  const parts = compiled.nodes.map((node) => {
    if (node.kind === 'text') {
      const { text } = node;
      return { source: null, read: () => text };
    }
    return { source: node.source, read: compileExpression(node.expression) };
  });
  const evaluator: RuleEvaluator = (user, organization) => {
    let result = '';
    for (const part of parts) {
      const value = part.read(user, organization);
      if (part.source !== null && isBlankRuleValue(value)) {
        return { missing: true, reason: `${part.source} is empty`, mergeField: part.source };
      }
      result += value;
    }
    return result;
  };
  evaluators.set(compiled, evaluator);
  return evaluator;
}

/**
 * Evaluates a compiled rule for one user: the ExternalId, or `{ missing: true, reason }` naming the first merge field
 * (left to right) whose value is empty after its fallbacks. Every merge field must produce a non-blank value.
 */
export function evaluateRule(compiled: CompiledRule, user: RuleUser, organization: RuleOrganization = {}): RuleValue {
  return evaluatorOf(compiled)(user, organization);
}

/** True when {@link evaluateRule} produced no value. */
export function isMissing(value: RuleValue): value is RuleMissing {
  return typeof value !== 'string';
}
