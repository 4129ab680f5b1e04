import { minimalBook } from './minimalBook';

/** Broken price books, each with the one JSON path `validatePriceBook` must name. Shared by the validator and schema tests. */
export const badBooks: Array<{ what: string; book: () => unknown; path: string; message: string }> = [
  {
    what: 'a wrong unit',
    book: () => ({ ...minimalBook(), classes: { ...minimalBook().classes, app: { unit: 'minute', rate: 1000 } } }),
    path: '$.classes.app.unit',
    message: 'expected one of "run", "item", "execution", "tokens", "helper", got "minute"',
  },
  {
    what: 'a fractional rate',
    book: () => ({ ...minimalBook(), classes: { ...minimalBook().classes, app: { unit: 'run', rate: 1.5 } } }),
    path: '$.classes.app.rate',
    message: 'expected an integer ≥ 0, got 1.5',
  },
  {
    what: 'a negative rate',
    book: () => ({ ...minimalBook(), classes: { ...minimalBook().classes, app: { unit: 'run', rate: -1 } } }),
    path: '$.classes.app.rate',
    message: 'expected an integer ≥ 0, got -1',
  },
  {
    what: 'a rate given as a string',
    book: () => ({ ...minimalBook(), classes: { ...minimalBook().classes, app: { unit: 'run', rate: '1000' } } }),
    path: '$.classes.app.rate',
    message: 'expected an integer ≥ 0, got "1000"',
  },
  {
    what: 'an unknown class in a rule',
    book: () => ({ ...minimalBook(), rules: [...minimalBook().rules, { type: 'n8n-nodes-base.set', class: 'cheap' }] }),
    path: '$.rules[2].class',
    message: 'expected the name of a class in $.classes, got "cheap"',
  },
  {
    what: 'an unknown fallback class',
    book: () => ({ ...minimalBook(), fallbackClass: 'nothing' }),
    path: '$.fallbackClass',
    message: 'expected the name of a class in $.classes, got "nothing"',
  },
  {
    what: 'an unknown top-level property',
    book: () => ({ ...minimalBook(), nominal: 5 }),
    path: '$.nominal',
    message: 'unknown property; expected one of $schema, extends, version, name, description, classes, rules, fallbackClass, triggerClass, models, modelFallback, nominalPerExecution',
  },
  {
    what: 'an unknown property in a rule',
    book: () => ({ ...minimalBook(), rules: [{ type: 'n8n-nodes-base.*', class: 'app', mode: 'insert' }] }),
    path: '$.rules[0].mode',
    message: 'unknown property; expected one of type, operation, resource, class, note',
  },
  {
    what: 'a helper without every',
    book: () => ({ ...minimalBook(), classes: { ...minimalBook().classes, helper: { unit: 'helper', rate: 1000 } } }),
    path: '$.classes.helper.every',
    message: 'expected an integer ≥ 1, got undefined',
  },
  {
    what: 'a helper with every 0',
    book: () => ({ ...minimalBook(), classes: { ...minimalBook().classes, helper: { unit: 'helper', rate: 1000, every: 0 } } }),
    path: '$.classes.helper.every',
    message: 'expected an integer ≥ 1, got 0',
  },
  {
    what: 'every on a class that is not a helper',
    book: () => ({ ...minimalBook(), classes: { ...minimalBook().classes, app: { unit: 'run', rate: 1000, every: 10 } } }),
    path: '$.classes.app.every',
    message: 'only a class with unit "helper" takes "every"',
  },
  {
    what: 'a missing name',
    book: () => {
      const { name: _name, ...book } = minimalBook();
      return book;
    },
    path: '$.name',
    message: 'expected a non-empty string, got undefined',
  },
  {
    what: 'version 2',
    book: () => ({ ...minimalBook(), version: 2 }),
    path: '$.version',
    message: 'expected 1 (the only price book format version), got 2',
  },
  {
    what: 'a fractional model rate',
    book: () => ({ ...minimalBook(), models: { 'gpt-4o': { input: 2.5, output: 10 } } }),
    path: '$.models["gpt-4o"].input',
    message: 'expected an integer ≥ 0, got 2.5',
  },
  {
    what: 'a model fallback of 0',
    book: () => ({ ...minimalBook(), modelFallback: { input: 0, output: 15000 } }),
    path: '$.modelFallback.input',
    message: 'expected an integer ≥ 1, got 0',
  },
  {
    what: 'a rule without a type',
    book: () => ({ ...minimalBook(), rules: [{ class: 'app' }] }),
    path: '$.rules[0].type',
    message: 'expected a non-empty string, got undefined',
  },
  {
    what: 'rules that are not an array',
    book: () => ({ ...minimalBook(), rules: { type: 'n8n-nodes-base.*', class: 'app' } }),
    path: '$.rules',
    message: 'expected an array, got an object',
  },
  {
    what: 'a missing nominal charge',
    book: () => {
      const { nominalPerExecution: _n, ...book } = minimalBook();
      return book;
    },
    path: '$.nominalPerExecution',
    message: 'expected an integer ≥ 0, got undefined',
  },
];
