import type { Command } from '../commander';
import { CliError, type CliContext } from '../io';
import { ledger, type AdminFlags } from '../ledger';
import { formatCredits } from '../pricing';
import { adminAction, ledgerOptions } from './keys';

/** `n8n-credits topup --pack <id>`: adds one of the plan's top-up packs; `--list` shows them. */
export function register(program: Command, context: CliContext): void {
  ledgerOptions(program.command('topup').description('Add a top-up pack of the plan to the workspace'))
    .option('--pack <id>', 'the pack to add')
    .option('--key <key>', 'idempotency key (a payment id): a repeated key adds nothing')
    .option('--list', 'list the packs')
    .action(async (o: AdminFlags & { pack?: string; key?: string; list?: boolean }) => {
      await adminAction(context, o, async (store, ws) => {
        const packs = ws.plan.topUps.packs;
        if (o.list || !o.pack) {
          if (!o.list) throw new CliError(`give --pack <id>; packs: ${packs.map((p) => p.id).join(', ') || 'none'}`);
          for (const p of packs) context.io.stdout(`${p.id}  ${formatCredits(p.millicredits, { grouping: true })} credits  ${ledger().formatPrice(p.price, p.currency)}\n`);
          return;
        }
        const pack = packs.find((p) => p.id === o.pack);
        if (!pack) throw new CliError(`plan "${ws.plan.name}" has no pack "${o.pack}"; packs: ${packs.map((p) => p.id).join(', ') || 'none'}`);
        await store.addGrant({ workspaceId: ws.id, kind: 'topup', millicredits: pack.millicredits, key: o.key, note: `pack ${pack.id} from the command line` });
        const card = await store.balance(ws.id);
        context.io.stdout(`added ${formatCredits(pack.millicredits, { grouping: true })} credits; total available ${formatCredits(card.totalAvailable, { grouping: true })}\n`);
      });
    });
}
