// `npm run package:version`: cut a second-generation package version of force-app with code coverage.
// Build first, check the prerequisites (Node, sf, a Dev Hub, the package entry and its alias in
// sfdx-project.json), then `sf package version create --code-coverage --installation-key-bypass --wait …`.
// Promotion stays a deliberate, separate step (printed at the end; docs/admin-guide.md "Releasing").
//
//   npm run package:version                         new version of "Contact Center User Sync" (0.1.0.NEXT)
//   npm run package:version -- --create-package     first time only: create the package in the Dev Hub
//   npm run package:version -- --dry-run            print the commands
import fs from 'node:fs';
import path from 'node:path';
import {
  PROJECT,
  REPO_ROOT,
  Steps,
  shellQuote,
  UsageError,
  buildCommand,
  checkNodeVersion,
  dryRunner,
  findSf,
  parseFlags,
  pickDevHub,
  runMain,
  spawnRunner,
  usage,
} from './lib.mjs';

export const FLAGS = {
  'target-dev-hub': { type: 'string', help: 'Dev Hub alias or username (default: the default Dev Hub)' },
  'create-package': {
    type: 'boolean',
    help: 'create the package in the Dev Hub first when sfdx-project.json has no alias for it',
  },
  'definition-file': {
    type: 'string',
    default: PROJECT.scratchDef,
    help: 'scratch definition of the build org in which the Apex tests run (the Voice one runs the real-query tests)',
  },
  wait: { type: 'number', default: 60, help: 'minutes to wait for the version' },
  'dry-run': { type: 'boolean', help: 'print the commands instead of running them' },
  help: { type: 'boolean', help: 'show this help' },
};

/**
 * Checks the package entry of sfdx-project.json for what `sf package version create` needs.
 * @param {any} project parsed sfdx-project.json
 * @returns {{ errors: string[], notes: string[], hasAlias: boolean, entry: any }}
 */
export function checkPackageConfig(project, packageName = PROJECT.packageName) {
  const errors = [];
  const notes = [];
  const dirs = Array.isArray(project?.packageDirectories) ? project.packageDirectories : [];
  const entry = dirs.find((dir) => dir.package === packageName);
  if (!entry) {
    errors.push(`sfdx-project.json has no packageDirectories entry with "package": "${packageName}".`);
    return { errors, notes, hasAlias: false, entry: null };
  }
  if (entry.path !== PROJECT.packageDir)
    errors.push(`The package's path is "${entry.path}", expected "${PROJECT.packageDir}".`);
  if (!/^\d+\.\d+\.\d+\.(NEXT|\d+)$/.test(String(entry.versionNumber ?? ''))) {
    errors.push(
      `versionNumber "${entry.versionNumber ?? ''}" must look like major.minor.patch.NEXT (e.g. 0.1.0.NEXT).`,
    );
  }
  if (!entry.versionName) errors.push('The package entry needs a versionName.');
  if (!entry.versionDescription) notes.push('No versionDescription: the version has no description.');
  if (entry.default !== true) errors.push('The package directory must be the default one ("default": true).');
  for (const dir of dirs) {
    if (dir !== entry && dir.package)
      notes.push(`Another packaged directory (${dir.path}) is not part of this version.`);
  }
  if (!project.namespace) {
    notes.push(
      'No namespace: the version is an UNLOCKED package (a managed 2GP needs a namespace linked to the Dev Hub).',
    );
  }
  const aliases = project.packageAliases ?? {};
  const hasAlias = typeof aliases[packageName] === 'string' && aliases[packageName].startsWith('0Ho');
  return { errors, notes, hasAlias, entry, namespace: String(project.namespace ?? '') };
}

/**
 * The command that creates the package once (it writes the 0Ho alias into sfdx-project.json). With a namespace in
 * sfdx-project.json (registered in a Developer Edition org and linked to the Dev Hub) the package is a managed 2GP,
 * which is what customers install from AppExchange; without one it can only be an unlocked package.
 * @param {string} hub Dev Hub username or alias
 * @param {string} [packageName]
 * @param {string} [namespace] sfdx-project.json's namespace ('' for none)
 */
export function packageCreateArgs(hub, packageName = PROJECT.packageName, namespace = '') {
  const managed = Boolean(namespace);
  return [
    'package',
    'create',
    '--name',
    packageName,
    '--package-type',
    managed ? 'Managed' : 'Unlocked',
    '--path',
    PROJECT.packageDir,
    ...(managed ? [] : ['--no-namespace']),
    '--target-dev-hub',
    hub,
  ];
}

/** What to do after a version is created (install, check, promote). */
export function nextSteps(versionId, hub) {
  const id = versionId ?? '<04t… SubscriberPackageVersionId>';
  return [
    `Package version: ${id}`,
    `  Details and coverage:  sf package version report --package ${id} --verbose --target-dev-hub ${hub}`,
    `  Install (no Voice):    npm run org:create -- --no-voice --no-deploy && sf package install --package ${id} --target-org ccus-novoice --wait 20 --no-prompt`,
    `  Install URL:           https://login.salesforce.com/packaging/installPackage.apexp?p0=${id}`,
    `  Promote (released):    sf package version promote --package ${id} --target-dev-hub ${hub}   (needs >= 75 % coverage; cannot be undone)`,
  ];
}

/**
 * @param {string[]} argv
 * @param {{ runner?: import('./lib.mjs').Runner, sf?: string, log?: (line: string) => void, nodeVersion?: string, project?: any }} [deps]
 */
export async function main(argv, deps = {}) {
  const log = deps.log ?? console.log;
  const flags = parseFlags(argv, FLAGS);
  if (flags._.length) throw new UsageError(`Unexpected argument "${flags._[0]}" (options start with --)`);
  if (flags.help) {
    log(
      usage(
        'npm run package:version --',
        'Build, then create a 2GP package version of force-app with code coverage.',
        FLAGS,
      ),
    );
    return 0;
  }
  checkNodeVersion(deps.nodeVersion);
  const dryRun = Boolean(flags['dry-run']);
  const sf = deps.sf ?? (dryRun ? 'sf' : findSf());
  const runner = deps.runner ?? (dryRun ? dryRunner(log) : spawnRunner());
  const steps = new Steps({ runner, sf, log, dryRun });
  if (dryRun) log('Dry run of package:version: the commands are printed, nothing runs.');

  steps.heading('Check the package entry of sfdx-project.json');
  const project = deps.project ?? JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'sfdx-project.json'), 'utf8'));
  const config = checkPackageConfig(project);
  for (const note of config.notes) log(`  note: ${note}`);
  if (config.errors.length)
    throw new UsageError(`sfdx-project.json is not ready for a package version:\n  ${config.errors.join('\n  ')}`, 1);
  const definitionFile = String(flags['definition-file']);
  if (!deps.project && !fs.existsSync(path.join(REPO_ROOT, definitionFile)))
    throw new UsageError(`--definition-file ${definitionFile} does not exist`);

  steps.heading('Build (tsc emits the LWC .js that goes into the package)');
  await steps.exec(buildCommand(), { hint: 'Fix the TypeScript errors above (npm run build).' });

  steps.heading('Check that a Dev Hub is authorised');
  const list = await steps.sf(['org', 'list'], { json: true });
  let hub = /** @type {string} */ (flags['target-dev-hub'] ?? '<default Dev Hub>');
  if (!dryRun) {
    const pick = pickDevHub(list.json, /** @type {string|null} */ (flags['target-dev-hub']));
    if (!pick.ok) throw new UsageError(pick.message, 1);
    hub = pick.hub;
    log(`Dev Hub: ${hub}`);
  }

  if (!config.hasAlias) {
    if (!flags['create-package']) {
      throw new UsageError(
        `sfdx-project.json has no package alias for "${PROJECT.packageName}" (packageAliases is where sf keeps the package's 0Ho id), ` +
          'so the package does not exist in this Dev Hub yet. Create it once, then commit sfdx-project.json:\n' +
          `  npm run package:version -- --create-package\nor\n  sf ${packageCreateArgs(hub, PROJECT.packageName, config.namespace).map(shellQuote).join(' ')}`,
        1,
      );
    }
    steps.heading(
      `Create the package "${PROJECT.packageName}" in the Dev Hub (writes its 0Ho alias into sfdx-project.json: commit it)`,
    );
    await steps.sf(packageCreateArgs(hub, PROJECT.packageName, config.namespace), {
      hint: 'Is the Dev Hub enabled for packaging (Setup > Dev Hub > Enable Unlocked Packages and Second-Generation Managed Packages)?',
    });
  }

  steps.heading('Create the package version (Apex tests run in a build org; coverage is computed)');
  const created = await steps.sf(
    [
      'package',
      'version',
      'create',
      '--package',
      PROJECT.packageName,
      '--code-coverage',
      '--installation-key-bypass',
      '--definition-file',
      definitionFile,
      '--wait',
      String(flags.wait),
      '--target-dev-hub',
      hub,
    ],
    {
      json: true,
      hint: 'The version was not created: the errors above name the component or the failing Apex test. sf package version create list --target-dev-hub <hub> shows pending requests.',
    },
  );
  const versionId = dryRun ? null : (/** @type {any} */ (created.json)?.result?.SubscriberPackageVersionId ?? null);
  log(`\n${nextSteps(versionId, hub).join('\n')}`);
  log('sf added the version alias to packageAliases in sfdx-project.json: commit it.');
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  runMain((argv) => main(argv));
}
