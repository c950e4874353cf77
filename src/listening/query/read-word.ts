import { FIELD_NAMES, LIMITS, SOURCES, type FieldName, type FieldNode, type PositionalNode } from './ast.js';
import { domainName, normaliseHandle, normaliseHashtag, normaliseLang } from './field-values.js';
import { LANGUAGE_CODES } from './language-codes.js';
import { messages } from './messages.js';
import { characterCount } from './position.js';
import { tokenise } from './tokenise.js';

/** A word or phrase of the query read into a clause, or what is wrong with it. */
export type Reading = { node: PositionalNode | FieldNode } | { problem: string };

const HASHTAG = /^[\p{L}\p{N}_]+$/u;
const HANDLE = /^[\p{L}\p{N}_][\p{L}\p{N}_.:@-]*$/u;
const FIELD = /^(\p{L}+):(.*)$/su;
const SAMPLES: Record<FieldName, string> = {
  author: 'author:dwp',
  lang: 'lang:cy',
  source: 'source:bluesky',
  site: 'site:gov.uk',
  hashtag: '#nhs',
  mention: '@dwp',
};

function isFieldName(name: string): name is FieldName {
  return FIELD_NAMES.some((field) => field === name);
}

/** Reads an unquoted word: a term, several terms (a phrase, as in "e-mail"), a prefix or a field. */
export function readWord(text: string): Reading {
  if (/^o?near\//i.test(text)) return { problem: messages.lowercaseNear() };
  if (text === '-') return { problem: messages.minusAlone() };
  if (text.startsWith('-')) return { problem: messages.misplacedMinus() };
  if (text.startsWith('#')) return readField('hashtag', text.slice(1), '#');
  if (text.startsWith('@')) return readField('mention', text.slice(1), '@');
  const field = FIELD.exec(text);
  if (field) {
    const [, name = '', value = ''] = field;
    const lower = name.toLowerCase();
    if (isFieldName(lower)) return readField(lower, value, `${lower}:`);
    if (lower === 'http' || lower === 'https') return { problem: messages.linkAsWord() };
    return { problem: messages.unknownField(name) };
  }
  if (text.includes('*')) return readPrefix(text);
  return readTokens(tokenise(text), () => messages.noLetters(text));
}

/** Reads the text between quotes. */
export function readPhrase(text: string): Reading {
  if (text.includes('*')) return { problem: messages.wildcardInPhrase() };
  return readTokens(tokenise(text), messages.emptyPhrase);
}

function readTokens(words: string[], none: () => string): Reading {
  const [first] = words;
  if (first === undefined) return { problem: none() };
  return { node: words.length === 1 ? { kind: 'term', word: first } : { kind: 'phrase', words } };
}

function readPrefix(text: string): Reading {
  const words = text.indexOf('*') === text.length - 1 ? tokenise(text.slice(0, -1)) : [];
  const [stem] = words;
  if (stem === undefined || words.length > 1) return { problem: messages.wildcardPlace() };
  if (characterCount(stem) < LIMITS.minPrefix) return { problem: messages.wildcardTooShort(stem) };
  return { node: { kind: 'prefix', stem } };
}

function readField(field: FieldName, raw: string, written: string): Reading {
  if (raw === '') return { problem: messages.fieldValueMissing(written, SAMPLES[field]) };
  const value = fieldValue(field, raw);
  return typeof value === 'string' ? { node: { kind: 'field', field, value } } : value;
}

function fieldValue(field: FieldName, raw: string): string | { problem: string } {
  switch (field) {
    case 'hashtag': {
      const tag = normaliseHashtag(raw);
      return HASHTAG.test(tag) ? tag : { problem: messages.hashtagInvalid(raw) };
    }
    case 'author':
    case 'mention': {
      const handle = normaliseHandle(raw);
      return HANDLE.test(handle) ? handle : { problem: messages.handleInvalid(raw) };
    }
    case 'lang': {
      const lang = normaliseLang(raw);
      return LANGUAGE_CODES.has(lang) && /^[a-z]{2}(?:[-_][a-z0-9]+)*$/i.test(raw) ? lang : { problem: messages.langInvalid(raw) };
    }
    case 'source': {
      const source = raw.toLowerCase();
      return SOURCES.some((s) => s === source) ? source : { problem: messages.sourceInvalid(raw) };
    }
    case 'site':
      return domainName(raw) ?? { problem: messages.siteInvalid(raw) };
  }
}
