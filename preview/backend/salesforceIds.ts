/** Salesforce record ids: 15-character ids and their 18-character, case-insensitive form. */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Key prefixes of the objects in the sample org. */
export const KEY_PREFIX = {
  Organization: '00D',
  User: '005',
  Group: '00G',
  CallCenter: '04v',
  /**
   * Not published by Salesforce; '0hr' is a plausible placeholder. Code must never rely on it
   * (check ReferenceRecordId's prefix 005/00G, never the mapping's own id).
   */
  CallCenterRoutingMap: '0hr',
} as const;

/**
 * Appends the 3-character checksum: for each 5-character chunk, bit i is set when character i is
 * an uppercase letter, and the 5-bit value indexes 'A'..'Z','0'..'5'.
 */
export function to18(id15: string): string {
  if (id15.length !== 15) throw new Error(`Not a 15-character id: ${id15}`);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += CHECKSUM[bits];
  }
  return id15 + suffix;
}

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

/**
 * Returns a function that hands out increasing 18-character ids like real ones:
 * key prefix (3) + pod (2) + '0' + 9 base-62 digits + checksum (3).
 */
export function createIdFactory(keyPrefix: string, pod: string, firstSequence: number): () => string {
  let sequence = firstSequence;
  return () => to18(keyPrefix + pod + '0' + base62(sequence++, 9));
}
