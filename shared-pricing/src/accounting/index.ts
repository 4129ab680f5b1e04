// Public API of this area; each module adds its exports here.
export * from './types';
export * from './zonedDateParts';
export * from './zonedTimeToUtc';
export * from './daysInMonth';
export * from './periodAt';
export * from './dayAt';
export * from './compareGrants';
export * from './usableGrants';
export * from './defaultGrantPriority';
export * from './topUpExpiresAt';
export * from './allocateDebits';
export * from './decideCharge';
export * from './rolloverPeriod';
export * from './helperChargesDue';
export * from './nextFailureCount';
export * from './checkMemberAllocations';
