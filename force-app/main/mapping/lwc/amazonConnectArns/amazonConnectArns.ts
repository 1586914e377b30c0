/**
 * Amazon Connect ARNs: agent ARNs (the ExternalId of an Amazon Connect mapping) and quick connect ARNs (the optional
 * QuickConnect field), validated into their parts with a message that says what is wrong.
 *
 * Formats (AWS service authorization reference and CloudFormation patterns for AWS::Connect):
 * - instance: `arn:<partition>:connect:<region>:<account>:instance/<instance-id>`
 * - agent (user): `arn:<partition>:connect:<region>:<account>:instance/<instance-id>/agent/<user-id>`
 * - quick connect: `arn:<partition>:connect:<region>:<account>:instance/<instance-id>/transfer-destination/<quick-connect-id>`
 *
 * Partitions: `aws`, `aws-us-gov` (regions `us-gov-*`), `aws-cn` (regions `cn-*`). The account is 12 digits. Amazon
 * Connect generates lower-case UUIDs for instance, user and quick connect ids; because an ExternalId must equal the ARN
 * Amazon Connect sends exactly, upper-case ids are reported (with the lower-case ARN as the suggestion).
 */

/** AWS partitions this module accepts. */
export const AWS_PARTITIONS = ['aws', 'aws-us-gov', 'aws-cn'] as const;

/** An AWS partition. */
export type AwsPartition = (typeof AWS_PARTITIONS)[number];

/** Resource type of an agent (user) ARN. */
export const AGENT_RESOURCE = 'agent';
/** Resource type of a quick connect ARN. */
export const QUICK_CONNECT_RESOURCE = 'transfer-destination';

/** Names of other Amazon Connect resource types, to say what an ARN is when it is not the expected kind. */
const RESOURCE_NAMES: Record<string, string> = {
  agent: 'an agent (user) ARN',
  'transfer-destination': 'a quick connect ARN',
  queue: 'a queue ARN',
  'routing-profile': 'a routing profile ARN',
  'contact-flow': 'a flow ARN',
  'security-profile': 'a security profile ARN',
  'agent-group': 'a user hierarchy group ARN',
  'phone-number': 'a phone number ARN',
  'operating-hours': 'an hours of operation ARN',
};

/** The parts of a valid Amazon Connect ARN. */
export interface ConnectArnParts {
  /** The ARN as validated (trimmed). */
  arn: string;
  partition: AwsPartition;
  region: string;
  accountId: string;
  instanceId: string;
  /** The ARN of the instance the resource belongs to. */
  instanceArn: string;
  /** `agent`, `transfer-destination`, ...; null for an instance ARN. */
  resourceType: string | null;
  /** The user or quick connect id; null for an instance ARN. */
  resourceId: string | null;
}

/** Why a value is not the expected ARN. */
export type ArnProblemCode =
  | 'empty'
  | 'whitespace'
  | 'not-an-arn'
  | 'partition'
  | 'service'
  | 'region'
  | 'partition-region'
  | 'account'
  | 'resource'
  | 'instance-id'
  | 'resource-id'
  | 'uppercase-id'
  | 'wrong-resource';

/** Result of validating an ARN: its parts, or what is wrong (and, when obvious, the corrected value). */
export type ArnCheck =
  { ok: true; parts: ConnectArnParts } | { ok: false; code: ArnProblemCode; message: string; suggestion?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_ANY_CASE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$/;
const ACCOUNT = /^[0-9]{12}$/;

function fail(code: ArnProblemCode, message: string, suggestion?: string): ArnCheck {
  return suggestion === undefined ? { ok: false, code, message } : { ok: false, code, message, suggestion };
}

function expectedPartition(region: string): AwsPartition {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

/** Checks an id segment: a lower-case UUID. */
function checkId(id: string, what: string, code: 'instance-id' | 'resource-id', arn: string): ArnCheck | null {
  if (UUID.test(id)) return null;
  if (UUID_ANY_CASE.test(id)) {
    // Every part before the ids is already checked to be lower-case, so the lower-cased ARN is the fix.
    return fail(
      'uppercase-id',
      `The ${what} "${id}" has upper-case letters; Amazon Connect ids are lower-case and ARNs are compared exactly.`,
      arn.toLowerCase(),
    );
  }
  return fail(
    code,
    id === ''
      ? `The ${what} is missing.`
      : `The ${what} "${id}" is not an Amazon Connect id (a UUID such as 0a1b2c3d-4e5f-6789-abcd-ef0123456789).`,
  );
}

const SHAPE_PREFIX = 'arn:aws:connect:<region>:<account>:instance/<instance-id>';

/** The shape of a valid ARN in one expression: the fast path for the usual valid value (60,000 rows per preview). */
const VALID_ARN =
  /^arn:(aws|aws-us-gov|aws-cn):connect:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}):([0-9]{12}):instance\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/([^/:]*)\/([^/:]*))?$/;

/** The parts of an ARN matching {@link VALID_ARN} with a consistent partition and region, else null. */
function fastParse(arn: string): ConnectArnParts | null {
  const match = VALID_ARN.exec(arn);
  if (!match || expectedPartition(match[2]) !== match[1]) return null;
  const [, partition, region, accountId, instanceId, resourceType, resourceId] = match;
  return {
    arn,
    partition: partition as AwsPartition,
    region,
    accountId,
    instanceId,
    instanceArn: `arn:${partition}:connect:${region}:${accountId}:instance/${instanceId}`,
    resourceType: resourceType ?? null,
    resourceId: resourceId ?? null,
  };
}

/** Parses a trimmed ARN; `shape` is the resource part the caller expects, for messages (e.g. "/agent/<agent-id>"). */
function parseTrimmed(arn: string, shape = '/<type>/<id>'): ArnCheck {
  const parts = fastParse(arn);
  if (parts) return { ok: true, parts };
  if (UUID_ANY_CASE.test(arn)) {
    return fail('not-an-arn', `"${arn}" is an id, not an ARN: an ARN looks like ${SHAPE_PREFIX}${shape}.`);
  }
  const fields = arn.split(':');
  if (fields[0] !== 'arn' || fields.length < 6) {
    return fail(
      'not-an-arn',
      fields[0].toLowerCase() === 'arn' && fields.length >= 6
        ? `An ARN starts with "arn:" in lower case.`
        : `"${arn}" is not an ARN: expected ${SHAPE_PREFIX}${shape}.`,
      fields[0].toLowerCase() === 'arn' && fields.length >= 6 ? `arn${arn.slice(3)}` : undefined,
    );
  }
  const [, partition, service, region, accountId] = fields;
  const resource = fields.slice(5).join(':');
  if (!(AWS_PARTITIONS as readonly string[]).includes(partition)) {
    return fail(
      'partition',
      `Unknown AWS partition "${partition}": use ${AWS_PARTITIONS.join(', ')}.`,
      (AWS_PARTITIONS as readonly string[]).includes(partition.toLowerCase())
        ? arn.replace(`:${partition}:`, `:${partition.toLowerCase()}:`)
        : undefined,
    );
  }
  if (service !== 'connect') {
    return fail(
      'service',
      service === ''
        ? 'The service is missing: Amazon Connect ARNs have "connect" after the partition.'
        : `This is an ARN of the AWS service "${service}", not of Amazon Connect ("connect").`,
    );
  }
  if (!REGION.test(region)) {
    return fail(
      'region',
      region === ''
        ? 'The region is missing (e.g. us-east-1).'
        : `"${region}" is not an AWS region (e.g. us-east-1, eu-west-2, us-gov-west-1).`,
    );
  }
  const expected = expectedPartition(region);
  if (expected !== partition) {
    return fail(
      'partition-region',
      `The region ${region} belongs to the partition ${expected}, not ${partition}.`,
      arn.replace(`arn:${partition}:`, `arn:${expected}:`),
    );
  }
  if (!ACCOUNT.test(accountId)) {
    return fail(
      'account',
      accountId === ''
        ? 'The AWS account id is missing (12 digits).'
        : `The AWS account id must be 12 digits; "${accountId}" has ${accountId.length} characters${/^[0-9]+$/.test(accountId) ? '' : ' and not only digits'}.`,
    );
  }
  const segments = resource.split('/');
  if (segments[0] !== 'instance' || segments.length < 2 || segments.length === 3 || segments.length > 4) {
    return fail(
      'resource',
      `The resource "${resource}" is not "instance/<instance-id>" or "instance/<instance-id>/<type>/<id>".`,
    );
  }
  const instanceId = segments[1];
  const instanceProblem = checkId(instanceId, 'instance id', 'instance-id', arn);
  if (instanceProblem) return instanceProblem;
  // Everything is checked above. Only a resource outside the fast path's pattern (e.g. an id with ":") gets here, so
  // the resource has its 4 segments: a valid instance ARN without a resource always takes the fast path.
  return {
    ok: true,
    parts: {
      arn,
      partition: partition as AwsPartition,
      region,
      accountId,
      instanceId,
      instanceArn: `arn:${partition}:connect:${region}:${accountId}:instance/${instanceId}`,
      resourceType: segments[2],
      resourceId: segments[3],
    },
  };
}

/**
 * Runs a check on the trimmed value; surrounding whitespace is then reported (with the trimmed ARN as the suggestion)
 * even when the rest is valid, because ExternalIds are compared exactly.
 */
function checkTrimmed(value: string | null | undefined, check: (arn: string) => ArnCheck): ArnCheck {
  const raw = value ?? '';
  const arn = raw.trim();
  if (arn === '') return fail('empty', 'The ARN is empty.');
  const result = check(arn);
  if (result.ok && arn !== raw) return fail('whitespace', 'The ARN has spaces or line breaks around it.', arn);
  return result;
}

/** Validates any Amazon Connect ARN (an instance, or a resource of an instance) and returns its parts. */
export function parseConnectArn(value: string | null | undefined): ArnCheck {
  return checkTrimmed(value, (arn) => parseTrimmed(arn));
}

function checkResource(arn: string, type: string, what: string, idName: string): ArnCheck {
  const result = parseTrimmed(arn, `/${type}/<${idName.replace(/ /g, '-')}>`);
  if (!result.ok) return result;
  const { parts } = result;
  if (parts.resourceType !== type) {
    const actual =
      parts.resourceType === null
        ? 'an instance ARN'
        : (RESOURCE_NAMES[parts.resourceType] ?? `an ARN of "${parts.resourceType}"`);
    return fail(
      'wrong-resource',
      `This is ${actual}, not ${what} (${SHAPE_PREFIX}/${type}/<${idName.replace(/ /g, '-')}>).`,
    );
  }
  return checkId(parts.resourceId as string, idName, 'resource-id', arn) ?? result;
}

/** Validates an agent (user) ARN: `arn:<partition>:connect:<region>:<account>:instance/<instance-id>/agent/<id>`. */
export function validateAgentArn(value: string | null | undefined): ArnCheck {
  return checkTrimmed(value, (arn) => checkResource(arn, AGENT_RESOURCE, 'an agent ARN', 'agent id'));
}

/**
 * Validates a quick connect ARN:
 * `arn:<partition>:connect:<region>:<account>:instance/<instance-id>/transfer-destination/<id>`.
 */
export function validateQuickConnectArn(value: string | null | undefined): ArnCheck {
  return checkTrimmed(value, (arn) =>
    checkResource(arn, QUICK_CONNECT_RESOURCE, 'a quick connect ARN', 'quick connect id'),
  );
}

/** Validates an instance ARN: `arn:<partition>:connect:<region>:<account>:instance/<instance-id>`. */
export function validateInstanceArn(value: string | null | undefined): ArnCheck {
  const result = checkTrimmed(value, (arn) => parseTrimmed(arn, ''));
  if (result.ok && result.parts.resourceType !== null) {
    return fail(
      'wrong-resource',
      `This is ${RESOURCE_NAMES[result.parts.resourceType] ?? 'a resource ARN'}, not an instance ARN; the instance ARN is ${result.parts.instanceArn}.`,
      result.parts.instanceArn,
    );
  }
  return result;
}

/** True for a valid agent ARN. */
export const isAgentArn = (value: string | null | undefined): boolean => validateAgentArn(value).ok;

/** True for a valid quick connect ARN. */
export const isQuickConnectArn = (value: string | null | undefined): boolean => validateQuickConnectArn(value).ok;

/**
 * Builds an agent ARN from the instance ARN and a user id (e.g. the `Id` column of `aws connect list-users` output).
 *
 * @throws Error when the instance ARN or the resulting agent ARN is invalid.
 */
export function buildAgentArn(instanceArn: string, agentId: string): string {
  const instance = validateInstanceArn(instanceArn);
  if (!instance.ok) throw new Error(`Instance ARN: ${instance.message}`);
  const agent = validateAgentArn(`${instance.parts.instanceArn}/${AGENT_RESOURCE}/${agentId.trim()}`);
  if (!agent.ok) throw new Error(`Agent id: ${agent.message}`);
  return agent.parts.arn;
}

/** True when both values are valid Amazon Connect ARNs of the same instance (e.g. an agent and its quick connect). */
export function sameInstance(a: string | null | undefined, b: string | null | undefined): boolean {
  const first = parseConnectArn(a);
  const second = parseConnectArn(b);
  return first.ok && second.ok && first.parts.instanceArn === second.parts.instanceArn;
}
