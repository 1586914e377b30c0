/**
 * A provider's effective field mapping (ProviderFieldMappingController): the default rows of
 * Provisioning_Field_Mapping__mdt (force-app/main/provisioning/customMetadata) plus the provider's custom rows
 * (Telephony_Provider_Field__c), the User fields that can be added (a sample User describe), and the payload preview
 * built with the provisioning sample's payload code (sampleRequests.ts) in the provider's wire format.
 */
import type {
  FieldMappingRow,
  FieldMappingView,
  PayloadPreview,
  PreviewUserOption,
  UserFieldOption,
  ValidationError,
} from '@ccus/apex-contracts';
import { MASK, REDACTED_KEYS, payloadFor, type PayloadExtra } from '../provisioning/sampleRequests.js';
import type { SampleOrg, UserRow } from '../sampleOrg.js';
import type { ProviderRecord } from './store.js';

/** The default mapping rows (custom metadata), in Sort_Order__c order. */
export const DEFAULT_MAPPING: readonly FieldMappingRow[] = [
  ['Username', 'username', null, 'IF(ISEMAIL(Username), Username, Email)', true],
  ['Crm_Id', 'crmId', 'Id', null, false],
  ['Crm_Call_Center_Id', 'crm.callCenterId', 'CallCenterId', null, false],
  ['Crm_Email', 'crm.email', 'Email', null, true],
  ['Crm_User', 'crmUser', 'Username', null, true],
  ['Disabled', 'disabled', null, 'NOT(AND(IsActive, NOT(ISBLANK(CallCenterId))))', false],
  ['Inbound_Enabled', 'inboundEnabled', null, 'AND(IsActive, NOT(ISBLANK(CallCenterId)))', false],
  ['Crm_Language', 'crm.language', 'LanguageLocaleKey', null, false],
  ['Name', 'name', 'Name', null, false],
  ['Picture_Url', 'pictureUrl', 'SmallPhotoUrl', null, false],
  [
    'Phone_Numbers',
    'phoneNumbers',
    null,
    "LIST(IF(ISBLANK(MobilePhone), NULL, OBJECT('type', 'mobile', 'value', MobilePhone)), IF(ISBLANK(Phone), NULL, OBJECT('type', 'other', 'value', Phone)))",
    true,
  ],
  ['Crm_Profile_Id', 'crm.profileId', 'ProfileId', null, false],
  ['Crm_User_Role_Id', 'crm.userRoleId', 'UserRoleId', null, false],
  ['Crm_User_Type', 'crm.userType', 'UserType', null, false],
].map(([key, path, sourceField, expression, sensitive]) => ({
  key: key as string,
  origin: 'DEFAULT' as const,
  path: path as string,
  sourceField: sourceField as string | null,
  expression: expression as string | null,
  sensitive: sensitive as boolean,
  providerScoped: false,
  error: null,
}));

/** Field name fragments that usually mean personal data (ProviderFieldMappingService.PERSONAL_NAME_HINTS). */
const PERSONAL_NAME_HINTS = [
  'phone',
  'fax',
  'street',
  'city',
  'postalcode',
  'state',
  'country',
  'address',
  'latitude',
  'longitude',
  'birth',
  'email',
  'federation',
  'employeenumber',
];

/** The sample User describe: readable, non-deprecated fields of supported types, by label. */
export const USER_FIELDS: readonly UserFieldOption[] = (
  [
    ['AboutMe', 'About Me', 'TEXTAREA'],
    ['IsActive', 'Active', 'BOOLEAN'],
    ['Alias', 'Alias', 'STRING'],
    ['CallCenterId', 'Call Center', 'REFERENCE'],
    ['City', 'City', 'STRING'],
    ['CompanyName', 'Company Name', 'STRING'],
    ['Country', 'Country', 'STRING'],
    ['Department', 'Department', 'STRING'],
    ['Division', 'Division', 'STRING'],
    ['Email', 'Email', 'EMAIL'],
    ['EmployeeNumber', 'Employee Number', 'STRING'],
    ['Extension', 'Extension', 'PHONE'],
    ['FederationIdentifier', 'Federation ID', 'STRING'],
    ['FirstName', 'First Name', 'STRING'],
    ['Name', 'Full Name', 'STRING'],
    ['LanguageLocaleKey', 'Language', 'PICKLIST'],
    ['LastName', 'Last Name', 'STRING'],
    ['LocaleSidKey', 'Locale', 'PICKLIST'],
    ['ManagerId', 'Manager ID', 'REFERENCE'],
    ['MobilePhone', 'Mobile', 'PHONE'],
    ['CommunityNickname', 'Nickname', 'STRING'],
    ['Phone', 'Phone', 'PHONE'],
    ['SmallPhotoUrl', 'Photo', 'URL'],
    ['ProfileId', 'Profile ID', 'REFERENCE'],
    ['UserRoleId', 'Role ID', 'REFERENCE'],
    ['State', 'State/Province', 'STRING'],
    ['Street', 'Street', 'TEXTAREA'],
    ['TimeZoneSidKey', 'Time Zone', 'PICKLIST'],
    ['Title', 'Title', 'STRING'],
    ['Id', 'User ID', 'ID'],
    ['Username', 'Username', 'STRING'],
    ['UserType', 'User Type', 'PICKLIST'],
    ['PostalCode', 'Zip/Postal Code', 'STRING'],
  ] as const
)
  .map(([name, label, type]) => ({
    name,
    label,
    type,
    sensitiveHint:
      type === 'PHONE' || type === 'EMAIL' || PERSONAL_NAME_HINTS.some((hint) => name.toLowerCase().includes(hint)),
  }))
  .sort((left, right) => left.label.toLowerCase().localeCompare(right.label.toLowerCase()));

/** Most custom rows one provider may have. */
export const MAX_CUSTOM_ROWS_PER_PROVIDER = 50;

const FIELDS_BY_LOWER_NAME = new Map(USER_FIELDS.map((field) => [field.name.toLowerCase(), field]));

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const MAX_PATH_LENGTH = 255;

/** Every row of a provider: defaults, then its custom rows. */
export function effectiveRows(provider: ProviderRecord): FieldMappingRow[] {
  return [
    ...DEFAULT_MAPPING.map((row) => ({ ...row })),
    ...provider.customFields.map((row): FieldMappingRow => ({
      key: row.id,
      origin: 'CUSTOM',
      path: row.path,
      sourceField: row.sourceField,
      expression: null,
      sensitive: row.sensitive,
      providerScoped: true,
      error: FIELDS_BY_LOWER_NAME.has(row.sourceField.toLowerCase()) ? null : `User has no field ${row.sourceField}.`,
    })),
  ];
}

export function mappingView(provider: ProviderRecord): FieldMappingView {
  const rows = effectiveRows(provider);
  const errors = rows
    .filter((row) => row.origin === 'CUSTOM' && row.error !== null)
    .map((row) => `Custom row ${row.path} is skipped: ${row.error ?? ''}`);
  const sentCustom = rows.some((row) => row.origin === 'CUSTOM' && row.error === null);
  if (sentCustom && provider.type === 'SCIM' && !provider.scimIncludeExtension) {
    errors.push(
      "This SCIM provider does not receive the Salesforce extension (Include extension is off), so custom rows are not sent. Switch it on in the provider's settings.",
    );
  }
  return { providerId: provider.id, rows, errors, userFields: USER_FIELDS.map((field) => ({ ...field })) };
}

/** ProvisioningFieldMapping.pathsOverlap. */
export function pathsOverlap(first: string, second: string): boolean {
  const a = first.toLowerCase();
  const b = second.toLowerCase();
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * Checks a custom row against the provider's mapping (ProviderFieldMappingService.addCustomFieldMapping): the path's
 * syntax, a path the mapping already uses (or a parent or child of one), the source field against the User describe,
 * and the number of custom rows.
 */
export function validateCustomRow(
  provider: ProviderRecord,
  path: string,
  sourceField: string,
): { errors: ValidationError[]; field: UserFieldOption | null } {
  const errors: ValidationError[] = [];
  if (path === '') {
    errors.push({ field: 'path', message: 'Enter the payload path, e.g. crm.department.' });
  } else if (path.length > MAX_PATH_LENGTH) {
    errors.push({ field: 'path', message: `The path is longer than ${MAX_PATH_LENGTH} characters.` });
  } else if (!PATH.test(path)) {
    errors.push({
      field: 'path',
      message:
        'Use letters, digits and _ in each part, parts separated by single dots, not starting with a digit (e.g. crm.department).',
    });
  } else {
    const row = effectiveRows(provider).find((candidate) => pathsOverlap(path, candidate.path));
    if (row) {
      const owner = row.origin === 'DEFAULT' ? `the default row ${row.key}` : 'a custom row';
      errors.push({
        field: 'path',
        message:
          path.toLowerCase() === row.path.toLowerCase()
            ? `The path "${path}" is already used by ${owner}.`
            : `The path "${path}" overlaps "${row.path}" (${owner}): one would overwrite the other.`,
      });
    }
  }
  const field = FIELDS_BY_LOWER_NAME.get(sourceField.toLowerCase()) ?? null;
  if (sourceField === '') {
    errors.push({ field: 'sourceField', message: 'Choose the User field to send.' });
  } else if (!field) {
    errors.push({ field: 'sourceField', message: `User has no field named ${sourceField}.` });
  }
  if (provider.customFields.length >= MAX_CUSTOM_ROWS_PER_PROVIDER) {
    errors.push({
      field: null,
      message: `This provider already has ${provider.customFields.length} custom rows, the most allowed (${MAX_CUSTOM_ROWS_PER_PROVIDER}). Remove one first.`,
    });
  }
  return { errors, field };
}

const TIME_ZONES: Readonly<Record<string, string>> = {
  de: 'Europe/Berlin',
  fr: 'Europe/Paris',
  en_GB: 'Europe/London',
  nl_NL: 'Europe/Amsterdam',
  it: 'Europe/Rome',
  ja: 'Asia/Tokyo',
  en_AU: 'Australia/Sydney',
  pt_BR: 'America/Sao_Paulo',
};

/** The value of a User field for a sample user (fields the sample rows do not hold are derived from them). */
export function userFieldValue(org: SampleOrg, user: UserRow, field: string): unknown {
  const digits = user.Id.replace(/\D/g, '').padEnd(7, '0');
  const [first, ...rest] = user.Name.split(' ');
  const center = user.CallCenterId ? org.callCenters.find((cc) => cc.Id === user.CallCenterId) : undefined;
  switch (field) {
    case 'Id':
      return user.Id;
    case 'Name':
      return user.Name;
    case 'FirstName':
      return first ?? null;
    case 'LastName':
      return rest.join(' ') || user.Name;
    case 'Username':
      return user.Username;
    case 'Email':
      return user.Email;
    case 'Alias':
    case 'CommunityNickname':
      return user.Alias;
    case 'FederationIdentifier':
      return user.FederationIdentifier;
    case 'EmployeeNumber':
      return user.FederationIdentifier && /^E\d+$/.test(user.FederationIdentifier) ? user.FederationIdentifier : null;
    case 'IsActive':
      return user.IsActive;
    case 'CallCenterId':
      return user.CallCenterId;
    case 'LanguageLocaleKey':
    case 'LocaleSidKey':
      return user.LanguageLocaleKey;
    case 'TimeZoneSidKey':
      return TIME_ZONES[user.LanguageLocaleKey] ?? 'America/New_York';
    case 'Department':
      return center?.Name ?? user.UserRoleName;
    case 'Division':
      return center ? 'Customer Operations' : null;
    case 'Title':
      return user.ProfileName.replace(/^Contact Center /, '');
    case 'CompanyName':
      return 'Northwind Care';
    case 'Phone':
      return `+1 555 01${digits.slice(-2)}`;
    case 'MobilePhone':
      return `+1 555 02${digits.slice(-2)}`;
    case 'Extension':
      return digits.slice(-4);
    case 'UserType':
      return 'Standard';
    case 'SmallPhotoUrl':
      return `https://northwind-care.my.salesforce.com/profilephoto/005/T/${user.Id.slice(-6)}`;
    default:
      return null;
  }
}

/** SCIM core attributes fed by the neutral payload (ProvisioningScimAdapter.CORE_PATHS). */
const SCIM_CORE_PATHS = new Set([
  'username',
  'crmId',
  'name',
  'pictureUrl',
  'phoneNumbers',
  'disabled',
  'crm.email',
  'crm.language',
  'crm.userType',
]);
const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const SCIM_EXTENSION = 'urn:ietf:params:scim:schemas:extension:contactcenterusersync:2.0:User';

/** ProvisioningScimAdapter.toResource over a (redacted) neutral payload. */
function scimResource(
  payload: Record<string, unknown>,
  action: PayloadPreview['action'],
  includeExtension: boolean,
): Record<string, unknown> {
  const crm = (payload['crm'] ?? {}) as Record<string, unknown>;
  const schemas = [SCIM_USER];
  const resource: Record<string, unknown> = { schemas, externalId: payload['crmId'] };
  if (payload['username'] != null) resource['userName'] = payload['username'];
  if (payload['name'] != null) {
    resource['displayName'] = payload['name'];
    resource['name'] = { formatted: payload['name'] };
  }
  resource['active'] = action !== 'Deprovision' && payload['disabled'] !== true;
  if (crm['email'] != null) resource['emails'] = [{ value: crm['email'], type: 'work', primary: true }];
  if (payload['phoneNumbers'] != null) resource['phoneNumbers'] = payload['phoneNumbers'];
  if (payload['pictureUrl'] != null) resource['photos'] = [{ value: payload['pictureUrl'], type: 'thumbnail' }];
  if (crm['language'] != null) resource['preferredLanguage'] = String(crm['language']).replace('_', '-');
  if (crm['userType'] != null) resource['userType'] = crm['userType'];
  if (includeExtension) {
    const extension: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(payload)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const nested = Object.fromEntries(
          Object.entries(value as Record<string, unknown>).filter(
            ([child, childValue]) => !SCIM_CORE_PATHS.has(`${key}.${child}`) && childValue != null,
          ),
        );
        if (Object.keys(nested).length) extension[key] = nested;
      } else if (!SCIM_CORE_PATHS.has(key) && value != null) {
        extension[key] = value;
      }
    }
    if (Object.keys(extension).length) {
      schemas.push(SCIM_EXTENSION);
      resource[SCIM_EXTENSION] = extension;
    }
  }
  return resource;
}

/** A hex string that looks like a digest, the same for the same input (not a real SHA-256). */
function pseudoDigest(input: string, length: number): string {
  let out = '';
  let hash = 2166136261;
  while (out.length < length) {
    for (const char of `${input}#${out.length}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    out += hash.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

/** ProvisioningRedactor over a parsed body: every value under a sensitive key becomes the mask. */
function redact(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => redact(item, keys));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        key,
        keys.has(key.toLowerCase()) && child !== null ? MASK : redact(child, keys),
      ]),
    );
  }
  return value;
}

/** The keys whose value is the redaction mask, lower case, sorted (ProviderFieldMappingService.maskedKeys). */
function maskedKeys(value: unknown, keys: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((item) => maskedKeys(item, keys));
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (child === MASK) keys.add(key.toLowerCase());
      else maskedKeys(child, keys);
    }
  }
  return keys;
}

/**
 * The payload a provider would receive for a user now, redacted, in its wire format: the webhook message body with
 * one change, or the body of the SCIM request the adapter plans (POST /Users, or PATCH / PUT /Users/{id}).
 * @param telephonyUserId the provider's id of the user when a request delivered it before
 */
export function buildPayloadPreview(
  org: SampleOrg,
  provider: ProviderRecord,
  user: UserRow,
  action: PayloadPreview['action'],
  telephonyUserId: string | null,
  at: Date,
): PayloadPreview {
  const custom = provider.customFields.filter((row) => FIELDS_BY_LOWER_NAME.has(row.sourceField.toLowerCase()));
  const extras: PayloadExtra[] = custom.map((row) => {
    const field = FIELDS_BY_LOWER_NAME.get(row.sourceField.toLowerCase());
    return { path: row.path, value: row.sensitive ? MASK : userFieldValue(org, user, field?.name ?? row.sourceField) };
  });
  const neutral = JSON.parse(payloadFor(user, action, org.organizationId, extras)) as Record<string, unknown>;
  const idempotencyKey = pseudoDigest(`${provider.id}|${user.Id}|${at.toISOString()}`, 32);
  let wire: unknown;
  if (provider.type === 'SCIM') {
    const resource = scimResource(neutral, action, provider.scimIncludeExtension);
    if (action === 'Provision' && !telephonyUserId) {
      wire = resource;
    } else if (provider.scimUpdateMethod === 'PUT') {
      wire = resource;
    } else if (action === 'Deprovision') {
      wire = {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      };
    } else {
      const value = { ...resource };
      delete value['schemas'];
      wire = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value }] };
    }
  } else {
    wire = {
      changes: [
        {
          action: action.toLowerCase(),
          changedAt: at.toISOString(),
          idempotencyKey,
          sequence: at.getTime() * 1000,
          user: neutral,
        },
      ],
      messageId: pseudoDigest(idempotencyKey, 64),
      orgId: org.organizationId,
      type: 'contact-center-user-sync.user-changes',
      version: 1,
    };
  }
  const sensitiveKeys = new Set(REDACTED_KEYS);
  for (const row of custom) if (row.sensitive) sensitiveKeys.add((row.path.split('.').pop() ?? row.path).toLowerCase());
  const redacted = redact(wire, sensitiveKeys);
  return {
    providerId: provider.id,
    userId: user.Id,
    userName: user.Name,
    action,
    payload: JSON.stringify(redacted, null, 2),
    redactedKeys: [...maskedKeys(redacted)].sort(),
  };
}

/** Users with a call center whose name, username or email contains the text, by name; at most 20. */
export function searchPreviewUsers(org: SampleOrg, searchText: string): PreviewUserOption[] {
  const needle = (searchText ?? '').trim().toLowerCase();
  const names = new Map(org.callCenters.map((center) => [center.Id, center.Name]));
  const matches = org.users.filter(
    (user) =>
      user.CallCenterId !== null &&
      (needle === '' ||
        user.Name.toLowerCase().includes(needle) ||
        user.Username.toLowerCase().includes(needle) ||
        user.Email.toLowerCase().includes(needle)),
  );
  matches.sort((left, right) => left.Name.localeCompare(right.Name) || (left.Id < right.Id ? -1 : 1));
  return matches.slice(0, 20).map((user) => ({
    id: user.Id,
    name: user.Name,
    username: user.Username,
    callCenterName: user.CallCenterId ? (names.get(user.CallCenterId) ?? null) : null,
  }));
}
