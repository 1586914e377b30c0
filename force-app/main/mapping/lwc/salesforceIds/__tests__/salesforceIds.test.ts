import {
  KEY_PREFIXES,
  idKey,
  isCallCenterId,
  isGroupId,
  isSalesforceId,
  isUserId,
  keyPrefixOf,
  normalizeId,
  objectOfId,
  sameId,
  toId18,
  validateId,
} from 'c/salesforceIds';

// 001A0000006Vm9r → 001A0000006Vm9rIAC is the conversion Salesforce's own documentation and tools show.
const ACCOUNT_15 = '001A0000006Vm9r';
const ACCOUNT_18 = '001A0000006Vm9rIAC';
const USER_15 = '005xx000001SvOg';
const USER_18 = '005xx000001SvOgAAK';
const GROUP_15 = '00Gxx000000AbCd';
const CALL_CENTER_15 = '04vxx0000000AbC';

describe('toId18', () => {
  it('appends the case suffix to a 15-character id', () => {
    expect(toId18(ACCOUNT_15)).toBe(ACCOUNT_18);
    expect(toId18(USER_15)).toBe(USER_18);
  });

  it('computes each suffix character from the upper-case letters of its 5-character chunk', () => {
    // Chunks: all lower / digits → A; all 5 upper → 5 (bits 11111 = 31); only the last upper → Q (bit 4 = 16).
    expect(toId18('000000000000000')).toBe('000000000000000AAA');
    expect(toId18('ABCDEabcde0000E')).toBe('ABCDEabcde0000E5AQ');
    expect(toId18('aaaaAaaaaaaaaaa')).toBe('aaaaAaaaaaaaaaaQAA');
  });

  it('returns an 18-character id unchanged, with a lower-case suffix upper-cased', () => {
    expect(toId18(ACCOUNT_18)).toBe(ACCOUNT_18);
    expect(toId18('001A0000006Vm9riac')).toBe(ACCOUNT_18);
  });

  it('ignores surrounding whitespace', () => {
    expect(toId18(`  ${ACCOUNT_15}\t`)).toBe(ACCOUNT_18);
  });

  it('throws with the reason for a value that is not an id', () => {
    expect(() => toId18('005')).toThrow('An id has 15 or 18 characters; "005" has 3.');
    expect(() => toId18('005xx000001SvO!')).toThrow('ids contain only letters and digits');
  });
});

describe('validateId', () => {
  it('returns both forms and says whether a 15-character id was converted', () => {
    expect(validateId(USER_15)).toEqual({
      ok: true,
      id15: USER_15,
      id18: USER_18,
      converted: true,
      caseRestored: false,
    });
    expect(validateId(USER_18)).toEqual({
      ok: true,
      id15: USER_15,
      id18: USER_18,
      converted: false,
      caseRestored: false,
    });
  });

  it('reports empty, null and blank values as empty', () => {
    for (const value of ['', '   ', null, undefined]) {
      expect(validateId(value)).toEqual({ ok: false, code: 'empty', message: 'The id is empty.' });
    }
  });

  it('reports wrong lengths with the length found', () => {
    expect(validateId('005xx000001SvOgA')).toMatchObject({ ok: false, code: 'length' });
    expect(validateId('005xx000001SvOgAAKX')).toMatchObject({
      ok: false,
      code: 'length',
      message: 'An id has 15 or 18 characters; "005xx000001SvOgAAKX" has 19.',
    });
  });

  it('rejects characters other than letters and digits, and suffix digits 6-9', () => {
    expect(validateId('005xx00000-SvOg')).toMatchObject({ ok: false, code: 'characters' });
    expect(validateId('005xx000001SvÖg')).toMatchObject({ ok: false, code: 'characters' });
    expect(validateId('005xx000001SvOgAA9')).toMatchObject({
      ok: false,
      code: 'characters',
      message: expect.stringContaining('only A-Z and 0-5'),
    });
  });

  it('rejects an 18-character id whose suffix does not match its mixed-case first 15 characters', () => {
    expect(validateId('005xx000001SvOgAAB')).toEqual({
      ok: false,
      code: 'checksum',
      message:
        '"005xx000001SvOgAAB" is not a valid 18-character id: its last 3 characters do not match the first 15 (a typo?).',
    });
  });

  it('restores the case of an 18-character id that a spreadsheet upper- or lower-cased', () => {
    expect(validateId(USER_18.toUpperCase())).toEqual({
      ok: true,
      id15: USER_15,
      id18: USER_18,
      converted: false,
      caseRestored: true,
    });
    expect(validateId(ACCOUNT_18.toLowerCase())).toMatchObject({ ok: true, id18: ACCOUNT_18, caseRestored: true });
  });

  it('rejects a case-mangled id whose suffix marks a digit as upper-case', () => {
    // Suffix 'B' sets bit 0 of the first chunk, whose first character is the digit 0.
    expect(validateId('005xx000001svogBAA')).toMatchObject({ ok: false, code: 'checksum' });
  });

  it('checks the key prefix of the expected object', () => {
    expect(validateId(USER_15, 'User')).toMatchObject({ ok: true });
    expect(validateId(GROUP_15, 'User')).toEqual({
      ok: false,
      code: 'wrong-object',
      message: `"${GROUP_15}" is not a User id: User ids start with 005.`,
    });
    expect(validateId(CALL_CENTER_15, 'CallCenter')).toMatchObject({ ok: true });
  });

  it('compares the key prefix case-sensitively (04V is not a call center)', () => {
    expect(validateId('04Vxx0000000AbC', 'CallCenter')).toMatchObject({ ok: false, code: 'wrong-object' });
  });
});

describe('normalizeId and isSalesforceId', () => {
  it('normalise valid ids to 18 characters and invalid values to null', () => {
    expect(normalizeId(USER_15)).toBe(USER_18);
    expect(normalizeId(' 005XX000001SVOGAAK ')).toBe(USER_18);
    expect(normalizeId('nope')).toBeNull();
    expect(normalizeId(USER_15, 'Group')).toBeNull();
    expect(isSalesforceId(USER_18)).toBe(true);
    expect(isSalesforceId(undefined)).toBe(false);
  });
});

describe('key prefixes', () => {
  it('exposes the prefixes of User, Group and CallCenter', () => {
    expect(KEY_PREFIXES).toEqual({ User: '005', Group: '00G', CallCenter: '04v' });
  });

  it('reads the prefix and the object of an id', () => {
    expect(keyPrefixOf(USER_18)).toBe('005');
    expect(keyPrefixOf('bad')).toBeNull();
    expect(objectOfId(USER_15)).toBe('User');
    expect(objectOfId(GROUP_15)).toBe('Group');
    expect(objectOfId(CALL_CENTER_15)).toBe('CallCenter');
    expect(objectOfId(ACCOUNT_15)).toBeNull();
    expect(objectOfId('')).toBeNull();
  });

  it('recognises user, group and call center ids', () => {
    expect(isUserId(USER_18)).toBe(true);
    expect(isUserId(GROUP_15)).toBe(false);
    expect(isGroupId(GROUP_15)).toBe(true);
    expect(isCallCenterId(CALL_CENTER_15)).toBe(true);
    expect(isCallCenterId(USER_15)).toBe(false);
  });
});

describe('comparing ids', () => {
  it('treats the 15- and 18-character forms of one record as the same id', () => {
    expect(sameId(USER_15, USER_18)).toBe(true);
    expect(idKey(USER_18)).toBe(USER_15);
  });

  it('compares the first 15 characters case-sensitively', () => {
    // Same letters, different case: two different records.
    expect(sameId('005xx000001SvOg', '005xx000001svog')).toBe(false);
  });

  it('treats a case-mangled 18-character id as its original record', () => {
    expect(sameId(USER_15, USER_18.toLowerCase())).toBe(true);
  });

  it('never treats invalid values as equal, even to themselves', () => {
    expect(sameId('bad', 'bad')).toBe(false);
    expect(sameId(null, null)).toBe(false);
    expect(idKey('bad')).toBeNull();
  });
});
