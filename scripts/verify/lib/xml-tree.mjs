// Strict XML well-formedness and an element tree with line numbers.
//
// fast-xml-parser's XMLValidator catches unbalanced tags, bad names, unquoted or repeated attributes and a
// bare '&', but accepts several documents that are not well-formed XML 1.0: two root elements, text after
// the root, undefined entities (&nbsp;), control characters and '--' inside a comment. parseXml() runs the
// validator, then a tokenizer that enforces those rules too and builds the tree the metadata checks walk.
import { XMLValidator } from 'fast-xml-parser';

/**
 * @typedef {object} XmlElement
 * @property {string} name
 * @property {number} line
 * @property {number} column
 * @property {Record<string, string>} attributes
 * @property {XmlElement[]} children
 * @property {string} text  decoded character data directly inside the element
 */

const PREDEFINED_ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const TOKEN =
  /<!--([\s\S]*?)-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?([\s\S]*?)\?>|<!DOCTYPE[\s\S]*?>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
/**
 * Offset of the first character the XML 1.0 Char production forbids (C0 controls other than tab, LF and CR,
 * U+FFFE, U+FFFF, lone surrogates), or -1.
 */
function firstInvalidChar(text) {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return i;
    if (code === 0xfffe || code === 0xffff) return i;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return i;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return i;
    }
  }
  return -1;
}

/**
 * @param {string} xml
 * @returns {{root: XmlElement|null, errors: {line: number, column?: number, message: string}[]}}
 */
export function parseXml(xml) {
  const errors = [];
  const body = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const lineStarts = [0];
  for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const position = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };

  const validation = XMLValidator.validate(body);
  if (validation !== true) {
    return {
      root: null,
      errors: [{ line: validation.err.line ?? 1, column: validation.err.col, message: validation.err.msg }],
    };
  }
  const invalid = firstInvalidChar(body);
  if (invalid >= 0) {
    const code = body.charCodeAt(invalid).toString(16).padStart(4, '0').toUpperCase();
    errors.push({ ...position(invalid), message: `character U+${code} is not allowed in XML 1.0` });
  }

  /** Decodes character references and predefined entities; reports any other entity. */
  const decode = (text, offset) =>
    text.replace(/&([^;\s&<]*);/g, (whole, name, index) => {
      if (name in PREDEFINED_ENTITIES) return PREDEFINED_ENTITIES[name];
      const code = /^#x([0-9a-f]+)$/i.exec(name)
        ? parseInt(name.slice(2), 16)
        : /^#(\d+)$/.exec(name)
          ? Number(name.slice(1))
          : NaN;
      if (Number.isFinite(code) && code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
      errors.push({
        ...position(offset + index),
        message: `undefined entity ${whole} (XML only predefines &lt; &gt; &amp; &quot; &apos;)`,
      });
      return whole;
    });

  let root = null;
  const stack = [];
  let last = 0;
  const handleText = (start, end) => {
    if (end <= start) return;
    const raw = body.slice(start, end);
    if (stack.length > 0) stack[stack.length - 1].text += decode(raw, start);
    else if (raw.trim())
      errors.push({
        ...position(start + raw.search(/\S/)),
        message: `text outside the root element: '${raw.trim().slice(0, 40)}'`,
      });
  };
  for (const match of body.matchAll(TOKEN)) {
    handleText(last, match.index);
    last = match.index + match[0].length;
    const [whole, comment, cdata, instruction, endName, startName, attributeText, selfClosing] = match;
    if (comment !== undefined) {
      if (comment.includes('--') || comment.endsWith('-'))
        errors.push({ ...position(match.index), message: "'--' is not allowed inside an XML comment" });
    } else if (cdata !== undefined) {
      if (stack.length > 0) stack[stack.length - 1].text += cdata;
      else errors.push({ ...position(match.index), message: 'CDATA outside the root element' });
    } else if (instruction !== undefined) {
      if (/^xml\s/i.test(instruction) && match.index !== 0)
        errors.push({ ...position(match.index), message: 'the XML declaration must be at the very start of the file' });
    } else if (whole.startsWith('<!DOCTYPE')) {
      errors.push({ ...position(match.index), message: 'DOCTYPE declarations are not used in Salesforce metadata' });
    } else if (endName !== undefined) {
      stack.pop();
    } else {
      const attributes = {};
      for (const attribute of attributeText.matchAll(ATTRIBUTE))
        attributes[attribute[1]] = decode(attribute[2] ?? attribute[3], match.index);
      const element = { name: startName, ...position(match.index), attributes, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1].children.push(element);
      else if (root)
        errors.push({
          ...position(match.index),
          message: `second root element <${startName}> (a document has exactly one)`,
        });
      else root = element;
      if (!selfClosing) stack.push(element);
    }
  }
  handleText(last, body.length);
  if (!root && errors.length === 0) errors.push({ line: 1, message: 'no root element' });
  return { root, errors };
}
