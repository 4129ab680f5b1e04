import type { Command } from '../commander';
import { CliError, type CliContext } from '../io';
import { jsonDocument } from '../format/jsonDocument';
import { addFormatOption, addJsonAlias, chosenFormat } from './options';
import { ledger, type AdminFlags, type LedgerStore, type Role, type Workspace } from '../ledger';

/** Adds the options that say where the ledger is and which workspace. */
export function ledgerOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'SQLite data folder (default ./.n8n-credits-data)')
    .option('--database <url>', 'PostgreSQL URL (env N8N_CREDITS_DATABASE_URL)')
    .option('--workspace <id>', 'workspace id (default: "default" or the only one)');
}

/** Runs an administration action, turning bad input into a CLI error (exit 2). */
export async function adminAction<T>(context: CliContext, flags: AdminFlags, work: (store: LedgerStore, ws: Workspace) => Promise<T>): Promise<T> {
  try {
    return await ledger().withWorkspace(flags, process.env, context.io.cwd, work);
  } catch (err) {
    if (ledger().isUsageError(err)) throw new CliError(err.message);
    throw err;
  }
}

/** `n8n-credits keys create|list|revoke`: API keys of a workspace (secrets are printed once, stored as hashes). */
export function register(program: Command, context: CliContext): void {
  const keys = program.command('keys').description('Create, list and revoke API keys');
  addJsonAlias(addFormatOption(ledgerOptions(keys.command('create').description('Create a key and print it once')), ['text', 'json']))
    .requiredOption('--role <role>', 'admin, member or meter')
    .option('--name <name>', 'a name to recognise the key by', 'cli key')
    .option('--member <memberId>', 'for a member key: the member it acts for')
    .action(async (o: AdminFlags & { role: string; name: string; member?: string; format: string; json?: boolean }) => {
      const json = chosenFormat(o, context.io, 'keys create') === 'json';
      if (!ledger().ROLES.includes(o.role as Role)) throw new CliError(`--role must be admin, member or meter, got "${o.role}"`);
      await adminAction(context, o, async (store, ws) => {
        if (o.member && !(await store.listMembers(ws.id)).some((m) => m.memberId === o.member)) await store.addMember({ workspaceId: ws.id, memberId: o.member });
        const key = ledger().generateApiKey();
        const record = await store.createApiKey({ workspaceId: ws.id, role: o.role as Role, name: o.name, hash: ledger().hashApiKey(key), prefix: key.slice(0, 10), memberId: o.member ?? null });
        context.io.stdout(json ? jsonDocument({ key, record }) : `${record.role} key "${record.name}" for workspace ${ws.id} (shown once):\n${key}\n`);
      });
    });
  addJsonAlias(addFormatOption(ledgerOptions(keys.command('list').description('List keys (never the secrets)')), ['text', 'json']))
    .action(async (o: AdminFlags & { format: string; json?: boolean }) => {
      const json = chosenFormat(o, context.io, 'keys list') === 'json';
      await adminAction(context, o, async (store, ws) => {
        const list = await store.listApiKeys(ws.id);
        if (json) return context.io.stdout(jsonDocument(list));
        for (const k of list) context.io.stdout(`${k.id}  ${k.role.padEnd(6)}  ${k.prefix}…  ${k.name}${k.memberId ? ` (member ${k.memberId})` : ''}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}\n`);
      });
    });
  addFormatOption(ledgerOptions(keys.command('revoke').description('Revoke a key by id').argument('<id>', 'the key id')), ['text', 'json'])
    .action(async (id: string, o: AdminFlags & { format: string }) => {
      await adminAction(context, o, async (store, ws) => {
        if (!(await store.listApiKeys(ws.id)).some((k) => k.id === id)) throw new CliError(`unknown key "${id}" in workspace ${ws.id}`);
        const record = await store.revokeApiKey(id);
        context.io.stdout(o.format === 'json' ? jsonDocument(record) : `revoked ${record.id} (${record.name})\n`);
      });
    });
}
