// Public API of this area; each module adds its exports here.
export {};
