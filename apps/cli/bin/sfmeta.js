#!/usr/bin/env node
// The `sfmeta` command. It loads the CLI through the package's own exports: dist/ once built (`npm run
// build`), or the TypeScript sources under `node --conditions=development --import tsx`.
try {
  await import('@sfmeta/cli/main');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('/dist/')) throw error;
  process.stderr.write(`sfmeta: the CLI is not built, run \`npm run build\` first (${error.message})\n`);
  process.exitCode = 2;
}
