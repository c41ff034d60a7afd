/**
 * The words around a date that qualify it ("no later than", "approx.", "mid-", "(estimated)"): what each
 * means, which bare years may follow it, and whether it is part of the date expression. Data for the date
 * parser (parseDate.ts), indexed by first character so that a position is tried against a few phrases only.
 */

export type DateQualifier = 'approximate' | 'before' | 'after' | 'exact';

/** Bare years: 0 never, 1 only when followed by punctuation or the end ("in 2026."), 2 always ("mid-2026"). */
export type YearMode = 0 | 1 | 2;
/** A word before a date: what it means, which bare years may follow it, and whether it is part of the date expression. */
export interface Qualifier {
  phrase: string;
  meaning: DateQualifier;
  years: YearMode;
  include: boolean;
}
const QUALIFIERS: Qualifier[] = (
  [
    ['no later than', 'before', 1],
    ['not later than', 'before', 1],
    ['no earlier than', 'after', 1],
    ['not earlier than', 'after', 1],
    ['prior to', 'before', 1],
    ['up until', 'before', 1],
    ['approximately', 'approximate', 0],
    ['approx.', 'approximate', 0],
    ['approx', 'approximate', 0],
    ['around', 'approximate', 0],
    ['about', 'approximate', 0],
    ['roughly', 'approximate', 0],
    ['circa', 'approximate', 1],
    ['ca.', 'approximate', 1],
    ['est.', 'approximate', 0],
    ['estimated', 'approximate', 0],
    ['~', 'approximate', 0],
    ['before', 'before', 1],
    ['by', 'before', 1],
    ['until', 'before', 1],
    ['till', 'before', 1],
    ['after', 'after', 1],
    ['since', 'after', 1],
    ['from', 'after', 1],
    ['early', 'approximate', 2],
    ['mid', 'approximate', 2],
    ['late', 'approximate', 2],
    ['between', 'exact', 0],
    ['in', 'exact', 1],
    ['during', 'exact', 1],
  ] as const
).map(([phrase, meaning, years]) => ({ phrase, meaning, years, include: phrase !== 'in' && phrase !== 'during' }));
/** QUALIFIERS by the char code of their first letter, so most words are rejected with one lookup. */
export const QUALIFIERS_BY_FIRST_CHAR: Qualifier[][] = Array.from({ length: 128 }, (_, code) =>
  QUALIFIERS.filter((qualifier) => qualifier.phrase.charCodeAt(0) === code),
);
export const TRAILING_QUALIFIERS: [string, DateQualifier][] = [
  ['or earlier', 'before'],
  ['or before', 'before'],
  ['at the latest', 'before'],
  ['or later', 'after'],
  ['or after', 'after'],
  ['at the earliest', 'after'],
  ['onwards', 'after'],
  ['onward', 'after'],
];
export const PARENTHESIZED_APPROXIMATE = new Set(['estimated', 'est.', 'est', 'approx.', 'approx', 'approximate', 'approximately', 'circa', 'ca.']);
