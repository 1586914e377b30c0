import { createElement } from 'lwc';
import MappingCsvImport, { selectImportRows } from 'c/mappingCsvImport';
import { loadScript } from 'lightning/platformResourceLoader';
import createRun from '@salesforce/apex/MappingRunController.createRun';
import addRunItems from '@salesforce/apex/MappingRunController.addRunItems';
import startPreview from '@salesforce/apex/MappingRunController.startPreview';
import getRunItems from '@salesforce/apex/MappingRunController.getRunItems';
import confirmRun from '@salesforce/apex/MappingRunController.confirmRun';
import cancelRun from '@salesforce/apex/MappingRunController.cancelRun';
import getRun from '@salesforce/apex/MappingRunController.getRun';
import type { MappingContext, RunSummary } from '@ccus/apex-contracts';
import runFixture from './data/run.json';
import contextFixture from './data/context.json';

jest.mock('@salesforce/apex/MappingRunController.createRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.addRunItems', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.startPreview', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.getRunItems', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.confirmRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.cancelRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MappingRunController.getRun', () => ({ default: jest.fn() }), { virtual: true });

const RUN = { ...(runFixture as RunSummary), operation: 'CREATE', source: 'CSV' } as RunSummary;
const CONTEXT = contextFixture as MappingContext;
const CC1 = '04v5g000000AbCdAAK';
const ARN = (n: number): string =>
  `arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555/agent/aaaaaaaa-bbbb-cccc-dddd-00000000000${n}`;

/** BOM, CRLF, an alias header, a 15-character id, a quoted comma, a blank line, bad and foreign rows. */
const CSV = [
  '\ufeffExternal Id,User Id,CallCenterId,MasterLabel',
  `${ARN(1)},0055g00000AAAA1,${CC1},"Ada, the first"`,
  '',
  `${ARN(2)},0055g00000AAAA2AAP,${CC1},`,
  `${ARN(3)},not-an-id,${CC1},`,
  `${ARN(4)},00G5g00000QQQQ1EAP,${CC1},`,
  `${ARN(5)},0055g00000AAAA3AAP,04v5g000000XyZwAAK,`,
].join('\r\n');

const mockCreate = createRun as unknown as jest.Mock;
const mockAdd = addRunItems as unknown as jest.Mock;
const mockPreview = startPreview as unknown as jest.Mock;
const mockItems = getRunItems as unknown as jest.Mock;
const mockConfirmRun = confirmRun as unknown as jest.Mock;
const mockCancelRun = cancelRun as unknown as jest.Mock;
const mockGetRun = getRun as unknown as jest.Mock;
const mockLoadScript = loadScript as unknown as jest.Mock;

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
/** Lets chained Apex calls and zero-delay polls finish (each poll waits for a timer). */
function settle(times = 20): Promise<void> {
  if (times <= 0) return Promise.resolve();
  return flushPromises().then(() => settle(times - 1));
}

async function mount(props: Record<string, unknown> = {}): Promise<HTMLElement> {
  const element = createElement('c-mapping-csv-import', { is: MappingCsvImport });
  Object.assign(element, { callCenterId: CC1, context: CONTEXT, pollIntervalMs: 0, ...props });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const query = <T extends HTMLElement = HTMLElement>(element: HTMLElement, selector: string): T | null =>
  element.shadowRoot!.querySelector<T>(selector);

async function upload(element: HTMLElement, file: File | null): Promise<void> {
  const input = query(element, '[data-id="import-file"]')!;
  Object.defineProperty(input, 'files', { value: file ? [file] : [], configurable: true });
  input.dispatchEvent(new CustomEvent('change'));
  await settle();
}

const problemTexts = (element: HTMLElement): string[] =>
  [...element.shadowRoot!.querySelectorAll('[data-id="import-problems"] li')].map((li) => li.textContent ?? '');

describe('c-mapping-csv-import', () => {
  beforeEach(() => {
    (window as unknown as { Papa: unknown }).Papa = jest.requireActual('papaparse');
    mockLoadScript.mockResolvedValue(undefined);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('lists every problem of the file with its line number and keeps the valid rows', async () => {
    const element = await mount();
    await upload(element, new File([CSV], 'mappings.csv', { type: 'text/csv' }));

    expect(mockLoadScript).toHaveBeenCalledTimes(1);
    expect(query(element, '[data-id="import-checked"]')?.textContent).toContain('2 of 5 rows can be previewed');
    const problems = problemTexts(element);
    expect(problems.some((text) => text.startsWith('Line 5') && text.includes('not-an-id'))).toBe(true);
    expect(problems.some((text) => text.startsWith('Line 6') && text.includes('is a queue'))).toBe(true);
    expect(problems.some((text) => text.startsWith('Line 7') && text.includes('another call center'))).toBe(true);
    expect((query(element, '[data-id="import-start-preview"]') as unknown as { disabled: boolean }).disabled).toBe(
      false,
    );
    await expect(element).toBeAccessible();
  });

  it('previews the valid rows through a CSV run in chunks, then imports them after confirmation', async () => {
    const element = await mount();
    await upload(element, new File([CSV], 'mappings.csv'));

    mockCreate.mockResolvedValue(RUN);
    mockAdd.mockResolvedValue({
      runId: RUN.runId,
      accepted: 2,
      rejected: [{ rowNumber: 4, userId: '0055g00000AAAA2AAP', message: 'The user is already in the run.' }],
      totalItems: 2,
    });
    mockPreview.mockResolvedValue({ ...RUN, status: 'PREVIEWING' });
    mockGetRun
      .mockResolvedValueOnce({
        ...RUN,
        status: 'PREVIEW_READY',
        total: 2,
        ready: 1,
        verdictCounts: { READY: 1, USER_INACTIVE: 1 },
        canConfirm: true,
      })
      .mockResolvedValueOnce({ ...RUN, status: 'COMPLETED', total: 2, processed: 1, created: 1, isFinal: true });
    mockItems.mockResolvedValue({
      rows: [
        {
          itemId: 'a0D5g00000ITEM01AAA',
          rowNumber: 4,
          userId: '0055g00000AAAA2AAP',
          userFullName: 'Grace Hopper',
          username: 'grace@example.com',
          email: null,
          alias: null,
          isActive: false,
          externalId: ARN(2),
          quickConnect: null,
          developerName: null,
          masterLabel: null,
          valueSource: 'CSV',
          verdict: 'USER_INACTIVE',
          message: 'The user is inactive.',
          outcome: 'PENDING',
          mappingId: null,
        },
      ],
      nextCursor: null,
      hasMore: false,
    });
    (query(element, '[data-id="import-start-preview"]') as HTMLElement).click();
    await settle();

    expect(mockCreate).toHaveBeenCalledWith({
      request: { callCenterId: CC1, source: 'CSV', externalIdFormat: 'AMAZON_CONNECT' },
    });
    expect(mockAdd).toHaveBeenCalledWith({
      runId: RUN.runId,
      items: [
        {
          userId: '0055g00000AAAA1AAP',
          externalId: ARN(1),
          quickConnect: null,
          developerName: null,
          masterLabel: 'Ada, the first',
          rowNumber: 2,
        },
        {
          userId: '0055g00000AAAA2AAP',
          externalId: ARN(2),
          quickConnect: null,
          developerName: null,
          masterLabel: null,
          rowNumber: 4,
        },
      ],
    });
    expect(problemTexts(element).some((text) => text.includes('already in the run'))).toBe(true);
    const notReady = query(element, '[data-id="import-not-ready"]') as unknown as {
      data: Array<Record<string, unknown>>;
    };
    expect(notReady.data[0].verdictLabel).toBe('User inactive');
    const confirm = query(element, '[data-id="import-confirm"]') as unknown as HTMLElement & {
      label: string;
      disabled: boolean;
    };
    expect(confirm.label).toBe('Import 1 mapping');
    expect(confirm.disabled).toBe(false);
    await expect(element).toBeAccessible();

    mockConfirmRun.mockResolvedValue({ ...RUN, status: 'RUNNING' });
    confirm.click();
    await settle();
    expect(mockConfirmRun).toHaveBeenCalledWith({ runId: RUN.runId });
    expect(query(element, '[data-id="import-done"]')?.textContent).toContain('1 mappings created, 0 failed');
  });

  it('cancels a previewed import and shows server errors in an alert', async () => {
    const element = await mount();
    await upload(element, new File([CSV], 'mappings.csv'));
    mockCreate.mockRejectedValueOnce({ body: { message: 'You cannot create mappings' } });
    (query(element, '[data-id="import-start-preview"]') as HTMLElement).click();
    await settle();
    const alert = query(element, '[data-id="import-error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('You cannot create mappings');

    mockCreate.mockResolvedValue(RUN);
    mockAdd.mockResolvedValue({ runId: RUN.runId, accepted: 2, rejected: [], totalItems: 2 });
    mockPreview.mockResolvedValue({ ...RUN, status: 'PREVIEW_READY', ready: 2, canConfirm: true });
    mockItems.mockResolvedValue({ rows: [], nextCursor: null, hasMore: false });
    (query(element, '[data-id="import-start-preview"]') as HTMLElement).click();
    await settle();
    mockCancelRun.mockResolvedValue({ ...RUN, status: 'CANCELLED' });
    (query(element, '[data-id="import-cancel"]') as HTMLElement).click();
    await settle();
    expect(mockCancelRun).toHaveBeenCalledWith({ runId: RUN.runId });
    expect(query(element, '[data-id="import-preview"]')).toBeNull();
    expect(query(element, '[data-id="import-start-preview"]')).not.toBeNull();
  });

  it('refuses a file over the size limit before reading it', async () => {
    const element = await mount();
    const file = new File(['x'], 'huge.csv');
    Object.defineProperty(file, 'size', { value: 60 * 1024 * 1024 });
    await upload(element, file);

    expect(problemTexts(element)[0]).toContain('File');
    expect(problemTexts(element)[0]).toContain('the limit is');
    expect(mockLoadScript).not.toHaveBeenCalled();
    expect((query(element, '[data-id="import-start-preview"]') as unknown as { disabled: boolean }).disabled).toBe(
      true,
    );
  });

  it('reports a file without the required columns and a parser that cannot load', async () => {
    const element = await mount();
    await upload(element, new File(['Name,Email\r\nAda,ada@example.com\r\n'], 'users.csv'));
    expect(problemTexts(element).some((text) => text.includes('required column ExternalId'))).toBe(true);
    expect(query(element, '[data-id="import-checked"]')?.textContent).toContain('0 of 1 rows');

    await upload(element, null);
    (window as unknown as { Papa: unknown }).Papa = undefined;
    const fresh = await mount();
    await upload(fresh, new File([CSV], 'mappings.csv'));
    expect(query(fresh, '[data-id="import-error"]')?.textContent).toContain('could not be loaded');
  });

  it('confirms nothing when the admin cannot create mappings', async () => {
    const element = await mount({
      context: {
        ...CONTEXT,
        access: { ...CONTEXT.access, canCreate: false },
        createAccessMessage: 'Ask for create access.',
      },
    });
    await upload(element, new File([CSV], 'mappings.csv'));
    mockCreate.mockResolvedValue(RUN);
    mockAdd.mockResolvedValue({ runId: RUN.runId, accepted: 2, rejected: [], totalItems: 2 });
    mockPreview.mockResolvedValue({ ...RUN, status: 'PREVIEW_READY', ready: 2, canConfirm: true });
    mockItems.mockResolvedValue({ rows: [], nextCursor: null, hasMore: false });
    (query(element, '[data-id="import-start-preview"]') as HTMLElement).click();
    await settle();

    expect((query(element, '[data-id="import-confirm"]') as unknown as { disabled: boolean }).disabled).toBe(true);
    expect(query(element, '[data-id="import-access"]')?.textContent).toBe('Ask for create access.');
  });
});

describe('selectImportRows', () => {
  it('keeps nothing when the file itself has an error', () => {
    const result = selectImportRows(
      [
        {
          line: 2,
          values: {
            ExternalId: 'a',
            ReferenceRecordId: '',
            CallCenterId: CC1,
            DeveloperName: '',
            MasterLabel: '',
            QuickConnect: '',
          },
        },
      ],
      [{ line: null, severity: 'error', code: 'too-many-rows', message: 'too many' }],
      CC1,
    );
    expect(result).toEqual({ items: [], problems: [] });
  });

  it('reports an empty ReferenceRecordId with its line', () => {
    const result = selectImportRows(
      [
        {
          line: 3,
          values: {
            ExternalId: 'a',
            ReferenceRecordId: '',
            CallCenterId: CC1,
            DeveloperName: '',
            MasterLabel: '',
            QuickConnect: '',
          },
        },
      ],
      [],
      CC1,
    );
    expect(result.problems[0].message).toBe('Line 3: ReferenceRecordId is empty.');
  });
});
