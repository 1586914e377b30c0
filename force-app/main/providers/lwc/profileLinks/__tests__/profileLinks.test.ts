import { buildProfileUrl, isHttpsUrl, profileLinkUrl, resolveProfileLink, templateFor } from 'c/profileLinks';
import type { ProfileLinkTemplate } from '@ccus/apex-contracts';
import templatesFixture from './data/templates.json';

const TEMPLATES = templatesFixture as ProfileLinkTemplate[];
const [NORTHWIND, CONTOSO, FABRIKAM] = TEMPLATES;
const CC1 = '04v8d0000000001AAA';
const CC2 = '04v8d0000000002AAA';
const CC3 = '04v8d0000000003AAA';

describe('profileLinks', () => {
  it('uses the active provider that serves the call center and encodes the ExternalId', () => {
    expect(profileLinkUrl(TEMPLATES, CC1, 'agent 42/ä')).toBe(
      'https://northwind.example.com/agents/agent%2042%2F%C3%A4/profile',
    );
    expect(resolveProfileLink(TEMPLATES, CC1, 'agent-42')).toEqual({
      url: 'https://northwind.example.com/agents/agent-42/profile',
      providerId: NORTHWIND.providerId,
      providerName: 'Northwind Voice',
      label: 'Open agent-42 in Northwind Voice',
    });
  });

  it('keeps the links of a deactivated provider working for the call centers it served', () => {
    expect(profileLinkUrl(TEMPLATES, CC2, 'u-7')).toBe('https://old.contoso.example.com/users?id=u-7');
    expect(templateFor(TEMPLATES, CC2)).toBe(CONTOSO);
  });

  it('falls back to the default provider for a call center nobody serves explicitly', () => {
    expect(profileLinkUrl(TEMPLATES, CC3, 'x')).toBe('https://fabrikam.example.com/u/x');
    expect(templateFor(TEMPLATES, null)).toBe(FABRIKAM);
    expect(templateFor(TEMPLATES.slice(0, 2), CC3)).toBeNull();
  });

  it('prefers an active default over an inactive one', () => {
    const inactiveDefault = { ...CONTOSO, isDefault: true, callCenterIds: [] };
    expect(templateFor([inactiveDefault, FABRIKAM], CC3)).toBe(FABRIKAM);
    expect(templateFor([inactiveDefault], CC3)).toBe(inactiveDefault);
  });

  it('matches 15- and 18-character call center ids', () => {
    expect(templateFor(TEMPLATES, CC1.slice(0, 15))).toBe(NORTHWIND);
    expect(templateFor([{ ...NORTHWIND, callCenterIds: [CC1.slice(0, 15)] }], CC1)?.providerId).toBe(
      NORTHWIND.providerId,
    );
  });

  it('uses the provider a request went to when it defines a link', () => {
    expect(resolveProfileLink(TEMPLATES, CC1, 'u-1', CONTOSO.providerId)?.url).toBe(
      'https://old.contoso.example.com/users?id=u-1',
    );
    expect(resolveProfileLink(TEMPLATES, CC1, 'u-1', 'a0B8d0000000009EAA')?.providerName).toBe('Northwind Voice');
  });

  it('returns no link without an ExternalId, without templates, or for anything but https', () => {
    expect(profileLinkUrl(TEMPLATES, CC1, '')).toBeNull();
    expect(profileLinkUrl(TEMPLATES, CC1, '   ')).toBeNull();
    expect(profileLinkUrl(TEMPLATES, CC1, null)).toBeNull();
    expect(profileLinkUrl([], CC1, 'x')).toBeNull();
    expect(profileLinkUrl(null, CC1, 'x')).toBeNull();
    const unsafe = [
      { ...NORTHWIND, start: 'http://northwind.example.com/agents/' },
      { ...NORTHWIND, start: ['javascript', 'alert(1)//'].join(':') },
      { ...NORTHWIND, start: 'https://' },
    ];
    for (const template of unsafe) expect(profileLinkUrl([template], CC1, 'x')).toBeNull();
  });

  it('skips a served provider whose template is not https and falls back', () => {
    const httpNorthwind = { ...NORTHWIND, start: 'http://northwind.example.com/' };
    expect(templateFor([httpNorthwind, CONTOSO, FABRIKAM], CC1)).toBe(CONTOSO);
  });

  it('checks https URLs and builds them from start and end', () => {
    expect(isHttpsUrl('https://a.example.com')).toBe(true);
    expect(isHttpsUrl('HTTPS://a.example.com')).toBe(true);
    expect(isHttpsUrl('https://exa mple.com')).toBe(false);
    expect(isHttpsUrl('ftp://a.example.com')).toBe(false);
    expect(isHttpsUrl(undefined)).toBe(false);
    expect(isHttpsUrl('https://')).toBe(false);
    expect(buildProfileUrl({ start: ' https://a.example.com/ ', end: null }, '#1')).toBe('https://a.example.com/%231');
  });
});
