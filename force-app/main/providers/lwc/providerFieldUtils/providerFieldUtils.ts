/**
 * Pure helpers of the provider detail screens (field mapping and notifications): email recipient lists, payload
 * path suggestions for a User field, and a debounce. Template-less module: no DOM, no Apex.
 */

/** What a recipients text holds: the distinct addresses in order, and the ones that are not email addresses. */
export interface EmailListCheck {
  addresses: string[];
  invalid: string[];
  /** The problem in plain language, naming the bad addresses; null when every address is valid. */
  error: string | null;
}

/** Longest email address SMTP allows (RFC 5321 path limit minus the angle brackets). */
export const MAX_EMAIL_LENGTH = 254;

const EMAIL_PATTERN =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Separators admins paste between addresses: commas, semicolons, spaces and line breaks. */
const EMAIL_SEPARATORS = /[\s,;]+/;

/** True for one syntactically valid email address (local part, "@", a domain with at least one dot). */
export function isValidEmail(address: string): boolean {
  if (!address || address.length > MAX_EMAIL_LENGTH) return false;
  const local = address.slice(0, address.lastIndexOf('@'));
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return EMAIL_PATTERN.test(address);
}

/** The addresses of a recipients text, trimmed, blanks dropped, duplicates (case-insensitive) dropped. */
export function parseEmailList(text: string | null | undefined): string[] {
  const seen = new Set<string>();
  const addresses: string[] = [];
  for (const part of (text ?? '').split(EMAIL_SEPARATORS)) {
    const address = part.trim();
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    addresses.push(address);
  }
  return addresses;
}

/** Most recipients per category (ProviderNotificationService.MAX_RECIPIENTS on the server). */
export const MAX_RECIPIENTS = 25;

/** Parses and validates a recipients text; the error names every bad address. */
export function checkEmailList(text: string | null | undefined, maxRecipients = MAX_RECIPIENTS): EmailListCheck {
  const addresses = parseEmailList(text);
  const invalid = addresses.filter((address) => !isValidEmail(address));
  let error: string | null = null;
  if (invalid.length === 1) {
    error = `"${invalid[0]}" is not a valid email address.`;
  } else if (invalid.length > 1) {
    error = `${invalid.map((address) => `"${address}"`).join(', ')} are not valid email addresses.`;
  } else if (addresses.length > maxRecipients) {
    error = `${addresses.length} addresses: at most ${maxRecipients} recipients per category.`;
  }
  return { addresses, invalid, error };
}

/** A recipients list as the admin edits it: one address per line. */
export function formatEmailList(addresses: readonly string[] | null | undefined): string {
  return (addresses ?? []).join('\n');
}

/** True when two recipient lists hold the same addresses in the same order (case-insensitive). */
export function sameEmailList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((address, index) => address.toLowerCase() === b[index].toLowerCase());
}

/** Where suggested paths of custom User fields go in the payload (next to the defaults' crm.* attributes). */
export const CUSTOM_PATH_PREFIX = 'crm.';

const PATH_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * True when two payload paths would write the same place: equal (case-insensitive), or one is a parent of the other
 * ("crm" and "crm.team"), as ProvisioningFieldMapping.pathsOverlap decides on the server.
 */
export function pathsOverlap(first: string, second: string): boolean {
  const a = (first ?? '').toLowerCase();
  const b = (second ?? '').toLowerCase();
  if (!a || !b) return false;
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * The payload path suggested for a User field: `crm.` + the field's API name in lower camel case, without the
 * custom suffix ("Department" → "crm.department", "Cost_Center__c" → "crm.costCenter", "acme__Team__c" →
 * "crm.acmeTeam"). When that path is already used, a number is appended ("crm.department2").
 */
export function suggestPath(fieldName: string, usedPaths: Iterable<string> = []): string {
  const words = (fieldName ?? '')
    .replace(/__(c|pc)$/i, '')
    .split(/_+/)
    .filter(Boolean);
  const camel = words
    .map((word, index) => {
      const first = index === 0 ? word.charAt(0).toLowerCase() : word.charAt(0).toUpperCase();
      return first + word.slice(1);
    })
    .join('')
    .replace(/[^A-Za-z0-9]/g, '');
  const segment = /^[A-Za-z]/.test(camel) ? camel : `field${camel}`;
  const base = `${CUSTOM_PATH_PREFIX}${segment}`;
  const used = [...usedPaths];
  const taken = (candidate: string): boolean => used.some((path) => pathsOverlap(candidate, path));
  if (!taken(base)) return base;
  let suffix = 2;
  while (taken(`${base}${suffix}`)) suffix++;
  return `${base}${suffix}`;
}

/**
 * What is wrong with a payload path the admin typed, in plain language; null when it may be sent to the server
 * (which validates again). Paths are compared case-insensitively with the ones the mapping already uses, and may
 * not be a parent or child of one of them.
 */
export function pathProblem(path: string, usedPaths: Iterable<string> = []): string | null {
  const trimmed = (path ?? '').trim();
  if (!trimmed) return 'Enter the payload path, e.g. crm.department.';
  if (trimmed.length > 255) return 'The payload path is too long (255 characters at most).';
  if (!PATH_PATTERN.test(trimmed)) {
    return 'Use letters, digits and _ only, with dots between segments (e.g. crm.department); a segment cannot start with a digit.';
  }
  const lower = trimmed.toLowerCase();
  const used = [...usedPaths];
  if (used.some((usedPath) => usedPath.toLowerCase() === lower)) {
    return `The mapping already sends "${trimmed}". Choose another path.`;
  }
  const overlapping = used.find((usedPath) => pathsOverlap(trimmed, usedPath));
  if (overlapping) {
    return `"${trimmed}" overlaps "${overlapping}": one would overwrite the other. Choose another path.`;
  }
  return null;
}

/** A debounced function: runs `fn` once `waitMs` after the last call; `cancel()` drops a pending call. */
export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  cancel(): void;
  /** True while a call waits. */
  readonly pending: boolean;
}

/** Delays `fn` until `waitMs` passed without another call; only the last call's arguments are used. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, waitMs: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const debounced = ((...args: A): void => {
    if (timer) clearTimeout(timer);
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- the debounce itself; callers cancel() on disconnect
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, waitMs);
  }) as Debounced<A>;
  debounced.cancel = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  Object.defineProperty(debounced, 'pending', { get: () => timer !== null });
  return debounced;
}
