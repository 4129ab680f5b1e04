import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { getPriceBook, priceBookPresetNames, priceBookPresetSource, validatePriceBook } from '../../../shared-pricing/src/price-book';
import { badBooks } from './badBooks';
import { minimalBook } from './minimalBook';

const schema = JSON.parse(readFileSync(join(__dirname, '../../../shared-pricing/price-book.schema.json'), 'utf8'));

/** The schema marks class references with `x-class-ref`: the class must be a key of the book's `classes` (unknowable when it extends a preset). */
function compile() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  ajv.addKeyword({
    keyword: 'x-class-ref',
    schemaType: 'boolean',
    validate: (_on: boolean, data: unknown, _parent?: unknown, cxt?: { rootData: unknown }) => {
      const root = cxt?.rootData as { extends?: unknown; classes?: unknown } | undefined;
      if (typeof root?.extends === 'string') return true;
      const classes = root?.classes;
      return typeof data === 'string' && typeof classes === 'object' && classes !== null && Object.prototype.hasOwnProperty.call(classes, data);
    },
  });
  return ajv.compile(schema);
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: { missingProperty?: string; additionalProperty?: string };
}

/** Does one of ajv's errors point at the same place as the JSON path `validatePriceBook` named? */
function schemaBlames(errors: SchemaError[], path: string): boolean {
  return errors.some((e) => {
    if (e.keyword === 'if') return false;
    const key = e.params.missingProperty ?? e.params.additionalProperty;
    const pointer = key === undefined ? e.instancePath : `${e.instancePath}/${key}`;
    const asPath = '$' + pointer.split('/').slice(1).map((part) => (/^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`)).join('');
    // "every" on a class that is not a helper fails `not: {required: [every]}` on the class itself.
    return asPath === path || (e.keyword === 'not' && path.startsWith(`${asPath}.`));
  });
}

describe('price-book.schema.json', () => {
  const validate = compile();

  it('is a draft 2020-12 schema', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  });

  it('accepts the minimal test book', () => {
    assert.equal(validate(minimalBook()), true, JSON.stringify(validate.errors));
  });

  for (const name of priceBookPresetNames()) {
    it(`accepts the shipped "${name}" preset as written`, () => {
      assert.equal(validate(priceBookPresetSource(name)), true, JSON.stringify(validate.errors));
    });

    it(`loads the shipped "${name}" preset, resolved, through validatePriceBook`, () => {
      assert.deepEqual(validatePriceBook(getPriceBook(name)).ok, true);
    });
  }

  it('accepts a book that only extends a preset', () => {
    assert.equal(validate({ extends: 'default', name: 'mine', classes: { app: { unit: 'run', rate: 2000 } }, rules: [{ type: 'x.*', class: 'app' }] }), true);
  });

  it('still checks the entries of a book that extends a preset', () => {
    assert.equal(validate({ extends: 'default', classes: { app: { unit: 'run', rate: 0.5 } } }), false);
  });

  for (const bad of badBooks) {
    it(`rejects ${bad.what}, as validatePriceBook does at ${bad.path}`, () => {
      const book = bad.book();
      assert.equal(validate(book), false);
      const result = validatePriceBook(book);
      assert.deepEqual(result.ok ? [] : result.issues.map((i) => i.path), [bad.path]);
      assert.ok(schemaBlames(validate.errors ?? [], bad.path), `schema errors ${JSON.stringify(validate.errors)} do not point at ${bad.path}`);
    });
  }
});
