// The Metadata API type system as published in @salesforce/types (lib/metadata.d.ts, generated from the
// Metadata WSDL): object types with their fields (and which are lists / required), string enums and aliases.
import fs from 'node:fs';
import path from 'node:path';
import { findInNodeModules } from './verify-common.mjs';

/**
 * @typedef {{kind: 'object', name: string, bases: string[], fields: Record<string, Field>}} ObjectType
 * @typedef {{kind: 'enum', name: string, values: Set<string>}} EnumType
 * @typedef {{kind: 'alias', name: string, target: string}} AliasType
 * @typedef {{name: string, type: string, list: boolean, optional: boolean}} Field
 */

/** Primitive field types: anything else is a named type of the file. */
export const PRIMITIVES = new Set(['string', 'boolean', 'number', 'any']);

/**
 * Parses metadata.d.ts. Every declaration in it has one of these line shapes (checked: nothing else occurs):
 *   export type X = A & B & {   /   export type X = {      object type (bases A, B)
 *       name?: Type;  /  name: Type[];                        field (optional / list)
 *   };
 *   export type X = 'a' | 'b';                                string enum
 *   export type X = Y;                                        alias
 * @param {string} projectDir
 * @returns {{types: Map<string, ObjectType|EnumType|AliasType>, source: string, unparsed: string[]}}
 */
export function loadMetadataTypes(projectDir) {
  const source = findInNodeModules(projectDir, '@salesforce/types/lib/metadata.d.ts');
  if (!source) throw new Error('node_modules/@salesforce/types/lib/metadata.d.ts not found: run npm ci');
  const types = new Map();
  const unparsed = [];
  let current = null;
  for (const line of fs.readFileSync(source, 'utf8').split('\n')) {
    let m;
    if (current) {
      if (/^\};\s*$/.test(line)) {
        types.set(current.name, current);
        current = null;
      } else if ((m = /^\s*(\w+)(\??): (\w+)(\[\])?;\s*$/.exec(line))) {
        current.fields[m[1]] = { name: m[1], type: m[3], list: m[4] === '[]', optional: m[2] === '?' };
      } else if (line.trim()) {
        unparsed.push(line);
      }
    } else if ((m = /^export type (\w+) = ((?:\w+ & )*)\{\s*$/.exec(line))) {
      current = {
        kind: 'object',
        name: m[1],
        bases: m[2]
          .split('&')
          .map((s) => s.trim())
          .filter(Boolean),
        fields: {},
      };
    } else if ((m = /^export type (\w+) = ('.*');\s*$/.exec(line))) {
      const values = new Set([...m[2].matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((v) => v[1]));
      types.set(m[1], { kind: 'enum', name: m[1], values });
    } else if ((m = /^export type (\w+) = (\w+);\s*$/.exec(line))) {
      types.set(m[1], { kind: 'alias', name: m[1], target: m[2] });
    } else if (line.trim() && !line.startsWith('//') && !line.startsWith('export {}')) {
      unparsed.push(line);
    }
  }
  return { types, source: path.relative(projectDir, source), unparsed };
}

/**
 * Follows aliases: the object/enum type behind a name, or the primitive name ('string', ...), or null.
 * @returns {ObjectType|EnumType|string|null}
 */
export function resolveType(types, name) {
  for (let i = 0, current = name; i < 20; i++) {
    if (PRIMITIVES.has(current)) return current;
    const type = types.get(current);
    if (!type) return null;
    if (type.kind !== 'alias') return type;
    current = type.target;
  }
  return null;
}

const fieldCache = new WeakMap();

/** All fields of an object type, including those of its base types. */
export function fieldsOf(types, objectType) {
  let byType = fieldCache.get(types);
  if (!byType) fieldCache.set(types, (byType = new Map()));
  if (byType.has(objectType.name)) return byType.get(objectType.name);
  let fields = {};
  for (const base of objectType.bases) {
    const resolved = resolveType(types, base);
    if (resolved && typeof resolved === 'object' && resolved.kind === 'object')
      fields = { ...fields, ...fieldsOf(types, resolved) };
  }
  fields = { ...fields, ...objectType.fields };
  byType.set(objectType.name, fields);
  return fields;
}
