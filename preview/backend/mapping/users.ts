/**
 * MappingUsersController in the preview: the mapping context of a call center and keyset pages of its (unmapped)
 * agents with search and sort. Like MappingUserSelector, a page never reads more than it returns plus what the
 * filter skips: the agents of each call center are sorted once per sort key (user fields do not change in the
 * preview), and a cursor is the position after the last row, checked against the row's id.
 */
import type { MappingContext, UserPage, UserQuery, UserRow, UserSortKey } from '@ccus/apex-contracts';
import type { UserRow as SampleUser } from '../sampleOrg.js';
import { MAPPING_AVAILABILITY_MESSAGES } from '../overviewService.js';
import { AuraHandledError } from '../errors.js';
import { USER_FIELDS } from '@ccus/lwc/externalIdRules/externalIdRules.js';
import { DEFAULT_DEVELOPER_NAME_FORMAT, DEFAULT_MASTER_LABEL_FORMAT } from '@ccus/lwc/developerNames/developerNames.js';
import { PREVIEW_LIMITS, decodeCursor, encodeCursor, hashOf, pageSizeOf, type MappingStore } from './store.js';

const SORT_KEYS: readonly UserSortKey[] = [
  'NAME',
  'USERNAME',
  'EMAIL',
  'ALIAS',
  'FEDERATION_ID',
  'PROFILE',
  'ROLE',
  'ID',
];

const sortValue = (user: SampleUser, key: UserSortKey): string => {
  switch (key) {
    case 'USERNAME':
      return user.Username;
    case 'EMAIL':
      return user.Email;
    case 'ALIAS':
      return user.Alias;
    case 'FEDERATION_ID':
      return user.FederationIdentifier ?? '';
    case 'PROFILE':
      return user.ProfileName;
    case 'ROLE':
      return user.UserRoleName ?? '';
    case 'ID':
      return user.Id;
    default:
      return user.Name;
  }
};

/** The contract's row of a sample user (LastLoginDate is derived from the id: the sample org has none). */
export function toUserRow(user: SampleUser, now: Date): UserRow {
  const hash = hashOf(user.Id);
  const lastLogin = hash % 10 === 0 ? null : new Date(now.getTime() - (hash % (60 * 24 * 3600)) * 1000);
  return {
    userId: user.Id,
    name: user.Name,
    username: user.Username,
    email: user.Email,
    alias: user.Alias,
    federationIdentifier: user.FederationIdentifier,
    profileName: user.ProfileName,
    roleName: user.UserRoleName,
    isActive: user.IsActive,
    lastLoginDate: lastLogin ? lastLogin.toISOString() : null,
  };
}

interface Filter {
  callCenterId: string;
  search: string | null;
  status: 'ALL' | 'ACTIVE' | 'INACTIVE';
  scope: 'UNMAPPED' | 'ALL';
}

export class UsersService {
  private readonly sorted = new Map<string, SampleUser[]>();
  private readonly haystacks = new Map<string, string>();

  constructor(private readonly store: MappingStore) {}

  getMappingContext(callCenterId: string): MappingContext {
    const center = this.store.requireCallCenter(callCenterId, 'Loading the mapping context');
    const availability = this.store.org.mappingAvailability;
    const readable = availability === 'AVAILABLE';
    return {
      callCenterId: center.Id,
      callCenterName: center.Name,
      internalName: center.InternalName,
      mappingAvailability: availability,
      mappingAvailabilityMessage: MAPPING_AVAILABILITY_MESSAGES[availability],
      access: { canRead: readable, canCreate: readable, canEdit: readable, canDelete: readable },
      createAccessMessage: readable
        ? null
        : 'You cannot create call center routing maps (CallCenterRoutingMap): ask your Salesforce admin for the ' +
          'Contact Center Sync admin permission set and a permission that grants access to them.',
      organizationId: this.store.org.organizationId,
      developerNameFormat: DEFAULT_DEVELOPER_NAME_FORMAT,
      masterLabelFormat: DEFAULT_MASTER_LABEL_FORMAT,
      ruleFields: [...USER_FIELDS],
      customRuleFields: [],
      unmappedFilterMode: 'ANTI_JOIN',
      limits: { ...PREVIEW_LIMITS },
    };
  }

  getUsers(query: UserQuery): UserPage {
    const action = 'Loading the users';
    const center = this.store.requireCallCenter(query?.callCenterId, action);
    const scope = query.scope ?? 'UNMAPPED';
    if (scope !== 'UNMAPPED' && scope !== 'ALL')
      throw new AuraHandledError(`${action} failed: unknown scope ${scope}.`);
    if (scope === 'UNMAPPED') this.store.requireMappings(action);
    const sortBy = query.sortBy ?? 'NAME';
    if (!SORT_KEYS.includes(sortBy))
      throw new AuraHandledError(`${action} failed: users cannot be sorted by ${sortBy}.`);
    const direction = query.sortDirection ?? 'ASC';
    if (direction !== 'ASC' && direction !== 'DESC') {
      throw new AuraHandledError(`${action} failed: unknown sort direction ${direction}.`);
    }
    const status = query.status ?? 'ALL';
    if (!['ALL', 'ACTIVE', 'INACTIVE'].includes(status)) {
      throw new AuraHandledError(`${action} failed: unknown status ${status}.`);
    }
    const search = query.search?.trim() ? query.search.trim().toLowerCase() : null;
    if (search && search.length > PREVIEW_LIMITS.maxSearchLength) {
      throw new AuraHandledError(`${action} failed: search for at most ${PREVIEW_LIMITS.maxSearchLength} characters.`);
    }
    const pageSize = pageSizeOf(query.pageSize, PREVIEW_LIMITS.maxUserPageSize);
    const filter: Filter = { callCenterId: center.Id, search, status, scope };
    const signature = hashOf(JSON.stringify([filter, sortBy, direction]));
    const users = this.sortedAgents(center.Id, sortBy, direction);

    let start = 0;
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor) as { s?: unknown; p?: unknown; i?: unknown } | null;
      const position = typeof cursor?.p === 'number' ? cursor.p : -1;
      if (!cursor || cursor.s !== signature || position < 1 || users[position - 1]?.Id !== cursor.i) {
        throw new AuraHandledError(
          `${action} failed: the page cursor does not belong to this search, filter or sort. Load the first page again.`,
        );
      }
      start = position;
    }
    const matches = this.matcher(filter);
    const rows: SampleUser[] = [];
    let index = start;
    let last = start;
    for (; index < users.length && rows.length < pageSize; index++) {
      const user = users[index] as SampleUser;
      if (matches(user)) {
        rows.push(user);
        last = index + 1;
      }
    }
    let hasMore = false;
    for (; index < users.length; index++) {
      if (matches(users[index] as SampleUser)) {
        hasMore = true;
        break;
      }
    }
    const lastRow = rows[rows.length - 1];
    const now = this.store.now();
    return {
      rows: rows.map((user) => toUserRow(user, now)),
      nextCursor: hasMore && lastRow ? encodeCursor({ s: signature, p: last, i: lastRow.Id }) : null,
      hasMore,
      totalCount: query.includeTotal ? users.reduce((count, user) => count + (matches(user) ? 1 : 0), 0) : null,
      filterMode: 'ANTI_JOIN',
    };
  }

  /** Unmapped users of a call center matching a run's filter (MappingRunSelector for FILTER runs), by name. */
  unmappedUserIds(callCenterId: string, search: string | null, status: 'ALL' | 'ACTIVE' | 'INACTIVE'): string[] {
    const matches = this.matcher({
      callCenterId,
      search: search?.trim() ? search.trim().toLowerCase() : null,
      status,
      scope: 'UNMAPPED',
    });
    return this.sortedAgents(callCenterId, 'NAME', 'ASC')
      .filter(matches)
      .map((user) => user.Id);
  }

  private matcher(filter: Filter): (user: SampleUser) => boolean {
    const mapped =
      filter.scope === 'UNMAPPED' ? (this.store.mappings().byCenterUser.get(filter.callCenterId) ?? new Map()) : null;
    const { search, status } = filter;
    return (user) =>
      (status === 'ALL' || user.IsActive === (status === 'ACTIVE')) &&
      (mapped === null || !mapped.has(user.Id)) &&
      (search === null || this.haystack(user).includes(search));
  }

  private haystack(user: SampleUser): string {
    let text = this.haystacks.get(user.Id);
    if (text === undefined) {
      text = [
        user.Name,
        user.Username,
        user.Email,
        user.Alias,
        user.FederationIdentifier ?? '',
        user.ProfileName,
        user.UserRoleName ?? '',
      ]
        .join('\u0001')
        .toLowerCase();
      this.haystacks.set(user.Id, text);
    }
    return text;
  }

  /** Agents of a call center in the order of a sort key: empty values first (ASC), ties by id; DESC reversed. */
  private sortedAgents(callCenterId: string, sortBy: UserSortKey, direction: 'ASC' | 'DESC'): SampleUser[] {
    const cacheKey = `${callCenterId}|${sortBy}|${direction}`;
    let users = this.sorted.get(cacheKey);
    if (!users) {
      const keyed = (this.store.agentsByCenter.get(callCenterId) ?? []).map((user) => ({
        user,
        key: sortValue(user, sortBy).toLowerCase(),
      }));
      keyed.sort((a, b) =>
        a.key < b.key ? -1 : a.key > b.key ? 1 : a.user.Id < b.user.Id ? -1 : a.user.Id > b.user.Id ? 1 : 0,
      );
      users = keyed.map((entry) => entry.user);
      if (direction === 'DESC') users.reverse();
      this.sorted.set(cacheKey, users);
    }
    return users;
  }
}
