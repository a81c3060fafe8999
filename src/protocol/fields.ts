// Field lists and templates: how each value is found on a card and checked.
import { z } from 'zod';

/** A field name doubles as a CSV column and a JSON key. */
export const FieldName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a letter or _, then letters, digits or _ (at most 64)')
  // JSON.parse keeps `__proto__` as a key but an object built from it does not (zod drops it): the value would
  // vanish from every card. Other Object.prototype names (`constructor`, `toString`…) are fine: code uses own keys.
  .refine(name => name !== '__proto__', '"__proto__" cannot be a field name');

/** A rectangle in relative card coordinates: 0..1 from the top-left corner. */
export const RelativeRect = z.object({
  left: z.number().min(0).max(1), top: z.number().min(0).max(1),
  width: z.number().gt(0).max(1), height: z.number().gt(0).max(1),
}).refine(r => r.left + r.width <= 1.0001 && r.top + r.height <= 1.0001, 'the rectangle must lie inside the card');
export type RelativeRect = z.infer<typeof RelativeRect>;

export const PreprocessOptions = z.object({
  /** Scale so the card is about this wide before OCR; 0 keeps the size. @default 0 */
  targetWidth: z.number().int().min(0).max(8000).optional(),
  /** Each step is opt-in (@default false): the raw image reads best unless a template's cards need a step. */
  greyscale: z.boolean().optional(),
  /** A contrast stretch (1 %–99 % percentiles); on a card with very little ink it stretches paper grain. @default false */
  normalise: z.boolean().optional(),
  cropBorder: z.boolean().optional(),
  flattenBackground: z.boolean().optional(),
  threshold: z.boolean().optional(),
  suppressRules: z.boolean().optional(),
  deskew: z.boolean().optional(),
  /** Keep only ink of this colour (a blue or red stamp), fading paper, typing and ruling: for a zone holding a stamp. */
  keepColour: z.enum(['blue', 'red']).optional(),
});
export type PreprocessOptions = z.infer<typeof PreprocessOptions>;

/** Tesseract page segmentation: `auto` (3) finds columns and blocks, `single-block` (6) reads one block of text. */
export const PageSegmentation = z.enum(['auto', 'single-block', 'single-line', 'single-word', 'sparse']);
export type PageSegmentation = z.infer<typeof PageSegmentation>;

/** How a zonal field is read: tesseract page segmentation, whitelist and language of its own crop. */
export const RegionReading = z.object({
  pageSegmentation: PageSegmentation.optional(),
  whitelist: z.string().min(1).optional(),
  language: z.string().regex(/^[a-z_]{3,16}(\+[a-z_]{3,16})*$/).optional(),
  /** This zone's own preprocessing instead of the card's (e.g. rule suppression for an id typed on a ruled line). */
  preprocess: PreprocessOptions.optional(),
  /** Lines whose mean word confidence (0..100) is under this are dropped: paper texture, ruling and blank
   *  space read as letters come out as whole lines of low-confidence fragments, typed lines do not. */
  minLineConfidence: z.number().min(0).max(100).optional(),
  /** Single words under this confidence (0..100) are dropped, e.g. a stray mark at the end of a typed line. */
  minWordConfidence: z.number().min(0).max(100).optional(),
  /** A zone whose kept words' mean confidence (0..100) is under this reads as blank: an empty box of textured
   *  paper comes out as many fragments of middling confidence, which no line floor removes without typed lines. */
  minMeanConfidence: z.number().min(0).max(100).optional(),
});
export type RegionReading = z.infer<typeof RegionReading>;

/** A zone's reading, and other readings of the same rectangle to try when it fails. */
export const RegionOcrOptions = RegionReading.extend({
  /** Tried in turn, each over the zone's own settings, while the value comes out empty or invalid (e.g. the
   *  same zone without background flattening); the first that does not is kept, else the first reading. */
  retry: z.array(RegionReading).max(4).optional(),
});
export type RegionOcrOptions = z.infer<typeof RegionOcrOptions>;

export const Normaliser = z.enum([
  'collapse-letter-spacing', 'join-hyphenation', 'trim-punctuation', 'nfc', 'title-case-caps', 'collapse-whitespace',
  /** Rebuild the value from its words' positions: lines joined by \n, paragraphs (a wider gap) by a blank line. */
  'keep-paragraphs',
  /** Rebuild the value from its words' positions, a tab (\t) where a wide gap parts two words or indents a line,
   *  so a `select` pattern can tell typed columns apart; the tabs become spaces after `select`. */
  'mark-columns',
  /** Tokens made only of marks (`|`, `{`, `_`, `=`, `;`…) at the start or end of each line are removed, and
   *  lines left empty go: ruling and dirt at a line's edges that OCR read as punctuation. */
  'trim-line-marks',
]);
export type Normaliser = z.infer<typeof Normaliser>;

export const FieldType = z.enum(['text', 'integer', 'year', 'date']);
export type FieldType = z.infer<typeof FieldType>;

export const FieldValidation = z.object({
  pattern: z.string().optional(),
  minYear: z.number().int().optional(),
  maxYear: z.number().int().optional(),
  required: z.boolean().optional(),
});
export type FieldValidation = z.infer<typeof FieldValidation>;

/** Where a value is found. `label`: the text after a label; `pattern`: a named group of a regex over the
 *  whole text; `region`: its own OCR of a rectangle; `lines`: a 1-based inclusive line range;
 *  `derived`: a value computed from other fields' text. */
/** A regular expression that compiles, so a bad template fails when loaded, not on card 3,000. */
const RegexSource = z.string().min(1).refine(source => {
  try { new RegExp(source, 'u'); return true; } catch { try { new RegExp(source); return true; } catch { return false; } }
}, 'not a valid regular expression');

export const FieldFinder = z.discriminatedUnion('by', [
  z.object({ by: z.literal('label'), label: z.string().min(1), aliases: z.array(z.string().min(1)).optional(),
    /** Stop the value at the end of the line (default) or take following lines until the next known label. */
    until: z.enum(['line-end', 'next-label']).optional() }),
  z.object({ by: z.literal('pattern'), pattern: RegexSource, group: z.string().optional(), flags: z.string().regex(/^[imsu]*$/).optional() }),
  z.object({ by: z.literal('region'), region: RelativeRect, ocr: RegionOcrOptions.optional() }),
  z.object({ by: z.literal('lines'), from: z.number().int().min(1), to: z.number().int().min(1).optional() }),
  z.object({ by: z.literal('derived'), from: FieldName, pattern: RegexSource, value: z.string(), otherwise: z.string().optional() }),
  /** A trained model's labels over the page's words (issue 11); `model` names it, else the template's. With
   *  `region`, the model labels the words of that zone, read on its own with `ocr`; learned fields with the same
   *  region and `ocr` share one reading. Its `retry` readings are read and kept too: where the model's value from
   *  the first reading has none of the shapes the checked values had (see value-shapes), or is empty though nearly
   *  every checked card had one, the first retry reading whose values pass is taken (learned, not a rule).
   *  Without `region`, `ocr.retry` lists other readings of the whole card (each a zone's reading of the full card,
   *  e.g. `{ "pageSegmentation": "single-block" }` or `{ "pageSegmentation": "auto", "language": "deu_best+eng_best" }`):
   *  every one is read and kept, each labelled by its own model, and each page field takes the value the model is
   *  surest of over the readings (OCR errors differ between readings; the model's marginals say which read a field). */
  z.object({ by: z.literal('learned'), model: z.string().min(1).optional(), region: RelativeRect.optional(), ocr: RegionOcrOptions.optional() }),
  /** The card's kind as a column: `data`, `reference` (a "see" card) or `blank`, or the template's own word for each. */
  z.object({ by: z.literal('kind'), values: z.object({ data: z.string().optional(), reference: z.string().optional(), blank: z.string().optional() }).optional() }),
]);
export type FieldFinder = z.infer<typeof FieldFinder>;

/** Keeps part of a found value: the pattern's match, or `value` with `$<name>` replaced by named groups
 *  (groups that did not take part are empty). No match: the empty string. Runs before the normalisers. */
export const FieldSelect = z.object({
  pattern: RegexSource,
  flags: z.string().regex(/^[imsu]*$/).optional(),
  value: z.string().optional(),
});
export type FieldSelect = z.infer<typeof FieldSelect>;

/** A known misreading put right, e.g. `6B` → `GB` inside an id; `with` may use `$<name>` and `$1`. Runs after `select`. */
export const FieldReplace = z.object({
  pattern: RegexSource,
  with: z.string(),
  flags: z.string().regex(/^[imsu]*$/).optional(),
});
export type FieldReplace = z.infer<typeof FieldReplace>;

export const FieldSpec = z.object({
  name: FieldName,
  find: FieldFinder,
  select: FieldSelect.optional(),
  replace: z.array(FieldReplace).optional(),
  type: FieldType.optional(),
  normalise: z.array(Normaliser).optional(),
  validate: FieldValidation.optional(),
  /** Values below this mean word confidence (0..100) are flagged `low-confidence`. @default 60 */
  minConfidence: z.number().min(0).max(100).optional(),
});
export type FieldSpec = z.infer<typeof FieldSpec>;


export const TemplateId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and -');

/** A named, versioned description of one kind of card. Stored as JSON, shared between users. */
export const Template = z.object({
  id: TemplateId,
  name: z.string().min(1),
  version: z.number().int().min(1),
  description: z.string().optional(),
  language: z.string().regex(/^[a-z_]{3,16}(\+[a-z_]{3,16})*$/, 'tesseract language codes joined by +, e.g. deu+eng').optional(),
  /** How the whole card is read (its page text, which label, pattern and lines fields search). @default auto */
  pageSegmentation: PageSegmentation.optional(),
  preprocess: PreprocessOptions.optional(),
  /** The model file of the template's learned fields, relative to the template file. */
  model: z.string().min(1).optional(),
  fields: z.array(FieldSpec),
}).refine(t => new Set(t.fields.map(f => f.name)).size === t.fields.length, { message: 'field names must be unique', path: ['fields'] });
export type Template = z.infer<typeof Template>;
