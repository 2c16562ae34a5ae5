// Writes src/components/icon.rs: the icons the app shows, from the Aksel icon set
// (@navikt/aksel-icons, MIT, the icons of Designsystemet's family; the version is in
// package.json), as path data compiled into the app: no request, no sprite, only the icons used.
// Each path goes through svgo with its numbers at a tenth of the 24-unit grid (under a tenth of a
// pixel at the sizes shown), which takes its bytes to a third.
//
// Usage: node .ci/icons.mjs [--check]   (after `npm ci`; the output is committed, and `make lint`
// checks it is what this script writes)
import { readFileSync, writeFileSync } from 'node:fs';
import { optimize } from 'svgo';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Our name → the Aksel icon's file name (dist/svg/<name>.svg).
const ICONS = {
  Inbox: 'Inbox',
  Drafts: 'DocPencil',
  Sent: 'FileCheckmark',
  Archive: 'Archive',
  Bin: 'Trash',
  Folder: 'Folder',
  Search: 'MagnifyingGlass',
  Profile: 'PersonCircle',
  Keyboard: 'KeyHorizontal',
  Menu: 'MenuHamburger',
  Close: 'XMark',
  LogOut: 'Leave',
  Plus: 'Plus',
  More: 'MenuElipsisHorizontal',
  Attachment: 'Paperclip',
  Deadline: 'Calendar',
  Unread: 'EnvelopeClosed',
  Seen: 'Eye',
  Status: 'InformationSquare',
  Sender: 'Buildings3',
  Service: 'MenuGrid',
  Next: 'ChevronRight',
  Back: 'ChevronLeft',
  Language: 'Language',
  Theme: 'Theme',
};

const require = createRequire(import.meta.url);
const pkg = require.resolve('@navikt/aksel-icons/package.json');
const version = JSON.parse(readFileSync(pkg, 'utf8')).version;
const dir = join(dirname(pkg), 'dist', 'svg');

const variants = Object.entries(ICONS).map(([name, file]) => {
  const source = readFileSync(join(dir, `${file}.svg`), 'utf8');
  const precision = { floatPrecision: 1 };
  const svg = optimize(source, { multipass: true, floatPrecision: 1, plugins: [{ name: 'preset-default', params: { overrides: { convertPathData: precision } } }] }).data;
  const paths = [...svg.matchAll(/<path\b([^>]*)\/>/g)];
  if (paths.length !== 1) throw new Error(`${file}: expected one path, found ${paths.length}`);
  const d = /\sd="([^"]+)"/.exec(paths[0][1])[1];
  return { name, file, d };
});

const out = `//! The icons the app shows: the Aksel icon set's (\`@navikt/aksel-icons\` ${version}, MIT), as
//! path data in the app. Written by \`.ci/icons.mjs\`, which names the icons used; do not edit.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
${variants.map((v) => `    /// Aksel's \`${v.file}\`.\n    ${v.name},`).join('\n')}
}

impl Icon {
    /// The path on a 24 × 24 grid, filled (even-odd) in the current text colour.
    pub fn path(self) -> &'static str {
        match self {
${variants.map((v) => `            Icon::${v.name} => "${v.d}",`).join('\n')}
        }
    }
}

/// An icon beside a word: decoration, hidden from assistive technology (the word says it).
pub fn icon(icon: Icon) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path fill-rule="evenodd" clip-rule="evenodd" fill="currentColor" d=icon.path() />
        </svg>
    }
}
`;
const target = 'src/components/icon.rs';
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== out) throw new Error(`${target} is not what .ci/icons.mjs writes: run it`);
  process.exit(0);
}
writeFileSync(target, out);
console.log(`src/components/icon.rs: ${variants.length} icons, ${variants.reduce((n, v) => n + v.d.length, 0)} bytes of path data`);
