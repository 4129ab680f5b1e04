import type { LintRule } from '../types';

/** A model the price book does not know is priced at the book's fallback rates. */
export const unknownModel: LintRule = {
  meta: {
    id: 'unknown-model',
    description: 'Model not in the price book (priced at fallback rates).',
    docs: 'docs/rules/unknown-model.md',
    rationale: "Unknown models are priced at deliberately high fallback rates, not at their real price, so the estimate may be far off either way.",
    fix: "Add the model to your price book, fix a typo in the model name, or choose a model the book prices.",
    defaultSeverity: 'warning',
    options: {},
    messages: {
      unknown: 'model "{model}" of "{node}" is not in price book "{book}"; it is priced at fallback rates ({input} / {output} millicredits per 1K input / output tokens)',
    },
  },
  check(context) {
    const fallback = context.priceBook.modelFallback;
    for (const node of context.analysis.nodes) {
      if (node.modelFallback !== true || node.disabled) continue;
      context.report({
        messageId: 'unknown',
        node: node.name,
        data: { model: node.model ?? 'unknown', node: node.name, book: context.priceBook.name, input: fallback.input, output: fallback.output },
      });
    }
  },
};
