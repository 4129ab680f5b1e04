import type { LintRule } from '../types';

/** A node type no price-book rule matches is priced at the fallback class: the estimate is a guess. */
export const unpricedNodeType: LintRule = {
  meta: {
    id: 'unpriced-node-type',
    description: 'Node type with no rule in the price book (priced at the fallback class).',
    docs: 'docs/rules/unpriced-node-type.md',
    rationale: "The fallback class is a guess that may be far too high for a helper node or far too low for a node that calls a paid API.",
    fix: "Add a rule for the node type (exact or glob) to your price book, or turn the rule off if the fallback price is right.",
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
