// Writes the committed test fixtures in tests/fixtures/ with SheetJS, the same layout
// the end-to-end tests drop: `node scripts/make-fixtures.mjs`. Deterministic.
import { writeFileSync, mkdirSync } from 'node:fs';
import { bureauWorkbook } from '../tests/e2e/support/workbooks.mjs';

const out = new URL('../tests/fixtures/', import.meta.url);
mkdirSync(out, { recursive: true });
// No xlsb: calamine reads only column A of SheetJS-written xlsb (Excel's own xlsb files,
// in ../shared/corpus, read fine), so xlsb is covered by the corpus walk instead.
for (const bookType of ['xlsx', 'xls', 'ods']) {
  writeFileSync(new URL(`bureau-layout.${bookType}`, out), bureauWorkbook(bookType));
}
console.log('fixtures written to tests/fixtures/');
