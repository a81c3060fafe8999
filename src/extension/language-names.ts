// Tesseract language codes as people read them: "German (deu)", "Deutsch (deu)" in a German UI. Pure (no vscode),
// so unit tests cover it; the caller passes the UI language and a translator for tesseract's own codes.

/** Tesseract codes that are no ISO 639 language (scripts, old type faces, variants), in English. */
export const tesseractSpecials: Record<string, string> = {
  frk: 'German Fraktur',
  deu_frak: 'German (Fraktur)',
  deu_latf: 'German (Fraktur)',
  chi_sim: 'Chinese (Simplified)',
  chi_tra: 'Chinese (Traditional)',
  osd: 'Orientation and script detection',
  equ: 'Mathematical equations',
};

/** The language's name in `uiLanguage` (`en`, `de`, `de-CH`), else the code itself. */
export function languageName(code: string, uiLanguage: string, translate: (english: string) => string = english => english): string {
  const vertical = code.endsWith('_vert');
  const base = vertical ? code.slice(0, -'_vert'.length) : code;
  const special = tesseractSpecials[base];
  let name = special ? translate(special) : undefined;
  if (!name && /^[a-z]{2,3}$/.test(base)) {
    try {
      name = new Intl.DisplayNames([uiLanguage, 'en'], { type: 'language', fallback: 'none' }).of(base);
    } catch {
      // A code Intl does not know as a language subtag: show the code alone.
    }
  }
  return name ? `${name}${vertical ? ` (${translate('vertical')})` : ''}` : code;
}

/** `German (deu)`; a code without a known name stays as it is. */
export function languageLabel(code: string, uiLanguage: string, translate?: (english: string) => string): string {
  const name = languageName(code, uiLanguage, translate);
  return name === code ? code : `${name} (${code})`;
}

/** `deu+eng` → `['deu', 'eng']`; empty parts dropped. */
export function splitLanguages(spec: string): string[] {
  return spec.split('+').map(code => code.trim()).filter(Boolean);
}
