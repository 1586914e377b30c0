// Offline metadata lint of every package directory of sfdx-project.json. Things `sf project convert source`
// and the SDR conversion accept silently but a deploy would reject:
//  1. strict XML 1.0 well-formedness of every .xml file (lib/xml-tree.mjs), with the line of the error;
//  2. every *-meta.xml: the root element is the Metadata API type its file suffix stands for, in the
//     metadata namespace; every element is a field of its type (from @salesforce/types metadata.d.ts,
//     walked recursively through nested types), a non-list field occurs once, required fields are present,
//     booleans/numbers/enum values are valid; each with the line of the offending element;
//  3. every .cls/.trigger has its -meta.xml (and every .cls-meta.xml/.trigger-meta.xml its source);
//  4. references that must resolve inside the source: permission sets / profiles / permission set groups
//     (Apex classes, pages, custom objects and fields, custom metadata/settings, record types, tabs, apps,
//     custom permissions, flows), apps (tabs, utility bar) and tabs (LWC, FlexiPage, page). Standard
//     objects, fields on them, `standard-*` tabs and `standard__*` apps are allowed. Files in a packaged
//     directory may only reference components of packaged directories (dev-app is not packaged).
//
// Usage: node scripts/verify/metadata-lint.mjs [--project <dir>]
import fs from 'node:fs';
import path from 'node:path';
import { fieldsOf, loadMetadataTypes, resolveType } from './lib/metadata-types.mjs';
import { isMain, makeResult, packageDirectories, projectDirOf, rel, runCli, walkFiles } from './lib/verify-common.mjs';
import { parseXml } from './lib/xml-tree.mjs';

const NAME = 'metadata-lint';
const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';
const CUSTOM_OBJECT = /__(c|mdt|e|b|x|kav)$/i;
// Bundle types: their -meta.xml suffix (.js, .cmp, .app…) does not identify the type, their folder does.
const FOLDER_TYPES = { lwc: 'LightningComponentBundle', aura: 'AuraDefinitionBundle' };

/**
 * @param {object} [options]
 * @param {string} [options.projectDir] project root (default: this repository)
 * @returns {Promise<import('./lib/verify-common.mjs').VerifyResult>}
 */
export async function run(options = {}) {
  const startedAt = Date.now();
  const projectDir = projectDirOf(options);
  const problems = [];
  const { types, unparsed } = loadMetadataTypes(projectDir);
  if (unparsed.length > 0) {
    problems.push({
      file: '(environment)',
      line: 0,
      message: `metadata.d.ts has ${unparsed.length} line(s) this lint cannot read (first: ${unparsed[0].trim()}): update lib/metadata-types.mjs`,
    });
  }
  const suffixTypes = await suffixToTypeName();
  const dirs = packageDirectories(projectDir);
  const filesByDir = dirs.map((dir) => ({ dir, files: walkFiles(dir.abs) }));
  const inventory = buildInventory(filesByDir);

  let xmlCount = 0;
  let metaCount = 0;
  for (const { dir, files } of filesByDir) {
    for (const file of files) {
      const relFile = rel(projectDir, file);
      const report = (line, message, column) => problems.push({ file: relFile, line, column, message });

      // 3. source files and their meta files
      if (/\.(cls|trigger)$/.test(file) && !fs.existsSync(`${file}-meta.xml`)) {
        report(1, `missing ${path.basename(file)}-meta.xml (without it the class is not deployed)`);
      }
      if (/\.(cls|trigger)-meta\.xml$/.test(file) && !fs.existsSync(file.replace(/-meta\.xml$/, ''))) {
        report(1, `meta file without its source ${path.basename(file).replace(/-meta\.xml$/, '')}`);
      }
      if (!file.endsWith('.xml')) continue;

      // 1. well-formedness
      xmlCount++;
      const { root, errors } = parseXml(fs.readFileSync(file, 'utf8'));
      for (const error of errors) report(error.line, `XML not well-formed: ${error.message}`, error.column);
      if (!root || errors.length > 0 || !file.endsWith('-meta.xml')) continue;

      // 2. Metadata API shape
      metaCount++;
      const expected = expectedRootType(file, suffixTypes);
      const rootType = resolveType(types, root.name);
      if (!rootType || typeof rootType !== 'object' || rootType.kind !== 'object') {
        report(
          root.line,
          `unknown Metadata API type <${root.name}>${expected ? ` (a ${suffixOf(file)}-meta.xml file holds <${expected}>)` : ''}`,
        );
        continue;
      }
      if (expected && expected !== root.name && types.has(expected)) {
        report(
          root.line,
          `root element <${root.name}> does not match the file suffix: a ${suffixOf(file)}-meta.xml file holds <${expected}>`,
        );
      }
      if (root.attributes.xmlns !== METADATA_NS) {
        report(root.line, `root element <${root.name}> must declare xmlns="${METADATA_NS}"`);
      }
      checkElement(types, root, rootType, root.name, report);

      // 4. references
      checkReferences(root, path.basename(file).replace(/\.[^.]+-meta\.xml$/, ''), inventory, dir, report);
    }
  }
  return makeResult(NAME, startedAt, {
    problems,
    summary: `${xmlCount} XML file(s) well-formed-checked, ${metaCount} -meta.xml checked against ${types.size} Metadata API types; ${inventory.counts()}`,
  });
}

/** Checks an element's children against the fields of its type, recursively. */
function checkElement(types, element, type, trail, report) {
  const fields = fieldsOf(types, type);
  const seen = new Map();
  for (const child of element.children) {
    const field = fields[child.name];
    if (!field) {
      report(
        child.line,
        `unknown element <${child.name}> in <${trail}> (type ${type.name} has no such field)`,
        child.column,
      );
      continue;
    }
    seen.set(child.name, (seen.get(child.name) ?? 0) + 1);
    if (!field.list && seen.get(child.name) === 2) {
      report(
        child.line,
        `<${child.name}> repeated in <${trail}>: ${type.name}.${child.name} is not a list`,
        child.column,
      );
    }
    checkValue(types, child, field, `${trail}/${child.name}`, report);
  }
  if (element.text.trim() && element.attributes['xsi:nil'] !== 'true') {
    report(
      element.line,
      `<${element.name}> has text '${element.text.trim().slice(0, 40)}' but type ${type.name} has only child elements`,
      element.column,
    );
  }
  for (const field of Object.values(fields)) {
    if (!field.optional && !field.list && field.name !== 'fullName' && !seen.has(field.name)) {
      report(
        element.line,
        `<${trail}> is missing the required element <${field.name}> (${type.name}.${field.name})`,
        element.column,
      );
    }
  }
}

function checkValue(types, element, field, trail, report) {
  const declared = element.attributes['xsi:type']?.replace(/^\w+:/, '');
  const type = resolveType(types, declared && types.has(declared) ? declared : field.type);
  const value = element.text.trim();
  const at = (message) => report(element.line, message, element.column);
  if (element.attributes['xsi:nil'] === 'true') return;
  if (type === null || type === 'string' || type === 'any') return; // strings may even hold raw XML (targetConfigs)
  if (typeof type === 'string') {
    if (element.children.length > 0) return at(`<${element.name}> must be a ${type}, not nested elements`);
    if (type === 'boolean' && value !== 'true' && value !== 'false')
      at(`<${element.name}> must be true or false, not '${value}'`);
    if (type === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) at(`<${element.name}> must be a number, not '${value}'`);
    return;
  }
  if (type.kind === 'enum') {
    if (element.children.length > 0)
      return at(`<${element.name}> must be one of the ${type.name} values, not nested elements`);
    if (!type.values.has(value)) {
      const values = [...type.values];
      at(
        `<${element.name}> '${value}' is not a valid ${type.name} value (${values.slice(0, 8).join(', ')}${values.length > 8 ? ', …' : ''})`,
      );
    }
    return;
  }
  checkElement(types, element, type, trail, report);
}

// ---------------------------------------------------------------------------------------------------------
// References

/**
 * Names of the components in the source, per package directory.
 * @param {{dir: {abs: string, packaged: boolean}, files: string[]}[]} filesByDir
 */
function buildInventory(filesByDir) {
  const kinds = [
    'classes',
    'pages',
    'objects',
    'fields',
    'recordTypes',
    'tabs',
    'apps',
    'customPermissions',
    'flows',
    'lwc',
    'flexipages',
    'permissionSets',
  ];
  const byDir = new Map();
  for (const { dir, files } of filesByDir) {
    const names = Object.fromEntries(kinds.map((k) => [k, new Set()]));
    const add = (kind, name) => names[kind].add(name.toLowerCase());
    for (const file of files) {
      const base = path.basename(file);
      const parent = path.basename(path.dirname(file));
      const objectName = path.basename(path.dirname(path.dirname(file)));
      let m;
      if ((m = /^(.+)\.cls$/.exec(base))) add('classes', m[1]);
      else if ((m = /^(.+)\.page$/.exec(base))) add('pages', m[1]);
      else if ((m = /^(.+)\.object-meta\.xml$/.exec(base))) add('objects', m[1]);
      else if ((m = /^(.+)\.field-meta\.xml$/.exec(base))) add('fields', `${objectName}.${m[1]}`);
      else if ((m = /^(.+)\.recordType-meta\.xml$/.exec(base))) add('recordTypes', `${objectName}.${m[1]}`);
      else if ((m = /^(.+)\.tab-meta\.xml$/.exec(base))) add('tabs', m[1]);
      else if ((m = /^(.+)\.app-meta\.xml$/.exec(base)) && parent === 'applications') add('apps', m[1]);
      else if ((m = /^(.+)\.customPermission-meta\.xml$/.exec(base))) add('customPermissions', m[1]);
      else if ((m = /^(.+)\.flow-meta\.xml$/.exec(base))) add('flows', m[1]);
      else if ((m = /^(.+)\.flexipage-meta\.xml$/.exec(base))) add('flexipages', m[1]);
      else if ((m = /^(.+)\.permissionset-meta\.xml$/.exec(base))) add('permissionSets', m[1]);
      else if ((m = /^(.+)\.js-meta\.xml$/.exec(base)) && path.basename(path.dirname(path.dirname(file))) === 'lwc')
        add('lwc', m[1]);
    }
    byDir.set(dir.abs, { packaged: dir.packaged, names });
  }
  return {
    /** Where `name` of `kind` is visible from a file in `fromDir`: packaged dirs see only packaged dirs. */
    lookup(kind, name, fromDir) {
      let foundElsewhere = null;
      for (const [abs, entry] of byDir) {
        if (!entry.names[kind].has(name.toLowerCase())) continue;
        if (abs === fromDir.abs || entry.packaged || !fromDir.packaged) return { found: true };
        foundElsewhere = abs;
      }
      return { found: false, onlyIn: foundElsewhere };
    },
    counts() {
      const totals = Object.fromEntries(kinds.map((k) => [k, 0]));
      for (const entry of byDir.values()) for (const k of kinds) totals[k] += entry.names[k].size;
      return `source has ${totals.classes} class(es), ${totals.objects} object(s), ${totals.fields} field(s), ${totals.tabs} tab(s), ${totals.apps} app(s), ${totals.customPermissions} custom permission(s), ${totals.permissionSets} permission set(s), ${totals.lwc} LWC bundle(s)`;
    },
  };
}

function childText(element, name) {
  return element.children.find((c) => c.name === name)?.text.trim();
}

/** What each permission-like entry references: [list element, name element, kind]. */
const PERMISSION_REFERENCES = [
  ['classAccesses', 'apexClass', 'classes'],
  ['pageAccesses', 'apexPage', 'pages'],
  ['objectPermissions', 'object', 'object'],
  ['fieldPermissions', 'field', 'field'],
  ['customMetadataTypeAccesses', 'name', 'object'],
  ['customSettingAccesses', 'name', 'object'],
  ['recordTypeVisibilities', 'recordType', 'recordTypes'],
  ['tabSettings', 'tab', 'tab'],
  ['tabVisibilities', 'tab', 'tab'],
  ['applicationVisibilities', 'application', 'app'],
  ['customPermissions', 'name', 'customPermissions'],
  ['flowAccesses', 'flow', 'flows'],
];

function checkReferences(root, componentName, inventory, dir, report) {
  const require = (element, kind, name, what) => {
    if (!name) return;
    const result = inventory.lookup(kind, name, dir);
    if (result.found) return;
    const where = result.onlyIn
      ? ` (it exists only in ${path.basename(result.onlyIn)}, which is not packaged)`
      : ' in the source';
    report(element.line, `${what} references ${describe(kind)} '${name}' that does not exist${where}`, element.column);
  };
  const check = (element, kind, name, what) => {
    if (!name) return;
    if (kind === 'object') {
      if (CUSTOM_OBJECT.test(name)) require(element, 'objects', name, what);
    } else if (kind === 'field') {
      const [objectName, fieldName] = name.split('.');
      if (CUSTOM_OBJECT.test(objectName)) require(element, 'objects', objectName, what);
      if (fieldName && /__c$/i.test(fieldName)) require(element, 'fields', name, what);
    } else if (kind === 'tab') {
      if (!name.startsWith('standard-')) require(element, 'tabs', name, what);
    } else if (kind === 'app') {
      if (!name.startsWith('standard__')) require(element, 'apps', name, what);
    } else {
      require(element, kind, name, what);
    }
  };

  if (root.name === 'PermissionSet' || root.name === 'Profile' || root.name === 'MutingPermissionSet') {
    for (const [listName, nameElement, kind] of PERMISSION_REFERENCES) {
      for (const entry of root.children.filter((c) => c.name === listName)) {
        const nameNode = entry.children.find((c) => c.name === nameElement);
        if (nameNode) check(nameNode, kind, nameNode.text.trim(), `${root.name} ${listName}`);
      }
    }
  } else if (root.name === 'PermissionSetGroup') {
    for (const node of root.children.filter((c) => c.name === 'permissionSets' || c.name === 'mutingPermissionSets')) {
      check(node, 'permissionSets', node.text.trim(), `PermissionSetGroup ${node.name}`);
    }
  } else if (root.name === 'CustomApplication') {
    for (const node of root.children.filter((c) => c.name === 'tabs' || c.name === 'defaultLandingTab')) {
      check(node, 'tab', node.text.trim(), `CustomApplication ${node.name}`);
    }
    const utilityBar = root.children.find((c) => c.name === 'utilityBar');
    if (utilityBar) check(utilityBar, 'flexipages', utilityBar.text.trim(), 'CustomApplication utilityBar');
  } else if (root.name === 'CustomTab') {
    for (const [element, kind] of [
      ['lwcComponent', 'lwc'],
      ['flexiPage', 'flexipages'],
      ['page', 'pages'],
    ]) {
      const node = root.children.find((c) => c.name === element);
      if (node) check(node, kind, node.text.trim(), `CustomTab ${element}`);
    }
    if (childText(root, 'customObject') === 'true') {
      // A custom object tab is named after its object.
      check(root, 'object', componentName, 'CustomTab customObject');
    }
  }
}

function describe(kind) {
  return (
    {
      classes: 'Apex class',
      pages: 'Visualforce page',
      objects: 'custom object',
      fields: 'custom field',
      recordTypes: 'record type',
      tabs: 'tab',
      apps: 'app',
      customPermissions: 'custom permission',
      flows: 'flow',
      lwc: 'LWC bundle',
      flexipages: 'FlexiPage',
      permissionSets: 'permission set',
    }[kind] ?? kind
  );
}

// ---------------------------------------------------------------------------------------------------------
// File suffix -> Metadata API type, from the SDR registry (including child types such as CustomField).

async function suffixToTypeName() {
  const { RegistryAccess } = await import('@salesforce/source-deploy-retrieve');
  const map = new Map();
  const visit = (type) => {
    if (type.suffix && !map.has(type.suffix)) map.set(type.suffix, type.name);
    for (const child of Object.values(type.children?.types ?? {})) visit(child);
  };
  for (const type of Object.values(new RegistryAccess().getRegistry().types)) visit(type);
  return map;
}

function suffixOf(file) {
  return /\.([^.]+)-meta\.xml$/.exec(path.basename(file))?.[0].replace(/-meta\.xml$/, '') ?? path.extname(file);
}

function expectedRootType(file, suffixTypes) {
  const parts = file.split(path.sep);
  for (const [folder, type] of Object.entries(FOLDER_TYPES)) if (parts.at(-3) === folder) return type;
  const suffix = /\.([^.]+)-meta\.xml$/.exec(path.basename(file))?.[1];
  return suffix ? (suffixTypes.get(suffix) ?? null) : null;
}

if (isMain(import.meta.url)) await runCli(NAME, run);
