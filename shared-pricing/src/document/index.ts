/** The parsed workflow document: one reading of a workflow text, shared by estimate, lint and the editor. */
export * from './types';
export * from './lineIndex';
export * from './parseWorkflowDocument';
