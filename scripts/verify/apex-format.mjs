// Apex syntax + formatting check: Prettier with prettier-plugin-apex over every .cls/.trigger (and
// anonymous .apex) of every package directory in sfdx-project.json (force-app and dev-app).
//
// prettier-plugin-apex parses with a native build of Salesforce's own Apex parser (jorje), so a file that
// Prettier cannot parse is an Apex syntax error the platform would reject too. The plugin's error has no
// position, so for a syntax error the file is parsed once more with the same native parser to get the
// line and column of every parse error.
//
// Usage: node scripts/verify/apex-format.mjs [--project <dir>] [file ...]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as prettier from 'prettier';
import {
  defaultConcurrency,
  findInNodeModules,
  isMain,
  makeResult,
  mapLimit,
  packageFiles,
  projectDirOf,
  rel,
  runCli,
} from './lib/verify-common.mjs';

const NAME = 'apex-format';
const APEX_FILE = /\.(cls|trigger|apex)$/;

/**
 * @param {object} [options]
 * @param {string} [options.projectDir] project root (default: this repository)
 * @param {string[]} [options.files] only these files (paths relative to the project or absolute)
 * @param {number} [options.concurrency] parallel parser processes (default: cores, max 4)
 * @returns {Promise<import('./lib/verify-common.mjs').VerifyResult>}
 */
export async function run(options = {}) {
  const startedAt = Date.now();
  const projectDir = projectDirOf(options);
  const files = options.files?.length
    ? options.files.map((f) => path.resolve(projectDir, f)).filter((f) => APEX_FILE.test(f))
    : packageFiles(projectDir, (f) => APEX_FILE.test(f));
  const ignorePath = ['.prettierignore', '.gitignore']
    .map((f) => path.join(projectDir, f))
    .filter((f) => fs.existsSync(f));
  const requireFromProject = createRequire(path.join(projectDir, 'package.json'));

  const problems = [];
  let checked = 0;
  let ignored = 0;
  await mapLimit(files, options.concurrency ?? defaultConcurrency(), async (file) => {
    const info = await prettier.getFileInfo(file, { ignorePath });
    if (info.ignored) {
      ignored++;
      return;
    }
    checked++;
    const source = fs.readFileSync(file, 'utf8');
    const config = (await prettier.resolveConfig(file, { editorconfig: true })) ?? {};
    // Plugins named in .prettierrc.json resolve from the project, whatever the current directory is.
    config.plugins = (config.plugins ?? []).map((plugin) => {
      if (typeof plugin !== 'string') return plugin;
      try {
        return requireFromProject.resolve(plugin);
      } catch {
        return plugin;
      }
    });
    if (!config.plugins.some((p) => String(p).includes('prettier-plugin-apex'))) {
      config.plugins.push('prettier-plugin-apex');
    }
    if (file.endsWith('.apex')) config.parser = 'apex-anonymous';
    else config.parser ??= 'apex';

    let formatted;
    try {
      formatted = await prettier.format(source, { ...config, filepath: file });
    } catch (error) {
      for (const problem of await syntaxErrors(projectDir, file, source, error, config.parser === 'apex-anonymous')) {
        problems.push(problem);
      }
      return;
    }
    if (formatted !== source) {
      problems.push({
        file: rel(projectDir, file),
        line: firstDifferentLine(source, formatted),
        message: `not formatted by Prettier (first difference on this line): run npx prettier --write ${rel(projectDir, file)}`,
        rule: 'prettier',
      });
    }
  });

  const syntax = problems.filter((p) => p.rule === 'apex-syntax').length;
  return makeResult(NAME, startedAt, {
    problems,
    summary: `${checked} Apex file(s) parsed and format-checked${ignored ? `, ${ignored} ignored` : ''}; ${syntax} syntax error(s), ${problems.length - syntax} unformatted file(s)`,
  });
}

/** The 1-based line where two texts first differ. */
function firstDifferentLine(a, b) {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) if (left[i] !== right[i]) return i + 1;
  return 1;
}

/** Problems for a file Prettier could not format: the parser's own errors, with positions. */
async function syntaxErrors(projectDir, file, source, error, anonymous) {
  const message = String(error?.message ?? error).trim();
  const located = await parseErrorsWithPositions(projectDir, source, anonymous).catch(() => []);
  if (located.length > 0) {
    return located.map((e) => ({
      file: rel(projectDir, file),
      line: e.line,
      column: e.column,
      message: `Apex syntax error: ${e.message}`,
      rule: 'apex-syntax',
    }));
  }
  const isSyntax = /Unexpected|Missing|Extraneous|Unrecognized|mismatched|expecting|token/i.test(message);
  return [
    {
      file: rel(projectDir, file),
      line: error?.loc?.start?.line ?? 1,
      message: isSyntax ? `Apex syntax error: ${message}` : `Prettier could not format the file: ${message}`,
      rule: isSyntax ? 'apex-syntax' : 'prettier',
    },
  ];
}

/**
 * Runs the native Apex AST serializer that prettier-plugin-apex ships (the same jorje parser) and returns
 * its parse errors with line/column. Empty when the native binary is not available for this platform.
 */
async function parseErrorsWithPositions(projectDir, source, anonymous) {
  const pkg = `@prettier-apex/apex-ast-serializer-${process.platform}-${process.arch}`;
  const binary = findInNodeModules(projectDir, `${pkg}/apex-ast-serializer-${process.platform}-${process.arch}`);
  if (!binary) return [];
  const stdout = await new Promise((resolve, reject) => {
    const child = spawn(binary, anonymous ? ['-a'] : [], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(out));
    child.stdin.end(source);
  });
  const ast = JSON.parse(stdout);
  const parserOutput = Object.entries(ast).find(([key]) => key.endsWith('ParserOutput'))?.[1];
  return (parserOutput?.parseErrors ?? []).map((parseError) => {
    const loc = findLoc(parseError);
    return { line: loc?.line ?? 1, column: loc?.column, message: parseError.message };
  });
}

/** The first `loc` object (jorje IndexLocation: line, column) nested in a parse error. */
function findLoc(node) {
  if (!node || typeof node !== 'object') return null;
  if (node.loc && typeof node.loc.line === 'number') return node.loc;
  for (const value of Object.values(node)) {
    const found = findLoc(value);
    if (found) return found;
  }
  return null;
}

if (isMain(import.meta.url)) await runCli(NAME, run, { usage: '[file ...]' });
