/**
 * DeveloperName and MasterLabel of CallCenterRoutingMap records: formats with tokens, validation and repair.
 *
 * Salesforce's own metadata sample names a mapping `User_001ABC00000FjYIIA0_04vZ6000000Cagl` (the 18-character user
 * id and the 15-character call center id) with the 18-character user id as its MasterLabel; those are the defaults
 * here ({@link DEFAULT_DEVELOPER_NAME_FORMAT}, {@link DEFAULT_MASTER_LABEL_FORMAT}). A format is text with tokens in
 * braces, e.g. `User_{UserId18}_{CallCenterId18}`; the available tokens are {@link NAME_TOKENS}.
 *
 * Developer name rules (the platform's usual ones; the exact acceptance for CallCenterRoutingMap is unverified
 * offline): only letters, digits and underscores; starts with a letter; no two underscores in a row; does not end
 * with an underscore; at most {@link DEVELOPER_NAME_MAX_LENGTH} characters.
 */
import { validateId } from 'c/salesforceIds';
import { levenshtein } from 'c/textSuggestions';

/** Maximum length of a developer name. */
export const DEVELOPER_NAME_MAX_LENGTH = 80;
/** Maximum length of a master label (assumed: the object reference publishes no length). */
export const MASTER_LABEL_MAX_LENGTH = 80;
/** Salesforce's sample format: `User_` + 18-character user id + `_` + 15-character call center id. */
export const DEFAULT_DEVELOPER_NAME_FORMAT = 'User_{UserId18}_{CallCenterId15}';
/** The 18-character user id, as Salesforce Help documents for mapping existing users. */
export const DEFAULT_MASTER_LABEL_FORMAT = '{UserId18}';

/** Tokens usable in a format, with the longest value each can produce. */
export const NAME_TOKENS = {
  /** The user's 18-character id. */
  UserId18: { maxLength: 18, description: "The user's 18-character id" },
  /** The user's 15-character id. */
  UserId15: { maxLength: 15, description: "The user's 15-character id" },
  /** The call center's 15-character id (as in Salesforce's sample). */
  CallCenterId15: { maxLength: 15, description: "The call center's 15-character id" },
  /** The call center's 18-character id. */
  CallCenterId18: { maxLength: 18, description: "The call center's 18-character id" },
  /** The user's Alias (at most 8 characters; may need repair in a developer name). */
  UserAlias: { maxLength: 8, description: "The user's alias" },
  /** The call center's InternalName. */
  CallCenterInternalName: { maxLength: 80, description: "The call center's internal name" },
} as const;

/** A token name. */
export type NameToken = keyof typeof NAME_TOKENS;

/** Which value a format builds. */
export type NameFormatKind = 'developerName' | 'masterLabel';

/** A problem in a format, at characters [start, end) of the format text. */
export interface FormatProblem {
  start: number;
  end: number;
  code: string;
  message: string;
  /** A replacement for the text at [start, end), when one is likely. */
  suggestion?: string;
}

/** Result of {@link checkNameFormat}. */
export interface FormatCheck {
  ok: boolean;
  errors: FormatProblem[];
  warnings: FormatProblem[];
  /** Tokens used, in order of first use. */
  tokens: NameToken[];
}

/** A reason a developer name is invalid. */
export interface DeveloperNameProblem {
  code:
    | 'empty'
    | 'too-long'
    | 'invalid-characters'
    | 'must-start-with-letter'
    | 'double-underscore'
    | 'trailing-underscore';
  message: string;
}

/** Result of {@link sanitizeDeveloperName}. */
export type SanitizeResult =
  { ok: true; value: string; changed: boolean; changes: string[] } | { ok: false; reason: string };

/** Values the tokens are built from. Ids may have 15 or 18 characters. */
export interface NameInputs {
  userId: string;
  callCenterId: string;
  userAlias?: string | null;
  callCenterInternalName?: string | null;
}

/** Formats to build with; each defaults to Salesforce's sample. */
export interface NameFormats {
  developerNameFormat?: string;
  masterLabelFormat?: string;
}

/** Result of {@link buildMappingNames}: both values, or why they cannot be built. */
export type MappingNames =
  { ok: true; developerName: string; masterLabel: string; repairs: string[] } | { ok: false; errors: string[] };

/** A part of a format, at characters [start, end) of the format text. */
type FormatPart = ({ literal: string } | { token: NameToken }) & { start: number; end: number };

interface CompiledFormat {
  check: FormatCheck;
  parts: FormatPart[];
}

const TOKEN_NAMES = Object.keys(NAME_TOKENS) as NameToken[];
const USER_ID_TOKENS: NameToken[] = ['UserId18', 'UserId15'];
const CALL_CENTER_TOKENS: NameToken[] = ['CallCenterId15', 'CallCenterId18', 'CallCenterInternalName'];
const ID_TOKENS: NameToken[] = ['UserId18', 'UserId15', 'CallCenterId15', 'CallCenterId18'];
const VALID_NAME = /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/;
const INVALID_CHARS = /[^A-Za-z0-9_]/;

/** The token closest to a misspelt one (case-insensitive Levenshtein distance below 4), if any. */
function closestToken(name: string): NameToken | undefined {
  let best: NameToken | undefined;
  let bestDistance = 4;
  for (const token of TOKEN_NAMES) {
    const d = levenshtein(name, token);
    if (d < bestDistance) {
      best = token;
      bestDistance = d;
    }
  }
  return best;
}

/** Splits a format into literal and token parts, recording syntax errors. */
function tokenize(format: string, errors: FormatProblem[]): FormatPart[] {
  const parts: FormatPart[] = [];
  let index = 0;
  while (index < format.length) {
    const open = format.indexOf('{', index);
    const closeBefore = format.indexOf('}', index);
    if (closeBefore !== -1 && (open === -1 || closeBefore < open)) {
      errors.push({
        start: closeBefore,
        end: closeBefore + 1,
        code: 'unexpected-brace',
        message: `"}" at position ${closeBefore} closes no token.`,
      });
    }
    if (open === -1) {
      parts.push({ literal: format.slice(index), start: index, end: format.length });
      break;
    }
    if (open > index) parts.push({ literal: format.slice(index, open), start: index, end: open });
    const close = format.indexOf('}', open);
    const nextOpen = format.indexOf('{', open + 1);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      errors.push({
        start: open,
        end: close === -1 ? format.length : nextOpen,
        code: 'unclosed-token',
        message: `The token opened at position ${open} is not closed: add "}".`,
      });
      index = close === -1 ? format.length : nextOpen;
      continue;
    }
    const name = format.slice(open + 1, close).trim();
    const token = TOKEN_NAMES.find((known) => known.toLowerCase() === name.toLowerCase());
    if (token) {
      parts.push({ token, start: open, end: close + 1 });
    } else {
      const suggestion = closestToken(name);
      errors.push({
        start: open,
        end: close + 1,
        code: 'unknown-token',
        message:
          `Unknown token {${name}}.` +
          (suggestion ? ` Did you mean {${suggestion}}?` : ` Tokens: ${TOKEN_NAMES.map((t) => `{${t}}`).join(', ')}.`),
        ...(suggestion ? { suggestion: `{${suggestion}}` } : {}),
      });
    }
    index = close + 1;
  }
  return parts;
}

/** Rules that only apply to developer name formats: literal characters, first character, underscores, length. */
function checkDeveloperNameParts(parts: FormatPart[], check: FormatCheck): void {
  for (const part of parts) {
    if (!('literal' in part)) continue;
    const bad = INVALID_CHARS.exec(part.literal);
    if (bad) {
      check.errors.push({
        start: part.start + bad.index,
        end: part.start + bad.index + 1,
        code: 'invalid-character',
        message: `"${bad[0]}" cannot be part of a developer name: use letters, digits and underscores.`,
        suggestion: '_',
      });
    }
    const double = part.literal.indexOf('__');
    if (double !== -1) {
      check.errors.push({
        start: part.start + double,
        end: part.start + double + 2,
        code: 'double-underscore',
        message: 'A developer name cannot contain two underscores in a row.',
        suggestion: '_',
      });
    }
  }
  // Called for a format without syntax errors and with a user id token: parts is never empty.
  const first = parts[0];
  const last = parts[parts.length - 1];
  if ('literal' in first && !/^[A-Za-z]/.test(first.literal)) {
    check.errors.push({
      start: 0,
      end: 1,
      code: 'must-start-with-letter',
      message: 'A developer name must start with a letter.',
    });
  } else if ('token' in first) {
    if (ID_TOKENS.includes(first.token)) {
      check.errors.push({
        start: first.start,
        end: first.end,
        code: 'must-start-with-letter',
        message: `A developer name must start with a letter, and ids start with digits: add a prefix such as "User_".`,
        suggestion: `User_{${first.token}}`,
      });
    } else {
      check.warnings.push({
        start: first.start,
        end: first.end,
        code: 'may-start-with-digit',
        message: `{${first.token}} may start with a digit or underscore; such names get an "X" prefix. Add a prefix such as "User_".`,
      });
    }
  }
  if ('literal' in last && last.literal.endsWith('_')) {
    check.errors.push({
      start: last.end - 1,
      end: last.end,
      code: 'trailing-underscore',
      message: 'A developer name cannot end with an underscore.',
    });
  }
  const maxLength = parts.reduce(
    (sum, part) => sum + ('literal' in part ? part.literal.length : NAME_TOKENS[part.token].maxLength),
    0,
  );
  if (maxLength > DEVELOPER_NAME_MAX_LENGTH) {
    const fixedLength = parts.reduce(
      (sum, part) =>
        sum +
        ('literal' in part
          ? part.literal.length
          : ID_TOKENS.includes(part.token)
            ? NAME_TOKENS[part.token].maxLength
            : 0),
      0,
    );
    (fixedLength > DEVELOPER_NAME_MAX_LENGTH ? check.errors : check.warnings).push({
      start: 0,
      end: last.end,
      code: 'too-long',
      message: `Names built from this format can have up to ${maxLength} characters; the limit is ${DEVELOPER_NAME_MAX_LENGTH}. Rows whose name is too long are reported.`,
    });
  }
}

const compiledFormats = new Map<string, CompiledFormat>();

function compile(format: string, kind: NameFormatKind): CompiledFormat {
  const cacheKey = `${kind}:${format}`;
  const cached = compiledFormats.get(cacheKey);
  if (cached) return cached;
  const check: FormatCheck = { ok: true, errors: [], warnings: [], tokens: [] };
  const parts = tokenize(format, check.errors);
  for (const part of parts) if ('token' in part && !check.tokens.includes(part.token)) check.tokens.push(part.token);
  if (format.trim() === '') {
    check.errors.push({ start: 0, end: format.length, code: 'empty', message: 'The format is empty.' });
  } else if (kind === 'developerName' && check.errors.length === 0) {
    if (!check.tokens.some((token) => USER_ID_TOKENS.includes(token))) {
      check.errors.push({
        start: 0,
        end: format.length,
        code: 'missing-user-id',
        message: 'Include {UserId18} or {UserId15}: without the user id, names are not unique.',
      });
    }
    if (!check.tokens.some((token) => CALL_CENTER_TOKENS.includes(token))) {
      check.warnings.push({
        start: 0,
        end: format.length,
        code: 'missing-call-center',
        message:
          'Without a call center token ({CallCenterId15}), a user mapped in two call centers gets the same name twice.',
      });
    }
    if (check.errors.length === 0) checkDeveloperNameParts(parts, check);
  }
  check.ok = check.errors.length === 0;
  const compiled = { check, parts };
  if (compiledFormats.size > 100) compiledFormats.clear();
  compiledFormats.set(cacheKey, compiled);
  return compiled;
}

/**
 * Checks a DeveloperName or MasterLabel format when the admin writes it: syntax of the `{Token}`s, unknown tokens
 * (with a suggestion), and for developer names the rules every built name must follow (a user id token, valid
 * characters, starts with a letter, no double or trailing underscore, length).
 */
export function checkNameFormat(format: string, kind: NameFormatKind): FormatCheck {
  const { check } = compile(format, kind);
  return {
    ok: check.ok,
    errors: [...check.errors],
    warnings: [...check.warnings],
    tokens: [...check.tokens],
  };
}

/** Every rule a developer name breaks (empty list: valid). */
export function developerNameProblems(name: string | null | undefined): DeveloperNameProblem[] {
  const value = name ?? '';
  const problems: DeveloperNameProblem[] = [];
  if (value === '') return [{ code: 'empty', message: 'The developer name is empty.' }];
  if (value.length > DEVELOPER_NAME_MAX_LENGTH) {
    problems.push({
      code: 'too-long',
      message: `The developer name has ${value.length} characters; the limit is ${DEVELOPER_NAME_MAX_LENGTH}.`,
    });
  }
  const bad = INVALID_CHARS.exec(value);
  if (bad) {
    problems.push({
      code: 'invalid-characters',
      message: `"${bad[0]}" cannot be part of a developer name: use letters, digits and underscores.`,
    });
  }
  if (!/^[A-Za-z]/.test(value)) {
    problems.push({ code: 'must-start-with-letter', message: 'A developer name must start with a letter.' });
  }
  if (value.includes('__')) {
    problems.push({ code: 'double-underscore', message: 'A developer name cannot contain two underscores in a row.' });
  }
  if (value.endsWith('_')) {
    problems.push({ code: 'trailing-underscore', message: 'A developer name cannot end with an underscore.' });
  }
  return problems;
}

/** True when the value is a valid developer name. */
export function isValidDeveloperName(name: string | null | undefined): boolean {
  const value = name ?? '';
  return value.length <= DEVELOPER_NAME_MAX_LENGTH && VALID_NAME.test(value);
}

/**
 * Repairs a value into a valid developer name when that can be done without losing what makes it unique: accents
 * removed, other characters replaced by underscores, repeated underscores collapsed, leading and trailing underscores
 * removed, an "X" put before a leading digit. Never truncates: a value that is too long (or has no letter or digit)
 * cannot be repaired, and the reason says why.
 */
export function sanitizeDeveloperName(name: string | null | undefined): SanitizeResult {
  const original = name ?? '';
  if (isValidDeveloperName(original)) return { ok: true, value: original, changed: false, changes: [] };
  const changes: string[] = [];
  let value = original.trim();
  if (value !== original) changes.push('removed surrounding spaces');
  const unaccented = value.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (unaccented !== value) changes.push('removed accents');
  value = unaccented;
  const replaced = value.replace(/[^A-Za-z0-9_]+/g, '_');
  if (replaced !== value) changes.push('replaced characters other than letters, digits and underscores with "_"');
  value = replaced;
  const collapsed = value.replace(/_{2,}/g, '_');
  if (collapsed !== value) changes.push('collapsed repeated underscores');
  value = collapsed;
  const stripped = value.replace(/^_+|_+$/g, '');
  if (stripped !== value) changes.push('removed leading and trailing underscores');
  value = stripped;
  if (value === '') {
    return { ok: false, reason: `"${original}" has no letters or digits to make a developer name from.` };
  }
  if (/^[0-9]/.test(value)) {
    value = `X${value}`;
    changes.push('added "X" before the leading digit');
  }
  if (value.length > DEVELOPER_NAME_MAX_LENGTH) {
    return {
      ok: false,
      reason: `"${value}" has ${value.length} characters; the limit is ${DEVELOPER_NAME_MAX_LENGTH} and shortening it could make it clash with another name. Use a shorter format.`,
    };
  }
  return { ok: true, value, changed: true, changes };
}

function tokenValue(
  token: NameToken,
  inputs: NameInputs,
  ids: { user15: string; user18: string; cc15: string; cc18: string },
) {
  switch (token) {
    case 'UserId18':
      return ids.user18;
    case 'UserId15':
      return ids.user15;
    case 'CallCenterId15':
      return ids.cc15;
    case 'CallCenterId18':
      return ids.cc18;
    case 'UserAlias':
      return (inputs.userAlias ?? '').trim();
    default:
      return (inputs.callCenterInternalName ?? '').trim();
  }
}

/**
 * Builds a mapping's DeveloperName and MasterLabel from the user and call center. The developer name is repaired with
 * {@link sanitizeDeveloperName} when a token value needs it (e.g. an alias with a dot), and `repairs` says what changed.
 * Fails with readable errors when an id is invalid, a format is invalid, or a value cannot be made valid.
 */
export function buildMappingNames(inputs: NameInputs, formats: NameFormats = {}): MappingNames {
  const developerFormat = compile(formats.developerNameFormat ?? DEFAULT_DEVELOPER_NAME_FORMAT, 'developerName');
  const labelFormat = compile(formats.masterLabelFormat ?? DEFAULT_MASTER_LABEL_FORMAT, 'masterLabel');
  const errors: string[] = [];
  if (!developerFormat.check.ok) {
    errors.push(...developerFormat.check.errors.map((error) => `DeveloperName format: ${error.message}`));
  }
  if (!labelFormat.check.ok) {
    errors.push(...labelFormat.check.errors.map((error) => `MasterLabel format: ${error.message}`));
  }
  const user = validateId(inputs.userId, 'User');
  if (!user.ok) errors.push(`User id: ${user.message}`);
  const callCenter = validateId(inputs.callCenterId, 'CallCenter');
  if (!callCenter.ok) errors.push(`Call center id: ${callCenter.message}`);
  if (!user.ok || !callCenter.ok || errors.length) return { ok: false, errors };

  const ids = { user15: user.id15, user18: user.id18, cc15: callCenter.id15, cc18: callCenter.id18 };
  const render = (parts: FormatPart[]) =>
    parts.map((part) => ('literal' in part ? part.literal : tokenValue(part.token, inputs, ids))).join('');

  const repairs: string[] = [];
  let developerName = render(developerFormat.parts);
  if (!isValidDeveloperName(developerName)) {
    const repaired = sanitizeDeveloperName(developerName);
    if (!repaired.ok) return { ok: false, errors: [`DeveloperName: ${repaired.reason}`] };
    repairs.push(...repaired.changes.map((change) => `DeveloperName: ${change}`));
    developerName = repaired.value;
  }
  const masterLabel = render(labelFormat.parts).trim();
  if (masterLabel === '') return { ok: false, errors: ['MasterLabel: the format produced an empty label.'] };
  if (masterLabel.length > MASTER_LABEL_MAX_LENGTH) {
    return {
      ok: false,
      errors: [`MasterLabel: ${masterLabel.length} characters; the limit is ${MASTER_LABEL_MAX_LENGTH}.`],
    };
  }
  return { ok: true, developerName, masterLabel, repairs };
}
