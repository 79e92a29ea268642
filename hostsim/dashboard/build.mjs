// Copies the browser bundles out of node_modules into vendor/, so the page never loads from the internet.
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, 'vendor');
mkdirSync(vendor, { recursive: true });
const files = [
  ['node_modules/mqtt/dist/mqtt.min.js', 'mqtt.min.js'],
  ['node_modules/uplot/dist/uPlot.iife.min.js', 'uPlot.iife.min.js'],
  ['node_modules/uplot/dist/uPlot.min.css', 'uPlot.min.css'],
];
for (const [from, to] of files) {
  const source = join(here, from);
  if (!existsSync(source)) {
    console.error(`missing ${from}: run npm install in ${here}`);
    process.exit(1);
  }
  copyFileSync(source, join(vendor, to));
}
console.log(`dashboard bundles copied to ${vendor}`);
