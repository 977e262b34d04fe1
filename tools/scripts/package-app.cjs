#!/usr/bin/env node
// Zips a built app into a byte-for-byte reproducible Lambda artifact: entries sorted by path, a fixed
// timestamp and fixed permissions, so the same bundle always yields the same bytes and hash.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { zipSync } = require('fflate');

const FIXED_MTIME = new Date('1980-01-01T00:00:00Z');

function listFiles(directory, prefix = '') {
  return readdirSync(directory, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      const absolute = path.join(directory, entry.name);
      return entry.isDirectory() ? listFiles(absolute, relative) : [relative];
    });
}

function packageDirectory(sourceDir, zipFile) {
  if (!statSync(sourceDir).isDirectory()) throw new Error(`${sourceDir} is not a directory`);
  const entries = {};
  for (const file of listFiles(sourceDir)) {
    entries[file] = [
      readFileSync(path.join(sourceDir, file)),
      { mtime: FIXED_MTIME, level: 9, os: 3, attrs: 0o100644 << 16 },
    ];
  }
  const zip = zipSync(entries);
  mkdirSync(path.dirname(zipFile), { recursive: true });
  writeFileSync(zipFile, zip);
  return createHash('sha256').update(zip).digest('base64');
}

module.exports = { listFiles, packageDirectory };

if (require.main === module) {
  const [sourceDir, zipFile] = process.argv.slice(2);
  if (!sourceDir || !zipFile) {
    console.error('usage: package-app.mjs <built-app-dir> <artifact.zip>');
    process.exit(2);
  }
  const hash = packageDirectory(sourceDir, zipFile);
  console.log(`${zipFile} sha256(base64)=${hash}`);
}
