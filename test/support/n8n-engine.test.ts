import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INodeParameters, INodeTypes, IRun } from 'n8n-workflow';
import {
  captureFixture,
  createSubWorkflowRunner,
  executionStore,
  loadCoreNodeTypes,
  resumeWorkflow,
  runWorkflow,
  summarizeRun,
  type RunFixture,
  type WorkflowJson,
} from './n8n-engine';

const FIXTURES = join(__dirname, '..', 'fixtures', 'run-data');
const TRIGGER = 'When clicking ‘Execute workflow’';

function readWorkflow(name: string): WorkflowJson {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.workflow.json`), 'utf8')) as WorkflowJson;
}

function readFixture(file: string): RunFixture {
  return JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as RunFixture;
}

function runCounts(run: Pick<IRun, 'data'>): Record<string, number> {
  return Object.fromEntries(Object.entries(summarizeRun(run)).map(([node, summary]) => [node, summary.runs]));
}

/** A manual trigger feeding one Code node, for tests of the in-process Code runner. */
function codeWorkflow(code: INodeParameters): WorkflowJson {
  return {
    nodes: [
      { id: 't', name: 'Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      { id: 'm', name: 'Make', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode: 'return [1, 2, 3].map((n) => ({ json: { n } }));' } },
      { id: 'c', name: 'Code', type: 'n8n-nodes-base.code', typeVersion: 2, position: [400, 0], parameters: code },
    ],
    connections: {
      Trigger: { main: [[{ node: 'Make', type: 'main', index: 0 }]] },
      Make: { main: [[{ node: 'Code', type: 'main', index: 0 }]] },
    },
  };
}

/** A community package on disk with one node, `<name>.shout`, that upper-cases `$json.word`. */
function writeCommunityPackage(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'n8n-package-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '0.0.1', n8n: { n8nNodesApiVersion: 1, nodes: ['dist/Shout.node.js'] } }));
  writeFileSync(
    join(dir, 'dist', 'Shout.node.js'),
    `class Shout {
  description = { displayName: 'Shout', name: 'shout', group: ['transform'], version: 1, description: 'Upper-cases word',
    defaults: { name: 'Shout' }, inputs: ['main'], outputs: ['main'], properties: [] };
  async execute() {
    return [this.getInputData().map((item) => ({ json: { word: String(item.json.word).toUpperCase() } }))];
  }
}
module.exports = { Shout };
`,
  );
  return dir;
}

describe('n8n engine runner', function () {
  let nodeTypes: INodeTypes;

  before(async function () {
    // The first run on a machine fetches n8n-nodes-base into test/e2e/.cache (~15 s).
    this.timeout(180_000);
    nodeTypes = await loadCoreNodeTypes();
  });

  describe('loop over items', () => {
    it('runs Loop Over Items once per batch plus once for done, and its body once per batch', async () => {
      const { run } = await runWorkflow(readWorkflow('loop-over-items'), { nodeTypes });

      assert.deepEqual(runCounts(run), { [TRIGGER]: 1, 'Make 100 Items': 1, 'Loop Over Items': 11, 'Tag Item': 10, Done: 1 });
    });

    it('emits each batch of 10 on the loop output and all 100 items on done in the last run', async () => {
      const { run } = await runWorkflow(readWorkflow('loop-over-items'), { nodeTypes });

      const loop = summarizeRun(run)['Loop Over Items'];
      assert.deepEqual(loop.itemsPerOutput, [...Array.from({ length: 10 }, () => [0, 10]), [100, 0]]);
    });

    it('evaluates expressions in the loop body without isolated-vm', async () => {
      const { run } = await runWorkflow(readWorkflow('loop-over-items'), { nodeTypes });

      const lastBatch = run.data.resultData.runData['Tag Item'][9].data?.main[0];
      assert.deepEqual(lastBatch?.at(-1)?.json, { n: 100, doubled: 200 });
    });
  });

  describe('stored fixtures', () => {
    const workflows = readdirSync(FIXTURES).filter((file) => file.endsWith('.workflow.json')).sort();

    it('has a workflow for every fixture the README promises', () => {
      assert.deepEqual(workflows, [
        'continue-on-fail.workflow.json',
        'failed-step.workflow.json',
        'if-branch.workflow.json',
        'if-one-branch.workflow.json',
        'linear.workflow.json',
        'loop-over-items.workflow.json',
        'loop-remainder.workflow.json',
        'nested-loops.workflow.json',
        'stop-and-error.workflow.json',
        'wait.workflow.json',
      ]);
    });

    for (const workflowFile of workflows) {
      it(`re-captures ${workflowFile} with the stored status, run counts and item counts`, async () => {
        const fresh = await captureFixture(join(FIXTURES, workflowFile), nodeTypes);

        for (const [file, fixture] of Object.entries(fresh)) {
          const stored = readFixture(file);
          assert.deepEqual(
            { status: fixture.status, executionId: fixture.executionId, nodes: summarizeRun(fixture) },
            { status: stored.status, executionId: stored.executionId, nodes: summarizeRun(stored) },
            file,
          );
        }
      });
    }
  });

  describe('runWorkflow', () => {
    it('starts nodes in workflow order, one entry per node run', async () => {
      const { nodeExecutionOrder } = await runWorkflow(readWorkflow('linear'), { nodeTypes });

      assert.deepEqual(nodeExecutionOrder, [TRIGGER, 'Set Customer', 'Double Quantity', 'No Operation']);
    });

    it('keeps the execution id and mode it was given', async () => {
      const { run, executionId } = await runWorkflow(readWorkflow('linear'), { nodeTypes, executionId: '4242', mode: 'trigger' });

      assert.deepEqual([executionId, run.mode], ['4242', 'trigger']);
    });

    it('calls lifecycle hooks added by the caller with the finished run', async () => {
      const seen: string[] = [];

      await runWorkflow(readWorkflow('linear'), {
        nodeTypes,
        executionId: '77',
        configureHooks: (hooks) => hooks.addHandler('workflowExecuteAfter', function (run) {
          seen.push(`${this.executionId}:${run.status}`);
        }),
      });

      assert.deepEqual(seen, ['77:success']);
    });

    it('stops at a failed step and records the error on that step', async () => {
      const { run } = await runWorkflow(readWorkflow('failed-step'), { nodeTypes });

      const failed = run.data.resultData.runData['Validate Order'][0];
      assert.deepEqual(
        [run.status, failed.executionStatus, failed.error?.message, 'After Failure' in run.data.resultData.runData],
        ['error', 'error', 'order 7 failed validation [line 1]', false],
      );
    });

    it('names an unknown node type and the packages it looked in', async () => {
      const workflow: WorkflowJson = {
        nodes: [{ id: 'x', name: 'Mystery', type: 'n8n-nodes-nowhere.mystery', typeVersion: 1, position: [0, 0], parameters: {} }],
        connections: {},
      };

      await assert.rejects(runWorkflow(workflow, { nodeTypes }), /Unknown node type "n8n-nodes-nowhere\.mystery": no loaded package provides it \(loaded: n8n-nodes-base\)/);
    });
  });

  describe('wait and resume', () => {
    it('parks the execution on the Wait node with waitTill five minutes after the node started', async () => {
      const { run } = await runWorkflow(readWorkflow('wait'), { nodeTypes });

      const wait = run.data.resultData.runData.Wait[0];
      const aheadBy = (run.waitTill?.getTime() ?? 0) - wait.startTime - 5 * 60_000;
      assert.deepEqual([run.status, wait.executionStatus, aheadBy >= 0 && aheadBy <= wait.executionTime], ['waiting', 'waiting', true]);
    });

    it('finishes without parking when the wait is shorter than 65 seconds', async () => {
      const workflow = readWorkflow('wait');
      const wait = workflow.nodes.find((node) => node.name === 'Wait');
      if (wait === undefined) throw new Error('wait.workflow.json has no Wait node');
      wait.parameters = { resume: 'timeInterval', amount: 1, unit: 'seconds' };

      const { run } = await runWorkflow(workflow, { nodeTypes });

      assert.deepEqual([run.status, runCounts(run)], ['success', { [TRIGGER]: 1, 'Before Wait': 1, Wait: 1, 'After Wait': 1 }]);
    });

    it('resumes a parked execution under the same id and runs the nodes after the wait once', async () => {
      const workflow = readWorkflow('wait');
      const parked = await runWorkflow(workflow, { nodeTypes, executionId: '900' });

      const resumed = await resumeWorkflow(workflow, parked, { nodeTypes });

      assert.deepEqual(
        [resumed.executionId, resumed.run.status, resumed.nodeExecutionOrder, runCounts(resumed.run)],
        ['900', 'success', ['Wait', 'After Wait'], { [TRIGGER]: 1, 'Before Wait': 1, Wait: 1, 'After Wait': 1 }],
      );
    });

    it('leaves the parked run as it was when resuming it', async () => {
      const workflow = readWorkflow('wait');
      const parked = await runWorkflow(workflow, { nodeTypes });
      const before = JSON.stringify(parked.run.data);

      await resumeWorkflow(workflow, parked, { nodeTypes });

      assert.equal(JSON.stringify(parked.run.data), before);
    });

    it('refuses to resume an execution that is not waiting', async () => {
      const finished = await runWorkflow(readWorkflow('linear'), { nodeTypes, executionId: '31' });

      await assert.rejects(resumeWorkflow(readWorkflow('linear'), finished, { nodeTypes }), {
        message: 'Only a waiting execution can be resumed; execution 31 is "success"',
      });
    });
  });

  describe('in-process Code runner', () => {
    it('runs code once per item with $json and pairs each result with its input', async () => {
      const workflow = codeWorkflow({ mode: 'runOnceForEachItem', jsCode: 'return { json: { tenfold: $json.n * 10 } };' });

      const { run } = await runWorkflow(workflow, { nodeTypes });

      assert.deepEqual(run.data.resultData.runData.Code[0].data?.main[0], [
        { json: { tenfold: 10 }, pairedItem: { item: 0 } },
        { json: { tenfold: 20 }, pairedItem: { item: 1 } },
        { json: { tenfold: 30 }, pairedItem: { item: 2 } },
      ]);
    });

    it('reports the line and item of an error thrown in per-item mode', async () => {
      const workflow = codeWorkflow({ mode: 'runOnceForEachItem', jsCode: 'if ($json.n === 2) {\n  throw new Error("two");\n}\nreturn $input.item;' });

      const { run } = await runWorkflow(workflow, { nodeTypes });

      assert.equal(run.data.resultData.runData.Code[0].error?.message, 'two [line 2, for item 1]');
    });

    it('turns an error into an error item when the node continues on fail', async () => {
      const workflow = codeWorkflow({ jsCode: 'throw new TypeError("bad");' });
      workflow.nodes[2].onError = 'continueRegularOutput';

      const { run } = await runWorkflow(workflow, { nodeTypes });

      assert.deepEqual(run.data.resultData.runData.Code[0].data?.main[0], [{ json: { error: 'bad [line 1]' }, pairedItem: { item: 0 } }]);
    });
  });

  describe('sub-workflows', () => {
    const child: WorkflowJson = {
      name: 'child',
      nodes: [
        { id: 'a', name: 'Start', type: 'n8n-nodes-base.executeWorkflowTrigger', typeVersion: 1.1, position: [0, 0], parameters: { inputSource: 'passthrough' } },
        {
          id: 'b', name: 'Mark', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200, 0],
          parameters: { assignments: { assignments: [{ id: 'x', name: 'child', type: 'boolean', value: true }] }, includeOtherFields: true, options: {} },
        },
      ],
      connections: { Start: { main: [[{ node: 'Mark', type: 'main', index: 0 }]] } },
    };
    const parent: WorkflowJson = {
      nodes: [
        { id: 't', name: 'Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
        { id: 'm', name: 'Make', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode: 'return [1, 2].map((n) => ({ json: { n } }));' } },
        { id: 'e', name: 'Call Child', type: 'n8n-nodes-base.executeWorkflow', typeVersion: 1.2, position: [400, 0], parameters: { workflowId: { __rl: true, value: 'child-1', mode: 'id' }, options: {} } },
      ],
      connections: {
        Trigger: { main: [[{ node: 'Make', type: 'main', index: 0 }]] },
        Make: { main: [[{ node: 'Call Child', type: 'main', index: 0 }]] },
      },
    };

    it('returns the child workflow\'s last output to the Execute Workflow node', async () => {
      const executeWorkflow = createSubWorkflowRunner({ nodeTypes, workflows: { 'child-1': child } });

      const { run } = await runWorkflow(parent, { nodeTypes, executeWorkflow });

      assert.deepEqual(run.data.resultData.runData['Call Child'][0].data?.main[0]?.map((item) => item.json), [
        { n: 1, child: true },
        { n: 2, child: true },
      ]);
    });

    it('reports each child execution with its parent id and keeps its run data for getRunExecutionData', async () => {
      const children: Array<{ executionId: string; parentExecutionId?: string }> = [];
      const executeWorkflow = createSubWorkflowRunner({ nodeTypes, workflows: { 'child-1': child }, onChildRun: (c) => children.push(c) });

      await runWorkflow(parent, { nodeTypes, executionId: '500', executeWorkflow });

      const stored = executionStore.get(children[0].executionId);
      assert.deepEqual(
        [children.length, children[0].parentExecutionId, stored && runCounts({ data: stored })],
        [1, '500', { Start: 1, Mark: 1 }],
      );
    });

    it('fails the calling node, naming the id, when the sub-workflow is unknown', async () => {
      const executeWorkflow = createSubWorkflowRunner({ nodeTypes, workflows: {} });

      const { run } = await runWorkflow(parent, { nodeTypes, executeWorkflow });

      assert.match(run.data.resultData.runData['Call Child'][0].error?.message ?? '', /No sub-workflow with id "child-1" was given to the test engine/);
    });
  });

  describe('community packages', () => {
    it('loads a package fully with PackageDirectoryLoader and runs its node beside the core nodes', async () => {
      const packageDir = writeCommunityPackage('n8n-nodes-shout');
      const withPackage = await loadCoreNodeTypes([packageDir]);
      const workflow: WorkflowJson = {
        nodes: [
          { id: 't', name: 'Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
          { id: 'c', name: 'Word', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode: "return [{ json: { word: 'credits' } }];" } },
          { id: 's', name: 'Shout', type: 'n8n-nodes-shout.shout', typeVersion: 1, position: [400, 0], parameters: {} },
        ],
        connections: {
          Trigger: { main: [[{ node: 'Word', type: 'main', index: 0 }]] },
          Word: { main: [[{ node: 'Shout', type: 'main', index: 0 }]] },
        },
      };

      const { run } = await runWorkflow(workflow, { nodeTypes: withPackage });
      rmSync(packageDir, { recursive: true, force: true });

      assert.deepEqual(run.data.resultData.runData.Shout[0].data?.main[0]?.[0].json, { word: 'CREDITS' });
    });
  });
});
