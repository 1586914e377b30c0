import {
  AWS_PARTITIONS,
  buildAgentArn,
  isAgentArn,
  isQuickConnectArn,
  parseConnectArn,
  sameInstance,
  validateAgentArn,
  validateInstanceArn,
  validateQuickConnectArn,
} from 'c/amazonConnectArns';

const INSTANCE_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const AGENT_ID = '11111111-2222-4333-8444-555555555555';
const QUICK_CONNECT_ID = '66666666-7777-4888-9999-aaaaaaaaaaaa';
const INSTANCE_ARN = `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE_ID}`;
const AGENT_ARN = `${INSTANCE_ARN}/agent/${AGENT_ID}`;
const QUICK_CONNECT_ARN = `${INSTANCE_ARN}/transfer-destination/${QUICK_CONNECT_ID}`;

describe('validateAgentArn', () => {
  it('returns the parts of a valid agent ARN', () => {
    expect(validateAgentArn(AGENT_ARN)).toEqual({
      ok: true,
      parts: {
        arn: AGENT_ARN,
        partition: 'aws',
        region: 'us-east-1',
        accountId: '123456789012',
        instanceId: INSTANCE_ID,
        instanceArn: INSTANCE_ARN,
        resourceType: 'agent',
        resourceId: AGENT_ID,
      },
    });
    expect(isAgentArn(AGENT_ARN)).toBe(true);
  });

  it('accepts the GovCloud and China partitions with their regions', () => {
    expect(
      validateAgentArn(AGENT_ARN.replace('aws:connect:us-east-1', 'aws-us-gov:connect:us-gov-west-1')),
    ).toMatchObject({
      ok: true,
      parts: { partition: 'aws-us-gov', region: 'us-gov-west-1' },
    });
    expect(validateAgentArn(AGENT_ARN.replace('aws:connect:us-east-1', 'aws-cn:connect:cn-north-1'))).toMatchObject({
      ok: true,
      parts: { partition: 'aws-cn', region: 'cn-north-1' },
    });
    expect(AWS_PARTITIONS).toEqual(['aws', 'aws-us-gov', 'aws-cn']);
  });

  it('accepts the regions Amazon Connect runs in', () => {
    for (const region of [
      'us-west-2',
      'eu-central-1',
      'eu-west-2',
      'ap-northeast-1',
      'ap-southeast-2',
      'ca-central-1',
      'af-south-1',
    ]) {
      expect(isAgentArn(AGENT_ARN.replace('us-east-1', region))).toBe(true);
    }
  });

  it('reports an empty value', () => {
    for (const value of ['', '  ', null, undefined]) {
      expect(validateAgentArn(value)).toEqual({ ok: false, code: 'empty', message: 'The ARN is empty.' });
    }
  });

  it('reports surrounding whitespace, suggesting the trimmed ARN', () => {
    expect(validateAgentArn(` ${AGENT_ARN}\n`)).toEqual({
      ok: false,
      code: 'whitespace',
      message: 'The ARN has spaces or line breaks around it.',
      suggestion: AGENT_ARN,
    });
  });

  it('reports the deeper problem of a padded invalid value, not the whitespace', () => {
    expect(validateAgentArn(` ${QUICK_CONNECT_ARN} `)).toMatchObject({ code: 'wrong-resource' });
  });

  it('says that a bare id is an id, showing the ARN shape', () => {
    expect(validateAgentArn(AGENT_ID)).toEqual({
      ok: false,
      code: 'not-an-arn',
      message: `"${AGENT_ID}" is an id, not an ARN: an ARN looks like arn:aws:connect:<region>:<account>:instance/<instance-id>/agent/<agent-id>.`,
    });
  });

  it('reports values that are not ARNs at all', () => {
    expect(validateAgentArn('jsmith@example.com')).toEqual({
      ok: false,
      code: 'not-an-arn',
      message:
        '"jsmith@example.com" is not an ARN: expected arn:aws:connect:<region>:<account>:instance/<instance-id>/agent/<agent-id>.',
    });
    expect(validateAgentArn('arn:aws:connect:us-east-1')).toMatchObject({ code: 'not-an-arn' });
  });

  it('suggests a lower-case "arn:" prefix', () => {
    expect(validateAgentArn(AGENT_ARN.replace('arn:', 'ARN:'))).toEqual({
      ok: false,
      code: 'not-an-arn',
      message: 'An ARN starts with "arn:" in lower case.',
      suggestion: AGENT_ARN,
    });
  });

  it('reports an unknown partition, suggesting the lower-case one when that is all that is wrong', () => {
    expect(validateAgentArn(AGENT_ARN.replace(':aws:', ':aws-eu:'))).toEqual({
      ok: false,
      code: 'partition',
      message: 'Unknown AWS partition "aws-eu": use aws, aws-us-gov, aws-cn.',
    });
    expect(validateAgentArn(AGENT_ARN.replace(':aws:', ':AWS:'))).toMatchObject({
      code: 'partition',
      suggestion: AGENT_ARN,
    });
  });

  it('reports an ARN of another AWS service or without a service', () => {
    expect(validateAgentArn(AGENT_ARN.replace(':connect:', ':s3:'))).toEqual({
      ok: false,
      code: 'service',
      message: 'This is an ARN of the AWS service "s3", not of Amazon Connect ("connect").',
    });
    expect(validateAgentArn(AGENT_ARN.replace(':connect:', '::'))).toMatchObject({
      code: 'service',
      message: 'The service is missing: Amazon Connect ARNs have "connect" after the partition.',
    });
  });

  it('reports a missing or malformed region', () => {
    expect(validateAgentArn(AGENT_ARN.replace('us-east-1', ''))).toMatchObject({
      code: 'region',
      message: 'The region is missing (e.g. us-east-1).',
    });
    for (const region of ['US-EAST-1', 'useast1', 'us-east', 'virginia']) {
      expect(validateAgentArn(AGENT_ARN.replace('us-east-1', region))).toEqual({
        ok: false,
        code: 'region',
        message: `"${region}" is not an AWS region (e.g. us-east-1, eu-west-2, us-gov-west-1).`,
      });
    }
  });

  it('reports a region of another partition, suggesting the right partition', () => {
    expect(validateAgentArn(AGENT_ARN.replace('us-east-1', 'us-gov-west-1'))).toEqual({
      ok: false,
      code: 'partition-region',
      message: 'The region us-gov-west-1 belongs to the partition aws-us-gov, not aws.',
      suggestion: AGENT_ARN.replace('arn:aws:connect:us-east-1', 'arn:aws-us-gov:connect:us-gov-west-1'),
    });
    expect(validateAgentArn(AGENT_ARN.replace(':aws:', ':aws-cn:'))).toMatchObject({
      code: 'partition-region',
      message: 'The region us-east-1 belongs to the partition aws, not aws-cn.',
    });
  });

  it('reports an account id that is not 12 digits, saying what was found', () => {
    expect(validateAgentArn(AGENT_ARN.replace('123456789012', '12345678901'))).toEqual({
      ok: false,
      code: 'account',
      message: 'The AWS account id must be 12 digits; "12345678901" has 11 characters.',
    });
    expect(validateAgentArn(AGENT_ARN.replace('123456789012', '12345678901x'))).toMatchObject({
      message: 'The AWS account id must be 12 digits; "12345678901x" has 12 characters and not only digits.',
    });
    expect(validateAgentArn(AGENT_ARN.replace('123456789012', ''))).toMatchObject({
      code: 'account',
      message: 'The AWS account id is missing (12 digits).',
    });
  });

  it('reports a resource that is not instance/<id>/agent/<id>', () => {
    for (const resource of [
      `queue/${AGENT_ID}`,
      `instance/${INSTANCE_ID}/agent`,
      `instance/${INSTANCE_ID}/agent/${AGENT_ID}/x`,
      'instance',
    ]) {
      expect(validateAgentArn(`arn:aws:connect:us-east-1:123456789012:${resource}`)).toEqual({
        ok: false,
        code: 'resource',
        message: `The resource "${resource}" is not "instance/<instance-id>" or "instance/<instance-id>/<type>/<id>".`,
      });
    }
  });

  it('reports an instance id or agent id that is not a UUID, or is missing', () => {
    expect(validateAgentArn(AGENT_ARN.replace(INSTANCE_ID, 'my-instance'))).toEqual({
      ok: false,
      code: 'instance-id',
      message:
        'The instance id "my-instance" is not an Amazon Connect id (a UUID such as 0a1b2c3d-4e5f-6789-abcd-ef0123456789).',
    });
    expect(validateAgentArn(AGENT_ARN.replace(AGENT_ID, '500123'))).toMatchObject({
      code: 'resource-id',
      message:
        'The agent id "500123" is not an Amazon Connect id (a UUID such as 0a1b2c3d-4e5f-6789-abcd-ef0123456789).',
    });
    expect(validateAgentArn(`${INSTANCE_ARN}/agent/`)).toEqual({
      ok: false,
      code: 'resource-id',
      message: 'The agent id is missing.',
    });
    expect(validateAgentArn(AGENT_ARN.replace(INSTANCE_ID, ''))).toMatchObject({
      message: 'The instance id is missing.',
    });
  });

  it('reports upper-case ids, suggesting the lower-case ARN', () => {
    const upper = AGENT_ARN.replace(AGENT_ID, AGENT_ID.replace(/5/g, 'A').toUpperCase());
    expect(validateAgentArn(upper)).toMatchObject({
      ok: false,
      code: 'uppercase-id',
      suggestion: upper.toLowerCase(),
    });
    expect(validateAgentArn(AGENT_ARN.replace(INSTANCE_ID, INSTANCE_ID.toUpperCase()))).toMatchObject({
      code: 'uppercase-id',
      message: `The instance id "${INSTANCE_ID.toUpperCase()}" has upper-case letters; Amazon Connect ids are lower-case and ARNs are compared exactly.`,
      suggestion: AGENT_ARN,
    });
  });

  it('says what another Amazon Connect ARN is instead of an agent ARN', () => {
    expect(validateAgentArn(QUICK_CONNECT_ARN)).toEqual({
      ok: false,
      code: 'wrong-resource',
      message:
        'This is a quick connect ARN, not an agent ARN (arn:aws:connect:<region>:<account>:instance/<instance-id>/agent/<agent-id>).',
    });
    expect(validateAgentArn(`${INSTANCE_ARN}/queue/${AGENT_ID}`)).toMatchObject({
      message: expect.stringMatching(/^This is a queue ARN/),
    });
    expect(validateAgentArn(INSTANCE_ARN)).toMatchObject({
      message: expect.stringMatching(/^This is an instance ARN/),
    });
    expect(validateAgentArn(`${INSTANCE_ARN}/widget/${AGENT_ID}`)).toMatchObject({
      message: expect.stringMatching(/^This is an ARN of "widget", not an agent ARN/),
    });
  });
});

describe('validateQuickConnectArn', () => {
  it('returns the parts of a valid quick connect (transfer-destination) ARN', () => {
    expect(validateQuickConnectArn(QUICK_CONNECT_ARN)).toMatchObject({
      ok: true,
      parts: { resourceType: 'transfer-destination', resourceId: QUICK_CONNECT_ID, instanceArn: INSTANCE_ARN },
    });
    expect(isQuickConnectArn(QUICK_CONNECT_ARN)).toBe(true);
  });

  it('says when the value is an agent ARN instead, or has a bad id', () => {
    expect(validateQuickConnectArn(AGENT_ARN)).toEqual({
      ok: false,
      code: 'wrong-resource',
      message:
        'This is an agent (user) ARN, not a quick connect ARN (arn:aws:connect:<region>:<account>:instance/<instance-id>/transfer-destination/<quick-connect-id>).',
    });
    expect(validateQuickConnectArn(`${INSTANCE_ARN}/transfer-destination/abc`)).toMatchObject({
      code: 'resource-id',
      message: expect.stringMatching(/^The quick connect id "abc"/),
    });
    expect(isQuickConnectArn('nope')).toBe(false);
    expect(validateQuickConnectArn('nope')).toMatchObject({
      message: expect.stringContaining('/transfer-destination/<quick-connect-id>'),
    });
  });
});

describe('parseConnectArn and validateInstanceArn', () => {
  it('parse an instance ARN without a resource', () => {
    expect(parseConnectArn(INSTANCE_ARN)).toMatchObject({ ok: true, parts: { resourceType: null, resourceId: null } });
    expect(validateInstanceArn(INSTANCE_ARN)).toMatchObject({ ok: true, parts: { instanceId: INSTANCE_ID } });
  });

  it('parse any resource type of an instance, and report whitespace', () => {
    expect(parseConnectArn(`${INSTANCE_ARN}/queue/${AGENT_ID}`)).toMatchObject({
      ok: true,
      parts: { resourceType: 'queue' },
    });
    expect(parseConnectArn(`${INSTANCE_ARN} `)).toMatchObject({ code: 'whitespace', suggestion: INSTANCE_ARN });
    expect(parseConnectArn(`${INSTANCE_ARN}/queue/a:b`)).toMatchObject({
      ok: true,
      parts: { resourceType: 'queue', resourceId: 'a:b', instanceArn: INSTANCE_ARN },
    });
    expect(parseConnectArn('x')).toMatchObject({
      message: '"x" is not an ARN: expected arn:aws:connect:<region>:<account>:instance/<instance-id>/<type>/<id>.',
    });
  });

  it('say that an agent ARN is not an instance ARN, suggesting the instance ARN', () => {
    expect(validateInstanceArn(AGENT_ARN)).toEqual({
      ok: false,
      code: 'wrong-resource',
      message: `This is an agent (user) ARN, not an instance ARN; the instance ARN is ${INSTANCE_ARN}.`,
      suggestion: INSTANCE_ARN,
    });
    expect(validateInstanceArn(`${INSTANCE_ARN}/widget/x`)).toMatchObject({
      message: `This is a resource ARN, not an instance ARN; the instance ARN is ${INSTANCE_ARN}.`,
    });
    expect(validateInstanceArn('x')).toMatchObject({
      message: '"x" is not an ARN: expected arn:aws:connect:<region>:<account>:instance/<instance-id>.',
    });
  });
});

describe('buildAgentArn', () => {
  it('builds the agent ARN from the instance ARN and a user id (list-users Id column)', () => {
    expect(buildAgentArn(INSTANCE_ARN, ` ${AGENT_ID} `)).toBe(AGENT_ARN);
  });

  it('throws with the reason when the instance ARN or the id is invalid', () => {
    expect(() => buildAgentArn('nope', AGENT_ID)).toThrow('Instance ARN: "nope" is not an ARN');
    expect(() => buildAgentArn(INSTANCE_ARN, 'jsmith')).toThrow(
      'Agent id: The agent id "jsmith" is not an Amazon Connect id',
    );
  });
});

describe('sameInstance', () => {
  it('is true for an agent and a quick connect of one instance', () => {
    expect(sameInstance(AGENT_ARN, QUICK_CONNECT_ARN)).toBe(true);
  });

  it('is false across instances, accounts or regions, and for invalid values', () => {
    const otherInstance = QUICK_CONNECT_ARN.replace(INSTANCE_ID, '99999999-2222-4333-8444-555555555555');
    expect(sameInstance(AGENT_ARN, otherInstance)).toBe(false);
    expect(sameInstance(AGENT_ARN, QUICK_CONNECT_ARN.replace('us-east-1', 'us-west-2'))).toBe(false);
    expect(sameInstance(AGENT_ARN, 'nope')).toBe(false);
    expect(sameInstance(null, AGENT_ARN)).toBe(false);
  });
});
