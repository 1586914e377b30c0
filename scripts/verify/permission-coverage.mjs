// Permission coverage: the package's permission sets grant what the app needs, and nothing that does not exist.
//
// Admin permission set (Contact_Center_User_Sync_Admin, settings in permission-coverage.json) must grant, for
// what the PACKAGED directories ship:
//   - every custom object: Read/Create/Edit/Delete (platform events: Read; per-object overrides in the JSON);
//     custom settings: customSettingAccesses; custom metadata types: customMetadataTypeAccesses;
//   - every custom field of those objects and every custom field added to a standard object: readable, and
//     editable unless the field is read-only by nature (formula, roll-up summary, auto number) - except required
//     and master-detail fields, which a permission set cannot list (the deploy fails), and fields of custom
//     settings, custom metadata types and platform events, which have no field-level security;
//   - every custom tab and app; every Apex class with an @AuraEnabled method; every custom permission.
// It must not reference anything that does not exist in the package (objects, fields, classes, tabs, apps,
// custom permissions, pages, flows, record types, external credentials) nor a feature-dependent object
// (CallCenterRoutingMap: the package would not install in orgs without Service Cloud Voice).
//
// Provisioning permission set (Contact_Center_User_Sync_Provisioning), for the user the async provisioning jobs run
// as (the platform event trigger's PlatformEventSubscriberConfig user, which also enqueues the queueables):
// derived from the code those jobs run - the triggers on platform events and the classes implementing
// Queueable, Batchable, Schedulable or Finalizer, plus every project class they reference, transitively - it must
// grant exactly the user-mode data access that code performs on the package's objects: Read for SOQL, Create /
// Edit / Delete for `insert/update/upsert/delete as user` (and Database DML with AccessLevel.USER_MODE), readable
// for queried custom fields, editable for assigned custom fields of objects it writes, custom permissions it
// checks (FeatureManagement.checkPermission) and the external credential principals of the named credentials
// it calls by name. Grants nothing else (except `allowedExtraGrants` with a reason). Missing while
// provisioning code exists (a platform event or a class under provisioning/) = failure; before that = info.
//
// Usage: node scripts/verify/permission-coverage.mjs [--project <dir>] [--quiet-info]
import fs from 'node:fs';
import path from 'node:path';
import * as A from '@apexdevtools/apex-parser';
import {
  allClassesOf,
  classAt,
  fold,
  hasAnnotation,
  kid,
  kids,
  lineOfNode,
  loadApexModel,
  localsAt,
  parseApex,
  parseTypeText,
  walk,
} from './lib/apex-model.mjs';
import { runMain } from './lib/report.mjs';
import { FEATURE_DEPENDENT_OBJECTS, didYouMean, isTrue, lineOf, loadSchema, readMetadataXml } from './lib/schema.mjs';
import { QueryChecker, accessModeOf, findQueries } from './soql-schema.mjs';
import { isMain, makeResult, packageDirectories, projectDirOf, rel, walkFiles } from './lib/verify-common.mjs';

const NAME = 'permission-coverage';
const CONFIG_FILE = 'scripts/verify/permission-coverage.json';
const DEFAULT_CONFIG = {
  adminPermissionSet: 'Contact_Center_User_Sync_Admin',
  provisioningPermissionSet: 'Contact_Center_User_Sync_Provisioning',
  adminObjectAccess: { custom: ['Read', 'Create', 'Edit', 'Delete'], event: ['Read'], objects: {} },
  allowedExtraGrants: [],
};
const ACCESS_FLAGS = {
  Read: 'allowRead',
  Create: 'allowCreate',
  Edit: 'allowEdit',
  Delete: 'allowDelete',
  ViewAll: 'viewAllRecords',
  ModifyAll: 'modifyAllRecords',
};
const READ_ONLY_TYPES = new Set(['Summary', 'AutoNumber', 'Formula']);
const NO_FLS_KINDS = new Set(['setting', 'metadata', 'event']);
const ASYNC_INTERFACES =
  /^(system\.)?(queueable|finalizer|schedulable)$|^database\.(batchable|stateful)|^(database\.)?batchable/i;

const PS_LISTS = [
  'applicationVisibilities',
  'classAccesses',
  'customMetadataTypeAccesses',
  'customPermissions',
  'customSettingAccesses',
  'externalCredentialPrincipalAccesses',
  'fieldPermissions',
  'flowAccesses',
  'objectPermissions',
  'pageAccesses',
  'recordTypeVisibilities',
  'tabSettings',
  'userPermissions',
];

/** Source components of the project by metadata folder, with whether they are packaged. */
function sourceComponents(projectDir) {
  const byFolder = new Map();
  const add = (folder, name, file, packaged) => {
    if (!byFolder.has(folder)) byFolder.set(folder, new Map());
    const existing = byFolder.get(folder).get(name.toLowerCase());
    if (!existing || (packaged && !existing.packaged))
      byFolder.get(folder).set(name.toLowerCase(), { name, file, packaged });
  };
  const suffixes = {
    tabs: '.tab-meta.xml',
    applications: '.app-meta.xml',
    customPermissions: '.customPermission-meta.xml',
    permissionsets: '.permissionset-meta.xml',
    namedCredentials: '.namedCredential-meta.xml',
    externalCredentials: '.externalCredential-meta.xml',
    flows: '.flow-meta.xml',
    pages: '.page-meta.xml',
  };
  for (const pkg of packageDirectories(projectDir)) {
    for (const file of walkFiles(pkg.abs)) {
      const folder = path.basename(path.dirname(file));
      const suffix = suffixes[folder];
      if (suffix && file.endsWith(suffix)) add(folder, path.basename(file, suffix), file, pkg.packaged);
      const recordType = /[/\\]objects[/\\]([^/\\]+)[/\\]recordTypes[/\\]([^/\\]+)\.recordType-meta\.xml$/.exec(file);
      if (recordType) add('recordTypes', `${recordType[1]}.${recordType[2]}`, file, pkg.packaged);
    }
  }
  return (folder) => byFolder.get(folder) ?? new Map();
}

/** A permission set: its entries by list name, and a line finder. */
function readPermissionSet(file) {
  const parsed = readMetadataXml(file);
  const text = fs.readFileSync(file, 'utf8');
  const content = parsed?.content ?? {};
  const lists = {};
  for (const name of PS_LISTS) {
    const value = content[name];
    lists[name] = value === undefined ? [] : Array.isArray(value) ? value : [value];
  }
  return {
    file,
    text,
    lists,
    content,
    ok: parsed?.root === 'PermissionSet',
    lineOf: (needle) => lineOf(text, `>${needle}<`),
  };
}

function loadConfig(projectDir) {
  const file = path.join(projectDir, CONFIG_FILE);
  if (!fs.existsSync(file)) return DEFAULT_CONFIG;
  const config = JSON.parse(fs.readFileSync(file, 'utf8'));
  return {
    ...DEFAULT_CONFIG,
    ...config,
    adminObjectAccess: { ...DEFAULT_CONFIG.adminObjectAccess, ...(config.adminObjectAccess ?? {}) },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Existence of everything a permission set references

function checkReferences(ps, { schema, model, components, packaged, problems, info }) {
  const where = (needle) => ({ file: ps.rel, line: ps.lineOf(needle) });
  const notInPackage = (kind, name, component) =>
    packaged && component && !component.packaged
      ? problems.push({
          ...where(name),
          message: `${kind} '${name}' exists only in the unpackaged directory (${rel(ps.projectDir, component.file)}): a packaged permission set cannot reference it`,
        })
      : null;
  const objectExists = (name, kind = 'object') => {
    const object = schema.object(name);
    if (!object) {
      problems.push({ ...where(name), message: `${kind} '${name}' does not exist${schema.suggestObject(name)}` });
      return null;
    }
    const feature = FEATURE_DEPENDENT_OBJECTS.get(object.name.toLowerCase());
    if (feature && packaged) {
      problems.push({
        ...where(name),
        message: `references ${object.name}, which needs ${feature}: the package would fail to install in orgs without it (grant it with a separate, unpackaged permission set or the Voice permission sets)`,
      });
    }
    if (packaged && object.fromSource && !object.packaged && object.kind !== 'standard')
      notInPackage(kind, name, { packaged: false, file: object.file ?? '' });
    return object;
  };
  for (const entry of ps.lists.objectPermissions) objectExists(String(entry.object));
  for (const entry of ps.lists.fieldPermissions) {
    const [objectName, fieldName] = String(entry.field).split('.');
    const object = objectExists(objectName);
    if (!object) continue;
    const field = object.fields.get(String(fieldName).toLowerCase());
    if (!field) {
      problems.push({
        ...where(entry.field),
        message: `field '${entry.field}' does not exist${didYouMean(
          fieldName,
          [...object.fields.values()].map((f) => f.name),
        )}`,
      });
    } else if (packaged && field.custom && field.packaged === false) {
      notInPackage('field', String(entry.field), { packaged: false, file: field.file });
    }
  }
  const topLevel = new Map(model.topLevelClasses().map((c) => [c.name.toLowerCase(), c]));
  for (const entry of ps.lists.classAccesses) {
    const name = String(entry.apexClass);
    const cls = topLevel.get(name.toLowerCase());
    if (!cls && model.skippedTestClasses.some((t) => t.toLowerCase() === name.toLowerCase())) {
      problems.push({ ...where(name), message: `grants test class ${name}: test classes need no class access` });
    } else if (!cls)
      problems.push({
        ...where(name),
        message: `Apex class '${name}' does not exist${didYouMean(
          name,
          [...topLevel.values()].map((c) => c.name),
        )}`,
      });
    else if (packaged && !cls.file.packaged) notInPackage('Apex class', name, { packaged: false, file: cls.file.abs });
  }
  const checkComponent = (list, key, folder, kind, isStandard = () => false) => {
    for (const entry of ps.lists[list]) {
      const name = String(entry[key]);
      if (isStandard(name)) continue;
      const component = components(folder).get(name.toLowerCase());
      if (!component)
        problems.push({
          ...where(name),
          message: `${kind} '${name}' does not exist${didYouMean(
            name,
            [...components(folder).values()].map((c) => c.name),
          )}`,
        });
      else notInPackage(kind, name, component);
    }
  };
  checkComponent(
    'tabSettings',
    'tab',
    'tabs',
    'tab',
    (name) => name.startsWith('standard-') || Boolean(schema.object(name)?.kind === 'custom'),
  );
  checkComponent('applicationVisibilities', 'application', 'applications', 'app', (name) =>
    name.startsWith('standard__'),
  );
  checkComponent('customPermissions', 'name', 'customPermissions', 'custom permission');
  checkComponent('pageAccesses', 'apexPage', 'pages', 'Visualforce page');
  checkComponent('flowAccesses', 'flow', 'flows', 'flow');
  checkComponent('recordTypeVisibilities', 'recordType', 'recordTypes', 'record type');
  for (const entry of [...ps.lists.customMetadataTypeAccesses, ...ps.lists.customSettingAccesses])
    objectExists(String(entry.name), 'custom metadata type / custom setting');
  for (const entry of ps.lists.externalCredentialPrincipalAccesses) {
    const principal = String(entry.externalCredentialPrincipal);
    const credential = [...components('externalCredentials').values()].find((c) =>
      principal.toLowerCase().startsWith(`${c.name.toLowerCase()}-`),
    );
    if (!credential)
      problems.push({
        ...where(principal),
        message: `external credential principal '${principal}' does not match any external credential in source ('<ExternalCredential>-<Principal>')`,
      });
    else notInPackage('external credential', credential.name, credential);
  }
  if (ps.lists.userPermissions.length > 0) {
    info.push({
      file: ps.rel,
      line: ps.lineOf(String(ps.lists.userPermissions[0].name)),
      message: `${ps.lists.userPermissions.length} user permission(s) not checked offline (names depend on org features and licenses)`,
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Admin permission set

function checkAdmin(ps, { schema, model, components, config, problems }) {
  const where = (needle) => ({ file: ps.rel, line: needle ? ps.lineOf(needle) : 1 });
  const has = (list, key, name) => ps.lists[list].find((e) => String(e[key]).toLowerCase() === name.toLowerCase());
  const packagedObjects = schema.sourceObjects().filter((o) => o.packaged && o.sourceDirs?.some((d) => d.packaged));
  for (const object of packagedObjects) {
    if (object.kind === 'setting') {
      const entry = has('customSettingAccesses', 'name', object.name);
      if (!entry || !isTrue(entry.enabled))
        problems.push({
          ...where(),
          message: `does not grant custom setting ${object.name} (customSettingAccesses, ${rel(ps.projectDir, object.file ?? '')})`,
        });
      continue;
    }
    if (object.kind === 'metadata') {
      const entry = has('customMetadataTypeAccesses', 'name', object.name);
      if (!entry || !isTrue(entry.enabled))
        problems.push({
          ...where(),
          message: `does not grant custom metadata type ${object.name} (customMetadataTypeAccesses)`,
        });
      continue;
    }
    if (object.kind === 'custom' || object.kind === 'event') {
      if (!object.file) continue; // e.g. a generated __Share object
      const wanted = config.adminObjectAccess.objects?.[object.name] ??
        config.adminObjectAccess[object.kind] ?? ['Read'];
      const entry = has('objectPermissions', 'object', object.name);
      const missing = wanted.filter((access) => !entry || !isTrue(entry[ACCESS_FLAGS[access]]));
      if (missing.length) {
        problems.push({
          ...where(entry ? object.name : null),
          message: `does not grant ${missing.join('/')} on ${object.name} (objectPermissions; ${rel(ps.projectDir, object.file)})`,
        });
      }
    }
  }
  // Fields: custom fields of packaged objects and custom fields on standard objects.
  for (const object of schema.sourceObjects()) {
    for (const field of object.fields.values()) {
      if (!field.custom || !field.packaged || !field.meta) continue;
      const key = `${object.name}.${field.name}`;
      const entry = has('fieldPermissions', 'field', key);
      const type = String(field.meta.type ?? '');
      const required = isTrue(field.meta.required) || type === 'MasterDetail';
      const noFls = NO_FLS_KINDS.has(object.kind);
      if (required || noFls) {
        if (entry) {
          problems.push({
            ...where(key),
            message: `lists ${key}, which ${noFls ? `has no field-level security (fields of a ${object.kind === 'setting' ? 'custom setting' : object.kind === 'metadata' ? 'custom metadata type' : 'platform event'})` : type === 'MasterDetail' ? 'is a master-detail field' : 'is a required field'}: the deploy rejects it`,
          });
        }
        continue;
      }
      const readOnly = READ_ONLY_TYPES.has(type) || Boolean(field.meta.formula);
      const objectAccess = config.adminObjectAccess.objects?.[object.name] ??
        config.adminObjectAccess[object.kind] ?? ['Read', 'Edit'];
      const needsEdit =
        !readOnly && (object.kind === 'standard' || objectAccess.includes('Edit') || objectAccess.includes('Create'));
      if (!entry || !isTrue(entry.readable)) {
        problems.push({
          ...where(entry ? key : null),
          message: `does not grant field ${key} (fieldPermissions readable${needsEdit ? ' + editable' : ''}; ${rel(ps.projectDir, field.file)})`,
        });
      } else if (needsEdit && !isTrue(entry.editable)) {
        problems.push({
          ...where(key),
          message: `grants ${key} read-only; the admin edits ${object.name}, so it must be editable`,
        });
      } else if (readOnly && isTrue(entry.editable)) {
        problems.push({
          ...where(key),
          message: `grants ${key} editable, but it is a ${type || 'formula'} field (read-only): the deploy rejects it`,
        });
      }
    }
  }
  for (const [folder, list, key, kind, visible] of [
    [
      'tabs',
      'tabSettings',
      'tab',
      'tab',
      (e) => ['visible', 'available', 'defaulton'].includes(String(e.visibility).toLowerCase()),
    ],
    ['applications', 'applicationVisibilities', 'application', 'app', (e) => isTrue(e.visible)],
    ['customPermissions', 'customPermissions', 'name', 'custom permission', (e) => isTrue(e.enabled)],
  ]) {
    for (const component of components(folder).values()) {
      if (!component.packaged) continue;
      const entry = has(list, key, component.name);
      if (!entry || !visible(entry))
        problems.push({
          ...where(entry ? component.name : null),
          message: `does not grant ${kind} ${component.name} (${list}; ${rel(ps.projectDir, component.file)})`,
        });
    }
  }
  for (const cls of model.topLevelClasses()) {
    if (!cls.file.packaged || cls.isTest) continue;
    const aura = allClassesOf(cls)
      .flatMap((c) => c.methods)
      .find((m) => hasAnnotation(m, 'AuraEnabled'));
    if (!aura) continue;
    const entry = has('classAccesses', 'apexClass', cls.name);
    if (!entry || !isTrue(entry.enabled)) {
      problems.push({
        ...where(entry ? cls.name : null),
        message: `does not grant Apex class ${cls.name}, which has @AuraEnabled method ${aura.name} (classAccesses; ${cls.file.rel}:${aura.line})`,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// What the async provisioning jobs need

/** Collection and String methods: a call to one of these on an unresolved receiver is not a project method. */
const COMMON_METHODS = new Set(
  'add addall clear clone contains containsall containskey equals get getsobject hashcode isempty keyset put putall remove removeall retainall set size sort tostring values valueof format join split trim length substring startswith endswith tolowercase touppercase indexof replace replaceall isblank isnotblank abbreviate'.split(
    ' ',
  ),
);

/** Methods whose body runs when an async class is enqueued, executed as a batch, scheduled or attached. */
const ASYNC_ENTRY_METHODS = new Set(['execute', 'start', 'finish']);

const isAsyncClass = (cls) => cls.implements.some((i) => ASYNC_INTERFACES.test(parseTypeText(i).name));

/** The declared methods named `name` visible from `cls` (itself, outer classes, super classes). */
function methodsNamed(model, cls, name) {
  const out = [];
  for (const c of [cls, ...model.superClasses(cls)])
    for (const m of c.methods) if (m.name.toLowerCase() === name) out.push(m);
  return out;
}

/**
 * The code the async provisioning jobs run, as a method-level call graph: entry points are the triggers on
 * platform events (their subscriber runs as the PlatformEventSubscriberConfig user) and the execute/start/finish
 * methods of the Queueable/Batchable/Schedulable/Finalizer classes of the provisioning feature; from there,
 * static calls (`Class.method()`), unqualified calls, calls on receivers whose type is known (locals, fields,
 * method results), constructors (`new X()`, which also reaches X's async entry methods when X is async), the
 * implementations of interface/virtual methods, and static initializers of every class touched. A call on a
 * receiver of unknown type reaches every project method of that name (except common collection/String ones).
 * @returns {{entries: {unit: any, why: string}[], nodes: Set<any>, classes: Set<any>}}
 */
function asyncClosure(model) {
  const all = model
    .topLevelClasses()
    .filter((c) => !c.isTest)
    .flatMap(allClassesOf);
  const byName = new Map();
  for (const cls of all) {
    for (const m of cls.methods) {
      const key = m.name.toLowerCase();
      if (!byName.has(key)) byName.set(key, []);
      byName.get(key).push(cls);
    }
  }
  const subclasses = (cls) =>
    all.filter((c) =>
      [c.extends, ...c.implements].filter(Boolean).some((t) => model.resolveClass(parseTypeText(t).name, c) === cls),
    );
  const entries = [];
  const nodes = new Set();
  const classes = new Set();
  const queue = [];
  const touchClass = (cls) => {
    if (!cls || classes.has(cls)) return;
    classes.add(cls);
    for (const field of cls.fields) if (field.initializer) queue.push({ node: field.node, cls });
  };
  const reachMethods = (cls, name, seen = new Set()) => {
    if (!cls || seen.has(cls)) return;
    seen.add(cls);
    touchClass(cls);
    for (const method of cls.methods) if (method.name.toLowerCase() === name) queue.push({ node: method.node, cls });
    // Inherited implementations, and overrides / interface implementations.
    for (const parent of model.superClasses(cls)) reachMethods(parent, name, seen);
    if (cls.kind === 'interface' || cls.keywords.includes('abstract') || cls.keywords.includes('virtual')) {
      for (const sub of subclasses(cls)) reachMethods(sub, name, seen);
    }
  };
  const reachConstruction = (cls) => {
    if (!cls) return;
    touchClass(cls);
    for (const ctor of cls.constructors) queue.push({ node: ctor.node, cls });
    if (isAsyncClass(cls)) for (const name of ASYNC_ENTRY_METHODS) reachMethods(cls, name);
  };

  for (const file of model.files) {
    if (file.trigger && /__e$/i.test(file.trigger.object)) {
      entries.push({ unit: file.classes[0], why: `trigger on ${file.trigger.object}` });
      queue.push({ node: file.tree, cls: file.classes[0] });
    }
  }
  for (const cls of all) {
    if (isAsyncClass(cls) && /[/\\]provisioning[/\\]/.test(cls.file.abs)) {
      entries.push({ unit: cls, why: `implements ${cls.implements.join(', ')}` });
      for (const name of ASYNC_ENTRY_METHODS) reachMethods(cls, name);
    }
  }
  while (queue.length) {
    const { node, cls } = queue.shift();
    if (nodes.has(node)) continue;
    nodes.add(node);
    touchClass(cls);
    walk(node, (n) => {
      if (n !== node && (n instanceof A.MethodDeclarationContext || n instanceof A.ClassDeclarationContext))
        return false;
      if (n instanceof A.MethodCallContext) {
        const name = kid(n, A.IdContext)?.getText().toLowerCase();
        for (let scope = cls; scope && name; scope = scope.outer) reachMethods(scope, name);
      } else if (n instanceof A.DotExpressionContext) {
        const call = kid(n, A.DotMethodCallContext);
        if (!call) return true;
        const name = kid(call, A.AnyIdContext).getText().toLowerCase();
        const target = kid(n, A.ExpressionContext);
        const type = expressionType(model, target, cls);
        const owner = type?.staticClass ?? (type ? model.resolveClass(type.name, cls) : null);
        if (owner) reachMethods(owner, name);
        else if (!type && !COMMON_METHODS.has(name)) for (const hit of byName.get(name) ?? []) reachMethods(hit, name);
      } else if (n instanceof A.NewExpressionContext) {
        const created = kid(kid(n, A.CreatorContext), A.CreatedNameContext)?.getText() ?? '';
        reachConstruction(model.resolveClass(parseTypeText(created).name, cls));
      }
      return true;
    });
  }
  return { entries, nodes, classes };
}

/** The static Apex type of an expression (best effort): locals, fields, field access, casts, `new`, Map/List access. */
function expressionType(model, expr, cls) {
  if (!expr) return null;
  if (expr instanceof A.SubExpressionContext) return expressionType(model, kid(expr, A.ExpressionContext), cls);
  if (expr instanceof A.CastExpressionContext) return parseTypeText(kid(expr, A.TypeRefContext).getText());
  if (expr instanceof A.NewExpressionContext)
    return parseTypeText(kid(kid(expr, A.CreatorContext), A.CreatedNameContext)?.getText() ?? '');
  if (expr instanceof A.PrimaryExpressionContext && expr.children[0] instanceof A.IdPrimaryContext) {
    const name = expr.getText();
    const local = localsAt(expr).get(name.toLowerCase());
    if (local) return local.type;
    for (let scope = cls; scope; scope = scope.outer) {
      const field = model.findField(scope, name);
      if (field) return field.type;
    }
    // A class name: the receiver of a static call.
    const staticClass = model.resolveClass(name, cls);
    return staticClass ? { name: staticClass.fullName, args: [], text: staticClass.fullName, staticClass } : null;
  }
  if (expr instanceof A.MethodCallExpressionContext) {
    const name = kid(kid(expr, A.MethodCallContext), A.IdContext)?.getText().toLowerCase();
    for (let scope = cls; scope && name; scope = scope.outer) {
      const method = methodsNamed(model, scope, name)[0];
      if (method) return method.returnType;
    }
    return null;
  }
  if (expr instanceof A.DotExpressionContext) {
    const targetType = expressionType(model, kid(expr, A.ExpressionContext), cls);
    if (!targetType) return null;
    const call = kid(expr, A.DotMethodCallContext);
    const kind = targetType.name.toLowerCase();
    if (call) {
      const method = kid(call, A.AnyIdContext).getText().toLowerCase();
      if (kind === 'map' && method === 'values') return { name: 'List', args: [targetType.args[1]], text: '' };
      if (kind === 'map' && method === 'get') return targetType.args[1] ?? null;
      if ((kind === 'list' || kind === 'set') && method === 'get') return targetType.args[0] ?? null;
      const owner = targetType.staticClass ?? model.resolveClass(targetType.name, cls);
      const declared = owner && methodsNamed(model, owner, method)[0];
      return declared ? declared.returnType : null;
    }
    const owner = targetType.staticClass ?? model.resolveClass(targetType.name, cls);
    const field = owner && model.findField(owner, kid(expr, A.AnyIdContext).getText());
    return field ? field.type : null;
  }
  return null;
}

/** The SObject a DML expression operates on (best effort). */
function dmlObject(model, schema, expr, cls) {
  const type = expressionType(model, expr, cls);
  if (!type) return null;
  const name = type.name.toLowerCase();
  const element = name === 'list' || name === 'set' ? type.args[0] : name === 'map' ? type.args[1] : type;
  return element ? (schema.object(element.name) ?? null) : null;
}

function provisioningNeeds(model, schema, closure, info) {
  const needs = {
    objects: new Map(),
    fields: new Map(),
    customPermissions: new Map(),
    namedCredentials: new Map(),
    used: new Set(),
  };
  const reachedCache = new Map();
  /** True when the node is inside code the async jobs run. */
  const reached = (node) => {
    const path = [];
    for (let n = node; n; n = n.parentCtx) {
      if (reachedCache.has(n)) {
        const value = reachedCache.get(n);
        for (const p of path) reachedCache.set(p, value);
        return value;
      }
      path.push(n);
      if (closure.nodes.has(n)) {
        for (const p of path) reachedCache.set(p, true);
        return true;
      }
    }
    for (const p of path) reachedCache.set(p, false);
    return false;
  };
  const needObject = (object, access, why) => {
    if (!object) return;
    needs.used.add(object.name.toLowerCase());
    if (!object.fromSource || object.kind === 'standard' || object.kind === 'setting' || object.kind === 'metadata')
      return;
    if (!needs.objects.has(object.name)) needs.objects.set(object.name, { object, access: new Map() });
    const entry = needs.objects.get(object.name);
    if (!entry.access.has(access)) entry.access.set(access, why);
  };
  const needField = (object, field, access, why) => {
    needs.used.add(`${object.name}.${field.name}`.toLowerCase());
    if (
      !field.custom ||
      !field.packaged ||
      NO_FLS_KINDS.has(object.kind) ||
      isTrue(field.meta?.required) ||
      field.meta?.type === 'MasterDetail'
    )
      return;
    const key = `${object.name}.${field.name}`;
    if (!needs.fields.has(key)) needs.fields.set(key, { object, field, access: new Map() });
    if (!needs.fields.get(key).access.has(access)) needs.fields.get(key).access.set(access, why);
  };
  const assignedFields = new Set();
  const written = [];
  for (const file of model.files) {
    if (!file.classes.some((top) => allClassesOf(top).some((c) => closure.classes.has(c)))) continue;
    const belongs = reached;
    // Queries.
    const found = findQueries(model, file);
    const queries = [
      ...found.static.filter(Boolean).map((q) => ({ tree: q, mode: accessModeOf(q), node: q })),
      ...found.dynamic.map((d) => ({
        tree: parseApex(d.folded.value, 'query').tree,
        mode: accessModeOf(d),
        node: d.node,
      })),
    ];
    for (const { tree, mode, node } of queries) {
      if (!belongs(node)) continue;
      const why = `${file.rel}:${lineOfNode(node)}`;
      const checker = new QueryChecker(schema, {
        label: 'SOQL',
        isStatic: false,
        position: () => ({ file: file.rel, line: 1 }),
        report: () => {},
        hooks: {
          object: (object) =>
            mode === 'system' ? needs.used.add(object.name.toLowerCase()) : needObject(object, 'Read', why),
          field: (object, field) =>
            mode === 'system'
              ? needs.used.add(`${object.name}.${field.name}`.toLowerCase())
              : needField(object, field, 'readable', why),
        },
      });
      checker.checkQueryNode(tree, 'top', null);
    }
    for (const { node, call } of found.unresolved) {
      if (call && /SYSTEM_MODE/i.test(call.getText())) continue; // system mode: no permission needed
      if (belongs(node))
        info.push({
          file: file.rel,
          line: lineOfNode(node),
          message:
            'provisioning permission set: a dynamic query of the async jobs is not resolvable; its object and field access is not derived',
        });
    }
    walk(file.tree, (n) => {
      if (!belongs(n)) return true;
      const cls = classAt(file, n); // the model class declaring n, or n itself (triggers: the trigger pseudo-class)
      // DML statements.
      const dml = [
        [A.InsertStatementContext, ['Create']],
        [A.UpdateStatementContext, ['Edit']],
        [A.UpsertStatementContext, ['Create', 'Edit']],
        [A.DeleteStatementContext, ['Delete']],
        [A.UndeleteStatementContext, ['Delete']],
      ].find(([Type]) => n instanceof Type);
      if (dml) {
        const userMode = /^(as)?user$/i.test(kid(n, A.AccessLevelContext)?.getText().replace(/^as/i, '') ?? '');
        const object = dmlObject(model, schema, kid(n, A.ExpressionContext), cls);
        const why = `${file.rel}:${lineOfNode(n)}`;
        if (!object)
          info.push({
            file: file.rel,
            line: lineOfNode(n),
            message: `provisioning permission set: the object of this DML is not known statically; its access is not derived`,
          });
        else if (userMode) {
          for (const access of dml[1]) needObject(object, access, why);
          written.push({ object, access: dml[1], why });
        } else needs.used.add(object.name.toLowerCase());
      }
      if (n instanceof A.DotExpressionContext) {
        const call = kid(n, A.DotMethodCallContext);
        const target = kid(n, A.ExpressionContext)?.getText().toLowerCase();
        const method = call && kid(call, A.AnyIdContext).getText().toLowerCase();
        const args = call ? kids(kid(call, A.ExpressionListContext), A.ExpressionContext) : [];
        if (target === 'database' && ['insert', 'update', 'upsert', 'delete', 'undelete'].includes(method) && args[0]) {
          const access = {
            insert: ['Create'],
            update: ['Edit'],
            upsert: ['Create', 'Edit'],
            delete: ['Delete'],
            undelete: ['Delete'],
          }[method];
          const object = dmlObject(model, schema, args[0], cls);
          const userMode = /USER_MODE/i.test(call.getText());
          const why = `${file.rel}:${lineOfNode(n)}`;
          if (object && userMode) {
            for (const a of access) needObject(object, a, why);
            written.push({ object, access, why });
          } else if (object) needs.used.add(object.name.toLowerCase());
        }
        if (target === 'featuremanagement' && method === 'checkpermission' && args[0]) {
          const folded = fold(model, file, args[0]);
          if (folded.ok) needs.customPermissions.set(String(folded.value), `${file.rel}:${lineOfNode(n)}`);
        }
        // record.Field__c = ...
        const parent = n.parentCtx;
        if (!call && parent instanceof A.AssignExpressionContext && kids(parent, A.ExpressionContext)[0] === n) {
          assignedFields.add(kid(n, A.AnyIdContext).getText().toLowerCase());
        }
      }
      // new Obj(Field__c = ...)
      if (
        n instanceof A.AssignExpressionContext &&
        n.parentCtx instanceof A.ExpressionListContext &&
        n.parentCtx.parentCtx instanceof A.ArgumentsContext
      ) {
        const left = kids(n, A.ExpressionContext)[0];
        if (left instanceof A.PrimaryExpressionContext) assignedFields.add(left.getText().toLowerCase());
      }
      // 'callout:Name'
      if (n instanceof A.LiteralContext && /^'callout:/i.test(n.getText())) {
        const name = n.getText().slice(9, -1).split(/[/?]/)[0];
        if (name) needs.namedCredentials.set(name, `${file.rel}:${lineOfNode(n)}`);
      }
      // Objects used as types (a type reference alone does not need access, but makes a grant "used").
      if (n instanceof A.IdContext || n instanceof A.AnyIdContext) {
        const text = n.getText();
        if (/__(c|e|mdt)$/i.test(text)) needs.used.add(text.toLowerCase());
      }
      return true;
    });
  }
  for (const { object, why } of written) {
    for (const field of object.fields.values()) {
      if (field.custom && assignedFields.has(field.name.toLowerCase())) needField(object, field, 'editable', why);
    }
  }
  return needs;
}

function checkProvisioning(ps, { model, schema, components, config, problems, info }) {
  const closure = asyncClosure(model);
  const { entries } = closure;
  const units = [...closure.classes];
  const needs = provisioningNeeds(model, schema, closure, info);
  const allowed = new Set(
    (config.allowedExtraGrants ?? [])
      .filter((g) => g.permissionSet === config.provisioningPermissionSet && g.reason)
      .map((g) => String(g.grant).toLowerCase()),
  );
  const where = (needle) => ({ file: ps.rel, line: needle ? ps.lineOf(needle) : 1 });
  const has = (list, key, name) => ps.lists[list].find((e) => String(e[key]).toLowerCase() === name.toLowerCase());
  // Missing.
  for (const { object, access } of needs.objects.values()) {
    const entry = has('objectPermissions', 'object', object.name);
    for (const [a, why] of access) {
      if (!entry || !isTrue(entry[ACCESS_FLAGS[a]]))
        problems.push({
          ...where(entry ? object.name : null),
          message: `does not grant ${a} on ${object.name}, which the async jobs need in user mode (${why})`,
        });
    }
  }
  for (const { object, field, access } of needs.fields.values()) {
    const key = `${object.name}.${field.name}`;
    const entry = has('fieldPermissions', 'field', key);
    for (const [a, why] of access) {
      if (!entry || !isTrue(entry[a]))
        problems.push({
          ...where(entry ? key : null),
          message: `does not grant ${key} ${a}, which the async jobs need in user mode (${why})`,
        });
    }
  }
  for (const [name, why] of needs.customPermissions) {
    const entry = has('customPermissions', 'name', name);
    if (!entry || !isTrue(entry.enabled))
      problems.push({
        ...where(),
        message: `does not grant custom permission ${name}, which the async jobs check (${why})`,
      });
  }
  for (const [name, why] of needs.namedCredentials) {
    const nc = components('namedCredentials').get(name.toLowerCase());
    const meta = nc && readMetadataXml(nc.file)?.content;
    const external = meta?.namedCredentialParameters
      ? [meta.namedCredentialParameters].flat().find((p) => String(p.parameterType) === 'Authentication')
          ?.externalCredential
      : meta?.externalCredential;
    if (!nc) {
      info.push({
        file: ps.rel,
        line: 1,
        message: `the async jobs call named credential ${name} (${why}), which is not in source: grant its external credential principal in the subscriber org`,
      });
    } else if (
      external &&
      !ps.lists.externalCredentialPrincipalAccesses.some((e) =>
        String(e.externalCredentialPrincipal)
          .toLowerCase()
          .startsWith(`${String(external).toLowerCase()}-`),
      )
    ) {
      problems.push({
        ...where(),
        message: `does not grant a principal of external credential ${external}, used by named credential ${name} (${why})`,
      });
    }
  }
  // Extra.
  const usedObject = (name) =>
    needs.used.has(name.toLowerCase()) || needs.objects.has(name) || allowed.has(name.toLowerCase());
  for (const entry of ps.lists.objectPermissions) {
    const name = String(entry.object);
    const needed = [...needs.objects.values()].find((n) => n.object.name.toLowerCase() === name.toLowerCase());
    if (!usedObject(name)) {
      problems.push({
        ...where(name),
        message: `grants ${name}, which the async jobs do not use (least privilege; or list it in ${CONFIG_FILE} allowedExtraGrants with a reason)`,
      });
      continue;
    }
    for (const [access, flag] of Object.entries(ACCESS_FLAGS)) {
      if (
        isTrue(entry[flag]) &&
        !needed?.access.has(access) &&
        !(access === 'Read' && needed) &&
        !allowed.has(`${name}.${access}`.toLowerCase()) &&
        !allowed.has(name.toLowerCase())
      ) {
        if (access === 'Read' && needs.used.has(name.toLowerCase())) continue;
        problems.push({
          ...where(name),
          message: `grants ${access} on ${name}, which the async jobs do not need (least privilege; or list '${name}.${access}' in ${CONFIG_FILE} allowedExtraGrants with a reason)`,
        });
      }
    }
  }
  for (const entry of ps.lists.fieldPermissions) {
    const key = String(entry.field);
    const needed = [...needs.fields.keys()].find((k) => k.toLowerCase() === key.toLowerCase());
    if (!needed && !needs.used.has(key.toLowerCase()) && !allowed.has(key.toLowerCase())) {
      problems.push({
        ...where(key),
        message: `grants field ${key}, which the async jobs do not use (least privilege; or list it in ${CONFIG_FILE} allowedExtraGrants with a reason)`,
      });
    } else if (
      needed &&
      isTrue(entry.editable) &&
      !needs.fields.get(needed).access.has('editable') &&
      !allowed.has(`${key}.editable`.toLowerCase())
    ) {
      problems.push({ ...where(key), message: `grants ${key} editable, but the async jobs only read it` });
    }
  }
  for (const entry of ps.lists.customPermissions) {
    const name = String(entry.name);
    if (!needs.customPermissions.has(name) && !allowed.has(name.toLowerCase()))
      problems.push({ ...where(name), message: `grants custom permission ${name}, which the async jobs do not check` });
  }
  for (const list of ['classAccesses', 'tabSettings', 'applicationVisibilities', 'pageAccesses']) {
    for (const entry of ps.lists[list]) {
      const name = String(Object.values(entry)[0]);
      if (!allowed.has(name.toLowerCase()))
        problems.push({
          ...where(name),
          message: `grants ${list} ${name}: the async jobs need no class, tab, app or page access (Apex class access only applies to entry points such as @AuraEnabled)`,
        });
    }
  }
  if (needs.used.has('callcenterroutingmap')) {
    info.push({
      file: ps.rel,
      line: 1,
      message:
        'the async jobs read or write CallCenterRoutingMap: the running user also needs a Voice permission set (Contact Center Admin) or Manage Call Centers, which the package cannot grant',
    });
  }
  return { entries, units, needs };
}

// ---------------------------------------------------------------------------------------------------------

/**
 * @param {object} [options]
 * @param {string} [options.projectDir]
 */
export async function run(options = {}) {
  const startedAt = Date.now();
  const projectDir = projectDirOf(options);
  const config = loadConfig(projectDir);
  const schema = await loadSchema(projectDir);
  const model = loadApexModel(projectDir, { skipTests: true });
  const components = sourceComponents(projectDir);
  const problems = [];
  const info = [];
  const permissionSets = components('permissionsets');
  const context = { schema, model, components, config, problems, info };
  const open = (component) => {
    const ps = readPermissionSet(component.file);
    ps.rel = rel(projectDir, component.file);
    ps.projectDir = projectDir;
    if (!ps.ok) problems.push({ file: ps.rel, line: 1, message: 'not a readable <PermissionSet> XML file' });
    return ps;
  };

  // Every permission set (packaged or not) references only what exists.
  for (const component of permissionSets.values())
    checkReferences(open(component), { ...context, packaged: component.packaged });

  // Admin.
  const admin = permissionSets.get(config.adminPermissionSet.toLowerCase());
  if (!admin) {
    problems.push({
      file: 'force-app',
      line: 0,
      message: `admin permission set ${config.adminPermissionSet} not found (permissionsets/${config.adminPermissionSet}.permissionset-meta.xml)`,
    });
  } else {
    if (!admin.packaged)
      problems.push({
        file: rel(projectDir, admin.file),
        line: 1,
        message: 'the admin permission set must be in a packaged directory',
      });
    checkAdmin(open(admin), context);
  }

  // Provisioning running user.
  const provisioning = permissionSets.get(config.provisioningPermissionSet.toLowerCase());
  const events = schema.sourceObjects().filter((o) => o.kind === 'event' && o.packaged);
  const provisioningClasses = model
    .topLevelClasses()
    .filter((c) => !c.isTest && /[/\\]provisioning[/\\]classes[/\\]/.test(c.file.abs));
  const provisioningExists = events.length > 0 || provisioningClasses.length > 0;
  let closureSummary = 'no provisioning code';
  if (!provisioning) {
    const entry = {
      file: 'force-app',
      line: 0,
      message: `provisioning permission set ${config.provisioningPermissionSet} not found (permissionsets/${config.provisioningPermissionSet}.permissionset-meta.xml): the user the async provisioning jobs run as has no packaged grants`,
    };
    if (provisioningExists) {
      const closure = asyncClosure(model);
      entry.message += ` (provisioning code exists: ${events.map((e) => e.name).join(', ') || 'no platform event'}; ${provisioningClasses.length} class(es) under provisioning/)`;
      problems.push(entry);
      // What it would have to grant, so the fix is a copy-paste away.
      const needs = provisioningNeeds(model, schema, closure, info);
      closureSummary = `async entry points ${closure.entries.map((e) => e.unit.name).join(', ') || 'none'}; ${closure.nodes.size} method(s) of ${closure.classes.size} class(es) reached`;
      for (const { object, access } of needs.objects.values()) {
        info.push({
          file: 'force-app',
          line: 0,
          message: `${config.provisioningPermissionSet} would need ${[...access.keys()].join('/')} on ${object.name} (${[...access.values()][0]})`,
        });
      }
      for (const { object, field, access } of needs.fields.values()) {
        info.push({
          file: 'force-app',
          line: 0,
          message: `${config.provisioningPermissionSet} would need ${object.name}.${field.name} ${[...access.keys()].join(' + ')} (${[...access.values()][0]})`,
        });
      }
    } else {
      info.push({
        ...entry,
        message: `${entry.message}; not a failure yet: no platform event or provisioning class exists`,
      });
    }
  } else {
    if (!provisioning.packaged)
      problems.push({
        file: rel(projectDir, provisioning.file),
        line: 1,
        message: 'the provisioning permission set must be in a packaged directory',
      });
    const { entries, units, needs } = checkProvisioning(open(provisioning), context);
    closureSummary = `async entry points ${entries.map((e) => e.unit.name).join(', ') || 'none'}; ${units.length} class(es) reached; needs ${needs.objects.size} object(s), ${needs.fields.size} field(s)`;
  }

  return makeResult(NAME, startedAt, {
    problems,
    info,
    summary: `${permissionSets.size} permission set(s) checked; admin ${admin ? 'found' : 'MISSING'}; provisioning ${provisioning ? 'found' : provisioningExists ? 'MISSING' : 'not needed yet'} (${closureSummary})`,
  });
}

export { asyncClosure, provisioningNeeds };

if (isMain(import.meta.url)) await runMain(NAME, run);
