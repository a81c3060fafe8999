// Turns a client's file name into a safe, unique base name inside one folder. Pure string work:
// a name from outside may hold separators, `..`, control characters or a Windows device name.

const windowsDeviceNames = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const maxNameLength = 120;

/** The last path segment (either separator), stripped to letters, digits, `._- ` and without leading dots. */
export function safeBaseName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  let name = last.normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/^[.\s_-]+/, '')
    .replace(/[.\s]+$/, '')
    .replace(/\s+/g, ' ');
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  if (stem === '' || windowsDeviceNames.test(stem)) { name = `card${dot > 0 ? name.slice(dot) : ''}`; }
  if (name.length > maxNameLength) {
    const extension = dot > 0 ? name.slice(dot).slice(0, 10) : '';
    name = name.slice(0, maxNameLength - extension.length) + extension;
  }
  return name;
}

export function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? { stem: name.slice(0, dot), extension: name.slice(dot) } : { stem: name, extension: '' };
}

/** `name`, or `stem-2.ext`, `stem-3.ext`… — case-insensitively unique among `taken`, which it updates. */
export function uniqueName(name: string, taken: Set<string>): string {
  const { stem, extension } = splitExtension(name);
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) { candidate = `${stem}-${n}${extension}`; }
  taken.add(candidate.toLowerCase());
  return candidate;
}
