import type { LintRule } from '../types';

/** A node type no price-book rule matches is priced at the fallback class: the estimate is a guess. */
export const unpricedNodeType: LintRule = {
  meta: {
    id: 'unpriced-node-type',
    description: 'Node type with no rule in the price book (priced at the fallback class).',
    docs: 'docs/rules/unpriced-node-type.md',
    defaultSeverity: 'warning',
    options: {},
    messages: {
      unpriced: 'node type "{type}" of "{node}" has no rule in price book "{book}"; it is priced at the fallback class "{className}"',
    },
  },
  check(context) {
    for (const node of context.analysis.nodes) {
      if (node.explicit || node.disabled || node.className === undefined) continue;
      context.report({
        messageId: 'unpriced',
        node: node.name,
        data: { type: node.type, node: node.name, book: context.priceBook.name, className: node.className },
      });
    }
  },
};
