/** The command that posts an execution of one of the scripted workflows, waiting or final. */
import type { Obs } from '../observed';
import type { StoreSystem } from '../targets';
import { executionRun, SCRIPTS, WORKFLOW } from '../workflows';
import { Step, type World } from './step';

export class RecordExecution extends Step {
  constructor(readonly script: number, readonly generation: number, readonly phase: 'waiting' | 'final', readonly status: string) {
    super();
  }
  private post() {
    const sc = SCRIPTS[this.script]!;
    const run = executionRun(`e${this.script}g${this.generation}`, sc, this.phase, this.status);
    return { run, workflow: { ...WORKFLOW, id: sc.workflowId }, workflowId: sc.workflowId };
  }
  expect(w: World): Obs {
    return w.model.recordExecution(this.post(), w.clock.t);
  }
  act(w: World, s: StoreSystem): Promise<Obs> {
    return s.recordExecution(this.post(), w.model.plan);
  }
  toString() {
    return `recordExecution(e${this.script}g${this.generation} ${SCRIPTS[this.script]!.mode}, ${this.phase === 'waiting' ? 'waiting' : this.status})`;
  }
}
