import { parse, ParseErrorCode, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { messages, PricingError } from '../errors';
import { lineIndex } from '../document/lineIndex';
import { MAX_JSON_DEPTH, tooDeeplyNested } from './tooDeeplyNested';

/** What each jsonc-parser error means, in words a person editing the file understands. */
const PROBLEMS: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name in double quotes',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: 'expected a colon',
  [ParseErrorCode.CommaExpected]: 'expected a comma',
  [ParseErrorCode.CloseBraceExpected]: 'expected a closing }',
  [ParseErrorCode.CloseBracketExpected]: 'expected a closing ]',
  [ParseErrorCode.EndOfFileExpected]: 'unexpected text after the end of the document',
  [ParseErrorCode.UnexpectedEndOfComment]: 'a comment is not closed',
  [ParseErrorCode.UnexpectedEndOfString]: 'a string is not closed',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape in a string',
  [ParseErrorCode.InvalidCharacter]: 'invalid character in a string',
};

/**
 * Parses a JSON document (comments and trailing commas allowed, as in editors) and throws a
 * `PricingError` naming the line and column of the first syntax error.
 */
export function parseJsonDocument(text: string, kind: string): unknown {
  if (tooDeeplyNested(text)) throw new PricingError('invalid-json', messages.tooDeeplyNested(kind, MAX_JSON_DEPTH));
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first) {
    const { line, column } = lineIndex(text).rangeOf(first.offset, first.length);
    throw new PricingError('invalid-json', messages.invalidJson(kind, line, column, PROBLEMS[first.error] ?? printParseErrorCode(first.error)));
  }
  return value;
}
