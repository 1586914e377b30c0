// Compiles every LWC bundle of every package directory with @lwc/compiler's transformSync, as the platform
// does on deploy: namespace 'c', the bundle's name, the bundle's apiVersion (from <name>.js-meta.xml),
// Lightning Web Security transforms, dynamic components only with the lightning__dynamicComponent
// capability. Every emitted .js (not the TypeScript source: tsc emits the .js that deploys; run
// `npm run build` first), every .html template and every .css file is compiled; compiler errors fail,
// compiler warnings are reported as warnings. Also fails when a TypeScript bundle has no (or a stale)
// emitted .js, or a bundle lacks <name>.js or <name>.js-meta.xml.
//
// Usage: node scripts/verify/lwc-compile.mjs [--project <dir>]
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from '@lwc/compiler';
import {
  isMain,
  lwcBundles,
  makeResult,
  projectDirOf,
  rel,
  runCli,
  tidyMessage,
  unbuiltLwcProblems,
} from './lib/verify-common.mjs';
import { parseXml } from './lib/xml-tree.mjs';

const NAME = 'lwc-compile';
const DIAGNOSTIC_ERROR = 1; // @lwc/errors DiagnosticLevel: Fatal 0, Error 1, Warning 2, Log 3

/**
 * @param {object} [options]
 * @param {string} [options.projectDir] project root (default: this repository)
 * @returns {Promise<import('./lib/verify-common.mjs').VerifyResult>}
 */
export async function run(options = {}) {
  const startedAt = Date.now();
  const projectDir = projectDirOf(options);
  const problems = unbuiltLwcProblems(projectDir);
  const warnings = [];
  const bundles = lwcBundles(projectDir);
  let compiled = 0;

  for (const bundle of bundles) {
    const mainJs = path.join(bundle.dir, `${bundle.name}.js`);
    const metaFile = path.join(bundle.dir, `${bundle.name}.js-meta.xml`);
    const bundleFile = rel(projectDir, bundle.dir);
    if (!fs.existsSync(mainJs) && !bundle.hasTs) {
      problems.push({
        file: bundleFile,
        line: 1,
        message: `LWC bundle has no ${bundle.name}.js (every bundle needs its main module)`,
      });
    }
    const meta = readMeta(metaFile);
    if (!meta)
      problems.push({
        file: bundleFile,
        line: 1,
        message: `LWC bundle has no ${bundle.name}.js-meta.xml: it would not deploy`,
      });

    const transformOptions = {
      name: bundle.name,
      namespace: 'c',
      apiVersion: meta?.apiVersion,
      enableLightningWebSecurityTransforms: true,
      enableDynamicComponents: meta?.capabilities.includes('lightning__dynamicComponent') ?? false,
      outputConfig: { sourcemap: false },
    };
    for (const file of bundle.files.filter((f) => /\.(js|html|css)$/.test(f) && !/\.(test|spec)\.js$/.test(f))) {
      compiled++;
      const relFile = rel(projectDir, file);
      let result;
      try {
        result = transformSync(fs.readFileSync(file, 'utf8'), file, transformOptions);
      } catch (error) {
        problems.push(compilerProblem(relFile, error));
        continue;
      }
      for (const diagnostic of result.warnings ?? []) {
        const entry = compilerProblem(relFile, diagnostic);
        (diagnostic.level <= DIAGNOSTIC_ERROR ? problems : warnings).push(entry);
      }
    }
  }
  return makeResult(NAME, startedAt, {
    problems,
    warnings,
    summary: `${bundles.length} LWC bundle(s), ${compiled} file(s) compiled with @lwc/compiler (namespace c)`,
  });
}

/** apiVersion and capabilities of a bundle's js-meta.xml, or null when it is missing. */
function readMeta(metaFile) {
  if (!fs.existsSync(metaFile)) return null;
  const { root } = parseXml(fs.readFileSync(metaFile, 'utf8'));
  const apiVersion = Number.parseFloat(root?.children.find((c) => c.name === 'apiVersion')?.text ?? '');
  const capabilities = (root?.children.find((c) => c.name === 'capabilities')?.children ?? []).map((c) =>
    c.text.trim(),
  );
  return { apiVersion: Number.isFinite(apiVersion) ? Math.trunc(apiVersion) : undefined, capabilities };
}

/** A compiler error or diagnostic with its position (template errors carry `location`, Babel/PostCSS the message). */
function compilerProblem(file, error) {
  const message = String(error.message ?? error)
    .split('\n')[0]
    .replace(/^\w*Error: /, '')
    .replace(/\/\S+?\.(?:js|html|css)(?::\d+:\d+)?: /g, '');
  const location = error.location ?? error.loc;
  const fromMessage = /:(\d+):(\d+)/.exec(String(error.message)) ?? /\((\d+):(\d+)\)/.exec(String(error.message));
  return {
    file,
    line: location?.line ?? (fromMessage ? Number(fromMessage[1]) : 1),
    column: location?.column ?? (fromMessage ? Number(fromMessage[2]) : undefined),
    message: tidyMessage(message),
    rule: error.code ? `LWC${error.code}` : undefined,
  };
}

if (isMain(import.meta.url)) await runCli(NAME, run);
