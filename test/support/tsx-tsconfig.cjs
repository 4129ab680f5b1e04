// tsx compiles with the nearest tsconfig.json, which at the root is the community package's build
// config (nodes/ and credentials/ only). Tests, and the processes they start, use the whole
// repository's strict config instead.
process.env.TSX_TSCONFIG_PATH ??= require('node:path').join(__dirname, '../../tsconfig.check.json');
