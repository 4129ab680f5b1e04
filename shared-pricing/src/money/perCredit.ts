/** One credit in millicredits: every amount in n8n Credits is an integer number of millicredits. */
export const MILLICREDITS_PER_CREDIT = 1000;
