/**
 * The sample org's Named Credentials and what the telephony systems behind them answer to a connection test
 * (ProviderAdminController.testConnection): deterministic per credential, so the browser tests can walk a failing
 * test and its fix. SCIM providers get `GET <path>/ServiceProviderConfig`, webhook providers a signed ping event.
 */
import type { ConnectionDiagnosis, ConnectionTestResult, NamedCredentialOption } from '@ccus/apex-contracts';
import type { SampleOrgPreset } from '../sampleOrg.js';

/** How the system behind a credential answers. */
export type CredentialBehaviour = 'OK' | 'AUTH' | 'DNS' | 'TLS' | 'TIMEOUT';

export interface SampleNamedCredential extends NamedCredentialOption {
  /** The kind of system behind it (what answers OK to which test). */
  serves: 'Webhook' | 'SCIM';
  behaviour: CredentialBehaviour;
  /** Host name of the endpoint, for the messages. */
  host: string;
}

const credential = (
  developerName: string,
  label: string,
  endpoint: string,
  serves: 'Webhook' | 'SCIM',
  behaviour: CredentialBehaviour,
): SampleNamedCredential => ({
  developerName,
  label,
  endpoint,
  serves,
  behaviour,
  host: new URL(endpoint).host,
});

/** Every sample credential, by developer name. */
export const SAMPLE_CREDENTIALS = {
  Northwind_Voice: credential(
    'Northwind_Voice',
    'Northwind Voice',
    'https://hooks.northwind-voice.example.com',
    'Webhook',
    'OK',
  ),
  Contoso_Scim: credential(
    'Contoso_Scim',
    'Contoso Identity SCIM',
    'https://scim.contoso-identity.example.net',
    'SCIM',
    'OK',
  ),
  Contoso_Scim_Sandbox: credential(
    'Contoso_Scim_Sandbox',
    'Contoso Identity SCIM (sandbox token)',
    'https://scim.contoso-identity.example.net',
    'SCIM',
    'AUTH',
  ),
  Fabrikam_Voice: credential(
    'Fabrikam_Voice',
    'Fabrikam Voice (old domain)',
    'https://api.fabrikam-voice.example.org',
    'Webhook',
    'DNS',
  ),
  Litware_Telephony: credential(
    'Litware_Telephony',
    'Litware Telephony (self-signed)',
    'https://pbx.litware.example.com',
    'Webhook',
    'TLS',
  ),
  Tailspin_Voice: credential(
    'Tailspin_Voice',
    'Tailspin Voice (firewalled)',
    'https://voice.tailspin.example.com',
    'SCIM',
    'TIMEOUT',
  ),
} as const satisfies Record<string, SampleNamedCredential>;

export type SampleCredentialName = keyof typeof SAMPLE_CREDENTIALS;

/** The Named Credentials of each sample org. */
export const CREDENTIALS_BY_PRESET: Readonly<Record<SampleOrgPreset, readonly SampleCredentialName[]>> = {
  default: [
    'Northwind_Voice',
    'Contoso_Scim',
    'Contoso_Scim_Sandbox',
    'Fabrikam_Voice',
    'Litware_Telephony',
    'Tailspin_Voice',
  ],
  noaccess: ['Northwind_Voice', 'Contoso_Scim', 'Contoso_Scim_Sandbox'],
  novoice: ['Northwind_Voice', 'Contoso_Scim'],
  large: ['Northwind_Voice', 'Contoso_Scim', 'Contoso_Scim_Sandbox', 'Fabrikam_Voice'],
  empty: [],
};

/** What a provider looks like to the connection test. */
export interface ConnectionTarget {
  providerId: string;
  type: 'Webhook' | 'SCIM';
  namedCredential: string | null;
  externalCredential: string | null;
  path: string | null;
}

/** A latency that looks measured but is the same on every run: 120..339 ms from the credential's name. */
function latencyOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 120 + (hash % 220);
}

/** Paths a sample SCIM server answers its ServiceProviderConfig at: none, or its SCIM base path /scim/v2. */
function scimPathAccepted(path: string): boolean {
  return path === '' || /^\/scim\/v2$/i.test(path);
}

/** ProvisioningHttp.joinPath. */
export function joinPath(basePath: string | null, suffix: string): string {
  let base = (basePath ?? '').trim();
  if (base.length > 0 && !base.startsWith('/')) base = `/${base}`;
  while (base.endsWith('/')) base = base.slice(0, -1);
  return base + suffix;
}

/** ProviderConnectionTester.nextSteps. */
export function nextSteps(diagnosis: ConnectionDiagnosis): string[] {
  switch (diagnosis) {
    case 'OK':
      return [];
    case 'NAMED_CREDENTIAL_MISSING':
      return [
        'Create the External Credential and the Named Credential in Setup > Named Credentials (docs/providers.md, "Named Credentials").',
        'Enter its developer name in the provider (and, for a JSON webhook, the External Credential that holds the signing secret).',
        'Test the connection again.',
      ];
    case 'PERMISSION':
      return [
        'Give your user access to the External Credential\'s principal: a permission set with "External Credential Principal Access" (copy CCUS_Provider_Template_Credentials).',
        'Give the provisioning integration user the same access, or deliveries fail the same way.',
        'Test the connection again.',
      ];
    case 'AUTH':
      return [
        "Check the credentials in the External Credential's principal (e.g. the ApiToken parameter) in Setup; they may have expired or been revoked.",
        'Check with the provider that the token is allowed to manage users.',
        'Test the connection again.',
      ];
    case 'TLS':
      return [
        "Check that the Named Credential URL starts with https:// and uses the provider's exact host name.",
        'Ask the provider whether its certificate is valid and issued by a public certificate authority (Salesforce does not trust self-signed certificates).',
      ];
    case 'DNS':
      return [
        'Check the host name in the Named Credential URL for typos.',
        'Ask the provider for the correct API host of your tenant.',
      ];
    case 'CONNECTION_REFUSED':
      return [
        'Check the port in the Named Credential URL (https normally uses 443).',
        "Ask the provider whether it restricts incoming connections by IP address; if so, allow Salesforce's IP ranges.",
      ];
    case 'TIMEOUT':
      return [
        'Try again: the provider may have been slow for a moment.',
        'If it keeps timing out, ask the provider whether the endpoint is up and reachable from the internet.',
      ];
    case 'NOT_FOUND':
      return [
        "Check the provider's path: SCIM providers expect the SCIM base path (e.g. /scim/v2), webhooks the full endpoint path.",
        'Check the Named Credential URL: it should end before the path.',
      ];
    case 'RATE_LIMITED':
      return [
        'Wait a few minutes and test again.',
        "If deliveries are rate limited too, lower the provider's batch size.",
      ];
    case 'SERVER_ERROR':
      return [
        'Test again in a few minutes.',
        "If it persists, contact the provider's support with the time of the test.",
      ];
    case 'UNEXPECTED_RESPONSE':
      return [
        'Check the provider type (JSON webhook or SCIM 2.0) and the path.',
        'For a JSON webhook, ask the provider whether its endpoint accepts ping events.',
      ];
    default:
      return ['Test again; if it fails the same way, check the Named Credential in Setup and the message above.'];
  }
}

/**
 * Runs the simulated connection test of a provider against the org's credentials, classified and worded like
 * ProviderConnectionTester (the request, the diagnosis, its message and next steps, SCIM details).
 * @param credentials the org's Named Credentials, by developer name
 */
export function simulateConnectionTest(
  target: ConnectionTarget,
  credentials: ReadonlyMap<string, SampleNamedCredential>,
  at: Date,
): ConnectionTestResult {
  const scim = target.type === 'SCIM';
  const path = joinPath(target.path, scim ? '/ServiceProviderConfig' : '');
  const name = target.namedCredential;
  const result: ConnectionTestResult = {
    providerId: target.providerId,
    testedAt: at.toISOString(),
    ok: false,
    diagnosis: 'UNKNOWN',
    httpStatus: null,
    latencyMs: null,
    message: '',
    request: `${scim ? 'GET' : 'POST'} callout:${name ?? '<none>'}${path}`,
    nextSteps: [],
    details: [],
  };
  const classified = (diagnosis: ConnectionDiagnosis, message: string, excerpt: string | null = null) => {
    result.diagnosis = diagnosis;
    result.ok = diagnosis === 'OK';
    result.message = message;
    result.nextSteps = nextSteps(diagnosis);
    if (excerpt !== null) result.details.push({ value: excerpt, label: 'Error' });
    return result;
  };
  if (!name || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
    return classified('NAMED_CREDENTIAL_MISSING', 'No Named Credential is set, so nothing can be sent.');
  }
  const credential = [...credentials.values()].find(
    (candidate) => candidate.developerName.toLowerCase() === name.toLowerCase(),
  );
  if (!credential) return classified('NAMED_CREDENTIAL_MISSING', `This org has no Named Credential "${name}".`);
  if (!scim && !target.externalCredential) {
    return classified(
      'NAMED_CREDENTIAL_MISSING',
      'No External Credential for the webhook signing secret is set, so messages cannot be signed.',
    );
  }
  const latency = latencyOf(name);
  switch (credential.behaviour) {
    case 'DNS':
      result.latencyMs = 41;
      return classified(
        'DNS',
        "The provider's host name does not resolve (DNS).",
        `java.net.UnknownHostException: ${credential.host}`,
      );
    case 'TLS':
      result.latencyMs = 96;
      return classified(
        'TLS',
        'The secure connection failed (certificate or TLS handshake).',
        'sun.security.validator.ValidatorException: PKIX path building failed: unable to find valid certification path to requested target',
      );
    case 'TIMEOUT':
      result.latencyMs = 20_000;
      return classified('TIMEOUT', 'The provider did not answer in time.', 'Read timed out');
    case 'AUTH':
      result.latencyMs = latency;
      result.httpStatus = 401;
      return classified('AUTH', 'The provider refused the credentials (401).');
    case 'OK':
      break;
  }
  result.latencyMs = latency;
  if (scim) {
    if (credential.serves !== 'SCIM') {
      // A webhook endpoint answers a GET with its status page.
      result.httpStatus = 200;
      return classified(
        'UNEXPECTED_RESPONSE',
        'The provider answered 200, but not with a SCIM ServiceProviderConfig: the path is probably not the SCIM base path.',
      );
    }
    if (!scimPathAccepted(joinPath(target.path, ''))) {
      result.httpStatus = 404;
      return classified('NOT_FOUND', 'The provider has nothing at this path (404).');
    }
    result.httpStatus = 200;
    result.details.push(
      { value: 'Supported, up to 1000 operations', label: 'SCIM bulk' },
      { value: 'Supported', label: 'SCIM PATCH' },
      { value: 'Supported', label: 'SCIM filter' },
    );
    return classified('OK', `Connected in ${latency} ms: SCIM ServiceProviderConfig read (HTTP 200).`);
  }
  if (credential.serves !== 'Webhook') {
    result.httpStatus = 400;
    return classified('UNEXPECTED_RESPONSE', 'The provider was reached but rejected the ping event (400).');
  }
  result.httpStatus = 200;
  return classified('OK', `Connected in ${latency} ms (HTTP 200).`);
}

/** The audit summary of a connection test (ProviderConnectionTester.save). */
export function connectionTestAuditSummary(result: ConnectionTestResult): string {
  return (
    `${result.diagnosis}: ${result.message} (${result.request}` +
    (result.httpStatus === null ? '' : `, HTTP ${result.httpStatus}`) +
    (result.latencyMs === null ? '' : `, ${result.latencyMs} ms`) +
    ')'
  );
}
