import {
  checkEmailList,
  debounce,
  formatEmailList,
  isValidEmail,
  parseEmailList,
  pathProblem,
  pathsOverlap,
  sameEmailList,
  suggestPath,
} from 'c/providerFieldUtils';

describe('c/providerFieldUtils', () => {
  describe('isValidEmail', () => {
    it.each(['ops@example.com', 'first.last+alerts@sub.example.co.uk', "o'brien@example.org", 'a_b-c@x-y.io'])(
      'accepts %s',
      (address) => expect(isValidEmail(address)).toBe(true),
    );

    it.each([
      '',
      'ops',
      'ops@',
      '@example.com',
      'ops@example',
      'ops@@example.com',
      'ops@exa mple.com',
      'ops@-example.com',
      '.ops@example.com',
      'ops.@example.com',
      'o..ps@example.com',
      'ops@example..com',
      `${'a'.repeat(250)}@example.com`,
    ])('rejects "%s"', (address) => expect(isValidEmail(address)).toBe(false));
  });

  describe('parseEmailList', () => {
    it('splits on commas, semicolons, spaces and new lines, and drops blanks and duplicates', () => {
      expect(parseEmailList(' ops@example.com,\n oncall@example.com;; OPS@example.com  lead@example.com\n\n')).toEqual([
        'ops@example.com',
        'oncall@example.com',
        'lead@example.com',
      ]);
    });

    it('reads nothing from a blank or missing text', () => {
      expect(parseEmailList('')).toEqual([]);
      expect(parseEmailList(' \n ,; ')).toEqual([]);
      expect(parseEmailList(null)).toEqual([]);
      expect(parseEmailList(undefined)).toEqual([]);
    });
  });

  describe('checkEmailList', () => {
    it('has no error when every address is valid', () => {
      expect(checkEmailList('ops@example.com, oncall@example.com')).toEqual({
        addresses: ['ops@example.com', 'oncall@example.com'],
        invalid: [],
        error: null,
      });
    });

    it('names the one bad address', () => {
      const check = checkEmailList('ops@example.com\nops@');
      expect(check.invalid).toEqual(['ops@']);
      expect(check.error).toBe('"ops@" is not a valid email address.');
    });

    it('names every bad address', () => {
      expect(checkEmailList('ops, lead@example.com, x@y').error).toBe('"ops", "x@y" are not valid email addresses.');
    });

    it('refuses more recipients than the server keeps', () => {
      const many = Array.from({ length: 26 }, (_, index) => `ops${index}@example.com`).join(', ');
      expect(checkEmailList(many).error).toBe('26 addresses: at most 25 recipients per category.');
      expect(checkEmailList(many, 30).error).toBeNull();
    });

    it('accepts an empty list (nobody is notified)', () => {
      expect(checkEmailList('')).toEqual({ addresses: [], invalid: [], error: null });
    });
  });

  it('formats a list one address per line and compares lists case-insensitively', () => {
    expect(formatEmailList(['a@example.com', 'b@example.com'])).toBe('a@example.com\nb@example.com');
    expect(formatEmailList(null)).toBe('');
    expect(sameEmailList(['A@example.com'], ['a@example.com'])).toBe(true);
    expect(sameEmailList(['a@example.com'], ['a@example.com', 'b@example.com'])).toBe(false);
    expect(sameEmailList(['a@example.com', 'b@example.com'], ['b@example.com', 'a@example.com'])).toBe(false);
  });

  describe('suggestPath', () => {
    it.each([
      ['Department', 'crm.department'],
      ['EmployeeNumber', 'crm.employeeNumber'],
      ['Team__c', 'crm.team'],
      ['Cost_Center__c', 'crm.costCenter'],
      ['acme__Team__c', 'crm.acmeTeam'],
      ['X2nd_Line__c', 'crm.x2ndLine'],
    ])('suggests a path for %s: %s', (field, path) => expect(suggestPath(field)).toBe(path));

    it('appends a number when the path is already used (case-insensitive)', () => {
      expect(suggestPath('Department', ['crm.Department'])).toBe('crm.department2');
      expect(suggestPath('Department', ['crm.department', 'crm.department2'])).toBe('crm.department3');
    });

    it('avoids a path that is a parent or child of a used one', () => {
      expect(suggestPath('Team__c', ['crm.team.id'])).toBe('crm.team2');
    });

    it('never starts a segment with a digit', () => {
      expect(suggestPath('1Field__c')).toBe('crm.field1Field');
    });
  });

  describe('pathProblem', () => {
    it('accepts dot paths of letters, digits and _', () => {
      expect(pathProblem('crm.costCenter')).toBeNull();
      expect(pathProblem('team_2')).toBeNull();
    });

    it.each([
      ['', 'Enter the payload path'],
      ['   ', 'Enter the payload path'],
      ['crm..team', 'Use letters, digits and _ only'],
      ['.team', 'Use letters, digits and _ only'],
      ['crm.team.', 'Use letters, digits and _ only'],
      ['crm.2nd', 'cannot start with a digit'],
      ['crm/team', 'Use letters, digits and _ only'],
      [`crm.${'a'.repeat(260)}`, 'too long'],
    ])('rejects "%s"', (path, message) => expect(pathProblem(path)).toContain(message));

    it('rejects a path inside or around one the mapping uses', () => {
      expect(pathProblem('crm', ['crm.email'])).toBe(
        '"crm" overlaps "crm.email": one would overwrite the other. Choose another path.',
      );
      expect(pathProblem('name.first', ['name'])).toContain('overlaps "name"');
    });

    it('rejects a path the mapping already uses', () => {
      expect(pathProblem('CRM.email', ['name', 'crm.email'])).toBe(
        'The mapping already sends "CRM.email". Choose another path.',
      );
    });
  });

  it('pathsOverlap: equal paths, or one inside the other', () => {
    expect(pathsOverlap('crm.team', 'CRM.Team')).toBe(true);
    expect(pathsOverlap('crm', 'crm.team')).toBe(true);
    expect(pathsOverlap('crm.team.lead', 'crm.team')).toBe(true);
    expect(pathsOverlap('crm.team', 'crm.teams')).toBe(false);
    expect(pathsOverlap('', 'crm')).toBe(false);
  });

  describe('debounce', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('runs once with the last arguments after the wait', () => {
      const fn = jest.fn();
      const debounced = debounce(fn, 300);
      debounced('a');
      jest.advanceTimersByTime(200);
      debounced('ab');
      expect(debounced.pending).toBe(true);
      jest.advanceTimersByTime(299);
      expect(fn).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(fn).toHaveBeenCalledTimes(1);
      expect(fn).toHaveBeenCalledWith('ab');
      expect(debounced.pending).toBe(false);
    });

    it('drops a pending call on cancel', () => {
      const fn = jest.fn();
      const debounced = debounce(fn, 100);
      debounced();
      debounced.cancel();
      jest.advanceTimersByTime(500);
      expect(fn).not.toHaveBeenCalled();
      expect(debounced.pending).toBe(false);
    });
  });
});
