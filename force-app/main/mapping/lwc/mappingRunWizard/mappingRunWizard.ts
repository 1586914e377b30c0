import { LightningElement, api } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import PAPAPARSE from '@salesforce/resourceUrl/papaparse';
import getUsers from '@salesforce/apex/MappingUsersController.getUsers';
import checkRule from '@salesforce/apex/MappingRuleController.checkRule';
import evaluateRuleOnServer from '@salesforce/apex/MappingRuleController.evaluateRule';
import createRun from '@salesforce/apex/MappingRunController.createRun';
import addRunItems from '@salesforce/apex/MappingRunController.addRunItems';
import startPreview from '@salesforce/apex/MappingRunController.startPreview';
import getRun from '@salesforce/apex/MappingRunController.getRun';
import getRunItems from '@salesforce/apex/MappingRunController.getRunItems';
import updateRunItems from '@salesforce/apex/MappingRunController.updateRunItems';
import confirmRun from '@salesforce/apex/MappingRunController.confirmRun';
import cancelRun from '@salesforce/apex/MappingRunController.cancelRun';
import resumeRun from '@salesforce/apex/MappingRunController.resumeRun';
import type {
  ExternalIdFormat,
  ItemEdit,
  ItemQuery,
  MappingContext,
  RowOutcome,
  RowVerdict,
  RuleCheckProblem,
  RuleSample,
  RunItemInput,
  RunItemRow,
  RunRequest,
  RunSummary,
  UserRow,
} from '@ccus/apex-contracts';
import { reduceErrors } from 'c/apexErrors';
import { parseRule } from 'c/externalIdRules';
import { readCsv, toCsv, toMappingCsv } from 'c/mappingCsv';
import type { CsvTable, MappingColumn, PapaLike } from 'c/mappingCsv';
import { MATCH_FIELDS, agentArnBuilder, guessDirectoryColumns, matchDirectory } from 'c/directoryMatching';
import type { DirectoryUser, MatchResult } from 'c/directoryMatching';
import { verdictLabel } from 'c/verdictSummary';
import type { UserSelection } from 'c/unmappedUsers';

declare global {
  interface Window {
    /** PapaParse, set by the `papaparse` static resource. */
    Papa?: PapaLike;
  }
}

type Source = 'RULE' | 'DIRECTORY' | 'MANUAL';
/** What the directory's ExternalId column holds: agent ARNs as they are, or agent ids to build ARNs from. */
type DirectoryIdKind = 'ARN' | 'AGENT_ID';
type Step = 'source' | 'preview' | 'run';

/** Rule presets offered next to the rule editor. */
export const RULE_PRESETS: ReadonlyArray<{ label: string; value: string }> = [
  { label: 'Federation ID', value: '{!FederationIdentifier}' },
  { label: 'Username', value: '{!Username}' },
  { label: 'Service Cloud Voice SSO', value: '{!Alias}@{!Id}@{!$Organization.Id}' },
];

/**
 * The rule that builds an agent ARN from the instance ARN and an agent id kept in a user field (Amazon Connect user
 * ids are lower-case UUIDs; the rule's literal text is the instance ARN).
 */
export function agentArnRule(instanceArn: string, field = 'FederationIdentifier'): string {
  return `${instanceArn}/agent/{!${field}}`;
}

/** A rule problem with its position, as the editor lists it. */
export interface RuleMessage {
  key: string;
  text: string;
}

/** Statuses in which a run is still working: poll getRun. */
const BUSY_STATUSES = new Set(['PREVIEWING', 'QUEUED', 'RUNNING']);
const PAGE_SIZE = 200;
const EXPORT_PAGE_SIZE = 2000;
const RULE_CHECK_DELAY_MS = 400;
const NUMBER_FORMAT = new Intl.NumberFormat();

const PREVIEW_COLUMNS_BASE = [
  { label: 'Row', fieldName: 'rowNumber', type: 'number', initialWidth: 70 },
  { label: 'Name', fieldName: 'userFullName', type: 'text', initialWidth: 160 },
  { label: 'Username', fieldName: 'username', type: 'text' },
];
const PREVIEW_COLUMNS_TAIL = [
  { label: 'DeveloperName', fieldName: 'developerName', type: 'text' },
  { label: 'Verdict', fieldName: 'verdictText', type: 'text', initialWidth: 140 },
  { label: 'Why', fieldName: 'message', type: 'text' },
];
const FAILURE_COLUMNS = [
  { label: 'Row', fieldName: 'rowNumber', type: 'number', initialWidth: 70 },
  { label: 'Name', fieldName: 'userFullName', type: 'text' },
  { label: 'ExternalId', fieldName: 'externalId', type: 'text' },
  { label: 'Outcome', fieldName: 'outcome', type: 'text', initialWidth: 110 },
  { label: 'Reason', fieldName: 'message', type: 'text', wrapText: true },
];

/** A user row as the rule and directory modules read it (User field API names). */
export function toRuleUser(user: UserRow): DirectoryUser {
  return {
    Id: user.userId,
    Name: user.name,
    Username: user.username,
    Email: user.email,
    Alias: user.alias,
    FederationIdentifier: user.federationIdentifier,
    IsActive: user.isActive,
  };
}

/** A run's rows as CallCenterRoutingMap import rows (the columns of `sf data import bulk` / Data Loader). */
export function importRowsOf(
  rows: readonly RunItemRow[],
  callCenterId: string,
): Array<Record<MappingColumn, string | null>> {
  return rows.map((row) => ({
    ExternalId: row.externalId,
    ReferenceRecordId: row.userId,
    CallCenterId: callCenterId,
    DeveloperName: row.developerName,
    MasterLabel: row.masterLabel,
    QuickConnect: row.quickConnect,
  }));
}

/** Position text of a rule problem: "Characters 3–9" (1-based, inclusive). */
export function problemPosition(start: number, end: number): string {
  return end - start <= 1 ? `Character ${start + 1}` : `Characters ${start + 1}–${end}`;
}

/** Splits a list into chunks of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  const step = Math.max(1, size);
  for (let index = 0; index < items.length; index += step) chunks.push(items.slice(index, index + step));
  return chunks;
}

/** Offers text as a file download: a Blob, an object URL and a click on a detached `<a download>`. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // eslint-disable-next-line @lwc/lwc/no-async-operation -- let the browser start the download before revoking
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const wait = (ms: number): Promise<void> =>
  // eslint-disable-next-line @lwc/lwc/no-async-operation -- polling interval
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Generates CallCenterRoutingMap records for a selection of users, in three steps:
 * 1. where ExternalIds come from: a rule (checked as it is typed, then by the server, tested on sample users), the
 *    telephony system's user export (parsed and matched in the browser), or by hand (values typed in the preview);
 * 2. the preview: every row's values and verdict, counts per verdict as filters, rows editable, CSV export;
 * 3. confirm: the write runs asynchronously with a progress bar, can be cancelled, and ends with a summary and the
 *    failed rows (downloadable). "Run again" builds a new run for the same selection: mapped users are skipped.
 * Emits `close` (back to the list) and `complete` (a run finished: the list should reload).
 */
export default class MappingRunWizard extends LightningElement {
  /** The call center's mapping context (getMappingContext). */
  @api context: MappingContext | null = null;
  /** The users to map. */
  @api selection: UserSelection | null = null;
  /** Milliseconds between two getRun polls. */
  @api pollInterval = 1500;
  /** Opens this existing run (e.g. from the recent runs) at its step instead of starting a new one. */
  @api openRunId: string | null = null;

  step: Step = 'source';
  source: Source = 'RULE';
  externalIdFormat: ExternalIdFormat = 'AMAZON_CONNECT';
  readonly formatOptions = [
    { label: 'Amazon Connect agent ARN', value: 'AMAZON_CONNECT' },
    { label: 'Any text (other telephony providers)', value: 'TEXT' },
  ];
  errorMessages: string[] = [];
  busyText = '';

  // Rule
  rule = '{!FederationIdentifier}';
  serverProblems: RuleCheckProblem[] = [];
  serverChecked = false;
  samples: Array<{ key: string; name: string; value: string }> = [];

  /** Amazon Connect instance ARN, given once to build agent ARNs from agent ids (rule preset, directory ids). */
  instanceArn = '';

  // Directory
  directoryIdKind: DirectoryIdKind = 'ARN';
  fileName = '';
  table: CsvTable | null = null;
  externalIdColumn = '';
  matchColumn = '';
  matchField = 'Email';
  match: MatchResult<DirectoryUser> | null = null;

  // Run
  run: RunSummary | null = null;
  items: RunItemRow[] = [];
  itemsCursor: string | null = null;
  itemsHasMore = false;
  isLoadingItems = false;
  verdictFilter: string | null = null;
  failures: RunItemRow[] = [];
  draftValues: Array<Record<string, unknown>> = [];

  readonly renderConfig = { viewportRendering: true, virtualize: 'vertical', bufferSize: 10 };
  readonly failureColumns = FAILURE_COLUMNS;
  readonly presets = RULE_PRESETS;

  private ruleTimer: ReturnType<typeof setTimeout> | undefined;
  private pollToken = 0;
  private itemsVersion = 0;
  private disconnected = false;

  connectedCallback(): void {
    this.disconnected = false;
    if (this.openRunId) this.openRun(this.openRunId);
    else this.scheduleServerCheck();
  }

  /** Shows an existing run: its preview (rows, counts) before the write, else its progress or result. */
  async openRun(runId: string): Promise<void> {
    this.busyText = 'Loading the run';
    try {
      const run = await getRun({ runId });
      this.run = run;
      this.step =
        run.status === 'DRAFT' || run.status === 'PREVIEWING' || run.status === 'PREVIEW_READY' ? 'preview' : 'run';
      this.errorMessages = [];
      this.busyText = '';
      if (this.step === 'preview') {
        if (run.status !== 'PREVIEWING') await this.loadItems(true);
        await this.pollRun();
        if (run.status === 'PREVIEWING') await this.loadItems(true);
      } else if (run.isFinal) {
        await this.loadFailures();
      } else {
        await this.pollRun();
      }
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.busyText = '';
    }
  }

  /** "Run again" needs the users: not offered for a run opened from the list. */
  get canRunAgain(): boolean {
    return this.selection !== null && (this.run?.operation ?? 'CREATE') === 'CREATE';
  }

  disconnectedCallback(): void {
    this.disconnected = true;
    this.pollToken++;
    clearTimeout(this.ruleTimer);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Common view state

  get callCenterId(): string {
    return this.context?.callCenterId ?? '';
  }

  get hasError(): boolean {
    return this.errorMessages.length > 0;
  }

  get isBusy(): boolean {
    return this.busyText !== '';
  }

  get isSourceStep(): boolean {
    return this.step === 'source';
  }

  get isPreviewStep(): boolean {
    return this.step === 'preview';
  }

  get isRunStep(): boolean {
    return this.step === 'run';
  }

  get isFilterSelection(): boolean {
    return this.selection?.mode === 'FILTER';
  }

  get selectionText(): string {
    const selection = this.selection;
    if (!selection) return this.run ? `Run ${this.run.name}` : '';
    if (selection.mode === 'FILTER') {
      const search = selection.filter.search ? ` matching "${selection.filter.search}"` : '';
      const count = selection.count === null ? 'All' : `All ${NUMBER_FORMAT.format(selection.count)}`;
      return `${count} unmapped users${search} (${selection.filter.status.toLowerCase()} users)`;
    }
    const count = selection.users.length;
    return `${NUMBER_FORMAT.format(count)} selected ${count === 1 ? 'user' : 'users'}`;
  }

  get sourceOptions(): Array<{ label: string; value: string }> {
    const options = [
      { label: 'A rule over user fields', value: 'RULE' },
      { label: "Your telephony system's user export (CSV)", value: 'DIRECTORY' },
    ];
    if (!this.isFilterSelection) options.push({ label: 'By hand, row by row in the preview', value: 'MANUAL' });
    return options;
  }

  get isRule(): boolean {
    return this.source === 'RULE';
  }

  get isDirectory(): boolean {
    return this.source === 'DIRECTORY';
  }

  get isManual(): boolean {
    return this.source === 'MANUAL';
  }

  handleFormatChange(event: CustomEvent<{ value: string }>): void {
    this.externalIdFormat = event.detail.value as ExternalIdFormat;
    if (this.externalIdFormat !== 'AMAZON_CONNECT') this.directoryIdKind = 'ARN';
    this.match = null;
  }

  get isAmazonConnect(): boolean {
    return this.externalIdFormat === 'AMAZON_CONNECT';
  }

  /** The instance ARN checked (empty: not given). */
  get instanceArnBuilder(): ReturnType<typeof agentArnBuilder> {
    return agentArnBuilder(this.instanceArn);
  }

  get instanceArnOk(): boolean {
    return this.instanceArnBuilder.ok;
  }

  /** Why the instance ARN cannot be used, once something was typed. */
  get instanceArnError(): string {
    const builder = this.instanceArnBuilder;
    return builder.ok || this.instanceArn.trim() === '' ? '' : builder.message;
  }

  handleInstanceArnChange(event: CustomEvent<{ value: string }>): void {
    this.instanceArn = (event.detail.value ?? '').trim();
    this.match = null;
  }

  /** Sets the rule that builds agent ARNs from the instance ARN and the agent id in Federation ID. */
  handleAgentArnPreset(): void {
    const builder = this.instanceArnBuilder;
    if (!builder.ok) return;
    this.rule = agentArnRule(builder.instanceArn);
    this.samples = [];
    this.scheduleServerCheck();
  }

  get agentArnPresetDisabled(): boolean {
    return !this.instanceArnOk;
  }

  handleSourceChange(event: CustomEvent<{ value: string }>): void {
    this.source = event.detail.value as Source;
    this.errorMessages = [];
  }

  /** Back to the list; after a finished run the list reloads (`complete`), as with Done. */
  handleClose(): void {
    this.pollToken++;
    if (this.run?.isFinal) this.handleDone();
    else this.dispatchEvent(new CustomEvent('close'));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Rule

  get parsedRule(): ReturnType<typeof parseRule> {
    return parseRule(this.rule, {
      knownFields: this.context?.ruleFields?.length ? this.context.ruleFields : undefined,
      customFields: this.context?.customRuleFields ?? [],
    });
  }

  /** The problems of the rule as typed (the LWC parser), then the server's when the parser found none. */
  get ruleMessages(): RuleMessage[] {
    const parsed = this.parsedRule;
    const withSuggestion = (message: string, suggestion: string | null | undefined): string => {
      return suggestion && !message.includes(suggestion) ? `${message} Did you mean "${suggestion}"?` : message;
    };
    if (!parsed.ok) {
      return parsed.errors.map((problem, index) => ({
        key: `c${index}`,
        text: `${problemPosition(problem.start, problem.end)}: ${withSuggestion(problem.message, problem.suggestion)}`,
      }));
    }
    return this.serverProblems.map((problem, index) => ({
      key: `s${index}`,
      text: `${problemPosition(problem.startIndex, problem.endIndex)}: ${withSuggestion(problem.message, problem.suggestion)}`,
    }));
  }

  get ruleWarnings(): RuleMessage[] {
    return this.parsedRule.warnings.map((problem, index) => ({
      key: `w${index}`,
      text: `${problemPosition(problem.start, problem.end)}: ${problem.message}`,
    }));
  }

  get hasRuleMessages(): boolean {
    return this.ruleMessages.length > 0;
  }

  get ruleOk(): boolean {
    return this.parsedRule.ok && this.serverProblems.length === 0;
  }

  get ruleStatus(): string {
    if (!this.parsedRule.ok) return 'The rule has errors';
    if (this.serverProblems.length > 0) return 'The server found errors in the rule';
    const fields = this.parsedRule.fields;
    return `The rule is valid${fields.length ? `: it reads ${fields.join(', ')}` : ''}`;
  }

  get ruleFieldsText(): string {
    return (this.context?.ruleFields ?? []).join(', ');
  }

  handleRuleChange(event: CustomEvent<{ value: string }>): void {
    this.rule = event.detail.value ?? '';
    this.samples = [];
    this.scheduleServerCheck();
  }

  handlePreset(event: Event): void {
    this.rule = (event.currentTarget as HTMLElement).dataset.rule ?? '';
    this.samples = [];
    this.scheduleServerCheck();
  }

  private scheduleServerCheck(): void {
    clearTimeout(this.ruleTimer);
    this.serverProblems = [];
    this.serverChecked = false;
    if (!this.parsedRule.ok) return;
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- debounce: check once the admin stops typing
    this.ruleTimer = setTimeout(() => this.checkOnServer(), RULE_CHECK_DELAY_MS);
  }

  async checkOnServer(): Promise<void> {
    const rule = this.rule;
    try {
      const check = await checkRule({ rule });
      if (rule !== this.rule) return;
      this.serverProblems = check.ok ? [] : check.errors;
      this.serverChecked = true;
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    }
  }

  get sampleDisabled(): boolean {
    return !this.ruleOk || (this.selection?.users.length ?? 0) === 0 || this.isBusy;
  }

  get hasSamples(): boolean {
    return this.samples.length > 0;
  }

  /** Evaluates the rule on the server for the first users of the selection, exactly as a run will. */
  async handleTestRule(): Promise<void> {
    const users = (this.selection?.users ?? []).slice(0, this.context?.limits.maxRuleSampleUsers ?? 10);
    const names = new Map(users.map((user) => [user.userId, user.name]));
    try {
      const samples: RuleSample[] = await evaluateRuleOnServer({
        rule: this.rule,
        userIds: users.map((user) => user.userId),
      });
      this.samples = samples.map((sample) => ({
        key: sample.userId,
        name: names.get(sample.userId) ?? sample.userId,
        value: sample.value ?? `No value: ${sample.missingReason ?? 'empty'}`,
      }));
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Directory

  get hasTable(): boolean {
    return this.table !== null;
  }

  get columnOptions(): Array<{ label: string; value: string }> {
    return (this.table?.headers ?? []).map((header) => ({ label: header, value: header }));
  }

  get matchFieldOptions(): Array<{ label: string; value: string }> {
    const labels: Record<string, string> = {
      Email: 'Email',
      Username: 'Username',
      FederationIdentifier: 'Federation ID',
      Alias: 'Alias',
    };
    return MATCH_FIELDS.map((field) => ({ label: labels[field], value: field }));
  }

  get fileSummary(): string {
    const table = this.table;
    if (!table) return '';
    return `${this.fileName}: ${NUMBER_FORMAT.format(table.rows.length)} rows, columns ${table.headers.join(', ')}`;
  }

  get fileProblems(): Array<{ key: string; text: string }> {
    return (this.table?.problems ?? [])
      .filter((problem) => problem.severity === 'error')
      .slice(0, 20)
      .map((problem, index) => ({
        key: String(index),
        text: problem.line === null ? problem.message : `Line ${problem.line}: ${problem.message}`,
      }));
  }

  get hasFileProblems(): boolean {
    return this.fileProblems.length > 0;
  }

  get matchDisabled(): boolean {
    if (this.buildsAgentArns && !this.instanceArnOk) return true;
    return !this.table || !this.externalIdColumn || !this.matchColumn || !this.matchField || this.isBusy;
  }

  readonly directoryIdKindOptions = [
    { label: 'Agent ARNs (used as they are)', value: 'ARN' },
    { label: 'Amazon Connect user ids (the ARN is built with the instance ARN)', value: 'AGENT_ID' },
  ];

  /** The ExternalId column holds agent ids: each row's agent ARN is built from the instance ARN. */
  get buildsAgentArns(): boolean {
    return this.isAmazonConnect && this.directoryIdKind === 'AGENT_ID';
  }

  get externalIdColumnLabel(): string {
    return this.buildsAgentArns ? 'Column with the agent id' : 'Column with the ExternalId';
  }

  handleDirectoryIdKind(event: CustomEvent<{ value: string }>): void {
    this.directoryIdKind = event.detail.value === 'AGENT_ID' ? 'AGENT_ID' : 'ARN';
    this.match = null;
  }

  get matchCounts(): Array<{ key: string; label: string; value: string }> {
    const counts = this.match?.counts;
    if (!counts) return [];
    return [
      { key: 'matched', label: 'Matched', value: counts.matched },
      { key: 'unmatchedRows', label: 'Rows without a user', value: counts.unmatchedRows },
      { key: 'unmatchedUsers', label: 'Users without a row', value: counts.unmatchedUsers },
      { key: 'ambiguousRows', label: 'Ambiguous rows', value: counts.ambiguousRows },
      { key: 'ambiguousUsers', label: 'Ambiguous users', value: counts.ambiguousUsers },
    ].map((count) => ({ ...count, value: NUMBER_FORMAT.format(count.value) }));
  }

  /** The first reasons why rows or users did not match, so the admin can fix the file or the pick. */
  get matchDetails(): Array<{ key: string; text: string }> {
    const match = this.match;
    if (!match) return [];
    const details = [
      ...match.ambiguous.map((entry) => entry.message),
      ...match.unmatchedRows.map((row) => `Line ${row.line}: ${row.message}`),
      ...match.unmatchedUsers.map((entry) => entry.message),
    ];
    return details.slice(0, 10).map((text, index) => ({ key: String(index), text }));
  }

  get hasMatch(): boolean {
    return this.match !== null;
  }

  async handleFileChange(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement & { files: FileList | null };
    const file = input.files?.[0];
    if (!file) return;
    this.busyText = 'Reading the file';
    this.match = null;
    try {
      const text = await file.text();
      const papa = await this.loadPapa();
      const table = readCsv(papa, text, { delimiter: '' });
      this.fileName = file.name;
      this.table = table;
      const guess = guessDirectoryColumns(table.headers);
      this.externalIdColumn = guess.externalIdColumn ?? guess.agentIdColumn ?? '';
      // An export with an id column but no ARN column (aws connect list-users without Arn): build the ARNs.
      this.directoryIdKind =
        !guess.externalIdColumn && guess.agentIdColumn && this.isAmazonConnect ? 'AGENT_ID' : 'ARN';
      this.matchColumn = guess.matchColumn ?? '';
      this.matchField = guess.matchField ?? 'Email';
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.busyText = '';
    }
  }

  private async loadPapa(): Promise<PapaLike> {
    if (!window.Papa) await loadScript(this, PAPAPARSE);
    if (!window.Papa) throw new Error('The CSV parser (papaparse static resource) could not be loaded.');
    return window.Papa;
  }

  handleExternalIdColumn(event: CustomEvent<{ value: string }>): void {
    this.externalIdColumn = event.detail.value;
    this.match = null;
  }

  handleMatchColumn(event: CustomEvent<{ value: string }>): void {
    this.matchColumn = event.detail.value;
    this.match = null;
  }

  handleMatchField(event: CustomEvent<{ value: string }>): void {
    this.matchField = event.detail.value;
    this.match = null;
  }

  /** The users to match: the selected rows, or every unmapped user matching the filter (paged from the server). */
  private async selectionUsers(): Promise<UserRow[]> {
    const selection = this.selection;
    if (!selection) return [];
    if (selection.mode === 'IDS') return selection.users;
    const users: UserRow[] = [];
    let cursor: string | null = null;
    do {
      // eslint-disable-next-line no-await-in-loop -- keyset paging: each page needs the previous cursor
      const page = await getUsers({
        query: {
          callCenterId: this.callCenterId,
          search: selection.filter.search,
          status: selection.filter.status,
          scope: 'UNMAPPED',
          sortBy: 'ID',
          pageSize: this.context?.limits.maxUserPageSize ?? 2000,
          cursor,
        },
      });
      users.push(...page.rows);
      cursor = page.hasMore ? (page.nextCursor ?? null) : null;
      this.busyText = `Loading users to match: ${NUMBER_FORMAT.format(users.length)}`;
    } while (cursor !== null && !this.disconnected);
    return users;
  }

  async handleMatch(): Promise<void> {
    if (!this.table) return;
    this.busyText = 'Loading users to match';
    try {
      const builder = this.instanceArnBuilder;
      if (this.buildsAgentArns && !builder.ok) throw new Error(builder.message);
      const users = (await this.selectionUsers()).map(toRuleUser);
      this.match = matchDirectory(this.table.rows, users, {
        headers: this.table.headers,
        externalIdColumn: this.externalIdColumn,
        matchColumn: this.matchColumn,
        matchField: this.matchField,
        externalIdFrom: this.buildsAgentArns && builder.ok ? builder.externalIdFrom : undefined,
      });
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.busyText = '';
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Building the run

  get previewDisabled(): boolean {
    if (this.isBusy || !this.selection) return true;
    if (this.isRule) return !this.ruleOk;
    if (this.isDirectory) return (this.match?.counts.matched ?? 0) === 0;
    return this.selection.users.length === 0;
  }

  private buildRequest(): RunRequest {
    const selection = this.selection as UserSelection;
    const request: RunRequest = {
      callCenterId: this.callCenterId,
      source: this.source,
      externalIdFormat: this.externalIdFormat,
      selectionMode: 'IDS',
    };
    if (this.isRule) {
      request.rule = this.rule;
      if (selection.mode === 'FILTER') {
        request.selectionMode = 'FILTER';
        request.filter = { search: selection.filter.search, status: selection.filter.status };
      }
    }
    return request;
  }

  private buildItems(): RunItemInput[] {
    const selection = this.selection as UserSelection;
    if (this.isDirectory) {
      return (this.match?.matched ?? []).map((entry) => ({
        userId: entry.user.Id,
        externalId: entry.externalId,
        rowNumber: entry.line,
      }));
    }
    if (this.isRule && selection.mode === 'FILTER') return [];
    return selection.users.map((user, index) => ({ userId: user.userId, externalId: null, rowNumber: index + 1 }));
  }

  /** createRun, addRunItems in chunks, startPreview, then polls until every row has a verdict. */
  async handlePreview(): Promise<void> {
    this.errorMessages = [];
    this.busyText = 'Creating the run';
    try {
      let run = await createRun({ request: this.buildRequest() });
      const items = this.buildItems();
      const chunkSize = this.context?.limits.maxItemsPerCall ?? 2000;
      const rejected: string[] = [];
      let sent = 0;
      for (const part of chunk(items, chunkSize)) {
        // eslint-disable-next-line no-await-in-loop -- chunks are sent in order so progress and limits hold
        const result = await addRunItems({ runId: run.runId, items: part });
        rejected.push(...result.rejected.map((row) => `Row ${row.rowNumber}: ${row.message}`));
        sent += part.length;
        this.busyText = `Sending rows: ${NUMBER_FORMAT.format(sent)} of ${NUMBER_FORMAT.format(items.length)}`;
      }
      this.busyText = 'Computing the preview';
      run = await startPreview({ runId: run.runId });
      this.run = run;
      this.step = 'preview';
      this.verdictFilter = null;
      this.errorMessages = rejected.slice(0, 10);
      this.busyText = '';
      await this.pollRun();
      await this.loadItems(true);
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.busyText = '';
    }
  }

  /** Polls getRun while the run is working (preview or write). */
  private async pollRun(): Promise<void> {
    const token = ++this.pollToken;
    while (this.run && BUSY_STATUSES.has(this.run.status) && !this.run.isFinal) {
      // eslint-disable-next-line no-await-in-loop -- polling: one getRun after each wait
      await wait(this.pollInterval);
      if (token !== this.pollToken || this.disconnected) return;
      // eslint-disable-next-line no-await-in-loop -- polling: one getRun after each wait
      this.run = await getRun({ runId: this.run.runId });
    }
    if (this.run?.isFinal && this.step === 'run') await this.loadFailures();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Preview

  get isPreviewing(): boolean {
    return this.run?.status === 'PREVIEWING';
  }

  get previewColumns(): Array<Record<string, unknown>> {
    const editable = this.run?.canEdit ?? false;
    return [
      ...PREVIEW_COLUMNS_BASE,
      { label: 'ExternalId', fieldName: 'externalId', type: 'text', editable, initialWidth: 220 },
      { label: 'QuickConnect', fieldName: 'quickConnect', type: 'text', editable },
      ...PREVIEW_COLUMNS_TAIL,
    ];
  }

  get previewRows(): Array<RunItemRow & { verdictText: string }> {
    return this.items.map((item) => ({ ...item, verdictText: verdictLabel(item.verdict) }));
  }

  get verdictCounts(): Record<string, number> {
    return this.run?.verdictCounts ?? {};
  }

  get readyText(): string {
    const run = this.run;
    if (!run) return '';
    return `${NUMBER_FORMAT.format(run.ready)} of ${NUMBER_FORMAT.format(run.total)} rows are ready. Only ready rows are written.`;
  }

  get noPreviewRows(): boolean {
    return !this.isLoadingItems && this.items.length === 0 && !this.isPreviewing;
  }

  get confirmDisabled(): boolean {
    return !this.run?.canConfirm || !(this.context?.access.canCreate ?? false) || this.isBusy;
  }

  get createAccessMessage(): string {
    return this.context?.createAccessMessage ?? '';
  }

  get editHint(): string {
    return this.run?.canEdit
      ? 'Double-click an ExternalId or QuickConnect cell to edit it, then Save: the row is checked again.'
      : '';
  }

  async loadItems(reset: boolean): Promise<void> {
    const run = this.run;
    if (!run) return;
    if (reset) {
      this.itemsVersion++;
      this.items = [];
      this.itemsCursor = null;
      this.itemsHasMore = false;
    }
    const version = this.itemsVersion;
    const query: ItemQuery = { runId: run.runId, pageSize: PAGE_SIZE, cursor: this.itemsCursor };
    if (this.verdictFilter) query.verdicts = [this.verdictFilter as RowVerdict];
    this.isLoadingItems = true;
    try {
      const page = await getRunItems({ query });
      if (version !== this.itemsVersion) return;
      this.items = [...this.items, ...page.rows];
      this.itemsCursor = page.nextCursor ?? null;
      this.itemsHasMore = page.hasMore && this.itemsCursor !== null;
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      if (version === this.itemsVersion) this.isLoadingItems = false;
    }
  }

  handleItemsLoadMore(): void {
    if (this.isLoadingItems || !this.itemsHasMore) return;
    this.loadItems(false);
  }

  handleVerdictSelect(event: CustomEvent<{ verdict: string | null }>): void {
    this.verdictFilter = event.detail.verdict;
    this.loadItems(true);
  }

  /** lightning-datatable inline edit save: updateRunItems in chunks; the edited rows come back re-evaluated. */
  async handleSave(event: CustomEvent<{ draftValues: Array<Record<string, unknown>> }>): Promise<void> {
    const run = this.run;
    if (!run) return;
    const byId = new Map(this.items.map((item) => [item.itemId, item]));
    const edits: ItemEdit[] = event.detail.draftValues.map((draft) => {
      const item = byId.get(String(draft.itemId));
      const text = (key: 'externalId' | 'quickConnect'): string | null => {
        return key in draft ? ((draft[key] as string | null) ?? null) : (item?.[key] ?? null);
      };
      return { itemId: String(draft.itemId), externalId: text('externalId'), quickConnect: text('quickConnect') };
    });
    this.busyText = 'Saving your changes';
    try {
      const updated = new Map<string, RunItemRow>();
      for (const part of chunk(edits, this.context?.limits.maxEditsPerCall ?? 200)) {
        // eslint-disable-next-line no-await-in-loop -- chunks are sent in order so progress and limits hold
        const result = await updateRunItems({ runId: run.runId, edits: part });
        this.run = result.run;
        for (const row of result.rows) updated.set(row.itemId, row);
      }
      this.items = this.items.map((item) => updated.get(item.itemId) ?? item);
      this.draftValues = [];
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.busyText = '';
    }
  }

  /** Every row of the run with the given verdicts / outcomes, page by page. */
  private async allItems(filter: { verdicts?: RowVerdict[]; outcomes?: RowOutcome[] }): Promise<RunItemRow[]> {
    const run = this.run as RunSummary;
    const rows: RunItemRow[] = [];
    let cursor: string | null = null;
    do {
      // eslint-disable-next-line no-await-in-loop -- keyset paging: each page needs the previous cursor
      const page = await getRunItems({ query: { runId: run.runId, pageSize: EXPORT_PAGE_SIZE, cursor, ...filter } });
      rows.push(...page.rows);
      cursor = page.hasMore ? (page.nextCursor ?? null) : null;
    } while (cursor !== null && !this.disconnected);
    return rows;
  }

  /** Downloads the ready rows as a CallCenterRoutingMap import file (exactly its columns). */
  async handleExportCsv(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.busyText = 'Preparing the CSV';
    try {
      const rows = await this.allItems({ verdicts: ['READY'] });
      const csv = toMappingCsv(importRowsOf(rows, run.callCenterId));
      downloadText(`${run.name}-preview.csv`, csv);
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.busyText = '';
    }
  }

  handleBack(): void {
    this.pollToken++;
    this.step = 'source';
    this.run = null;
    this.items = [];
    this.errorMessages = [];
  }

  // -------------------------------------------------------------------------------------------------------------
  // Write

  async handleConfirm(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.busyText = 'Starting';
    try {
      this.run = await confirmRun({ runId: run.runId });
      this.step = 'run';
      this.failures = [];
      this.errorMessages = [];
      this.busyText = '';
      await this.pollRun();
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.busyText = '';
    }
  }

  async handleCancel(): Promise<void> {
    const run = this.run;
    if (!run) return;
    try {
      this.run = await cancelRun({ runId: run.runId });
      if (!BUSY_STATUSES.has(this.run.status) && this.run.isFinal) await this.loadFailures();
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    }
  }

  async handleResume(): Promise<void> {
    const run = this.run;
    if (!run) return;
    try {
      this.run = await resumeRun({ runId: run.runId });
      await this.pollRun();
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    }
  }

  private async loadFailures(): Promise<void> {
    const run = this.run;
    if (!run || run.failed === 0) {
      this.failures = [];
      return;
    }
    try {
      const page = await getRunItems({ query: { runId: run.runId, outcomes: ['FAILED'], pageSize: PAGE_SIZE } });
      this.failures = page.rows;
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    }
  }

  get isFinal(): boolean {
    return this.run?.isFinal ?? false;
  }

  get isWorking(): boolean {
    return !this.isFinal;
  }

  get cancelDisabled(): boolean {
    return !(this.run?.canCancel ?? false) || (this.run?.cancelRequested ?? false);
  }

  get canResume(): boolean {
    return this.run?.canResume ?? false;
  }

  get progressLabel(): string {
    const status = this.run?.status;
    if (status === 'QUEUED') return 'Waiting to start';
    if (status === 'PAUSED') return 'Paused: choose Resume to continue';
    if (status === 'FAILED') return 'Stopped by an error: choose Resume to retry';
    return 'Creating mappings';
  }

  get lastError(): string {
    return this.run?.lastError ?? '';
  }

  get resultTitle(): string {
    const run = this.run;
    if (!run) return '';
    if (run.status === 'CANCELLED') return 'Run cancelled: mappings created before the cancel are kept';
    if (run.status === 'COMPLETED_WITH_ERRORS') return 'Finished with errors';
    return 'All ready rows were mapped';
  }

  get resultText(): string {
    const run = this.run;
    if (!run) return '';
    return `${NUMBER_FORMAT.format(run.created)} created, ${NUMBER_FORMAT.format(run.failed)} failed, ${NUMBER_FORMAT.format(run.skipped)} skipped.`;
  }

  get resultClass(): string {
    const failed = (this.run?.failed ?? 0) > 0;
    return `slds-scoped-notification slds-m-bottom_small ${failed ? 'slds-theme_warning' : 'slds-theme_success'}`;
  }

  get hasFailures(): boolean {
    return (this.run?.failed ?? 0) > 0;
  }

  get failureRows(): RunItemRow[] {
    return this.failures;
  }

  get hasCreated(): boolean {
    return (this.run?.created ?? 0) > 0;
  }

  /** Downloads the mappings this run created as a CallCenterRoutingMap import file (exactly its columns). */
  async handleExportResult(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.busyText = 'Preparing the CSV';
    try {
      const rows = await this.allItems({ outcomes: ['CREATED'] });
      const csv = toMappingCsv(importRowsOf(rows, run.callCenterId));
      downloadText(`${run.name}-created.csv`, csv);
      this.errorMessages = [];
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.busyText = '';
    }
  }

  async handleDownloadFailures(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.busyText = 'Preparing the failures';
    try {
      const rows = await this.allItems({ outcomes: ['FAILED'] });
      const csv = toCsv(
        ['Row', 'ReferenceRecordId', 'Username', 'ExternalId', 'QuickConnect', 'DeveloperName', 'Reason'],
        rows.map((row) => [
          row.rowNumber,
          row.userId,
          row.username,
          row.externalId,
          row.quickConnect,
          row.developerName,
          row.message,
        ]),
        { spreadsheetSafe: true, bom: true },
      );
      downloadText(`${run.name}-failures.csv`, csv);
    } catch (error) {
      this.errorMessages = reduceErrors(error);
    } finally {
      this.busyText = '';
    }
  }

  /** A new run for the same selection and source: already mapped users come out ALREADY_MAPPED, never twice. */
  handleRunAgain(): Promise<void> {
    this.run = null;
    this.items = [];
    this.failures = [];
    return this.handlePreview();
  }

  handleDone(): void {
    this.dispatchEvent(new CustomEvent('complete', { detail: { runId: this.run?.runId ?? null } }));
  }

  get currentStep(): string {
    return this.step;
  }
}
