import type { Command } from '../commander';
import { jsonDocument } from '../format/jsonDocument';
import { CliError, type CliContext } from '../io';
import { ledger, type AdminFlags } from '../ledger';
import { formatCredits } from '../pricing';
import { adminAction, ledgerOptions } from './keys';
import { addFormatOption } from './options';

/** `n8n-credits topup --pack <id>`: adds one of the plan's top-up packs; `--list` shows them. */
export function register(program: Command, context: CliContext): void {
  addFormatOption(ledgerOptions(program.command('topup').description('Add a top-up pack of the plan to the workspace')), ['text', 'json'])
    .option('--pack <id>', 'the pack to add')
    .option('--key <key>', 'idempotency key (a payment id): a repeated key adds nothing')
    .option('--list', 'list the packs')
    .action(async (o: AdminFlags & { pack?: string; key?: string; list?: boolean; format: string }) => {
      const json = o.format === 'json';
      await adminAction(context, o, async (store, ws) => {
        const packs = ws.plan.topUps.packs;
        if (o.list || !o.pack) {
          if (!o.list) throw new CliError(`give --pack <id>; packs: ${packs.map((p) => p.id).join(', ') || 'none'}`);
          // The price stays in the currency's smallest unit, as the plan file has it, under a name that says so.
          if (json) return context.io.stdout(jsonDocument({ workspaceId: ws.id, packs: packs.map((p) => ({ id: p.id, millicredits: p.millicredits, priceMinorUnits: p.price, currency: p.currency })) }));
          for (const p of packs) context.io.stdout(`${p.id}  ${formatCredits(p.millicredits, { grouping: true })} credits  ${ledger().formatPrice(p.price, p.currency)}\n`);
          return;
        }
        const pack = packs.find((p) => p.id === o.pack);
        if (!pack) throw new CliError(`plan "${ws.plan.name}" has no pack "${o.pack}"; packs: ${packs.map((p) => p.id).join(', ') || 'none'}`);
        const { created } = await store.addGrantOnce({ workspaceId: ws.id, kind: 'topup', millicredits: pack.millicredits, key: o.key, note: `pack ${pack.id} from the command line` });
        // A repeated --key adds nothing: say so rather than report the pack as added twice.
        const added = created ? pack.millicredits : 0;
        const card = await store.balance(ws.id);
        context.io.stdout(json
          ? jsonDocument({ workspaceId: ws.id, pack: pack.id, addedMillicredits: added, totalAvailableMillicredits: card.totalAvailable })
          : `${created ? `added ${formatCredits(added, { grouping: true })} credits` : `key "${o.key}" was used before: nothing added`}; total available ${formatCredits(card.totalAvailable, { grouping: true })}\n`);
      });
    });
}
