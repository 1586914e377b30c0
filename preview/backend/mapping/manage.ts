/**
 * MappingManageController in the preview: keyset pages of a call center's mappings (record id order) with search,
 * and edits / deletes validated like MappingManageService. Changes go to the sample org, so the Overview follows.
 */
import type {
  ExternalIdFormat,
  MappingEdit,
  MappingListQuery,
  MappingPage,
  MappingRow,
  WriteOutcome,
} from '@ccus/apex-contracts';
import type { CallCenterRoutingMapRow } from '../sampleOrg.js';
import { KEY_PREFIX } from '../salesforceIds.js';
import { AuraHandledError } from '../errors.js';
import { validateAgentArn, validateQuickConnectArn } from '@ccus/lwc/amazonConnectArns/amazonConnectArns.js';
import { liveProblem } from './analysis.js';
import { PREVIEW_LIMITS, decodeCursor, encodeCursor, hashOf, keyOf, pageSizeOf, type MappingStore } from './store.js';

export class ManageService {
  private readonly haystacks = new WeakMap<CallCenterRoutingMapRow, string>();

  constructor(private readonly store: MappingStore) {}

  getMappings(query: MappingListQuery): MappingPage {
    const action = 'Loading the mappings';
    this.store.requireMappings(action);
    const center = this.store.requireCallCenter(query?.callCenterId, action);
    const referenceType = query.referenceType ?? 'ALL';
    const search = query.search?.trim() ? query.search.trim().toLowerCase() : null;
    if (search && search.length > PREVIEW_LIMITS.maxSearchLength) {
      throw new AuraHandledError(`${action} failed: search for at most ${PREVIEW_LIMITS.maxSearchLength} characters.`);
    }
    const pageSize = pageSizeOf(query.pageSize, 2000);
    const signature = hashOf(JSON.stringify([center.Id, referenceType, search]));
    const all = this.store.mappings().byCenterSorted.get(center.Id) ?? [];
    let start = 0;
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor) as { s?: unknown; i?: unknown } | null;
      if (!cursor || cursor.s !== signature || typeof cursor.i !== 'string') {
        throw new AuraHandledError(
          `${action} failed: the page cursor does not belong to this search. Load the first page again.`,
        );
      }
      const lastId = cursor.i;
      // Keyset: the first mapping whose id is after the last one shown (binary search).
      let low = 0;
      let high = all.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((all[middle] as CallCenterRoutingMapRow).Id <= lastId) low = middle + 1;
        else high = middle;
      }
      start = low;
    }
    const matches = (mapping: CallCenterRoutingMapRow): boolean => {
      const isUser = mapping.ReferenceRecordId.startsWith(KEY_PREFIX.User);
      if (referenceType === 'USER' && !isUser) return false;
      if (referenceType === 'QUEUE' && isUser) return false;
      return search === null || this.haystack(mapping).includes(search);
    };
    const rows: MappingRow[] = [];
    let index = start;
    for (; index < all.length && rows.length < pageSize; index++) {
      const mapping = all[index] as CallCenterRoutingMapRow;
      if (matches(mapping)) rows.push(this.toRow(mapping));
    }
    let hasMore = false;
    for (let next = index; next < all.length; next++) {
      if (matches(all[next] as CallCenterRoutingMapRow)) {
        hasMore = true;
        break;
      }
    }
    const last = rows[rows.length - 1];
    return {
      rows,
      nextCursor: hasMore && last ? encodeCursor({ s: signature, i: last.mappingId }) : null,
      hasMore,
    };
  }

  updateMappings(edits: MappingEdit[], externalIdFormat: ExternalIdFormat | null): WriteOutcome[] {
    const action = 'Saving the mappings';
    this.store.requireMappings(action);
    if ((edits ?? []).length > PREVIEW_LIMITS.maxManageWritesPerCall) {
      throw new AuraHandledError(
        `${action} failed: send at most ${PREVIEW_LIMITS.maxManageWritesPerCall} edits per call.`,
      );
    }
    const amazonConnect = externalIdFormat !== 'TEXT';
    const outcomes: WriteOutcome[] = [];
    for (const edit of edits ?? []) {
      const index = this.store.mappings();
      const mapping = index.byId.get(edit.mappingId);
      const fail = (message: string): void => {
        outcomes.push({ mappingId: edit.mappingId, success: false, message });
      };
      if (!mapping) {
        fail('The mapping no longer exists.');
        continue;
      }
      const externalId = edit.externalId ?? '';
      const quickConnect = edit.quickConnect?.trim() ? edit.quickConnect : null;
      const problem =
        valueProblem(externalId, 'ExternalId', true) ??
        (quickConnect ? valueProblem(quickConnect, 'QuickConnect', false) : null);
      if (problem) {
        fail(problem);
        continue;
      }
      if (amazonConnect) {
        const agent = validateAgentArn(externalId);
        const isQueue = !mapping.ReferenceRecordId.startsWith(KEY_PREFIX.User);
        if (!agent.ok && !isQueue) {
          fail(`ExternalId: ${agent.message}`);
          continue;
        }
        if (quickConnect) {
          const check = validateQuickConnectArn(quickConnect);
          if (!check.ok) {
            fail(`QuickConnect: ${check.message}`);
            continue;
          }
        }
      }
      const used = (index.byCenterKey.get(mapping.CallCenterId)?.get(keyOf(externalId) ?? '') ?? []).find(
        (other) => other.ReferenceRecordId !== mapping.ReferenceRecordId,
      );
      if (used) {
        fail(`This ExternalId is already used in this call center by the mapping ${used.DeveloperName}.`);
        continue;
      }
      mapping.ExternalId = externalId;
      mapping.QuickConnect = quickConnect;
      this.haystacks.delete(mapping);
      this.store.touch();
      outcomes.push({ mappingId: mapping.Id, success: true, message: null });
    }
    return outcomes;
  }

  deleteMappings(mappingIds: string[]): WriteOutcome[] {
    const action = 'Deleting the mappings';
    this.store.requireMappings(action);
    if ((mappingIds ?? []).length > PREVIEW_LIMITS.maxManageWritesPerCall) {
      throw new AuraHandledError(
        `${action} failed: send at most ${PREVIEW_LIMITS.maxManageWritesPerCall} mappings per call.`,
      );
    }
    return (mappingIds ?? []).map((mappingId) =>
      this.store.removeMapping(mappingId)
        ? { mappingId, success: true, message: null }
        : { mappingId, success: false, message: 'ENTITY_IS_DELETED: The mapping no longer exists.' },
    );
  }

  private toRow(mapping: CallCenterRoutingMapRow): MappingRow {
    const isUser = mapping.ReferenceRecordId.startsWith(KEY_PREFIX.User);
    const user = isUser ? this.store.usersById.get(mapping.ReferenceRecordId) : undefined;
    return {
      mappingId: mapping.Id,
      callCenterId: mapping.CallCenterId,
      referenceRecordId: mapping.ReferenceRecordId,
      referenceType: isUser ? 'USER' : 'QUEUE',
      userFullName: user?.Name ?? null,
      username: user?.Username ?? null,
      email: user?.Email ?? null,
      isActive: user?.IsActive ?? null,
      userCallCenterId: user?.CallCenterId ?? null,
      externalId: mapping.ExternalId,
      quickConnect: mapping.QuickConnect,
      developerName: mapping.DeveloperName,
      masterLabel: mapping.MasterLabel,
      problem: liveProblem(this.store, mapping),
    };
  }

  private haystack(mapping: CallCenterRoutingMapRow): string {
    let text = this.haystacks.get(mapping);
    if (text === undefined) {
      const user = this.store.usersById.get(mapping.ReferenceRecordId);
      const queue = user ? undefined : this.store.org.queues.find((q) => q.Id === mapping.ReferenceRecordId);
      text = [
        mapping.ExternalId,
        mapping.DeveloperName,
        mapping.MasterLabel,
        mapping.QuickConnect ?? '',
        user?.Name ?? queue?.Name ?? '',
        user?.Username ?? '',
        user?.Email ?? '',
      ]
        .join('\u0001')
        .toLowerCase();
      this.haystacks.set(mapping, text);
    }
    return text;
  }
}

function valueProblem(value: string, label: string, required: boolean): string | null {
  if (value.trim() === '') return required ? `${label} is required.` : null;
  if (value.length > PREVIEW_LIMITS.maxValueLength) {
    return `${label} has ${value.length} characters; the limit is ${PREVIEW_LIMITS.maxValueLength}.`;
  }
  if (value !== value.trim()) return `${label} has spaces or line breaks around it.`;
  if (/[\r\n]/.test(value)) return `${label} contains a line break.`;
  return null;
}
