// Validates an AsyncAPI document with the AsyncAPI parser: prints each diagnostic, exits 1 on any error.
import { readFileSync } from 'node:fs';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const parser = new Parser();
const { document, diagnostics } = await parser.parse(readFileSync(process.argv[2], 'utf8'));
const errors = diagnostics.filter(d => d.severity === DiagnosticSeverity.Error);
for (const d of diagnostics) {
  console.log(`${DiagnosticSeverity[d.severity]} ${d.code} ${d.path.join('.')}: ${d.message}`);
}
if (!document || errors.length > 0) {
  process.exit(1);
}
console.log(`valid AsyncAPI ${document.version()}: ${document.channels().length} channels`);
