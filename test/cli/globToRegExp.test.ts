import assert from 'node:assert/strict';
import { globToRegExp } from '../../cli/src/files/globToRegExp';

describe('globToRegExp', () => {
  const cases: Array<[string, string, boolean]> = [
    ['**/*.json', 'a.json', true],
    ['**/*.json', 'a/b/c.json', true],
    ['**/*.json', 'a/b/c.jsonc', false],
    ['*.json', 'a/b.json', false],
    ['*.json', 'b.json', true],
    ['a/**/x.json', 'a/x.json', true],
    ['a/**/x.json', 'a/b/c/x.json', true],
    ['a/?.json', 'a/1.json', true],
    ['a/?.json', 'a/12.json', false],
    ['{a,b}/*.json', 'b/x.json', true],
    ['{a,b}/*.json', 'c/x.json', false],
    ['file.(1).json', 'file.(1).json', true],
    ['file.(1).json', 'fileX(1)Xjson', false],
  ];
  for (const [glob, path, expected] of cases) {
    it(`does ${expected ? '' : 'not '}match ${path} with ${glob}`, () => {
      assert.equal(globToRegExp(glob).test(path), expected);
    });
  }
});
