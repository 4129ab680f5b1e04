/**
 * Names n8n shows for common node types whose name cannot be derived from the type id (n8n's own
 * `displayName`s); any other type gets a name derived from its id.
 */
const KNOWN_NAMES: Readonly<Record<string, string>> = Object.freeze({
  'n8n-nodes-base.set': 'Edit Fields (Set)',
  'n8n-nodes-base.noOp': 'No Operation, do nothing',
  'n8n-nodes-base.splitInBatches': 'Loop Over Items',
  'n8n-nodes-base.readWriteFile': 'Read/Write Files from Disk',
  'n8n-nodes-base.dateTime': 'Date & Time',
  'n8n-nodes-base.emailReadImap': 'Email Trigger (IMAP)',
  'n8n-nodes-base.emailSend': 'Send Email',
  'n8n-nodes-base.n8n': 'n8n',
  'n8n-nodes-base.n8nTrigger': 'n8n Trigger',
  'n8n-nodes-base.github': 'GitHub',
  'n8n-nodes-base.gitlab': 'GitLab',
  'n8n-nodes-base.hubspot': 'HubSpot',
  'n8n-nodes-base.graphql': 'GraphQL',
  '@n8n/n8n-nodes-langchain.agent': 'AI Agent',
  '@n8n/n8n-nodes-langchain.chainLlm': 'Basic LLM Chain',
  '@n8n/n8n-nodes-langchain.lmChatOpenAi': 'OpenAI Chat Model',
  '@n8n/n8n-nodes-langchain.lmChatAnthropic': 'Anthropic Chat Model',
  '@n8n/n8n-nodes-langchain.lmChatGoogleGemini': 'Google Gemini Chat Model',
});

/** Words whose usual spelling a camelCase split loses (`Open Ai` is `OpenAI`). */
const SPELLINGS: ReadonlyArray<[RegExp, string]> = [
  [/\bOpen Ai\b/g, 'OpenAI'],
  [/\bMy Sql\b/g, 'MySQL'],
  [/\bMongo Db\b/g, 'MongoDB'],
];

/** Abbreviations written in capitals. */
const ACRONYMS = /\b(?:Http|Api|Ai|Llm|Sql|Rss|Xml|Html|Jwt|Ssh|Ftp|Url|Csv|Pdf|Ldap)\b/g;

/** Short words n8n writes in lower case inside a name (`Respond to Webhook`, `Stop and Error`). */
const SMALL_WORDS = / (To|From|And|Or|Of|In|On|By|For)\b/g;

/** Package prefixes a type id starts with: n8n's two packages, a community package, or a custom node. */
const PREFIX = /^(?:@[^/]+\/)?(?:n8n-nodes-[^.]+|CUSTOM)\./;

/**
 * A readable name for an n8n node type id: `n8n-nodes-base.httpRequest` → `HTTP Request`,
 * `n8n-nodes-base.googleSheets` → `Google Sheets`. Empty for an empty type (a charge that belongs to
 * no node). A type that is not an id is returned as it is.
 */
export function nodeDisplayName(type: string): string {
  const known = KNOWN_NAMES[type];
  if (known) return known;
  const bare = type.replace(PREFIX, '');
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(bare)) return type;
  let name = bare
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/^./, (c) => c.toUpperCase());
  for (const [pattern, spelling] of SPELLINGS) name = name.replace(pattern, spelling);
  return name.replace(ACRONYMS, (word) => word.toUpperCase()).replace(SMALL_WORDS, (word) => word.toLowerCase());
}
