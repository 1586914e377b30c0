/**
 * Salesforce record ids: validation, 15 → 18 character conversion, normalisation, key prefixes and comparison.
 * Template-less module shared by the mapping components (CSV import, preview, directory matching).
 *
 * An id is 15 case-sensitive alphanumeric characters; the 18-character form appends a 3-character suffix that
 * encodes the case of the first 15, so it survives case-insensitive tools (Excel, some databases). Two ids are the
 * same record when their first 15 characters are equal, compared case-sensitively.
 */

/** The alphabet of the 18-character suffix: the value of one 5-bit chunk is the index of its character. */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

const ID15 = /^[a-zA-Z0-9]{15}$/;
const ID18 = /^[a-zA-Z0-9]{15}[a-zA-Z0-5]{3}$/;
const UPPER = /[A-Z]/;
const LOWER = /[a-z]/;

/** Three-character key prefixes of the objects the mapping works with. */
export const KEY_PREFIXES = {
  /** User records. */
  User: '005',
  /** Groups, including queues (a CallCenterRoutingMap can reference a queue). */
  Group: '00G',
  /** Call centers. */
  CallCenter: '04v',
} as const;

/** An object whose key prefix this module knows. */
export type KnownIdObject = keyof typeof KEY_PREFIXES;

/** Why a value is not a usable id. */
export type IdProblemCode = 'empty' | 'length' | 'characters' | 'checksum' | 'wrong-object';

/** Result of {@link validateId}: the 18-character id, or why the value is not an id. */
export type IdValidation =
  | { ok: true; id18: string; id15: string; converted: boolean; caseRestored: boolean }
  | { ok: false; code: IdProblemCode; message: string };

/** The 3-character case suffix of a 15-character id (no validation: call with a 15-character alphanumeric value). */
function suffixOf(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const code = id15.charCodeAt(chunk * 5 + i);
      if (code >= 65 && code <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * Restores the case of the first 15 characters from the suffix, for an id whose letters were all upper- or all
 * lower-cased by a tool. Returns null when the suffix cannot describe those letters.
 */
function restoreCase(id18: string): string | null {
  const suffix = id18.slice(15).toUpperCase();
  let restored = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(suffix.charAt(chunk));
    for (let i = 0; i < 5; i++) {
      const char = id18.charAt(chunk * 5 + i);
      const upper = (bits & (1 << i)) !== 0;
      const isLetter = char.toLowerCase() !== char.toUpperCase();
      if (upper && !isLetter) return null;
      restored += isLetter && upper ? char.toUpperCase() : char.toLowerCase();
    }
  }
  return restored;
}

/**
 * Converts a 15-character id to its 18-character form; an 18-character id is returned with its suffix upper-cased.
 *
 * @throws Error when the value is not a valid 15- or 18-character id (see {@link validateId} for the reason).
 */
export function toId18(id: string): string {
  const result = validateId(id);
  if (!result.ok) throw new Error(result.message);
  return result.id18;
}

/**
 * Validates a 15- or 18-character id (surrounding whitespace ignored) and returns its 18-character form.
 *
 * An 18-character id must carry the right suffix. When its first 15 characters are all upper- or all lower-case
 * letters and digits and the suffix does not match, the id is treated as case-mangled (e.g. by a spreadsheet) and its
 * case is restored from the suffix (`caseRestored: true`). With `expected`, the id must also have that object's key
 * prefix.
 */
export function validateId(value: string | null | undefined, expected?: KnownIdObject): IdValidation {
  const id = (value ?? '').trim();
  if (id === '') return { ok: false, code: 'empty', message: 'The id is empty.' };
  if (id.length !== 15 && id.length !== 18) {
    return {
      ok: false,
      code: 'length',
      message: `An id has 15 or 18 characters; "${id}" has ${id.length}.`,
    };
  }
  if (!(id.length === 15 ? ID15 : ID18).test(id)) {
    return {
      ok: false,
      code: 'characters',
      message:
        id.length === 15
          ? `"${id}" is not an id: ids contain only letters and digits.`
          : `"${id}" is not an id: ids contain only letters and digits, and the last 3 characters only A-Z and 0-5.`,
    };
  }
  let id15 = id.slice(0, 15);
  let caseRestored = false;
  if (id.length === 18 && suffixOf(id15) !== id.slice(15).toUpperCase()) {
    const mangled = !(UPPER.test(id15) && LOWER.test(id15));
    const restored = mangled ? restoreCase(id) : null;
    if (restored === null) {
      return {
        ok: false,
        code: 'checksum',
        message: `"${id}" is not a valid 18-character id: its last 3 characters do not match the first 15 (a typo?).`,
      };
    }
    id15 = restored;
    caseRestored = true;
  }
  if (expected && !id15.startsWith(KEY_PREFIXES[expected])) {
    return {
      ok: false,
      code: 'wrong-object',
      message: `"${id}" is not a ${expected} id: ${expected} ids start with ${KEY_PREFIXES[expected]}.`,
    };
  }
  return { ok: true, id15, id18: id15 + suffixOf(id15), converted: id.length === 15, caseRestored };
}

/** True when the value is a valid 15- or 18-character id (optionally of the given object). */
export function isSalesforceId(value: string | null | undefined, expected?: KnownIdObject): boolean {
  return validateId(value, expected).ok;
}

/** The 18-character form of a valid id, or null (never throws). */
export function normalizeId(value: string | null | undefined, expected?: KnownIdObject): string | null {
  const result = validateId(value, expected);
  return result.ok ? result.id18 : null;
}

/**
 * The case-sensitive 15-character key of an id, for Maps and Sets that must treat the 15- and 18-character forms of
 * one record as equal. Null when the value is not a valid id.
 */
export function idKey(value: string | null | undefined): string | null {
  const result = validateId(value);
  return result.ok ? result.id15 : null;
}

/** True when both values are valid ids of the same record (15 or 18 characters, compared case-sensitively on 15). */
export function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  const keyA = idKey(a);
  return keyA !== null && keyA === idKey(b);
}

/** The 3-character key prefix of a value that looks like an id (15 or 18 characters), else null. */
export function keyPrefixOf(value: string | null | undefined): string | null {
  const result = validateId(value);
  return result.ok ? result.id15.slice(0, 3) : null;
}

/** The object of a valid id whose key prefix this module knows (User, Group, CallCenter), else null. */
export function objectOfId(value: string | null | undefined): KnownIdObject | null {
  const prefix = keyPrefixOf(value);
  const entry = Object.entries(KEY_PREFIXES).find(([, known]) => known === prefix);
  return entry ? (entry[0] as KnownIdObject) : null;
}

/** True for a valid User id (prefix 005). */
export const isUserId = (value: string | null | undefined): boolean => isSalesforceId(value, 'User');

/** True for a valid Group or queue id (prefix 00G). */
export const isGroupId = (value: string | null | undefined): boolean => isSalesforceId(value, 'Group');

/** True for a valid CallCenter id (prefix 04v). */
export const isCallCenterId = (value: string | null | undefined): boolean => isSalesforceId(value, 'CallCenter');
