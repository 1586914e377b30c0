/**
 * A generated sample org at row level: CallCenter, User, Group (queues) and CallCenterRoutingMap
 * records shaped like the SOQL rows the Apex services read. Deterministic: the same preset and seed
 * always give the same rows, in the browser and in Node (the e2e tests compute expected values
 * from it). Fast: the default preset (50,000 users) is generated in well under a second.
 */
import type { MappingAvailability } from '@ccus/apex-contracts';
import { createRandom } from './random.js';
import { createIdFactory, KEY_PREFIX } from './salesforceIds.js';

export interface CallCenterRow {
  Id: string;
  Name: string;
  InternalName: string;
}

/** A User row; `ProfileName` and `UserRoleName` stand for `Profile.Name` and `UserRole.Name`. */
export interface UserRow {
  Id: string;
  Name: string;
  Username: string;
  Email: string;
  Alias: string;
  FederationIdentifier: string | null;
  ProfileName: string;
  UserRoleName: string | null;
  IsActive: boolean;
  /** The user's one call center, if any. */
  CallCenterId: string | null;
  LanguageLocaleKey: string;
}

/** A Group row of Type 'Queue'. */
export interface QueueRow {
  Id: string;
  Name: string;
  DeveloperName: string;
  Type: 'Queue';
}

export interface CallCenterRoutingMapRow {
  Id: string;
  DeveloperName: string;
  MasterLabel: string;
  CallCenterId: string;
  /** For Amazon Connect: the agent or queue ARN. */
  ExternalId: string;
  /** A User (005) or a queue (Group, 00G). */
  ReferenceRecordId: string;
  Language: string;
  QuickConnect: string | null;
}

export type SampleOrgPreset = 'default' | 'empty' | 'novoice' | 'noaccess' | 'large';

export interface SampleOrg {
  preset: SampleOrgPreset;
  seed: number;
  organizationId: string;
  /** The admin looking at the setup app (`@salesforce/user/Id` in the preview). */
  currentUserId: string;
  /**
   * Whether the running user can read CallCenterRoutingMap. With VOICE_NOT_ENABLED the object does
   * not exist and `callCenterRoutingMaps` is empty; with NO_ACCESS the rows exist but a backend
   * method must not read them.
   */
  mappingAvailability: MappingAvailability;
  callCenters: CallCenterRow[];
  users: UserRow[];
  queues: QueueRow[];
  callCenterRoutingMaps: CallCenterRoutingMapRow[];
}

interface CallCenterSpec {
  name: string;
  internalName: string;
  agents: number;
  /** AWS region of the call center's Amazon Connect instance. */
  region: string;
  activeShare: number;
  /** Share of active agents that have a mapping for this call center. */
  mappedShare: number;
  /** Locales of its agents, weighted. */
  locales: ReadonlyArray<readonly [string, number]>;
  /** Queues mapped to the call center (Group rows; never counted as agents). */
  queues: number;
  /** Mappings left behind by users who moved to another call center (or to none). */
  movedAwayMappings: number;
  /**
   * The agents' FederationIdentifier holds their Amazon Connect user id (the UUID at the end of the agent ARN), as in
   * orgs whose identity provider provisions both systems; their mappings use that id, so a rule such as
   * `<instance ARN>/agent/{!FederationIdentifier}` rebuilds the agent ARN. Otherwise federation ids are employee
   * numbers or emails.
   */
  agentIdInFederationId?: boolean;
}

interface PresetSpec {
  label: string;
  mappingAvailability: MappingAvailability;
  callCenters: readonly CallCenterSpec[];
  /** Users with no call center (sales, back office, integration users...). */
  otherUsers: number;
}

const VOICE_CALL_CENTERS: readonly CallCenterSpec[] = [
  {
    name: 'Global Customer Care',
    internalName: 'GlobalCustomerCare',
    agents: 20_000,
    region: 'us-east-1',
    activeShare: 0.93,
    mappedShare: 0.96,
    locales: [
      ['en_US', 70],
      ['es', 20],
      ['pt_BR', 10],
    ],
    queues: 36,
    movedAwayMappings: 85,
  },
  {
    name: 'EMEA Sales Desk',
    internalName: 'EmeaSalesDesk',
    agents: 8_200,
    region: 'eu-central-1',
    activeShare: 0.9,
    mappedShare: 0.88,
    locales: [
      ['de', 35],
      ['fr', 25],
      ['en_GB', 20],
      ['nl_NL', 10],
      ['it', 10],
    ],
    queues: 18,
    movedAwayMappings: 40,
  },
  {
    name: 'APAC Technical Support',
    internalName: 'ApacTechnicalSupport',
    agents: 4_300,
    region: 'ap-southeast-2',
    activeShare: 0.91,
    mappedShare: 0.74,
    locales: [
      ['en_AU', 45],
      ['ja', 40],
      ['en_US', 15],
    ],
    queues: 12,
    movedAwayMappings: 22,
  },
  {
    name: 'Billing & Collections',
    internalName: 'BillingCollections',
    agents: 1_250,
    region: 'us-west-2',
    activeShare: 0.95,
    mappedShare: 0.55,
    locales: [
      ['en_US', 85],
      ['es', 15],
    ],
    queues: 6,
    movedAwayMappings: 9,
    agentIdInFederationId: true,
  },
  {
    name: 'Voice Pilot – Partner Team',
    internalName: 'VoicePilotPartnerTeam',
    agents: 37,
    region: 'ca-central-1',
    activeShare: 1,
    mappedShare: 0.3,
    locales: [
      ['en_US', 60],
      ['fr', 40],
    ],
    queues: 2,
    movedAwayMappings: 0,
  },
  {
    name: 'Legacy IVR (retired)',
    internalName: 'LegacyIvrRetired',
    agents: 0,
    region: 'us-east-1',
    activeShare: 1,
    mappedShare: 0,
    locales: [['en_US', 1]],
    queues: 3,
    movedAwayMappings: 64,
  },
];

/**
 * The `large` preset: a 60,000-agent call center (the benchmark's, docs/benchmarks.md) with thousands of
 * unmapped agents, plus the smaller call centers of the standard org.
 */
const LARGE_CALL_CENTERS: readonly CallCenterSpec[] = [
  {
    name: 'Worldwide Contact Center',
    internalName: 'WorldwideContactCenter',
    agents: 60_000,
    region: 'us-east-1',
    activeShare: 0.94,
    mappedShare: 0.9,
    locales: [
      ['en_US', 55],
      ['es', 20],
      ['pt_BR', 10],
      ['fr', 10],
      ['ja', 5],
    ],
    queues: 48,
    movedAwayMappings: 120,
  },
  ...VOICE_CALL_CENTERS.slice(3),
];

/** Open CTI call centers of an org without Service Cloud Voice. */
const OPEN_CTI_CALL_CENTERS: readonly CallCenterSpec[] = [
  {
    name: 'Open CTI – Inbound Support',
    internalName: 'OpenCtiInboundSupport',
    agents: 640,
    region: 'us-east-1',
    activeShare: 0.92,
    mappedShare: 0,
    locales: [['en_US', 1]],
    queues: 0,
    movedAwayMappings: 0,
  },
  {
    name: 'Open CTI – Outbound Sales',
    internalName: 'OpenCtiOutboundSales',
    agents: 85,
    region: 'us-east-1',
    activeShare: 0.88,
    mappedShare: 0,
    locales: [['en_US', 1]],
    queues: 0,
    movedAwayMappings: 0,
  },
];

export const SAMPLE_ORG_PRESETS: Readonly<Record<SampleOrgPreset, PresetSpec>> = {
  default: {
    label: 'Standard sample org',
    mappingAvailability: 'AVAILABLE',
    callCenters: VOICE_CALL_CENTERS,
    otherUsers: 16_212,
  },
  empty: {
    label: 'Empty org (no call centers)',
    mappingAvailability: 'AVAILABLE',
    callCenters: [],
    otherUsers: 1_200,
  },
  novoice: {
    label: 'Org without Service Cloud Voice',
    mappingAvailability: 'VOICE_NOT_ENABLED',
    callCenters: OPEN_CTI_CALL_CENTERS,
    otherUsers: 2_400,
  },
  noaccess: {
    label: 'Admin without access to mappings',
    mappingAvailability: 'NO_ACCESS',
    callCenters: VOICE_CALL_CENTERS,
    otherUsers: 16_212,
  },
  large: {
    label: 'Large org (60,000-agent call center)',
    mappingAvailability: 'AVAILABLE',
    callCenters: LARGE_CALL_CENTERS,
    otherUsers: 8_000,
  },
};

export const DEFAULT_SEED = 20_251_121;

export function isSampleOrgPreset(value: string): value is SampleOrgPreset {
  return Object.prototype.hasOwnProperty.call(SAMPLE_ORG_PRESETS, value);
}

/** `display|ascii`; ascii defaults to the display name without diacritics. */
const NAMES: Readonly<Record<string, { first: readonly string[]; last: readonly string[] }>> = {
  en: {
    first: [
      'Olivia',
      'Liam',
      'Amelia',
      'Noah',
      'Ava',
      'Ethan',
      'Harper',
      'Lucas',
      'Chloe',
      'Mason',
      'Grace',
      'Aiden',
      'Zoë',
      'Jack',
      'Priya',
      'Marcus',
      'Aaliyah',
      'Connor',
      'Mei',
      'Tyrone',
    ],
    last: [
      'Smith',
      'Johnson',
      'Williams',
      'Brown',
      'Jones',
      'Miller',
      'Davis',
      'Wilson',
      'Taylor',
      "O'Connor",
      'Nguyen',
      'Patel',
      'Thompson',
      'White',
      'Harris',
      'Clarke',
      'Robinson',
      'Walker',
      'Young',
      'King',
    ],
  },
  es: {
    first: [
      'Sofía',
      'Mateo',
      'Valentina',
      'Santiago',
      'Camila',
      'Diego',
      'Lucía',
      'Javier',
      'Martina',
      'Alejandro',
      'Isabel',
      'Andrés',
    ],
    last: [
      'García',
      'Martínez',
      'Rodríguez',
      'López',
      'Hernández',
      'González',
      'Pérez',
      'Sánchez',
      'Ramírez',
      'Torres',
      'Núñez',
      'Ortiz',
    ],
  },
  pt: {
    first: ['João', 'Ana', 'Gabriel', 'Beatriz', 'Rafael', 'Larissa', 'Thiago', 'Mariana', 'Felipe', 'Luíza'],
    last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Ferreira', 'Costa', 'Gonçalves', 'Araújo'],
  },
  de: {
    first: [
      'Lukas',
      'Hannah',
      'Jonas',
      'Lea',
      'Felix',
      'Mia',
      'Maximilian',
      'Jülide',
      'Paul',
      'Emma',
      'Tobias',
      'Katrin',
    ],
    last: [
      'Müller',
      'Schmidt',
      'Schneider',
      'Fischer',
      'Weber',
      'Meyer',
      'Wagner',
      'Becker',
      'Schäfer',
      'Koch',
      'Bauer',
      'Öztürk',
    ],
  },
  fr: {
    first: [
      'Léa',
      'Hugo',
      'Chloé',
      'Louis',
      'Manon',
      'Gabriel',
      'Camille',
      'Théo',
      'Inès',
      'Jules',
      'Élodie',
      'Mathis',
    ],
    last: [
      'Martin',
      'Bernard',
      'Dubois',
      'Thomas',
      'Robert',
      'Richard',
      'Petit',
      'Durand',
      'Lefèvre',
      'Moreau',
      'Girard',
      'Rousseau',
    ],
  },
  nl: {
    first: ['Daan', 'Sanne', 'Sem', 'Fleur', 'Bram', 'Lotte', 'Thijs', 'Anouk'],
    last: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer'],
  },
  it: {
    first: ['Giulia', 'Leonardo', 'Francesca', 'Alessandro', 'Chiara', 'Lorenzo', 'Martina', 'Niccolò'],
    last: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci'],
  },
  ja: {
    first: [
      '陽菜|hina',
      '蓮|ren',
      '結衣|yui',
      '湊|minato',
      '葵|aoi',
      '大翔|hiroto',
      '美咲|misaki',
      '悠真|yuma',
      'さくら|sakura',
      '翔太|shota',
    ],
    last: [
      '佐藤|sato',
      '鈴木|suzuki',
      '高橋|takahashi',
      '田中|tanaka',
      '伊藤|ito',
      '渡辺|watanabe',
      '山本|yamamoto',
      '中村|nakamura',
      '小林|kobayashi',
      '加藤|kato',
    ],
  },
};

const NAME_FAMILY: Readonly<Record<string, string>> = {
  en_US: 'en',
  en_GB: 'en',
  en_AU: 'en',
  es: 'es',
  pt_BR: 'pt',
  de: 'de',
  fr: 'fr',
  nl_NL: 'nl',
  it: 'it',
  ja: 'ja',
};

const OTHER_USER_LOCALES: ReadonlyArray<readonly [string, number]> = [
  ['en_US', 60],
  ['en_GB', 10],
  ['de', 8],
  ['fr', 8],
  ['es', 6],
  ['ja', 5],
  ['pt_BR', 3],
];

const QUEUE_TOPICS = [
  'General Inquiries',
  'Billing',
  'Technical Support',
  'Returns',
  'Escalations',
  'VIP',
  'Callbacks',
  'After Hours',
  'Spanish Line',
  'Onboarding',
  'Renewals',
  'Outage Hotline',
];

interface Person {
  display: string;
  ascii: string;
}

const parsedNames = new Map<string, { first: Person[]; last: Person[] }>();
function namesFor(locale: string): { first: Person[]; last: Person[] } {
  const family = NAME_FAMILY[locale] ?? 'en';
  let names = parsedNames.get(family);
  if (!names) {
    const pool = NAMES[family] ?? NAMES['en'];
    if (!pool) throw new Error('no name pool');
    const parse = (entry: string): Person => {
      const [display = entry, ascii] = entry.split('|');
      return { display, ascii: asciiName(ascii ?? display) };
    };
    names = { first: pool.first.map(parse), last: pool.last.map(parse) };
    parsedNames.set(family, names);
  }
  return names;
}

function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function acronym(name: string): string {
  return name
    .split(/[^A-Za-z]+/)
    .filter(Boolean)
    .map((word) => word[0])
    .join('')
    .toUpperCase();
}

/**
 * The Amazon Connect user id of a sample agent whose FederationIdentifier carries it: a lower-case UUID derived from
 * the Salesforce user id (FNV-1a), so it is stable and consumes nothing from the seeded random sequence.
 */
export function agentIdOf(userId: string): string {
  let hex = '';
  for (let round = 0; hex.length < 32; round++) {
    let hash = 0x811c9dc5;
    const text = `agent:${round}:${userId}`;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    hex += hash.toString(16).padStart(8, '0');
  }
  const variant = '89ab'[parseInt(hex.charAt(16), 16) % 4] ?? '8';
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Generates the sample org of a preset. */
export function generateSampleOrg(preset: SampleOrgPreset = 'default', seed: number = DEFAULT_SEED): SampleOrg {
  const spec = SAMPLE_ORG_PRESETS[preset];
  const rng = createRandom(seed);
  const org = createIdFactory(KEY_PREFIX.Organization, '8d', 900_000 + rng.int(1_000_000));
  const userId = createIdFactory(KEY_PREFIX.User, '8d', 62 ** 5 * 8 + rng.int(62 ** 4));
  const callCenterId = createIdFactory(KEY_PREFIX.CallCenter, '8d', 62 ** 3 + rng.int(62 ** 3));
  const groupId = createIdFactory(KEY_PREFIX.Group, '8d', 62 ** 4 * 3 + rng.int(62 ** 4));
  const mapId = createIdFactory(KEY_PREFIX.CallCenterRoutingMap, '8d', 62 ** 3 * 5 + rng.int(62 ** 3));
  const organizationId = org();
  const awsAccount = String(100_000_000_000 + rng.int(899_999_999_999));

  const centers = spec.callCenters.map((cc) => ({
    spec: cc,
    row: { Id: callCenterId(), Name: cc.name, InternalName: cc.internalName } satisfies CallCenterRow,
    arnBase: `arn:aws:connect:${cc.region}:${awsAccount}:instance/${rng.uuid()}`,
    short: acronym(cc.name),
  }));

  const users: UserRow[] = [];
  const emailCounts = new Map<string, number>();
  const makeUser = (locale: string, center: (typeof centers)[number] | null, admin = false): UserRow => {
    const names = namesFor(locale);
    const first = rng.pick(names.first);
    const last = rng.pick(names.last);
    const local = `${first.ascii}.${last.ascii}`;
    const seen = (emailCounts.get(local) ?? 0) + 1;
    emailCounts.set(local, seen);
    const email = `${local}${seen > 1 ? seen : ''}@northwind-care.example.com`;
    const isAgent = center !== null;
    const id = userId();
    const employeeNumber = `E${String(1_000_000 + users.length * 7 + rng.int(7)).slice(1)}`;
    const supervisor = isAgent && rng.chance(0.04);
    const federationId = isAgent
      ? rng.weighted<string | null>([
          [employeeNumber, 70],
          [email, 20],
          [null, 10],
        ])
      : rng.chance(0.6)
        ? email
        : null;
    return {
      Id: id,
      Name: locale === 'ja' ? `${last.display} ${first.display}` : `${first.display} ${last.display}`,
      Username: email,
      Email: email,
      Alias: (first.ascii.slice(0, 1) + last.ascii).slice(0, 8),
      FederationIdentifier: center?.spec.agentIdInFederationId && federationId !== null ? agentIdOf(id) : federationId,
      ProfileName: admin
        ? 'System Administrator'
        : isAgent
          ? supervisor
            ? 'Contact Center Supervisor'
            : 'Contact Center Agent'
          : rng.weighted([
              ['Standard User', 55],
              ['Sales User', 25],
              ['Chatter Free User', 15],
              ['System Administrator', 1],
              ['Integration User', 1],
            ]),
      UserRoleName: center
        ? `${center.short} ${supervisor ? 'Supervisor' : 'Agent'}`
        : rng.chance(0.5)
          ? rng.pick(['Sales Rep', 'Sales Manager', 'Finance', 'Operations', 'IT'])
          : null,
      IsActive: admin || (center ? rng.chance(center.spec.activeShare) : rng.chance(0.85)),
      CallCenterId: center ? center.row.Id : null,
      LanguageLocaleKey: locale,
    };
  };

  // The admin first, then everyone else in a shuffled order (ids grow with creation order).
  users.push(makeUser('en_US', null, true));
  const assignments: number[] = [];
  centers.forEach((center, index) => {
    for (let i = 0; i < center.spec.agents; i++) assignments.push(index);
  });
  for (let i = 0; i < spec.otherUsers; i++) assignments.push(-1);
  rng.shuffle(assignments);
  for (const index of assignments) {
    const center = centers[index] ?? null;
    users.push(makeUser(rng.weighted(center ? center.spec.locales : OTHER_USER_LOCALES), center));
  }

  const maps: CallCenterRoutingMapRow[] = [];
  const queues: QueueRow[] = [];
  if (spec.mappingAvailability !== 'VOICE_NOT_ENABLED') {
    const byId = new Map(centers.map((center) => [center.row.Id, center]));
    /** The agent id of a mapping: the one in FederationIdentifier for such call centers' own agents. */
    const agentIdFor = (user: UserRow, center: (typeof centers)[number], random: string): string =>
      center.spec.agentIdInFederationId && user.CallCenterId === center.row.Id && user.FederationIdentifier
        ? user.FederationIdentifier
        : random;
    const mapUser = (user: UserRow, center: (typeof centers)[number], developerNameSuffix = ''): void => {
      maps.push({
        Id: mapId(),
        DeveloperName: `User_${user.Id}_${center.row.Id}${developerNameSuffix}`,
        MasterLabel: user.Id,
        CallCenterId: center.row.Id,
        ExternalId: `${center.arnBase}/agent/${developerNameSuffix ? rng.uuid() : agentIdFor(user, center, rng.uuid())}`,
        ReferenceRecordId: user.Id,
        Language: 'en_US',
        QuickConnect: rng.chance(0.15) ? `${center.arnBase}/transfer-destination/${rng.uuid()}` : null,
      });
    };
    // Agents: most are mapped; inactive ones usually still are (stale mappings), a few twice.
    for (const user of users) {
      const center = user.CallCenterId ? byId.get(user.CallCenterId) : undefined;
      if (!center) continue;
      const share = user.IsActive ? center.spec.mappedShare : Math.max(center.spec.mappedShare, 0.85);
      if (!rng.chance(share)) continue;
      mapUser(user, center);
      if (rng.chance(0.004)) mapUser(user, center, '_2');
    }
    // Stale mappings of users who moved to another call center, or to none.
    for (const center of centers) {
      const picked = new Set<string>();
      while (picked.size < center.spec.movedAwayMappings) {
        const user = users[1 + rng.int(users.length - 1)];
        if (!user || user.CallCenterId === center.row.Id || picked.has(user.Id)) continue;
        picked.add(user.Id);
        mapUser(user, center);
      }
    }
    // Queue mappings: they point at Group rows and must never count as agents.
    for (const center of centers) {
      for (let i = 0; i < center.spec.queues; i++) {
        const topic = QUEUE_TOPICS[i % QUEUE_TOPICS.length] ?? 'Queue';
        const round = Math.floor(i / QUEUE_TOPICS.length);
        const name = `${center.short} ${topic}${round > 0 ? ` ${round + 1}` : ''}`;
        const queue: QueueRow = {
          Id: groupId(),
          Name: name,
          DeveloperName: name.replace(/[^A-Za-z0-9]+/g, '_'),
          Type: 'Queue',
        };
        queues.push(queue);
        maps.push({
          Id: mapId(),
          DeveloperName: `${queue.DeveloperName}_${center.row.Id}`,
          MasterLabel: queue.Name,
          CallCenterId: center.row.Id,
          ExternalId: `${center.arnBase}/queue/${rng.uuid()}`,
          ReferenceRecordId: queue.Id,
          Language: 'en_US',
          QuickConnect: `${center.arnBase}/transfer-destination/${rng.uuid()}`,
        });
      }
    }
  }

  const admin = users[0];
  if (!admin) throw new Error('the sample org has no admin user');
  return {
    preset,
    seed,
    organizationId,
    currentUserId: admin.Id,
    mappingAvailability: spec.mappingAvailability,
    callCenters: centers.map((center) => center.row),
    users,
    queues,
    callCenterRoutingMaps: maps,
  };
}

/** Shortened for the preview banner. */
export function describeSampleOrg(org: SampleOrg): string {
  const label = SAMPLE_ORG_PRESETS[org.preset].label;
  const users = org.users.length.toLocaleString('en-US');
  const centers = org.callCenters.length;
  const maps =
    org.mappingAvailability === 'VOICE_NOT_ENABLED'
      ? 'no Service Cloud Voice'
      : `${org.callCenterRoutingMaps.length.toLocaleString('en-US')} routing mappings`;
  return `${label}: ${users} users, ${centers} call center${centers === 1 ? '' : 's'}, ${maps}.`;
}
