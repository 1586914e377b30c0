// Reads `ApexContracts` (types/apex-contracts.d.ts, one entry per `@AuraEnabled` method the LWCs call) with
// the TypeScript compiler API. Shared by scripts/verify/apex-contracts.mjs and scripts/build/gen-apex-types.mjs.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const CONTRACTS_FILE = 'types/apex-contracts.d.ts';
export const APEX_TYPES_FILE = 'types/apex.d.ts';
export const APEX_MODULE_PREFIX = '@salesforce/apex/';

/** 1-based line of a node. */
export function tsLine(node) {
  const sf = node.getSourceFile();
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

/** The compiler options of the project's tsconfig.json (falls back to strict defaults). */
export function projectCompilerOptions(projectDir, tsconfig = 'tsconfig.json') {
  const configPath = path.join(projectDir, tsconfig);
  if (!fs.existsSync(configPath)) return { options: { strict: true, noEmit: true, skipLibCheck: true }, fileNames: [] };
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    { noEmit: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    },
  );
  return { options: { ...(parsed?.options ?? {}), noEmit: true }, fileNames: parsed?.fileNames ?? [] };
}

/**
 * @typedef {object} ContractEntry
 * @property {string} key            'Class.method'
 * @property {string} className
 * @property {string} methodName
 * @property {ts.Symbol} symbol
 * @property {ts.Type|undefined} params
 * @property {ts.Type|undefined} result
 * @property {boolean|undefined} cacheable  undefined when the entry has no boolean-literal `cacheable`
 * @property {{file: string, line: number}} where
 */

/**
 * The entries of the ApexContracts interface.
 * @param {ts.Program} program
 * @returns {{entries: ContractEntry[], declaration: ts.InterfaceDeclaration|null, checker: ts.TypeChecker}}
 */
export function readContracts(program, projectDir) {
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(path.join(projectDir, CONTRACTS_FILE));
  let declaration = null;
  if (file) {
    ts.forEachChild(file, (node) => {
      if (ts.isInterfaceDeclaration(node) && node.name.text === 'ApexContracts') declaration = node;
    });
  }
  if (!declaration) return { entries: [], declaration: null, checker };
  const type = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(declaration.name));
  const entries = checker.getPropertiesOfType(type).map((symbol) => {
    const key = symbol.getName();
    const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
    const entryType = checker.getTypeOfSymbol(symbol);
    const member = (name) => {
      const prop = checker.getPropertyOfType(entryType, name);
      return prop ? checker.getTypeOfSymbol(prop) : undefined;
    };
    const cacheableType = member('cacheable');
    let cacheable;
    if (cacheableType && cacheableType.flags & ts.TypeFlags.BooleanLiteral) {
      cacheable = checker.typeToString(cacheableType) === 'true';
    }
    const dot = key.lastIndexOf('.');
    return {
      key,
      className: key.slice(0, dot),
      methodName: key.slice(dot + 1),
      symbol,
      params: member('params'),
      result: member('result'),
      cacheable,
      where: decl
        ? {
            file: path.relative(projectDir, decl.getSourceFile().fileName).split(path.sep).join('/'),
            line: tsLine(decl),
          }
        : { file: CONTRACTS_FILE, line: 1 },
    };
  });
  return { entries, declaration, checker };
}

/** A program over the contracts only (fast: no LWC sources). */
export function contractsProgram(projectDir) {
  const { options } = projectCompilerOptions(projectDir);
  // Plain ES lib (no DOM): the contracts are data shapes, and the DOM lib is most of the parse time.
  return ts.createProgram([path.join(projectDir, CONTRACTS_FILE)], {
    ...options,
    noEmit: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
    skipLibCheck: true,
  });
}

/** The `declare module '@salesforce/apex/...'` names of a declarations file, with lines. */
export function declaredApexModules(projectDir, file = APEX_TYPES_FILE) {
  const abs = path.join(projectDir, file);
  if (!fs.existsSync(abs)) return null;
  const sf = ts.createSourceFile(abs, fs.readFileSync(abs, 'utf8'), ts.ScriptTarget.Latest, true);
  const modules = [];
  ts.forEachChild(sf, (node) => {
    if (
      ts.isModuleDeclaration(node) &&
      ts.isStringLiteral(node.name) &&
      node.name.text.startsWith(APEX_MODULE_PREFIX)
    ) {
      const keysUsed = [];
      const visit = (n) => {
        if (ts.isLiteralTypeNode(n) && ts.isStringLiteral(n.literal)) keysUsed.push(n.literal.text);
        ts.forEachChild(n, visit);
      };
      visit(node);
      modules.push({ name: node.name.text.slice(APEX_MODULE_PREFIX.length), line: tsLine(node), keysUsed });
    }
  });
  return modules;
}
