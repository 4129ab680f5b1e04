// Public API of this area; each module adds its exports here.
export * from './types';
export * from './analyzeWorkflow';
export * from './isStickyNote';
export * from './parseCreditsConfig';
export * from './defaultAssumptions';
export * from './cronRunsPerMonth';
export * from './scheduleRunsPerMonth';
export * from './cronTimesRunsPerMonth';
export * from './parseNoteAssumptions';
