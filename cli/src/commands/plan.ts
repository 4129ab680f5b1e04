import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../commander';
import { CliError, type CliContext } from '../io';
import { ledger, type AdminFlags } from '../ledger';
import { jsonDocument } from '../format/jsonDocument';
import { formatPlanText } from '../format/planText';
import { adminAction, ledgerOptions } from './keys';
import { addFormatOption } from './options';

/** `n8n-credits plan set|show`: the workspace's plan, from a preset or a plan file. */
export function register(program: Command, context: CliContext): void {
  const plan = program.command('plan').description('Show or change the workspace plan');
  addFormatOption(ledgerOptions(plan.command('set').description('Change the plan (a new period starts now)')), ['text', 'json'])
    .option('--preset <name>', 'twenty, spojit, monkedo or amplience')
    .option('--file <path>', 'a plan JSON file')
    .action(async (o: AdminFlags & { preset?: string; file?: string; format: string }) => {
      if ((o.preset === undefined) === (o.file === undefined)) throw new CliError('give exactly one of --preset or --file');
      let body: { preset?: string; plan?: unknown };
      if (o.file) {
        const path = resolve(context.io.cwd, o.file);
        let text: string;
        try {
          text = readFileSync(path, 'utf8');
        } catch (err) {
          throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
        }
        try {
          body = { plan: JSON.parse(text) };
        } catch (err) {
          throw new CliError(`${path}: not valid JSON: ${(err as Error).message}`);
        }
      } else body = { preset: o.preset };
      const next = ledger().readPlanInput(body);
      if (!next.ok) throw new CliError(next.message);
      await adminAction(context, o, async (store, ws) => {
        const updated = await store.setPlan(ws.id, next.plan);
        context.io.stdout(o.format === 'json'
          ? jsonDocument({ workspaceId: updated.id, plan: updated.plan.name, planStartedAt: updated.planStartedAt })
          : `workspace ${updated.id} is on plan "${updated.plan.name}" from ${updated.planStartedAt}\n`);
      });
    });
  // JSON stays the default here: it is the plan file `plan set --file` reads back, which scripts already save.
  addFormatOption(ledgerOptions(plan.command('show').description('Print the plan: as JSON (a plan file; amounts in millicredits) or as text')), ['json', 'text'])
    .action(async (o: AdminFlags & { format: string }) => {
      await adminAction(context, o, async (_store, ws) => context.io.stdout(o.format === 'text' ? formatPlanText(ws.plan, ledger().formatPrice) : jsonDocument(ws.plan)));
    });
}
