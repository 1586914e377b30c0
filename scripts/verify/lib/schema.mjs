// The offline org schema the SOQL, contract and permission checks resolve names against:
//   (a) Salesforce's standard objects as the apex-ls type library knows them (API 65.0): the jar
//       `sobject-types-65.0.0.jar` bundled in @salesforce/code-analyzer-pmd-engine holds one compiled Java
//       class per standard object (4,500+ objects: User, CallCenter, CallCenterRoutingMap, Group,
//       AsyncApexJob, PermissionSetAssignment, NamedCredential, CustomNotificationType, ...). Each public
//       instance field is an SObject field: `System.Id` = id/lookup id, `SObjects.X` = relationship to X
//       (`SObjects.Name` or `System.SObject` = polymorphic), `SObjects.X[]` = child relationship, anything
//       else = a value field. The jar is read directly (zip + class-file parsing, ~0.2 s, no Java).
//   (b) this project's objects and fields from source: every `objects/<Object>/` folder of every package
//       directory (custom objects, custom settings, custom metadata types, platform events, and custom
//       fields added to standard objects).
//
// Usage: `const schema = await loadSchema(projectDir)`; `schema.object('User')`, `schema.suggestObject(name)`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { findInNodeModules, packageDirectories, walkFiles } from './verify-common.mjs';

/** Where the standard-object library lives, below node_modules. */
export const SOBJECT_JAR_DIR = '@salesforce/code-analyzer-pmd-engine/dist/java-lib';
const SOBJECT_JAR = /^sobject-types-(\d+\.\d+)\.\d+\.jar$/;
const SOBJECTS_PACKAGE = 'com/nawforce/runforce/SObjects/';
const STUBS_PACKAGE = 'com/nawforce/runforce/SObjectStubs/';
const SYSTEM_PACKAGE = 'com/nawforce/runforce/System/';

/**
 * Objects that exist only when an org feature is on. Referencing them statically (static SOQL, the Apex type,
 * a permission set entry) makes the package fail to install in orgs without the feature.
 */
export const FEATURE_DEPENDENT_OBJECTS = new Map([
  ['callcenterroutingmap', 'Service Cloud Voice (the object exists only in orgs with Voice enabled)'],
]);

/**
 * @typedef {object} FieldDef
 * @property {string} name          API name, as spelled by the schema
 * @property {'id'|'value'|'compound'} kind  `id` for Id and lookup-id fields
 * @property {string} [type]        value type (String, Boolean, Datetime...) or custom field type (Text, Lookup...)
 * @property {string[]|'*'} [referenceTo]  for lookup ids: target objects ('*' = polymorphic)
 * @property {string} [relationshipName]   for lookup ids: the relationship to traverse
 * @property {boolean} [custom]
 * @property {string} [file]        source file of a custom field
 * @property {object} [meta]        the parsed field-meta.xml of a custom field
 */

/**
 * @typedef {object} RelationshipDef
 * @property {string} name
 * @property {string} target        target object API name, or '*' for polymorphic (queryable through `Name`)
 * @property {string} [idField]
 */

/**
 * @typedef {object} ObjectDef
 * @property {string} name
 * @property {'standard'|'custom'|'setting'|'metadata'|'event'|'bigobject'|'external'} kind
 * @property {boolean} fromSource   declared (object-meta.xml or custom fields) in this project
 * @property {Map<string, FieldDef>} fields              keyed by lower-case name
 * @property {Map<string, RelationshipDef>} relationships keyed by lower-case name
 * @property {Map<string, {name: string, childObject: string, field?: string}>} children keyed by lower-case name
 * @property {string} [file]         object-meta.xml
 * @property {string} [packageDir]   package directory path of the source
 * @property {boolean} [packaged]    the source is in a packaged directory
 * @property {object} [meta]         parsed object-meta.xml
 */

// ---------------------------------------------------------------------------------------------------------
// Edit distance suggestions

/** Damerau-Levenshtein (optimal string alignment) distance, case-insensitive. */
export function editDistance(a, b) {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = Array.from({ length: rows }, (_, i) => {
    const row = new Array(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The closest candidate to `name`, when it is close enough to be a plausible typo.
 * @param {string} name
 * @param {Iterable<string>} candidates
 * @returns {string|null}
 */
export function suggest(name, candidates) {
  let best = null;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(name.length / 3));
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === name.toLowerCase()) return candidate;
    const distance = editDistance(name, candidate);
    if (distance < bestDistance || (distance === bestDistance && best !== null && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== null && bestDistance <= limit) return best;
  // A missing or extra suffix/prefix ("CallCenter" for "CallCenterId"): accept containment of a long name.
  for (const candidate of candidates) {
    const [shortName, longName] = candidate.length < name.length ? [candidate, name] : [name, candidate];
    if (shortName.length >= 5 && longName.toLowerCase().includes(shortName.toLowerCase())) return candidate;
  }
  return null;
}

/** " (did you mean 'X'?)" or ''. */
export function didYouMean(name, candidates) {
  const best = suggest(name, candidates);
  return best && best !== name ? ` (did you mean '${best}'?)` : '';
}

// ---------------------------------------------------------------------------------------------------------
// Reading the jar: a minimal zip reader and class-file parser

/** Entries of a zip file: name -> () => Buffer (inflated lazily). */
function readZip(file) {
  const buf = fs.readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: bad zip central directory`);
    const method = buf.readUInt16LE(offset + 10);
    const compressedSize = buf.readUInt32LE(offset + 20);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    const localHeader = buf.readUInt32LE(offset + 42);
    const name = buf.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    entries.set(name, () => {
      const start = localHeader + 30 + buf.readUInt16LE(localHeader + 26) + buf.readUInt16LE(localHeader + 28);
      const data = buf.subarray(start, start + compressedSize);
      return method === 8 ? zlib.inflateRawSync(data) : data;
    });
  }
  return entries;
}

/** The class name, super class name and instance fields (name + descriptor) of a Java class file. */
function parseClassFile(cls) {
  if (cls.readUInt32BE(0) !== 0xcafebabe) throw new Error('not a class file');
  const poolCount = cls.readUInt16BE(8);
  const pool = new Array(poolCount);
  let p = 10;
  for (let k = 1; k < poolCount; k++) {
    const tag = cls[p++];
    if (tag === 1) {
      const length = cls.readUInt16BE(p);
      pool[k] = cls.toString('utf8', p + 2, p + 2 + length);
      p += 2 + length;
    } else if (tag === 7 || tag === 8 || tag === 16 || tag === 19 || tag === 20) {
      pool[k] = { ref: cls.readUInt16BE(p) };
      p += 2;
    } else if (tag === 15) p += 3;
    else if (tag === 5 || tag === 6) {
      p += 8;
      k++;
    } else p += 4;
  }
  p += 2; // access flags
  const className = pool[pool[cls.readUInt16BE(p)].ref];
  const superIndex = cls.readUInt16BE(p + 2);
  const superName = superIndex ? pool[pool[superIndex].ref] : null;
  p += 4;
  p += 2 + 2 * cls.readUInt16BE(p); // interfaces
  const fieldCount = cls.readUInt16BE(p);
  p += 2;
  const fields = [];
  for (let f = 0; f < fieldCount; f++) {
    const access = cls.readUInt16BE(p);
    const name = pool[cls.readUInt16BE(p + 2)];
    const descriptor = pool[cls.readUInt16BE(p + 4)];
    const attributes = cls.readUInt16BE(p + 6);
    p += 8;
    for (let a = 0; a < attributes; a++) p += 6 + cls.readUInt32BE(p + 2);
    if ((access & 0x0008) === 0) fields.push({ name, descriptor }); // instance fields only (not SObjectType/Fields)
  }
  return { className, superName, fields };
}

function newObject(name, kind, fromSource) {
  return { name, kind, fromSource, fields: new Map(), relationships: new Map(), children: new Map() };
}

function addField(object, field) {
  object.fields.set(field.name.toLowerCase(), field);
}

function addRelationship(object, relationship) {
  object.relationships.set(relationship.name.toLowerCase(), relationship);
}

/** The standard objects of the apex-ls type library. */
function loadStandardObjects(projectDir) {
  const jarDir = findInNodeModules(projectDir, SOBJECT_JAR_DIR);
  if (!jarDir) throw new Error(`node_modules/${SOBJECT_JAR_DIR} not found: run npm ci`);
  const jarName = fs.readdirSync(jarDir).find((f) => SOBJECT_JAR.test(f));
  if (!jarName) throw new Error(`no sobject-types-*.jar in ${jarDir}`);
  const apiVersion = SOBJECT_JAR.exec(jarName)[1];
  const classes = [];
  for (const [name, read] of readZip(path.join(jarDir, jarName))) {
    if (name.startsWith(SOBJECTS_PACKAGE) && name.endsWith('.class')) classes.push(parseClassFile(read()));
  }
  // A few objects (UserRecordAccess, IdeaComment...) are stubs in the standard-types jar.
  const standardJar = fs.readdirSync(jarDir).find((f) => /^standard-types-.*\.jar$/.test(f));
  if (standardJar) {
    for (const [name, read] of readZip(path.join(jarDir, standardJar))) {
      if (name.startsWith(STUBS_PACKAGE) && name.endsWith('.class')) {
        const parsed = parseClassFile(read());
        parsed.className = SOBJECTS_PACKAGE + parsed.className.slice(STUBS_PACKAGE.length);
        if (!classes.some((c) => c.className === parsed.className)) classes.push(parsed);
      }
    }
  }
  const objects = new Map();
  for (const cls of classes) {
    const objectName = cls.className.slice(SOBJECTS_PACKAGE.length);
    const object = newObject(objectName, 'standard', false);
    const fieldNames = new Set(cls.fields.map((f) => f.name.toLowerCase()));
    for (const { name, descriptor } of cls.fields) {
      const array = descriptor.startsWith('[');
      const typeName = descriptor.replace(/^\[*L/, '').replace(/;$/, '');
      if (array && typeName.startsWith(SOBJECTS_PACKAGE)) {
        object.children.set(name.toLowerCase(), { name, childObject: typeName.slice(SOBJECTS_PACKAGE.length) });
      } else if (typeName === `${SYSTEM_PACKAGE}Id`) {
        addField(object, { name, kind: 'id', type: 'Id' });
      } else if (typeName.startsWith(SOBJECTS_PACKAGE) || typeName === `${SYSTEM_PACKAGE}SObject`) {
        const target = typeName === `${SYSTEM_PACKAGE}SObject` ? '*' : typeName.slice(SOBJECTS_PACKAGE.length);
        // A relationship has its id field beside it (OwnerId/Owner); without one it is a compound value
        // field typed by an object of the same name (User.Address).
        const idField = [`${name}Id`, name.replace(/__r$/, '__c')].find(
          (f) => f !== name && fieldNames.has(f.toLowerCase()),
        );
        if (idField) {
          addRelationship(object, { name, target: target === 'Name' ? '*' : target, idField });
        } else {
          addField(object, { name, kind: 'compound', type: target });
        }
      } else {
        addField(object, { name, kind: 'value', type: typeName.split('/').pop() });
      }
    }
    // Link each lookup id to its relationship, so checks can say "use CallCenter.Name, not CallCenterId.Name".
    for (const relationship of object.relationships.values()) {
      const idField = object.fields.get(relationship.idField.toLowerCase());
      if (idField) {
        idField.relationshipName = relationship.name;
        idField.referenceTo = relationship.target === '*' ? '*' : [relationship.target];
      }
    }
    objects.set(objectName.toLowerCase(), object);
  }
  return { objects, apiVersion, source: path.join(jarDir, jarName) };
}

// ---------------------------------------------------------------------------------------------------------
// This project's objects and fields

const xmlParser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['referenceTo', 'fields', 'values'].includes(name),
});

/** Parses a metadata XML file; returns the root element's content or null when unreadable. */
export function readMetadataXml(file) {
  try {
    const parsed = xmlParser.parse(fs.readFileSync(file, 'utf8'));
    const rootKey = Object.keys(parsed).find((key) => key !== '?xml');
    return rootKey ? { root: rootKey, content: parsed[rootKey] ?? {} } : null;
  } catch {
    return null;
  }
}

const isTrue = (value) => String(value).toLowerCase() === 'true';

/** Kind of a custom object by its suffix and object-meta.xml. */
function customKind(name, meta) {
  if (/__mdt$/i.test(name)) return 'metadata';
  if (/__e$/i.test(name)) return 'event';
  if (/__b$/i.test(name)) return 'bigobject';
  if (/__x$/i.test(name)) return 'external';
  if (meta?.customSettingsType) return 'setting';
  return 'custom';
}

/** The standard fields the platform adds to each kind of custom object. */
function addStandardFieldsOfCustomObject(object, { hasMasterDetail, hasRecordTypes }) {
  const idf = (name, targets, relationshipName) => {
    addField(object, { name, kind: 'id', type: 'Id', referenceTo: targets, relationshipName });
    if (relationshipName)
      addRelationship(object, { name: relationshipName, target: targets === '*' ? '*' : targets[0], idField: name });
  };
  const value = (name, type) => addField(object, { name, kind: 'value', type });
  idf('Id', undefined);
  if (object.kind === 'metadata') {
    for (const name of ['DeveloperName', 'MasterLabel', 'Label', 'Language', 'NamespacePrefix', 'QualifiedApiName'])
      value(name, 'String');
    value('SystemModstamp', 'Datetime');
    return;
  }
  if (object.kind === 'event') {
    value('ReplayId', 'String');
    value('EventUuid', 'String');
    value('CreatedDate', 'Datetime');
    idf('CreatedById', ['User'], 'CreatedBy');
    return;
  }
  value('Name', 'String');
  value('IsDeleted', 'Boolean');
  value('CreatedDate', 'Datetime');
  idf('CreatedById', ['User'], 'CreatedBy');
  value('LastModifiedDate', 'Datetime');
  idf('LastModifiedById', ['User'], 'LastModifiedBy');
  value('SystemModstamp', 'Datetime');
  if (object.kind === 'setting') {
    if (String(object.meta?.customSettingsType) === 'Hierarchy') idf('SetupOwnerId', '*', 'SetupOwner');
    return;
  }
  if (!hasMasterDetail) idf('OwnerId', '*', 'Owner');
  value('LastActivityDate', 'Date');
  value('LastViewedDate', 'Datetime');
  value('LastReferencedDate', 'Datetime');
  if (hasRecordTypes) idf('RecordTypeId', ['RecordType'], 'RecordType');
}

/** Line of the first `<tag>` in a file (for messages about a metadata element). */
export function lineOf(text, needle) {
  const index = text.indexOf(needle);
  if (index < 0) return 1;
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The objects and fields declared in this project's source, per package directory.
 * @returns {{objectDirs: {name: string, dir: string, packageDir: string, packaged: boolean}[]}}
 */
function findObjectDirs(projectDir) {
  const out = [];
  for (const pkg of packageDirectories(projectDir)) {
    const walk = (dir) => {
      let entries;
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (entry.name === 'objects') {
          for (const objectEntry of fs.readdirSync(full, { withFileTypes: true })) {
            if (objectEntry.isDirectory()) {
              out.push({
                name: objectEntry.name,
                dir: path.join(full, objectEntry.name),
                packageDir: pkg.path,
                packaged: pkg.packaged,
              });
            }
          }
        } else walk(full);
      }
    };
    walk(pkg.abs);
  }
  return out;
}

function mergeSourceObjects(projectDir, objects) {
  const objectDirs = findObjectDirs(projectDir);
  const customFields = [];
  // Pass 1: objects and their fields.
  for (const { name, dir, packageDir, packaged } of objectDirs) {
    const objectFile = path.join(dir, `${name}.object-meta.xml`);
    const meta = fs.existsSync(objectFile) ? (readMetadataXml(objectFile)?.content ?? {}) : null;
    let object = objects.get(name.toLowerCase());
    const isCustom = /__[a-z]+$/i.test(name);
    if (!object) {
      object = newObject(name, isCustom ? customKind(name, meta) : 'standard', true);
      objects.set(name.toLowerCase(), object);
    }
    object.fromSource = true;
    if (meta) {
      object.meta = meta;
      object.file = objectFile;
    }
    object.packageDir ??= packageDir;
    object.packaged ||= packaged;
    object.sourceDirs = [...(object.sourceDirs ?? []), { dir, packageDir, packaged }];
    const fieldsDir = path.join(dir, 'fields');
    const fieldFiles = fs.existsSync(fieldsDir) ? walkFiles(fieldsDir, (f) => f.endsWith('.field-meta.xml')) : [];
    const parsedFields = fieldFiles.map((file) => ({ file, meta: readMetadataXml(file)?.content ?? {} }));
    if (isCustom && !object.customFieldsAdded) {
      const hasMasterDetail = parsedFields.some((f) => String(f.meta.type) === 'MasterDetail');
      const hasRecordTypes = fs.existsSync(path.join(dir, 'recordTypes'));
      object.kind = customKind(name, meta);
      addStandardFieldsOfCustomObject(object, { hasMasterDetail, hasRecordTypes });
      object.customFieldsAdded = true;
    }
    for (const { file, meta: fieldMeta } of parsedFields) {
      const fieldName = String(fieldMeta.fullName ?? path.basename(file, '.field-meta.xml'));
      const type = String(fieldMeta.type ?? (fieldMeta.formula ? 'Formula' : 'Unknown'));
      const reference = [
        'Lookup',
        'MasterDetail',
        'MetadataRelationship',
        'Hierarchy',
        'ExternalLookup',
        'IndirectLookup',
      ].includes(type);
      const referenceTo = (fieldMeta.referenceTo ?? []).map(String);
      if (type === 'Hierarchy') referenceTo.push('User');
      if (type === 'MetadataRelationship' && referenceTo.length === 0)
        referenceTo.push(String(fieldMeta.referenceTo ?? 'EntityDefinition'));
      const field = {
        name: fieldName,
        kind: reference ? 'id' : 'value',
        type,
        custom: true,
        file,
        meta: fieldMeta,
        packaged,
        referenceTo: reference ? referenceTo : undefined,
        relationshipName: reference ? fieldName.replace(/__c$/i, '__r') : undefined,
      };
      addField(object, field);
      if (type === 'Location') {
        // Geolocation compound fields: Foo__Latitude__s / Foo__Longitude__s.
        const base = fieldName.replace(/__c$/i, '');
        addField(object, { name: `${base}__Latitude__s`, kind: 'value', type: 'Double', custom: true, file });
        addField(object, { name: `${base}__Longitude__s`, kind: 'value', type: 'Double', custom: true, file });
      }
      if (reference) {
        addRelationship(object, { name: field.relationshipName, target: referenceTo[0] ?? '*', idField: fieldName });
        customFields.push({ object, field });
      }
    }
  }
  // Pass 2: child relationships on the parents of custom lookups.
  for (const { object, field } of customFields) {
    const childName = field.meta?.relationshipName ? `${field.meta.relationshipName}__r` : null;
    for (const parentName of field.referenceTo ?? []) {
      const parent = objects.get(parentName.toLowerCase());
      if (parent && childName)
        parent.children.set(childName.toLowerCase(), { name: childName, childObject: object.name, field: field.name });
    }
  }
  // Custom objects get a share object when their sharing model is not controlled by a parent.
  for (const object of [...objects.values()]) {
    if (object.kind !== 'custom' || !object.meta) continue;
    const sharing = String(object.meta.sharingModel ?? '');
    if (sharing === 'ControlledByParent' || sharing === 'ReadWrite' || sharing === 'FullAccess') continue;
    const shareName = object.name.replace(/__c$/i, '__Share');
    if (objects.has(shareName.toLowerCase())) continue;
    const share = newObject(shareName, 'custom', true);
    for (const name of ['Id', 'ParentId', 'UserOrGroupId', 'LastModifiedById'])
      addField(share, { name, kind: 'id', type: 'Id' });
    for (const name of ['AccessLevel', 'RowCause']) addField(share, { name, kind: 'value', type: 'String' });
    for (const name of ['LastModifiedDate']) addField(share, { name, kind: 'value', type: 'Datetime' });
    addField(share, { name: 'IsDeleted', kind: 'value', type: 'Boolean' });
    addRelationship(share, { name: 'Parent', target: object.name, idField: 'ParentId' });
    addRelationship(share, { name: 'UserOrGroup', target: '*', idField: 'UserOrGroupId' });
    objects.set(shareName.toLowerCase(), share);
  }
  return objectDirs;
}

// ---------------------------------------------------------------------------------------------------------

/** The schema: standard objects + this project's objects, with lookups and suggestions. */
export class Schema {
  constructor(objects, { apiVersion, source, objectDirs }) {
    /** @type {Map<string, ObjectDef>} */
    this.objects = objects;
    this.apiVersion = apiVersion;
    this.source = source;
    this.objectDirs = objectDirs;
  }

  /** @returns {ObjectDef|undefined} */
  object(name) {
    return name ? this.objects.get(String(name).toLowerCase()) : undefined;
  }

  /** The polymorphic `Name` object: the fields a polymorphic relationship exposes without TYPEOF. */
  get nameObject() {
    return this.object('Name');
  }

  objectNames() {
    return [...this.objects.values()].map((o) => o.name);
  }

  suggestObject(name) {
    return didYouMean(name, this.objectNames());
  }

  /** @returns {FieldDef|undefined} */
  field(objectName, fieldName) {
    return this.object(objectName)?.fields.get(String(fieldName).toLowerCase());
  }

  /** Objects declared in this project's source. */
  sourceObjects() {
    return [...this.objects.values()].filter((o) => o.fromSource);
  }
}

let cachedStandard = null;

/**
 * Loads the schema for a project.
 * @param {string} projectDir
 * @returns {Promise<Schema>}
 */
export async function loadSchema(projectDir) {
  if (!cachedStandard) cachedStandard = loadStandardObjects(projectDir);
  // Copy the standard objects (the project's custom fields are merged into them).
  const objects = new Map();
  for (const [key, object] of cachedStandard.objects) {
    objects.set(key, {
      ...object,
      fields: new Map(object.fields),
      relationships: new Map(object.relationships),
      children: new Map(object.children),
    });
  }
  const objectDirs = mergeSourceObjects(projectDir, objects);
  return new Schema(objects, { apiVersion: cachedStandard.apiVersion, source: cachedStandard.source, objectDirs });
}

export { isTrue };
