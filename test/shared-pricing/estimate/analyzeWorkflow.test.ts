import { strict as assert } from 'node:assert';
import { analyzeWorkflow } from '../../../shared-pricing/src/estimate';
import { analyze, book, fixture, nodeOf } from './fixtures';

// Rates of the test book: trigger 0, app/HTTP 1000, Set/IF/Loop 100, Code 500, Crypto 10 per item,
// DateTime 300 once per execution, Markdown helper 1000 every 10 runs, agent 200, tool 50,
// memory 20, Execute Workflow 100, test-model 1000 in / 2000 out per 1K tokens; 5 per execution.

describe('analyzeWorkflow', () => {
  describe('traversal', () => {
    it('runs each node of a linear workflow once and adds the nominal charge', () => {
      const analysis = analyze('linear');
      assert.deepEqual(analysis.perExecution, { expected: 1605, min: 1605, max: 1605 });
      assert.deepEqual(nodeOf(analysis, 'HTTP').runs, { expected: 1, min: 1, max: 1 });
    });

    it('names the triggers it started from', () => {
      assert.deepEqual(analyze('linear').triggers, ['Manual']);
    });

    it('gives sticky notes no runs, no cost and no finding', () => {
      const analysis = analyze('linear');
      const note = nodeOf(analysis, 'Note');
      assert.deepEqual([note.runs.max, note.credits.max, note.findings.length], [0, 0, 0]);
    });
  });

  describe('Loop Over Items', () => {
    it('runs a v3 loop ceil(n/b) + 1 times and its body ceil(n/b) times', () => {
      const analysis = analyze('loop');
      assert.deepEqual([nodeOf(analysis, 'Loop').runs.expected, nodeOf(analysis, 'Body').runs.expected], [4, 3]);
    });

    it('runs the done branch once with all items', () => {
      const done = nodeOf(analyze('loop'), 'Done');
      assert.deepEqual([done.runs.expected, done.itemsPerRun.expected], [1, 25]);
    });

    // Regression (issue 20): n8n emits on done every item fed back, here 2 items × 3 from the Split Out.
    it('gives the done branch the items the body fed back, not the loop\'s input', () => {
      const node = (name: string, type: string, parameters: object, notes?: string) => ({ name, type, typeVersion: type.endsWith('splitInBatches') ? 3 : 1, position: [0, 0], parameters, ...(notes ? { notes } : {}) });
      const to = (name: string) => [{ node: name, type: 'main', index: 0 }];
      const text = JSON.stringify({
        nodes: [node('Manual', 'n8n-nodes-base.manualTrigger', {}), node('Two', 'n8n-nodes-base.code', {}, 'credits: items=2'), node('Loop', 'n8n-nodes-base.splitInBatches', { batchSize: 1 }), node('Split', 'n8n-nodes-base.splitOut', {}, 'credits: items=3'), node('Hash', 'n8n-nodes-base.crypto', {})],
        connections: { Manual: { main: [to('Two')] }, Two: { main: [to('Loop')] }, Loop: { main: [to('Hash'), to('Split')] }, Split: { main: [to('Loop')] } },
      });
      const hash = nodeOf(analyzeWorkflow(text, book), 'Hash');
      // Hand count: 6 items at 10 per item.
      assert.deepEqual([hash.runs.expected, hash.items.expected, hash.credits.expected], [1, 6, 60]);
    });

    it('counts the done branch after the whole body, even when the body waits for another branch', () => {
      const node = (name: string, type: string, parameters: object, notes?: string) => ({ name, type, typeVersion: type.endsWith('splitInBatches') ? 3 : 1, position: [0, 0], parameters, ...(notes ? { notes } : {}) });
      const to = (name: string, index = 0) => [{ node: name, type: 'main', index }];
      // Other feeds the body's Merge and is listed first, so plain depth-first order would reach Hash before Merge.
      const text = JSON.stringify({
        nodes: [node('Manual', 'n8n-nodes-base.manualTrigger', {}), node('Two', 'n8n-nodes-base.code', {}, 'credits: items=2'), node('Other', 'n8n-nodes-base.set', {}), node('Loop', 'n8n-nodes-base.splitInBatches', { batchSize: 1 }), node('Merge', 'n8n-nodes-base.merge', {}), node('Hash', 'n8n-nodes-base.crypto', {})],
        connections: { Manual: { main: [[...to('Other'), ...to('Two')]] }, Two: { main: [to('Loop')] }, Other: { main: [to('Merge', 1)] }, Loop: { main: [to('Hash'), to('Merge')] }, Merge: { main: [to('Loop')] } },
      });
      // Hand count: Merge appends 2 batches of 1 and Other's 1 item, and feeds back 3.
      assert.deepEqual(nodeOf(analyzeWorkflow(text, book), 'Hash').items.expected, 3);
    });

    it('prices the loop exactly: Code 500 + Loop 4 × 100 + Body 3 × 100 + 5', () => {
      assert.deepEqual(analyze('loop').perExecution, { expected: 1205, min: 1205, max: 1205 });
    });

    it('records the loop and its iterations in the body node path', () => {
      const body = nodeOf(analyze('loop'), 'Body');
      assert.deepEqual(body.path.map((s) => [s.kind, s.node, s.factor.expected]), [['loop', 'Loop', 3]]);
      assert.deepEqual(body.loops, ['Loop']);
    });

    it('treats a v1 loop output 0 as the batch output', () => {
      const analysis = analyze('loop-v1');
      assert.deepEqual([nodeOf(analysis, 'Batches').runs.expected, nodeOf(analysis, 'Body').runs.expected], [4, 3]);
    });

    it('runs a v1 loop left through its noItemsLeft IF once per batch, and the exit once', () => {
      const analysis = analyze('loop-v1-exit');
      const runs = ['Batches', 'Body', 'No Items Left?', 'After'].map((n) => nodeOf(analysis, n).runs.expected);
      assert.deepEqual([runs, analysis.perExecution.expected], [[3, 3, 3, 1], 2405]);
    });

    it('takes the exit output of a noItemsLeft IF from its comparison value', () => {
      const text = fixture('loop-v1-exit').replace('"value2": true', '"value2": false');
      const analysis = analyzeWorkflow(text, book);
      // With value2 false the IF's false output (1) is the one taken when no items are left, so After on output 0 gets every batch but the last.
      assert.deepEqual(nodeOf(analysis, 'After').runs.expected, 2);
    });

    it('multiplies nested loops: 20 items, outer batch 5, inner batch 2', () => {
      const analysis = analyze('nested-loops');
      const runs = ['Outer', 'Set A', 'Inner', 'Set B', 'After'].map((n) => nodeOf(analysis, n).runs.expected);
      assert.deepEqual(runs, [5, 4, 16, 12, 1]);
      assert.equal(analysis.perExecution.expected, 4205);
    });

    it('reports no finding for an inner loop whose Reset is an expression', () => {
      assert.deepEqual(analyze('nested-loops').findings, []);
    });

    it('warns about an inner loop without Reset, which n8n would run for its first entry only', () => {
      const text = fixture('nested-loops').replace(`"reset": "={{ $prevNode.name === 'Set A' }}"`, '"reset": false');
      const analysis = analyzeWorkflow(text, book);
      assert.deepEqual([analysis.findings.map((f) => [f.ruleId, f.node]), analysis.perExecution.expected], [[['estimate/loop-reset', 'Inner']], 4205]);
    });

    it('warns about a loop whose Reset is always on', () => {
      const text = fixture('loop').replace('"options": {}', '"options": {"reset": true}');
      assert.deepEqual(analyzeWorkflow(text, book).findings.map((f) => f.ruleId), ['estimate/loop-reset']);
    });

    it('lists both loops, outermost first, in an inner body node path', () => {
      assert.deepEqual(nodeOf(analyze('nested-loops'), 'Set B').loops, ['Outer', 'Inner']);
    });
  });

  describe('branches', () => {
    it('gives each IF branch its share of items, runs when any item arrives, and bounds 0..all', () => {
      const yes = nodeOf(analyze('branches'), 'Yes');
      assert.deepEqual(yes.items, { expected: 2, min: 0, max: 4 });
      assert.deepEqual(yes.runs, { expected: 0.9375, min: 0, max: 1 });
      assert.deepEqual(yes.credits, { expected: 938, min: 0, max: 1000 });
    });

    it('bounds the workflow total by the cheapest and the dearest branch outcome', () => {
      assert.deepEqual(analyze('branches').perExecution, { expected: 1637, min: 605, max: 1705 });
    });

    it('makes a branch certain when its share is 1', () => {
      const analysis = analyze('branches', { nodes: { IF: { branchShare: 1 } } });
      assert.deepEqual([nodeOf(analysis, 'Yes').credits, nodeOf(analysis, 'No').credits], [{ expected: 1000, min: 1000, max: 1000 }, { expected: 0, min: 0, max: 0 }]);
    });

    it('splits a Switch equally between its rule outputs', () => {
      const analysis = analyze('switch');
      assert.deepEqual(['A', 'B', 'C'].map((n) => nodeOf(analysis, n).credits.expected), [333, 333, 333]);
    });

    it('applies a Filter share given in its notes after the Switch share', () => {
      const kept = nodeOf(analyze('switch'), 'Kept');
      assert.deepEqual(kept.items, { expected: 0.083333, min: 0, max: 1 });
    });

    it('counts an IF node output items as its input items', () => {
      assert.deepEqual(nodeOf(analyze('branches'), 'IF').items, { expected: 4, min: 4, max: 4 });
    });
  });

  describe('Merge and executeOnce', () => {
    it('runs an append Merge once and passes the items of both inputs', () => {
      const analysis = analyze('merge');
      assert.deepEqual([nodeOf(analysis, 'Merge').runs.expected, nodeOf(analysis, 'Hash').credits.expected], [1, 40]);
    });

    it('lets an executeOnce node work on its first item only', () => {
      const analysis = analyze('execute-once');
      assert.deepEqual([nodeOf(analysis, 'Hash').credits.expected, nodeOf(analysis, 'Hash All').credits.expected], [10, 100]);
    });
  });

  describe('disabled and unreachable nodes', () => {
    it('charges nothing for a disabled node and passes its input through', () => {
      const analysis = analyze('disabled');
      assert.deepEqual([nodeOf(analysis, 'Off').credits.max, nodeOf(analysis, 'On').credits.expected], [0, 1000]);
    });

    it('counts a node no trigger reaches as 0 with a finding on its line', () => {
      const orphan = nodeOf(analyze('disabled'), 'Orphan');
      assert.deepEqual([orphan.credits.max, orphan.reachable, orphan.findings[0]?.ruleId, orphan.findings[0]?.range.line], [0, false, 'estimate/unreachable', 49]);
    });
  });

  describe('price units', () => {
    it('charges a helper class every 10 runs: expected 25/10, certain 2, at most 3', () => {
      assert.deepEqual(nodeOf(analyze('helper'), 'Format').credits, { expected: 2500, min: 2000, max: 3000 });
    });

    it('charges an execution class once however often the node runs', () => {
      const stamp = nodeOf(analyze('helper'), 'Stamp');
      assert.deepEqual([stamp.runs.expected, stamp.credits.expected], [25, 300]);
    });
  });

  describe('fan-out', () => {
    it('multiplies items after a paginated HTTP Request by the itemsPerFanOut assumption', () => {
      const analysis = analyze('fan-out');
      assert.equal(nodeOf(analysis, 'Hash').credits.expected, 100);
      assert.deepEqual(analysis.assumptions.find((a) => a.node === 'Fetch'), { name: 'itemsPerFanOut', value: 10, values: undefined, source: 'default', node: 'Fetch', unbounded: true, howToChange: 'add "credits: items=…" to the notes of "Fetch", or set nodes["Fetch"].itemsPerFanOut in .n8n-credits.json' });
    });

    it('takes a Split Out item count from its notes', () => {
      assert.equal(nodeOf(analyze('fan-out'), 'Hash Rows').credits.expected, 500);
    });
  });
});
