// Resolves every package directory of sfdx-project.json with @salesforce/source-deploy-retrieve (offline,
// the library behind `sf project deploy/convert`), reports every file no metadata component claims (it
// would silently not be deployed: wrong folder, wrong suffix, stray file) except what .forceignore
// ignores (TypeScript sources, __tests__, tsconfig: SDR's own ForceIgnore class decides), reports a
// component defined in two package directories, and converts each directory to Metadata API format in
// .verify/mdapi/<package dir>/ (package.xml + metadata), as `sf project convert source` would.
//
// Usage: node scripts/verify/metadata-convert.mjs [--project <dir>] [--output-dir .verify/mdapi]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ComponentSet, ForceIgnore, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import {
  isMain,
  makeResult,
  packageDirectories,
  projectDirOf,
  rel,
  runCli,
  tidyMessage,
  walkFiles,
} from './lib/verify-common.mjs';

const NAME = 'metadata-convert';

/**
 * @param {object} [options]
 * @param {string} [options.projectDir] project root (default: this repository)
 * @param {string} [options.outputDir] where to write the Metadata API format (default <project>/.verify/mdapi)
 * @returns {Promise<import('./lib/verify-common.mjs').VerifyResult & {components: Record<string, Record<string, number>>}>}
 */
export async function run(options = {}) {
  const startedAt = Date.now();
  const projectDir = projectDirOf(options);
  const outputRoot = path.resolve(projectDir, options.outputDir ?? '.verify/mdapi');
  const problems = [];
  const components = {};
  const definedIn = new Map(); // "Type:fullName" -> package dir
  const forceIgnore = ForceIgnore.findAndCreate(projectDir);
  let ignoredCount = 0;
  let componentCount = 0;
  let convertedFiles = 0;
  const sourceApiVersion = JSON.parse(
    fs.readFileSync(path.join(projectDir, 'sfdx-project.json'), 'utf8'),
  ).sourceApiVersion;

  fs.rmSync(outputRoot, { recursive: true, force: true });
  for (const dir of packageDirectories(projectDir)) {
    let componentSet;
    try {
      componentSet = ComponentSet.fromSource({ fsPaths: [dir.abs] });
    } catch (error) {
      problems.push(resolveErrorProblem(projectDir, dir, error));
      continue;
    }
    const sourceComponents = componentSet.getSourceComponents().toArray();
    componentCount += sourceComponents.length;

    // Files claimed by a component: its -meta.xml, its content file or folder, and its children.
    const claimed = new Set();
    const claim = (component) => {
      if (component.xml) claimed.add(path.resolve(component.xml));
      if (component.content) {
        if (fs.statSync(component.content).isDirectory())
          for (const file of component.walkContent()) claimed.add(path.resolve(file));
        else claimed.add(path.resolve(component.content));
      }
      for (const child of component.getChildren()) claim(child);
    };
    const byType = (components[dir.path] = {});
    for (const component of sourceComponents) {
      claim(component);
      byType[component.type.name] = (byType[component.type.name] ?? 0) + 1;
      const key = `${component.type.name}:${component.fullName}`;
      const other = definedIn.get(key);
      if (other && other !== dir.path) {
        problems.push({
          file: rel(projectDir, component.xml ?? component.content),
          line: 1,
          message: `${component.type.name} '${component.fullName}' is defined in both ${other} and ${dir.path}: deploying both would overwrite one with the other`,
        });
      }
      definedIn.set(key, dir.path);
    }

    for (const file of walkFiles(dir.abs)) {
      if (claimed.has(path.resolve(file))) continue;
      if (forceIgnore.denies(file)) {
        ignoredCount++;
        continue;
      }
      problems.push({
        file: rel(projectDir, file),
        line: 1,
        message:
          'no metadata component claims this file, so it would not be deployed (wrong folder or suffix, missing -meta.xml, or add it to .forceignore)',
      });
    }

    componentSet.sourceApiVersion = sourceApiVersion;
    componentSet.apiVersion = sourceApiVersion;
    try {
      // SDR's writer silently skips every file whose output path .forceignore's default '**/.*' pattern
      // matches, i.e. anything below .verify/ (only package.xml would be written). Convert into a temporary
      // directory outside the project, then move the result into place.
      const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'ccus-mdapi-'));
      try {
        await new MetadataConverter().convert(componentSet, 'metadata', {
          type: 'directory',
          outputDirectory: temporary,
          genUniqueDir: false,
        });
        const written = walkFiles(temporary).length - 1; // minus package.xml
        if (sourceComponents.length > 0 && written <= 0) {
          problems.push({
            file: dir.path,
            line: 0,
            message: `conversion wrote no metadata files for ${sourceComponents.length} component(s)`,
          });
        }
        convertedFiles += written;
        fs.cpSync(temporary, path.join(outputRoot, dir.path), { recursive: true });
      } finally {
        fs.rmSync(temporary, { recursive: true, force: true });
      }
    } catch (error) {
      problems.push({
        file: dir.path,
        line: 0,
        message: `conversion to Metadata API format failed: ${tidyMessage(error.message)}`,
      });
    }
  }

  const perDir = Object.entries(components)
    .map(
      ([dir, byType]) =>
        `${dir}: ${
          Object.entries(byType)
            .map(([type, n]) => `${type} ${n}`)
            .join(', ') || 'no components'
        }`,
    )
    .join('; ');
  return makeResult(NAME, startedAt, {
    problems,
    components,
    summary: `${componentCount} component(s) resolved (${perDir}); ${ignoredCount} file(s) ignored by .forceignore; ${convertedFiles} file(s) converted to ${rel(projectDir, outputRoot)}/ (API ${sourceApiVersion})`,
  });
}

/** SDR throws (e.g. TypeInferenceError) for files it cannot type: point at the file it names. */
function resolveErrorProblem(projectDir, dir, error) {
  const named = /(\/[^\s'"]+)/.exec(error.message ?? '')?.[1].replace(/[:.,;]+$/, '');
  const file = named && fs.existsSync(named) ? rel(projectDir, named) : dir.path;
  const message = tidyMessage(String(error.message).replaceAll(projectDir + path.sep, ''));
  return { file, line: 1, message: `SDR could not resolve the source (${error.name ?? 'Error'}): ${message}` };
}

if (isMain(import.meta.url))
  await runCli(NAME, run, { valueFlags: ['outputDir'], usage: '[--output-dir .verify/mdapi]' });
