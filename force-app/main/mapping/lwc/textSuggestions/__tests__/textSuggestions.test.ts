import { levenshtein } from 'c/textSuggestions';

describe('levenshtein', () => {
  it('is 0 for equal strings, ignoring case', () => {
    expect(levenshtein('UserId18', 'userid18')).toBe(0);
    expect(levenshtein('', '')).toBe(0);
  });

  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('Emial', 'Email')).toBe(2);
    expect(levenshtein('Alias', 'Alia')).toBe(1);
    expect(levenshtein('Alia', 'Alias')).toBe(1);
  });

  it('is the length of the other string when one is empty', () => {
    expect(levenshtein('', 'Email')).toBe(5);
    expect(levenshtein('Email', '')).toBe(5);
  });

  it('is symmetric', () => {
    expect(levenshtein('FederationIdentifier', 'FederationId')).toBe(
      levenshtein('FederationId', 'FederationIdentifier'),
    );
  });
});
