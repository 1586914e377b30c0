/**
 * Shared state of the preview's mapping backend: indexes over the sample org (users per call center, mappings per
 * call center and user / ExternalId), id factories for the records the Apex would insert (runs, items, analyses,
 * problems, CallCenterRoutingMap), cursors, and the checks every Apex controller makes first (call center exists,
 * mappings readable). Mutations of CallCenterRoutingMap go through {@link MappingStore.addMapping} and
 * {@link MappingStore.removeMapping}, so the Overview (which reads the same rows) changes with them.
 */
import type { MappingLimits } from '@ccus/apex-contracts';
import type { CallCenterRoutingMapRow, CallCenterRow, SampleOrg, UserRow as SampleUser } from '../sampleOrg.js';
import { MAPPING_AVAILABILITY_MESSAGES } from '../overviewService.js';
import { AuraHandledError } from '../errors.js';
import { createIdFactory, KEY_PREFIX } from '../salesforceIds.js';
import { validateId } from '@ccus/lwc/salesforceIds/salesforceIds.js';

/** The limits MappingUsersService reports (writeChunkSize is smaller than the Apex default so progress shows). */
export const PREVIEW_LIMITS: Readonly<MappingLimits> = {
  maxUserPageSize: 2000,
  maxSearchLength: 100,
  maxItemsPerCall: 2000,
  maxEditsPerCall: 200,
  maxRunRows: 200_000,
  syncPreviewMaxRows: 500,
  writeChunkSize: 200,
  maxRuleLength: 1000,
  maxRuleSampleUsers: 200,
  maxManageWritesPerCall: 200,
  maxValueLength: 255,
};

/** Options of the mapping backend (the unit tests make the asynchronous steps immediate). */
export interface MappingBackendOptions {
  /** Delay between two asynchronous steps (preview, write, analysis) in ms; default 250. */
  stepDelayMs?: number;
  /** Rows evaluated per asynchronous preview step; default 5,000. */
  previewChunkSize?: number;
  /** Simulate the platform refusing a few rows (default true). */
  simulateFailures?: boolean;
}

export interface MappingIndex {
  byId: Map<string, CallCenterRoutingMapRow>;
  /** callCenterId → userId → that user's mappings in the call center. */
  byCenterUser: Map<string, Map<string, CallCenterRoutingMapRow[]>>;
  /** callCenterId → lower-cased ExternalId → mappings. */
  byCenterKey: Map<string, Map<string, CallCenterRoutingMapRow[]>>;
  /** callCenterId → mappings in record id order. */
  byCenterSorted: Map<string, CallCenterRoutingMapRow[]>;
}

/** FNV-1a: a stable hash for deterministic "random" facts (last login, simulated failures). */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The duplicate key of an ExternalId (MappingRowEvaluator.keyOf): lower-cased; null when blank. */
export function keyOf(value: string | null | undefined): string | null {
  return value == null || value.trim() === '' ? null : value.toLowerCase();
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export class MappingStore {
  readonly usersById = new Map<string, SampleUser>();
  readonly agentsByCenter = new Map<string, SampleUser[]>();
  readonly centersById = new Map<string, CallCenterRow>();
  readonly options: Required<MappingBackendOptions>;
  private version = 0;
  private index: { version: number; value: MappingIndex } | null = null;
  private readonly mapId = createIdFactory(KEY_PREFIX.CallCenterRoutingMap, '8d', 62 ** 6);
  private readonly factories = new Map<string, () => string>();

  constructor(
    readonly org: SampleOrg,
    readonly now: () => Date,
    options: MappingBackendOptions = {},
  ) {
    this.options = {
      stepDelayMs: options.stepDelayMs ?? 250,
      previewChunkSize: options.previewChunkSize ?? 5000,
      simulateFailures: options.simulateFailures ?? true,
    };
    for (const cc of org.callCenters) {
      this.centersById.set(cc.Id, cc);
      this.agentsByCenter.set(cc.Id, []);
    }
    for (const user of org.users) {
      this.usersById.set(user.Id, user);
      if (user.CallCenterId) this.agentsByCenter.get(user.CallCenterId)?.push(user);
    }
  }

  /** A new id of a custom object (Mapping_Run__c, ...) with a fake key prefix. */
  newId(keyPrefix: string): string {
    let factory = this.factories.get(keyPrefix);
    if (!factory) this.factories.set(keyPrefix, (factory = createIdFactory(keyPrefix, '8d', 62 ** 4)));
    return factory();
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  /** Mappings indexes, rebuilt after each change. */
  mappings(): MappingIndex {
    if (this.index?.version === this.version) return this.index.value;
    const value: MappingIndex = {
      byId: new Map(),
      byCenterUser: new Map(),
      byCenterKey: new Map(),
      byCenterSorted: new Map(),
    };
    for (const row of this.org.callCenterRoutingMaps) {
      value.byId.set(row.Id, row);
      let users = value.byCenterUser.get(row.CallCenterId);
      if (!users) value.byCenterUser.set(row.CallCenterId, (users = new Map()));
      push(users, row.ReferenceRecordId, row);
      let keys = value.byCenterKey.get(row.CallCenterId);
      if (!keys) value.byCenterKey.set(row.CallCenterId, (keys = new Map()));
      const key = keyOf(row.ExternalId);
      if (key) push(keys, key, row);
      push(value.byCenterSorted, row.CallCenterId, row);
    }
    for (const list of value.byCenterSorted.values()) list.sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
    this.index = { version: this.version, value };
    return value;
  }

  /** Inserts a CallCenterRoutingMap (the Overview counts change with it). */
  addMapping(row: Omit<CallCenterRoutingMapRow, 'Id' | 'Language'>): CallCenterRoutingMapRow {
    const inserted: CallCenterRoutingMapRow = { ...row, Id: this.mapId(), Language: 'en_US' };
    this.org.callCenterRoutingMaps.push(inserted);
    this.version++;
    return inserted;
  }

  /** Deletes a CallCenterRoutingMap; false when it does not exist. */
  removeMapping(mappingId: string): boolean {
    const list = this.org.callCenterRoutingMaps;
    const index = list.findIndex((row) => row.Id === mappingId);
    if (index < 0) return false;
    list.splice(index, 1);
    this.version++;
    return true;
  }

  /** Marks a mapping as changed in place (ExternalId / QuickConnect edits). */
  touch(): void {
    this.version++;
  }

  /** Throws the repository's message when mappings cannot be read in this org. */
  requireMappings(action: string): void {
    const message = MAPPING_AVAILABILITY_MESSAGES[this.org.mappingAvailability];
    if (this.org.mappingAvailability !== 'AVAILABLE' && message) {
      throw new AuraHandledError(`${action} failed: ${message}`);
    }
  }

  /** The call center of an 18- or 15-character id, or an AuraHandledException like the Apex. */
  requireCallCenter(callCenterId: string | null | undefined, action: string): CallCenterRow {
    const check = validateId(callCenterId, 'CallCenter');
    const center = check.ok ? this.centersById.get(check.id18) : undefined;
    if (!center) {
      throw new AuraHandledError(`${action} failed: the call center ${callCenterId ?? '(none)'} does not exist.`);
    }
    return center;
  }

  /** The user of an id (15 or 18 characters), or undefined. */
  user(userId: string | null | undefined): SampleUser | undefined {
    const check = validateId(userId, 'User');
    return check.ok ? this.usersById.get(check.id18) : undefined;
  }
}

/** An opaque cursor: base64 of JSON (UTF-8). */
export function encodeCursor(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Decodes a cursor of {@link encodeCursor}; null when it is not one. */
export function decodeCursor(cursor: string): unknown {
  try {
    const binary = atob(cursor);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return null;
  }
}

/** Page size of a request: default 50, clamped to 1..max (the Apex clamps too). */
export function pageSizeOf(requested: number | null | undefined, max: number): number {
  if (requested == null || !Number.isFinite(requested)) return 50;
  return Math.max(1, Math.min(max, Math.floor(requested)));
}
