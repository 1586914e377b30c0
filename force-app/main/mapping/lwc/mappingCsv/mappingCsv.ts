/**
 * CSV in and out for CallCenterRoutingMap: the columns `sf data import bulk --sobject CallCenterRoutingMap` and Data
 * Loader take, parsed with PapaParse (injected: the LWC loads it from the `papaparse` static resource, Jest passes the
 * npm package) and written with RFC 4180 quoting and CRLF line ends.
 *
 * Reading: UTF-8 BOM, CRLF/LF/CR line ends, quoted commas, quotes and line breaks, blank lines skipped, header aliases
 * (case-insensitive, spaces and punctuation ignored), 15-character ids converted to 18, a size limit in bytes and
 * rows; every problem carries the physical line it is on (a quoted line break starts a new physical line).
 *
 * Writing: values are written exactly (an import file must not alter ExternalIds); `spreadsheetSafe` is for files
 * people open in a spreadsheet: it prefixes cells that a spreadsheet would run as a formula (starting with = + - @,
 * tab or carriage return) with a single quote, which changes the value — never use it for a file to import.
 */
import type * as Papa from 'papaparse';
import { KEY_PREFIXES, validateId } from 'c/salesforceIds';
import type { IdValidation, KnownIdObject } from 'c/salesforceIds';

/** The columns of a CallCenterRoutingMap import file, in this order. */
export const MAPPING_COLUMNS = [
  'ExternalId',
  'ReferenceRecordId',
  'CallCenterId',
  'DeveloperName',
  'MasterLabel',
  'QuickConnect',
] as const;

/** A CallCenterRoutingMap column. */
export type MappingColumn = (typeof MAPPING_COLUMNS)[number];

/** Columns a file must have. DeveloperName and MasterLabel may be left out: the mapping screen generates them. */
export const REQUIRED_COLUMNS: readonly MappingColumn[] = ['ExternalId', 'ReferenceRecordId', 'CallCenterId'];

/**
 * Header aliases, keyed by the header lower-cased without spaces and punctuation (so "External Id", "external_id"
 * and "EXTERNALID" are all `externalid`).
 */
export const HEADER_ALIASES: Readonly<Record<string, MappingColumn>> = {
  externalid: 'ExternalId',
  referencerecordid: 'ReferenceRecordId',
  referencerecord: 'ReferenceRecordId',
  userid: 'ReferenceRecordId',
  user: 'ReferenceRecordId',
  salesforceuserid: 'ReferenceRecordId',
  callcenterid: 'CallCenterId',
  callcenter: 'CallCenterId',
  developername: 'DeveloperName',
  apiname: 'DeveloperName',
  masterlabel: 'MasterLabel',
  label: 'MasterLabel',
  quickconnect: 'QuickConnect',
  quickconnectarn: 'QuickConnect',
};

/** Size limits of a file to read. */
export interface CsvLimits {
  /** UTF-8 bytes. */
  maxBytes: number;
  /** Data rows (blank lines and the header not counted). */
  maxRows: number;
}

/** Defaults: room for the largest call centers (60,000+ agents) while keeping the browser responsive. */
export const DEFAULT_CSV_LIMITS: Readonly<CsvLimits> = { maxBytes: 50 * 1024 * 1024, maxRows: 200_000 };

/** The part of PapaParse this module uses (the LWC passes `window.Papa` from the static resource, tests the npm package). */
export type PapaLike = Pick<typeof Papa, 'parse'>;

/** What kind of problem a file has. */
export type CsvProblemCode =
  | 'empty-file'
  | 'too-large'
  | 'too-many-rows'
  | 'unclosed-quote'
  | 'malformed-quote'
  | 'parse-error'
  | 'too-many-values'
  | 'too-few-values'
  | 'blank-header'
  | 'duplicate-header'
  | 'unknown-column'
  | 'duplicate-column'
  | 'missing-column'
  | 'invalid-id'
  | 'id-case-restored';

/** A problem of a file: on a physical line (1-based) or of the whole file (`line: null`). */
export interface CsvProblem {
  line: number | null;
  severity: 'error' | 'warning';
  code: CsvProblemCode;
  message: string;
  /** The column concerned, when there is one (the mapping column, or the header as written). */
  column?: string;
}

/** A data row: its cells and the physical line it starts on. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** A CSV file read into a header and rows (the generic reader, also used for directory exports). */
export interface CsvTable {
  headers: string[];
  /** The physical line of the header (0 when the file has none). */
  headerLine: number;
  rows: CsvRow[];
  problems: CsvProblem[];
  /** UTF-8 size of the text. */
  bytes: number;
  blankLines: number;
  /** True when reading stopped at the row limit. */
  truncated: boolean;
}

/** Options of {@link readCsv}. */
export interface ReadCsvOptions {
  limits?: Partial<CsvLimits>;
  /** Delimiter; '' lets PapaParse detect it (e.g. ';' from a European spreadsheet). Default ','. */
  delimiter?: string;
}

/** A row of a mapping file: every column (empty when absent), ids as 18 characters when valid. */
export interface MappingCsvRow {
  line: number;
  values: Record<MappingColumn, string>;
}

/** Result of {@link parseMappingCsv}. */
export interface MappingCsvResult {
  /** False when any problem is an error: the file must not be imported as is. */
  ok: boolean;
  rows: MappingCsvRow[];
  problems: CsvProblem[];
  columns: {
    /** Each mapping column found, with the header as written in the file. */
    found: Partial<Record<MappingColumn, string>>;
    missing: MappingColumn[];
    /** Headers that are not mapping columns (ignored). */
    unknown: string[];
  };
  stats: { dataRows: number; blankLines: number; convertedIds: number; bytes: number; truncated: boolean };
}

/** A value to write: null and undefined are written as empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

/** Options of {@link toCsv} and {@link toMappingCsv}. */
export interface WriteCsvOptions {
  /** Prefix cells a spreadsheet would run as formulas with a single quote. Alters values: not for import files. */
  spreadsheetSafe?: boolean;
  /** Start with a UTF-8 byte order mark, so Excel reads accents correctly. Default false. */
  bom?: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** Number of bytes of the text in UTF-8 (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return bytes >= 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${bytes} bytes`;
}

/**
 * Checks a file's size before reading it (e.g. `File.size` in the browser): a problem, or null when it fits.
 */
export function checkFileSize(bytes: number, limits: Partial<CsvLimits> = {}): CsvProblem | null {
  const maxBytes = limits.maxBytes ?? DEFAULT_CSV_LIMITS.maxBytes;
  if (bytes <= maxBytes) return null;
  return {
    line: null,
    severity: 'error',
    code: 'too-large',
    message: `The file is ${formatBytes(bytes)}; the limit is ${formatBytes(maxBytes)}. Split it into smaller files.`,
  };
}

/** Offsets where each physical line starts: after "\n", and after a "\r" not followed by "\n". */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** The 1-based physical line of an offset. */
function lineAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

const isBlankRow = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/**
 * Reads CSV text into a header (the first non-blank row) and data rows, with the physical line of each row and of
 * each problem. Blank lines are skipped; rows with more values than headers are errors (unless the extra values are
 * empty), rows with fewer are warnings (the missing values are empty).
 */
export function readCsv(papa: PapaLike, text: string, options: ReadCsvOptions = {}): CsvTable {
  const limits = { ...DEFAULT_CSV_LIMITS, ...options.limits };
  const bytes = utf8ByteLength(text);
  const table: CsvTable = {
    headers: [],
    headerLine: 0,
    rows: [],
    problems: [],
    bytes,
    blankLines: 0,
    truncated: false,
  };
  const sizeProblem = checkFileSize(bytes, limits);
  if (sizeProblem) {
    table.problems.push(sizeProblem);
    return table;
  }
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const starts = lineStarts(input);
  let rowStart = 0;
  let headerFound = false;

  const step = (results: Papa.ParseStepResult<string[]>, parser: Papa.Parser) => {
    const cells = results.data;
    const start = rowStart;
    rowStart = results.meta.cursor;
    const line = lineAt(starts, start);
    for (const error of results.errors) {
      // With delimiter detection on, a one-column file "fails" detection and is read with ','; that is fine.
      if (error.code === 'UndetectableDelimiter') continue;
      if (error.code === 'MissingQuotes') {
        table.problems.push({
          line,
          severity: 'error',
          code: 'unclosed-quote',
          message: `A quoted value on line ${line} is never closed: a " is missing, so the rest of the file was read as one value.`,
        });
      } else if (error.code === 'InvalidQuotes') {
        const at = lineAt(starts, error.index ?? start);
        table.problems.push({
          line: at,
          severity: 'error',
          code: 'malformed-quote',
          message: `Line ${at} has a quoted value followed by other characters: write "" for a quote inside a quoted value.`,
        });
      } else {
        table.problems.push({
          line,
          severity: 'error',
          code: 'parse-error',
          message: `Line ${line}: ${error.message}`,
        });
      }
    }
    if (isBlankRow(cells)) {
      // PapaParse reports an empty row after a final line break: that is not a blank line of the file.
      if (start < input.length) table.blankLines++;
      return;
    }
    if (!headerFound) {
      headerFound = true;
      table.headers = cells.map((cell) => cell.trim());
      table.headerLine = line;
      return;
    }
    if (table.rows.length >= limits.maxRows) {
      table.truncated = true;
      table.problems.push({
        line,
        severity: 'error',
        code: 'too-many-rows',
        message: `The file has more than ${limits.maxRows.toLocaleString('en-US')} rows; reading stopped at line ${line}. Split it into smaller files.`,
      });
      parser.abort();
      return;
    }
    const width = table.headers.length;
    if (cells.length > width) {
      const extra = cells.slice(width);
      if (!isBlankRow(extra)) {
        table.problems.push({
          line,
          severity: 'error',
          code: 'too-many-values',
          message: `Line ${line} has ${cells.length} values but the header has ${width} columns (a comma inside a value that is not in quotes?).`,
        });
      }
      cells.length = width;
    } else if (cells.length < width) {
      table.problems.push({
        line,
        severity: 'warning',
        code: 'too-few-values',
        message: `Line ${line} has ${cells.length} values but the header has ${width} columns; the missing ones are empty.`,
      });
      while (cells.length < width) cells.push('');
    }
    table.rows.push({ line, cells });
  };

  papa.parse(input, {
    delimiter: options.delimiter ?? ',',
    header: false,
    skipEmptyLines: false,
    step,
  });
  if (!headerFound) {
    table.problems.push({ line: null, severity: 'error', code: 'empty-file', message: 'The file is empty.' });
  }
  return table;
}

/** The key a header is looked up by in {@link HEADER_ALIASES}. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Id columns and the objects their ids may belong to. */
const ID_COLUMNS: [MappingColumn, KnownIdObject[]][] = [
  ['ReferenceRecordId', ['User', 'Group']],
  ['CallCenterId', ['CallCenter']],
];

/**
 * Reads a CallCenterRoutingMap CSV: maps the headers (aliases allowed), reports unknown, duplicate and missing
 * columns, converts 15-character ids to 18 and reports invalid ids (a ReferenceRecordId must be a user or queue id, a
 * CallCenterId a call center id). Empty values are left for the preview's verdicts.
 */
export function parseMappingCsv(papa: PapaLike, text: string, options: ReadCsvOptions = {}): MappingCsvResult {
  const table = readCsv(papa, text, options);
  const problems = [...table.problems];
  const found: Partial<Record<MappingColumn, string>> = {};
  const indexes: Partial<Record<MappingColumn, number>> = {};
  const unknown: string[] = [];
  const seenHeaders = new Map<string, number>();

  table.headers.forEach((header, index) => {
    const line = table.headerLine;
    if (header === '') {
      problems.push({
        line,
        severity: 'warning',
        code: 'blank-header',
        message: `Column ${index + 1} has no header and is ignored.`,
      });
      return;
    }
    const column = HEADER_ALIASES[headerKey(header)];
    if (!column) {
      const first = seenHeaders.get(header.toLowerCase());
      problems.push(
        first === undefined
          ? {
              line,
              severity: 'warning',
              code: 'unknown-column',
              column: header,
              message: `Column "${header}" is not one of the imported columns (${MAPPING_COLUMNS.join(', ')}) and is ignored.`,
            }
          : {
              line,
              severity: 'warning',
              code: 'duplicate-header',
              column: header,
              message: `Column "${header}" appears twice (columns ${first + 1} and ${index + 1}); both are ignored.`,
            },
      );
      if (first === undefined) unknown.push(header);
      seenHeaders.set(header.toLowerCase(), index);
      return;
    }
    if (found[column] !== undefined) {
      problems.push({
        line,
        severity: 'error',
        code: 'duplicate-column',
        column,
        message: `Columns "${found[column]}" and "${header}" are both ${column}; keep one.`,
      });
      return;
    }
    found[column] = header;
    indexes[column] = index;
  });

  const missing = table.headers.length ? REQUIRED_COLUMNS.filter((column) => found[column] === undefined) : [];
  for (const column of missing) {
    problems.push({
      line: table.headerLine,
      severity: 'error',
      code: 'missing-column',
      column,
      message: `The required column ${column} is missing. Headers found: ${table.headers.filter(Boolean).join(', ')}.`,
    });
  }

  let convertedIds = 0;
  // Files repeat ids (one call center on every row): validate each distinct value once.
  const validations = new Map<string, IdValidation>();
  const validate = (value: string) => {
    let result = validations.get(value);
    if (!result) {
      result = validateId(value);
      validations.set(value, result);
    }
    return result;
  };
  const rows: MappingCsvRow[] = table.rows.map(({ line, cells }) => {
    const values = {} as Record<MappingColumn, string>;
    for (const column of MAPPING_COLUMNS) {
      const index = indexes[column];
      values[column] = index === undefined ? '' : cells[index].trim();
    }
    for (const [column, objects] of ID_COLUMNS) {
      const value = values[column];
      if (value === '') continue;
      const result = validate(value);
      const object = result.ok
        ? objects.find((candidate) => result.id15.startsWith(KEY_PREFIXES[candidate]))
        : undefined;
      if (!result.ok || !object) {
        const reason = result.ok ? `it is not a ${objects.join(' or ')} id` : result.message.replace(/\.$/, '');
        problems.push({
          line,
          severity: 'error',
          code: 'invalid-id',
          column,
          message: `Line ${line}: ${column} "${value}" is not valid: ${reason}.`,
        });
        continue;
      }
      if (result.caseRestored) {
        problems.push({
          line,
          severity: 'warning',
          code: 'id-case-restored',
          column,
          message: `Line ${line}: ${column} "${value}" had its letters' case changed (by a spreadsheet?); read as ${result.id18}.`,
        });
      }
      if (result.converted) convertedIds++;
      values[column] = result.id18;
    }
    return { line, values };
  });

  return {
    ok: !problems.some((problem) => problem.severity === 'error'),
    rows,
    problems,
    columns: { found, missing, unknown },
    stats: {
      dataRows: rows.length,
      blankLines: table.blankLines,
      convertedIds,
      bytes: table.bytes,
      truncated: table.truncated,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** A value with a single quote in front when a spreadsheet would run it as a formula (=, +, -, @, tab, CR). */
export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function csvCell(value: CsvValue, options: WriteCsvOptions): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (options.spreadsheetSafe) text = spreadsheetSafe(text);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes rows as CSV: RFC 4180 quoting (values with a comma, quote, line break or surrounding whitespace are quoted,
 * quotes doubled), CRLF after every row including the last. Values are written exactly unless `spreadsheetSafe`.
 */
export function toCsv(
  headers: readonly string[],
  rows: readonly (readonly CsvValue[])[],
  options: WriteCsvOptions = {},
): string {
  const lines = [headers.map((header) => csvCell(header, options)).join(',')];
  for (const row of rows) lines.push(headers.map((_, index) => csvCell(row[index], options)).join(','));
  return `${options.bom ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`;
}

/**
 * Writes CallCenterRoutingMap records as an import file with exactly the columns {@link MAPPING_COLUMNS} (a missing
 * QuickConnect is an empty cell), ready for `sf data import bulk --sobject CallCenterRoutingMap` or Data Loader.
 */
export function toMappingCsv(
  rows: readonly Partial<Record<MappingColumn, CsvValue>>[],
  options: WriteCsvOptions = {},
): string {
  return toCsv(
    MAPPING_COLUMNS,
    rows.map((row) => MAPPING_COLUMNS.map((column) => row[column])),
    options,
  );
}
