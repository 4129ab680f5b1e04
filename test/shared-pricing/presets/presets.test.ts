import { strict as assert } from 'node:assert';
import { classifyNode, getPlan, getPriceBook, loadPriceBook, planPresetNames, priceBookPresetNames, PricingError } from '../execution/pricing';

const classOf = (book: string, type: string, parameters?: Record<string, unknown>) => {
  const c = classifyNode({ type, parameters }, getPriceBook(book));
  return [c.className, c.costClass.unit, c.costClass.rate];
};

describe('price book presets', () => {
  it('ships the default and the four platforms\' books', () => {
    assert.deepEqual(priceBookPresetNames().sort(), ['amplience', 'default', 'monkedo', 'spojit', 'twenty']);
  });

  for (const name of ['default', 'twenty', 'spojit', 'monkedo', 'amplience']) {
    it(`loads the ${name} book with its own name`, () => {
      assert.equal(getPriceBook(name).name, name);
    });
  }

  it('prices Monkedo app triggers such as Gmail Trigger at 1 credit a run', () => {
    assert.deepEqual(classOf('monkedo', 'n8n-nodes-base.gmailTrigger'), ['app', 'run', 1000]);
  });

  it('makes Monkedo schedule and manual triggers free components: 1 credit per 100 runs', () => {
    const book = getPriceBook('monkedo');
    assert.deepEqual(classOf('monkedo', 'n8n-nodes-base.scheduleTrigger'), ['helper', 'helper', 1000]);
    assert.equal(book.classes.helper?.every, 100);
    assert.deepEqual(classOf('monkedo', 'n8n-nodes-base.manualTrigger'), ['helper', 'helper', 1000]);
  });

  it('makes Monkedo built-in nodes free components and app actions 1 credit', () => {
    assert.deepEqual([classOf('monkedo', 'n8n-nodes-base.set')[1], classOf('monkedo', 'n8n-nodes-base.code')[1], classOf('monkedo', 'n8n-nodes-base.slack')], ['helper', 'helper', ['app', 'run', 1000]]);
  });

  it('charges Twenty\'s delay 1 credit flat, basic operations minimal and code and HTTP more', () => {
    assert.deepEqual([classOf('twenty', 'n8n-nodes-base.wait'), classOf('twenty', 'n8n-nodes-base.set')[2], classOf('twenty', 'n8n-nodes-base.code')[2], classOf('twenty', 'n8n-nodes-base.httpRequest')[2]], [['delay', 'run', 1000], 1000, 10_000, 10_000]);
  });

  it('prices Spojit connector calls per call, LLM steps by tokens and flow steps nominally', () => {
    assert.deepEqual([classOf('spojit', 'n8n-nodes-base.slack'), classOf('spojit', '@n8n/n8n-nodes-langchain.lmChatOpenAi')[1], classOf('spojit', 'n8n-nodes-base.if')[2], classOf('spojit', 'n8n-nodes-base.scheduleTrigger')[2]], [['app', 'run', 1000], 'tokens', 100, 100]);
  });

  it('gives Amplience a nominal charge per execution and free helper actions', () => {
    assert.deepEqual([getPriceBook('amplience').nominalPerExecution, classOf('amplience', 'n8n-nodes-base.set')[2], classOf('amplience', 'n8n-nodes-base.slack')[2]], [100, 0, 1000]);
  });

  it('keeps the default book\'s models in every platform book', () => {
    assert.deepEqual(priceBookPresetNames().map((n) => getPriceBook(n).models['gpt-4o-mini']), priceBookPresetNames().map(() => getPriceBook('default').models['gpt-4o-mini']));
  });

  it('refuses a book that extends a preset with a bad override, naming the JSON path', () => {
    assert.throws(
      () => loadPriceBook({ extends: 'monkedo', classes: { helper: { unit: 'helper', rate: 1000 } } }),
      (e: unknown) => e instanceof PricingError && e.issues.some((i) => i.path === '$.classes.helper.every' && /integer ≥ 1/.test(i.message)),
    );
  });
});

describe('plan presets', () => {
  it('ships twenty, twenty-yearly, spojit, monkedo and amplience', () => {
    assert.deepEqual(planPresetNames(), ['twenty', 'twenty-yearly', 'spojit', 'monkedo', 'amplience']);
  });

  for (const name of ['twenty', 'twenty-yearly', 'spojit', 'monkedo', 'amplience']) {
    it(`names a shipped price book in the ${name} plan`, () => {
      assert.ok(priceBookPresetNames().includes(getPlan(name).priceBook), getPlan(name).priceBook);
    });
  }

  it('gives Twenty 5,000,000 credits a month with rollover capped at one month', () => {
    const plan = getPlan('twenty');
    assert.deepEqual([plan.cycle, plan.allocation, plan.rolloverCap], ['monthly', 5_000_000_000, 5_000_000_000]);
  });

  it('gives Twenty yearly 50,000,000 credits a year with rollover capped at one year', () => {
    const plan = getPlan('twenty-yearly');
    assert.deepEqual([plan.cycle, plan.allocation, plan.rolloverCap, plan.priceBook], ['yearly', 50_000_000_000, 50_000_000_000, 'twenty']);
  });

  it('sells Spojit packs cheaper per credit the larger they are, lasting for the plan', () => {
    const { packs, lifetime } = getPlan('spojit').topUps;
    const perMillionMc = packs.map((p) => (p.price * 1_000_000) / p.millicredits);
    assert.deepEqual([perMillionMc, lifetime], [[1000, 900, 800], { kind: 'plan' }]);
  });

  it('charges Spojit test runs and pauses when credits run out', () => {
    const plan = getPlan('spojit');
    assert.deepEqual([plan.editorRunsFree, plan.exhaustion], [false, 'pause']);
  });

  it('limits Monkedo to 100 credits a day, pauses, frees editor runs, charges failures and stops after repeated errors', () => {
    const p = getPlan('monkedo');
    assert.deepEqual([p.dailyLimit, p.exhaustion, p.editorRunsFree, p.chargeFailedStep, p.consecutiveFailureLimit, p.memberAllocations], [100_000, 'pause', true, true, 5, true]);
  });

  it('lets Amplience overdraw a yearly allocation and not charge the failed action', () => {
    const p = getPlan('amplience');
    assert.deepEqual([p.cycle, p.exhaustion, p.chargeFailedStep, p.topUps.packs.length > 0], ['yearly', 'overdraft', false, true]);
  });

  it('hands out frozen presets so that one caller cannot change another\'s plan', () => {
    assert.throws(() => { (getPlan('twenty') as { allocation: number }).allocation = 1; }, TypeError);
  });
});
