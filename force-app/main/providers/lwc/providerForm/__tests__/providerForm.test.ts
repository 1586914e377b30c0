import {
  FIELD_LABELS,
  auditActionLabel,
  callCenterOptions,
  diagnosisLabel,
  emptyForm,
  formFieldOf,
  formFromProvider,
  newestFirst,
  parseWholeNumber,
  profileLinkExample,
  splitErrors,
  testBadgeClass,
  toProviderInput,
  validateForm,
  visibleFields,
} from 'c/providerForm';
import type { FormContext, ProviderFormState } from 'c/providerForm';
import type { CallCenterChoice, ProviderSummary } from '@ccus/apex-contracts';
import providersFixture from './data/providers.json';

const PROVIDERS = providersFixture as ProviderSummary[];
const [NORTHWIND, CONTOSO] = PROVIDERS;

const CENTERS: CallCenterChoice[] = [
  {
    id: '04v8d0000000001AAA',
    name: 'Support EU',
    servedByProviderId: NORTHWIND.id,
    servedByProviderName: 'Northwind Voice',
  },
  { id: '04v8d0000000002AAA', name: 'Sales US', servedByProviderId: null, servedByProviderName: null },
];

function context(overrides: Partial<FormContext> = {}): FormContext {
  return {
    providers: PROVIDERS,
    callCenters: CENTERS,
    namedCredentials: ['Northwind_Webhook', 'Contoso_Scim', 'Fabrikam_Webhook'],
    profileLinkProviderCount: 1,
    profileLinkProviderLimit: 10,
    ...overrides,
  };
}

function validForm(overrides: Partial<ProviderFormState> = {}): ProviderFormState {
  return { ...emptyForm(), name: 'Fabrikam', namedCredential: 'Fabrikam_Webhook', path: '/hooks', ...overrides };
}

const messagesFor = (form: ProviderFormState, field: string, ctx = context()): string[] =>
  validateForm(form, ctx)
    .filter((error) => error.field === field)
    .map((error) => error.message);

describe('c/providerForm', () => {
  describe('form ↔ ProviderInput', () => {
    it('fills the form from a provider but never the signing secret', () => {
      const form = formFromProvider(NORTHWIND);
      expect(form).toMatchObject({
        id: NORTHWIND.id,
        type: 'Webhook',
        name: 'Northwind Voice',
        namedCredential: 'Northwind_Webhook',
        externalCredential: 'Northwind_Signing',
        callCenterIds: ['04v8d0000000001AAA'],
        isDefault: true,
        active: true,
        batchSize: '50',
        maxAgeHours: '',
        scimUpdateMethod: 'PATCH',
        signingSecret: '',
      });
      expect(formFromProvider(CONTOSO)).toMatchObject({
        scimUpdateMethod: 'PUT',
        scimIncludeExtension: true,
        maxAgeHours: '48',
        profileUrlStart: 'https://contoso.example.com/agents/',
        description: '',
      });
    });

    it('sends blanks as null, numbers as numbers, and a blank secret as null (keeps the current one)', () => {
      const input = toProviderInput({
        ...formFromProvider(NORTHWIND),
        name: '  Northwind Voice  ',
        path: '   ',
        batchSize: ' 20 ',
        callCenterIds: ['04v8d0000000001AAA', '04v8d0000000001AAA'],
      });
      expect(input).toEqual({
        id: NORTHWIND.id,
        name: 'Northwind Voice',
        type: 'Webhook',
        namedCredential: 'Northwind_Webhook',
        externalCredential: 'Northwind_Signing',
        path: null,
        active: true,
        isDefault: true,
        callCenterIds: ['04v8d0000000001AAA'],
        description: 'Main tenant',
        batchSize: 20,
        maxAgeHours: null,
        scimUpdateMethod: null,
        scimIncludeExtension: null,
        telephonyIdAttribute: null,
        profileUrlStart: null,
        profileUrlEnd: null,
        signingSecret: null,
      });
      expect(
        toProviderInput({ ...formFromProvider(NORTHWIND), signingSecret: 's3cret-s3cret-s3cret' }).signingSecret,
      ).toBe('s3cret-s3cret-s3cret');
    });

    it('sends SCIM settings only for SCIM providers and drops webhook-only values', () => {
      const input = toProviderInput({ ...formFromProvider(CONTOSO), externalCredential: 'X', signingSecret: 'abc' });
      expect(input).toMatchObject({
        type: 'SCIM',
        scimUpdateMethod: 'PUT',
        scimIncludeExtension: true,
        externalCredential: null,
        signingSecret: null,
        profileUrlStart: 'https://contoso.example.com/agents/',
        profileUrlEnd: '/profile',
      });
      expect(toProviderInput({ ...formFromProvider(CONTOSO), scimUpdateMethod: '' }).scimUpdateMethod).toBe('PATCH');
      expect(toProviderInput({ ...formFromProvider(CONTOSO), profileUrlStart: '' }).profileUrlEnd).toBeNull();
    });

    it('parses whole numbers only', () => {
      expect(parseWholeNumber('')).toBeNull();
      expect(parseWholeNumber(' 7 ')).toBe(7);
      expect(parseWholeNumber('1.5')).toBeNaN();
      expect(parseWholeNumber('-3')).toBeNaN();
    });
  });

  describe('validateForm', () => {
    it('accepts a complete new provider', () => {
      expect(validateForm(validForm(), context())).toEqual([]);
    });

    it('requires a unique name of at most 80 characters', () => {
      expect(messagesFor(validForm({ name: ' ' }), 'name')[0]).toContain('Enter a name');
      expect(messagesFor(validForm({ name: 'x'.repeat(81) }), 'name')).toEqual(['At most 80 characters.']);
      expect(messagesFor(validForm({ name: 'northwind voice' }), 'name')[0]).toContain(
        'Another provider is already called',
      );
      expect(messagesFor({ ...formFromProvider(NORTHWIND) }, 'name')).toEqual([]);
    });

    it('needs a Named Credential to be active, and one the org has', () => {
      expect(messagesFor(validForm({ namedCredential: '' }), 'namedCredential')[0]).toContain(
        'An active provider needs a Named Credential',
      );
      expect(messagesFor(validForm({ namedCredential: '', active: false }), 'namedCredential')).toEqual([]);
      expect(messagesFor(validForm({ namedCredential: 'Gone' }), 'namedCredential')[0]).toContain(
        'no Named Credential "Gone"',
      );
      expect(
        messagesFor(validForm({ namedCredential: 'Gone' }), 'namedCredential', context({ namedCredentials: null })),
      ).toEqual([]);
      expect(messagesFor(validForm({ type: 'Other' as never }), 'type')).toEqual(['Choose JSON webhook or SCIM 2.0.']);
    });

    it('checks the path', () => {
      expect(messagesFor(validForm({ path: 'hooks?x=1#a' }), 'path')[0]).toBe(
        'The path must start with "/", contain no "?" or "#" (the provider\'s query belongs in the Named Credential).',
      );
      expect(messagesFor(validForm({ path: '/a/../b c' }), 'path')[0]).toContain('no ".."');
      expect(messagesFor(validForm({ path: '/a/../b c' }), 'path')[0]).toContain('no spaces');
      expect(messagesFor(validForm({ path: `/${'a'.repeat(255)}` }), 'path')[0]).toContain('at most 255');
      expect(messagesFor(validForm({ path: '' }), 'path')).toEqual([]);
    });

    it('refuses a call center another active provider serves, unless this one is inactive', () => {
      const form = validForm({ callCenterIds: ['04v8d0000000001AAA', '04v8d0000000002AAA'] });
      expect(messagesFor(form, 'callCenterIds')[0]).toContain('Support EU (served by Northwind Voice)');
      expect(messagesFor({ ...form, active: false }, 'callCenterIds')).toEqual([]);
      expect(messagesFor({ ...formFromProvider(NORTHWIND) }, 'callCenterIds')).toEqual([]);
      const anonymous = context({ callCenters: [{ ...CENTERS[0], servedByProviderName: null }] });
      expect(messagesFor(form, 'callCenterIds', anonymous)[0]).toContain('served by another provider');
    });

    it('checks batch size, maximum age, description, telephony id attribute and SCIM method', () => {
      expect(messagesFor(validForm({ batchSize: '0' }), 'batchSize')[0]).toBe(
        'Enter a whole number from 1 to 100, or leave it blank to use the default (50).',
      );
      expect(messagesFor(validForm({ batchSize: '2.5' }), 'batchSize')).toHaveLength(1);
      expect(messagesFor(validForm({ maxAgeHours: '169' }), 'maxAgeHours')[0]).toContain('1 to 168');
      expect(messagesFor(validForm({ maxAgeHours: '168', batchSize: '100' }), 'maxAgeHours')).toEqual([]);
      expect(messagesFor(validForm({ description: 'd'.repeat(256) }), 'description')).toHaveLength(1);
      expect(messagesFor(validForm({ telephonyIdAttribute: 't'.repeat(256) }), 'telephonyIdAttribute')).toHaveLength(1);
      expect(messagesFor(validForm({ type: 'SCIM', scimUpdateMethod: 'POST' }), 'scimUpdateMethod')).toEqual([
        'Choose PATCH or PUT.',
      ]);
    });

    it('checks profile links and their limit', () => {
      expect(messagesFor(validForm({ profileUrlStart: 'http://x.example.com/' }), 'profileUrlStart')[0]).toContain(
        'Enter an https URL',
      );
      expect(messagesFor(validForm({ profileUrlEnd: '/profile' }), 'profileUrlEnd')[0]).toContain(
        'Set the profile URL start too',
      );
      expect(
        messagesFor(validForm({ profileUrlStart: 'https://x.example.com/', profileUrlEnd: '/a b' }), 'profileUrlEnd'),
      ).toEqual(['The end must contain no spaces.']);
      expect(
        messagesFor(
          validForm({ profileUrlStart: `https://x.example.com/${'a'.repeat(250)}`, profileUrlEnd: 'e'.repeat(256) }),
          'profileUrlEnd',
        ),
      ).toEqual(['At most 255 characters.']);
      expect(
        messagesFor(validForm({ profileUrlStart: `https://x.example.com/${'a'.repeat(250)}` }), 'profileUrlStart'),
      ).toEqual(['At most 255 characters.']);
      const full = context({ profileLinkProviderCount: 10 });
      expect(messagesFor(validForm({ profileUrlStart: 'https://x.example.com/' }), 'profileUrlStart', full)[0]).toBe(
        'At most 10 providers can define profile links, and 10 already do. Remove the links of another provider first.',
      );
      // A provider that already has links does not count against the limit again.
      expect(messagesFor(formFromProvider(CONTOSO), 'profileUrlStart', full)).toEqual([]);
    });

    it('checks the signing secret and External Credential of webhooks only', () => {
      expect(messagesFor(validForm({ signingSecret: 'short' }), 'signingSecret')[0]).toContain('16 to 255 characters');
      expect(
        messagesFor(
          validForm({ signingSecret: 'long-enough-secret', externalCredential: 'Fab_Signing' }),
          'signingSecret',
        ),
      ).toEqual([]);
      expect(messagesFor(validForm({ signingSecret: 'long-enough-secret' }), 'signingSecret')).toEqual([
        'The secret is stored in an External Credential: enter its developer name above first.',
      ]);
      expect(messagesFor(validForm({ externalCredential: 'e'.repeat(256) }), 'externalCredential')).toHaveLength(1);
      expect(
        messagesFor(validForm({ type: 'SCIM', namedCredential: 'Contoso_Scim', signingSecret: 'x' }), 'signingSecret'),
      ).toEqual([]);
    });
  });

  describe('errors, fields and options', () => {
    it('maps server field names to form fields', () => {
      expect(formFieldOf('path')).toBe('path');
      expect(formFieldOf('callCenters')).toBe('callCenterIds');
      expect(formFieldOf('Unknown__c')).toBeNull();
      expect(formFieldOf(null)).toBeNull();
    });

    it('puts errors of visible fields on the fields and the rest in the summary', () => {
      const split = splitErrors(
        [
          { field: 'name', message: 'Taken.' },
          { field: 'name', message: 'Too long.' },
          { field: 'scimUpdateMethod', message: 'Choose one.' },
          { field: 'Weird__c', message: 'Bad.' },
          { field: null, message: 'At most 10 active providers.' },
          { field: null, message: 'At most 10 active providers.' },
        ],
        visibleFields('Webhook'),
      );
      expect(split.byField).toEqual({ name: 'Taken. Too long.' });
      expect(split.general).toEqual([
        `${FIELD_LABELS.scimUpdateMethod}: Choose one.`,
        'Weird__c: Bad.',
        'At most 10 active providers.',
      ]);
      expect(visibleFields('SCIM')).toContain('scimUpdateMethod');
      expect(visibleFields('SCIM')).not.toContain('signingSecret');
    });

    it('offers call centers with the provider serving them, and keeps selected ones the org no longer shows', () => {
      expect(callCenterOptions(CENTERS, null, ['04v-gone'], new Map([['04v-gone', 'Old center']]))).toEqual([
        { value: '04v8d0000000001AAA', label: 'Support EU (served by Northwind Voice)' },
        { value: '04v8d0000000002AAA', label: 'Sales US' },
        { value: '04v-gone', label: 'Old center (not found in this org)' },
      ]);
      expect(callCenterOptions(CENTERS, NORTHWIND.id, ['04v-x'])[0].label).toBe('Support EU');
      expect(callCenterOptions(CENTERS, NORTHWIND.id, ['04v-x'])[2].label).toBe('04v-x (not found in this org)');
      expect(callCenterOptions([{ ...CENTERS[0], servedByProviderName: null }], null)[0].label).toBe(
        'Support EU (served by another provider)',
      );
    });

    it('builds the profile link example with the encoded external id', () => {
      expect(profileLinkExample('https://t.example.com/agents/', '/profile')).toBe(
        'https://t.example.com/agents/jane.doe%40example.com/profile',
      );
      expect(profileLinkExample(' https://t.example.com/?id= ', null, 'a b/c')).toBe(
        'https://t.example.com/?id=a%20b%2Fc',
      );
      expect(profileLinkExample('', '/x')).toBeNull();
      expect(profileLinkExample('http://t.example.com/', '')).toBeNull();
    });

    it('labels diagnoses and audit actions, and sorts the audit newest first', () => {
      expect(diagnosisLabel('TIMEOUT')).toBe('Timed out');
      expect(diagnosisLabel('SOMETHING_NEW')).toBe('Failed');
      expect(diagnosisLabel(null)).toBe('Failed');
      expect(testBadgeClass(true)).toContain('success');
      expect(testBadgeClass(false)).toContain('error');
      expect(auditActionLabel('SIGNING_SECRET_CHANGED')).toBe('Signing secret changed');
      expect(auditActionLabel('NEW_ACTION')).toBe('NEW_ACTION');
      expect(
        newestFirst([
          { at: '2026-01-01T00:00:00Z', id: 'a' },
          { at: 'garbage', id: 'b' },
          { at: '2026-03-01T00:00:00Z', id: 'c' },
        ]).map((entry) => entry.id),
      ).toEqual(['c', 'a', 'b']);
    });
  });
});
