import {
  DEFAULT_DEVELOPER_NAME_FORMAT,
  DEFAULT_MASTER_LABEL_FORMAT,
  DEVELOPER_NAME_MAX_LENGTH,
  NAME_TOKENS,
  buildMappingNames,
  checkNameFormat,
  developerNameProblems,
  isValidDeveloperName,
  sanitizeDeveloperName,
} from 'c/developerNames';

const USER_15 = '005xx000001SvOg';
const USER_18 = '005xx000001SvOgAAK';
const CALL_CENTER_15 = '04vxx0000000AbC';
const CALL_CENTER_18 = '04vxx0000000AbCAAU';

describe('defaults', () => {
  it("follow Salesforce's sample: User_<18-char user id>_<15-char call center id>, label the 18-char user id", () => {
    expect(DEFAULT_DEVELOPER_NAME_FORMAT).toBe('User_{UserId18}_{CallCenterId15}');
    expect(DEFAULT_MASTER_LABEL_FORMAT).toBe('{UserId18}');
    expect(buildMappingNames({ userId: USER_15, callCenterId: CALL_CENTER_18 })).toEqual({
      ok: true,
      developerName: `User_${USER_18}_${CALL_CENTER_15}`,
      masterLabel: USER_18,
      repairs: [],
    });
  });

  it('build names of the shape of the sample User_001ABC00000FjYIIA0_04vZ6000000Cagl', () => {
    const result = buildMappingNames({ userId: USER_18, callCenterId: CALL_CENTER_15 });
    expect(result.ok && result.developerName).toMatch(/^User_[A-Za-z0-9]{18}_[A-Za-z0-9]{15}$/);
  });

  it('publish each token with its longest value', () => {
    expect(Object.keys(NAME_TOKENS)).toEqual([
      'UserId18',
      'UserId15',
      'CallCenterId15',
      'CallCenterId18',
      'UserAlias',
      'CallCenterInternalName',
    ]);
    expect(NAME_TOKENS.UserAlias.maxLength).toBe(8);
  });
});

describe('buildMappingNames with other formats', () => {
  it('uses the 18-character call center id when the format says so', () => {
    const result = buildMappingNames(
      { userId: USER_18, callCenterId: CALL_CENTER_15 },
      { developerNameFormat: 'User_{UserId18}_{CallCenterId18}', masterLabelFormat: 'Agent {UserId15}' },
    );
    expect(result).toEqual({
      ok: true,
      developerName: `User_${USER_18}_${CALL_CENTER_18}`,
      masterLabel: `Agent ${USER_15}`,
      repairs: [],
    });
  });

  it('accepts token names in any case and with spaces inside the braces', () => {
    const result = buildMappingNames(
      { userId: USER_18, callCenterId: CALL_CENTER_15 },
      { developerNameFormat: 'U_{ userid15 }_{CALLCENTERID15}' },
    );
    expect(result).toMatchObject({ ok: true, developerName: `U_${USER_15}_${CALL_CENTER_15}` });
  });

  it('repairs a developer name built from an alias or internal name, and says what changed', () => {
    const result = buildMappingNames(
      { userId: USER_18, callCenterId: CALL_CENTER_15, userAlias: 'j.smith', callCenterInternalName: 'Émea CC' },
      { developerNameFormat: 'A_{UserAlias}_{UserId15}_{CallCenterInternalName}', masterLabelFormat: '{UserAlias}' },
    );
    expect(result).toEqual({
      ok: true,
      developerName: `A_j_smith_${USER_15}_Emea_CC`,
      masterLabel: 'j.smith',
      repairs: [
        'DeveloperName: removed accents',
        'DeveloperName: replaced characters other than letters, digits and underscores with "_"',
      ],
    });
  });

  it('repairs the double underscore left by an empty alias', () => {
    const result = buildMappingNames(
      { userId: USER_18, callCenterId: CALL_CENTER_15, userAlias: null },
      { developerNameFormat: 'User_{UserAlias}_{UserId18}_{CallCenterId15}' },
    );
    expect(result).toMatchObject({ ok: true, developerName: `User_${USER_18}_${CALL_CENTER_15}` });
  });

  it('repairs the trailing underscore left by a missing internal name', () => {
    const result = buildMappingNames(
      { userId: USER_18, callCenterId: CALL_CENTER_15 },
      { developerNameFormat: 'User_{UserId18}_{CallCenterInternalName}' },
    );
    expect(result).toEqual({
      ok: true,
      developerName: `User_${USER_18}`,
      masterLabel: USER_18,
      repairs: ['DeveloperName: removed leading and trailing underscores'],
    });
  });

  it('fails when an id is invalid or of the wrong object', () => {
    expect(buildMappingNames({ userId: 'nope', callCenterId: CALL_CENTER_15 })).toEqual({
      ok: false,
      errors: ['User id: An id has 15 or 18 characters; "nope" has 4.'],
    });
    expect(buildMappingNames({ userId: USER_18, callCenterId: USER_15 })).toEqual({
      ok: false,
      errors: [`Call center id: "${USER_15}" is not a CallCenter id: CallCenter ids start with 04v.`],
    });
  });

  it('fails with the format errors when a format is invalid', () => {
    const result = buildMappingNames(
      { userId: USER_18, callCenterId: CALL_CENTER_15 },
      { developerNameFormat: 'User_{CallCenterId15}', masterLabelFormat: '{Nope}' },
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        'DeveloperName format: Include {UserId18} or {UserId15}: without the user id, names are not unique.',
        'MasterLabel format: Unknown token {Nope}. Tokens: {UserId18}, {UserId15}, {CallCenterId15}, {CallCenterId18}, {UserAlias}, {CallCenterInternalName}.',
      ],
    });
  });

  it('fails when the developer name is too long even after repair, rather than truncating it', () => {
    const result = buildMappingNames(
      { userId: USER_18, callCenterId: CALL_CENTER_15, callCenterInternalName: 'x'.repeat(70) },
      { developerNameFormat: 'User_{UserId18}_{CallCenterInternalName}' },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/^DeveloperName: ".*" has 94 characters; the limit is 80/);
  });

  it('fails when the master label is empty or too long', () => {
    expect(
      buildMappingNames(
        { userId: USER_18, callCenterId: CALL_CENTER_15, userAlias: '  ' },
        { masterLabelFormat: '{UserAlias}' },
      ),
    ).toEqual({ ok: false, errors: ['MasterLabel: the format produced an empty label.'] });
    expect(
      buildMappingNames(
        { userId: USER_18, callCenterId: CALL_CENTER_15, callCenterInternalName: 'y'.repeat(80) },
        { masterLabelFormat: '{UserId18} {CallCenterInternalName}' },
      ),
    ).toEqual({ ok: false, errors: ['MasterLabel: 99 characters; the limit is 80.'] });
  });
});

describe('checkNameFormat', () => {
  it('accepts the defaults without errors or warnings and lists their tokens', () => {
    expect(checkNameFormat(DEFAULT_DEVELOPER_NAME_FORMAT, 'developerName')).toEqual({
      ok: true,
      errors: [],
      warnings: [],
      tokens: ['UserId18', 'CallCenterId15'],
    });
    expect(checkNameFormat(DEFAULT_MASTER_LABEL_FORMAT, 'masterLabel')).toMatchObject({
      ok: true,
      tokens: ['UserId18'],
    });
  });

  it('reports an unknown token with its position and the closest token', () => {
    expect(checkNameFormat('User_{UserId81}_{CallCenterId15}', 'developerName').errors).toEqual([
      {
        start: 5,
        end: 15,
        code: 'unknown-token',
        message: 'Unknown token {UserId81}. Did you mean {UserId18}?',
        suggestion: '{UserId18}',
      },
    ]);
  });

  it('reports an unclosed token and a brace that closes nothing', () => {
    expect(checkNameFormat('User_{UserId18', 'developerName').errors).toContainEqual({
      start: 5,
      end: 14,
      code: 'unclosed-token',
      message: 'The token opened at position 5 is not closed: add "}".',
    });
    expect(checkNameFormat('User_{UserId18_{CallCenterId15}', 'developerName').errors[0]).toMatchObject({
      start: 5,
      end: 15,
      code: 'unclosed-token',
    });
    expect(checkNameFormat('{UserId18}} label', 'masterLabel').errors).toEqual([
      { start: 10, end: 11, code: 'unexpected-brace', message: '"}" at position 10 closes no token.' },
    ]);
  });

  it('reports an empty format', () => {
    expect(checkNameFormat('  ', 'masterLabel').errors).toEqual([
      { start: 0, end: 2, code: 'empty', message: 'The format is empty.' },
    ]);
  });

  it('requires a user id token in developer name formats and warns without a call center token', () => {
    expect(checkNameFormat('User_{CallCenterId15}', 'developerName').errors.map((e) => e.code)).toEqual([
      'missing-user-id',
    ]);
    const check = checkNameFormat('User_{UserId18}', 'developerName');
    expect(check.ok).toBe(true);
    expect(check.warnings.map((w) => w.code)).toEqual(['missing-call-center']);
  });

  it('reports characters a developer name cannot contain, at their position, suggesting an underscore', () => {
    expect(checkNameFormat('User-{UserId18}_{CallCenterId15}', 'developerName').errors).toEqual([
      {
        start: 4,
        end: 5,
        code: 'invalid-character',
        message: '"-" cannot be part of a developer name: use letters, digits and underscores.',
        suggestion: '_',
      },
    ]);
  });

  it('reports a double underscore, a trailing underscore and a leading id or digit', () => {
    expect(checkNameFormat('User__{UserId18}_{CallCenterId15}', 'developerName').errors[0]).toMatchObject({
      start: 4,
      end: 6,
      code: 'double-underscore',
    });
    expect(checkNameFormat('User_{UserId18}_', 'developerName').errors).toContainEqual(
      expect.objectContaining({ start: 15, end: 16, code: 'trailing-underscore' }),
    );
    expect(checkNameFormat('{UserId18}_{CallCenterId15}', 'developerName').errors).toEqual([
      expect.objectContaining({ start: 0, end: 10, code: 'must-start-with-letter', suggestion: 'User_{UserId18}' }),
    ]);
    expect(checkNameFormat('1_{UserId18}_{CallCenterId15}', 'developerName').errors).toEqual([
      expect.objectContaining({ start: 0, end: 1, code: 'must-start-with-letter' }),
    ]);
  });

  it('warns when a format starts with an alias, which may start with a digit', () => {
    const check = checkNameFormat('{UserAlias}_{UserId18}_{CallCenterId15}', 'developerName');
    expect(check.ok).toBe(true);
    expect(check.warnings).toEqual([expect.objectContaining({ start: 0, end: 11, code: 'may-start-with-digit' })]);
  });

  it('errors when even the fixed parts exceed 80 characters and warns when variable parts may', () => {
    const tooLong = checkNameFormat(`${'L'.repeat(50)}_{UserId18}_{CallCenterId15}`, 'developerName');
    expect(tooLong.errors).toEqual([expect.objectContaining({ code: 'too-long' })]);
    const mayBeTooLong = checkNameFormat('User_{UserId18}_{CallCenterInternalName}', 'developerName');
    expect(mayBeTooLong.ok).toBe(true);
    expect(mayBeTooLong.warnings).toEqual([
      expect.objectContaining({
        code: 'too-long',
        message: expect.stringContaining('up to 104 characters; the limit is 80'),
      }),
    ]);
  });

  it('allows any characters in master label formats', () => {
    expect(checkNameFormat('Agent: {UserAlias} (voice)', 'masterLabel')).toMatchObject({ ok: true, errors: [] });
  });

  it('returns copies, so callers cannot change the cached result', () => {
    const first = checkNameFormat('User_{UserId18}', 'developerName');
    first.warnings.length = 0;
    expect(checkNameFormat('User_{UserId18}', 'developerName').warnings).toHaveLength(1);
  });

  it('keeps working after many different formats (bounded cache)', () => {
    for (let i = 0; i < 150; i++) checkNameFormat(`User${i}_{UserId18}_{CallCenterId15}`, 'developerName');
    expect(checkNameFormat('User7_{UserId18}_{CallCenterId15}', 'developerName').ok).toBe(true);
  });
});

describe('developerNameProblems and isValidDeveloperName', () => {
  it('accept letters, digits and single underscores, starting with a letter', () => {
    for (const name of ['A', 'User_005xx000001SvOgAAK_04vxx0000000AbC', 'a1_b2_c3', 'x'.repeat(80)]) {
      expect(developerNameProblems(name)).toEqual([]);
      expect(isValidDeveloperName(name)).toBe(true);
    }
  });

  it('report every rule a name breaks', () => {
    expect(developerNameProblems('')).toEqual([{ code: 'empty', message: 'The developer name is empty.' }]);
    expect(developerNameProblems(null).map((p) => p.code)).toEqual(['empty']);
    expect(developerNameProblems('x'.repeat(81))).toEqual([
      { code: 'too-long', message: 'The developer name has 81 characters; the limit is 80.' },
    ]);
    expect(developerNameProblems('_a b__').map((p) => p.code)).toEqual([
      'invalid-characters',
      'must-start-with-letter',
      'double-underscore',
      'trailing-underscore',
    ]);
    expect(developerNameProblems('9lives').map((p) => p.code)).toEqual(['must-start-with-letter']);
  });

  it('treat null, names over 80 characters and each broken rule as invalid', () => {
    for (const name of [null, undefined, '', 'x'.repeat(81), '1a', 'a__b', 'a_', 'é', 'a-b']) {
      expect(isValidDeveloperName(name)).toBe(false);
    }
  });
});

describe('sanitizeDeveloperName', () => {
  it('returns a valid name unchanged', () => {
    expect(sanitizeDeveloperName('User_1')).toEqual({ ok: true, value: 'User_1', changed: false, changes: [] });
  });

  it('repairs spaces, punctuation, accents, repeated and edge underscores, and says what it did', () => {
    expect(sanitizeDeveloperName('  __Café  du--Nord__ ')).toEqual({
      ok: true,
      value: 'Cafe_du_Nord',
      changed: true,
      changes: [
        'removed surrounding spaces',
        'removed accents',
        'replaced characters other than letters, digits and underscores with "_"',
        'collapsed repeated underscores',
        'removed leading and trailing underscores',
      ],
    });
  });

  it('puts an X before a leading digit, as Salesforce does for API names', () => {
    expect(sanitizeDeveloperName('005xx000001SvOgAAK')).toEqual({
      ok: true,
      value: 'X005xx000001SvOgAAK',
      changed: true,
      changes: ['added "X" before the leading digit'],
    });
  });

  it('cannot repair a value without letters or digits, and says why', () => {
    expect(sanitizeDeveloperName('__ -- __')).toEqual({
      ok: false,
      reason: '"__ -- __" has no letters or digits to make a developer name from.',
    });
    expect(sanitizeDeveloperName(undefined)).toMatchObject({ ok: false });
    expect(sanitizeDeveloperName('日本')).toMatchObject({ ok: false });
  });

  it('does not truncate a name that is too long', () => {
    const result = sanitizeDeveloperName(`${'a'.repeat(80)} b`);
    expect(result).toEqual({
      ok: false,
      reason: `"${'a'.repeat(80)}_b" has 82 characters; the limit is ${DEVELOPER_NAME_MAX_LENGTH} and shortening it could make it clash with another name. Use a shorter format.`,
    });
  });
});
